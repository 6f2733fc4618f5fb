from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "edu.core"
    label = "core"

    def ready(self) -> None:
        from django.conf.locale import LANG_INFO

        # Django knows Uzbek only in Latin script; teach it the Cyrillic variant we ship.
        LANG_INFO.setdefault(
            "uz-cyrl",
            {"bidi": False, "code": "uz-cyrl", "name": "Uzbek (Cyrillic)", "name_local": "Ўзбекча"},
        )
