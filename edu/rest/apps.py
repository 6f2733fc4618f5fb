from django.apps import AppConfig


class RestConfig(AppConfig):
    name = "edu.rest"
    label = "rest"
    verbose_name = "HEMIS-compatible REST API"

    def ready(self) -> None:
        from edu.core.navigation import register
        from edu.rest import navigation

        register(cabinet=navigation.cabinet)
