from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "edu.assessment"
    label = "assessment"
    verbose_name = "Assessment"

    def ready(self) -> None:
        from edu.assessment import navigation
        from edu.core.navigation import register

        register(cabinet=navigation.cabinet, nav=navigation.nav)
