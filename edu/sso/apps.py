from django.apps import AppConfig


class SsoConfig(AppConfig):
    name = "edu.sso"
    label = "sso"
    verbose_name = "Single sign-on"

    def ready(self) -> None:
        from edu.core.navigation import register
        from edu.sso import navigation

        register(cabinet=navigation.cabinet)
