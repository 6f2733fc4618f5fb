from django.apps import AppConfig


class PaperConfig(AppConfig):
    name = "edu.paper"
    label = "paper"
    verbose_name = "Paper exams"

    def ready(self) -> None:
        from edu.core.navigation import register
        from edu.paper import navigation

        register(cabinet=navigation.cabinet, nav=navigation.nav)
