from django.apps import AppConfig


class SsoConfig(AppConfig):
    name = "edu.sso"
    label = "sso"
    verbose_name = "Single sign-on"

    def ready(self) -> None:
        from edu.core.navigation import register
        from edu.sso import navigation, userinfo
        from edu.sso.university import university_fields

        register(cabinet=navigation.cabinet)
        if university_fields not in userinfo.PROVIDERS:
            userinfo.PROVIDERS.append(university_fields)
