from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "edu.learning"
    label = "learning"
    verbose_name = "Learning"

    def ready(self) -> None:
        from edu.assessment.services.attempts import SUBMIT_HANDLERS
        from edu.core.navigation import register
        from edu.learning import navigation
        from edu.learning.services.plans import attempt_submitted

        register(
            cabinet=navigation.cabinet,
            nav=navigation.nav,
            landing=navigation.landing,
            profile=navigation.profile_panels,
        )
        if attempt_submitted not in SUBMIT_HANDLERS:
            SUBMIT_HANDLERS.append(attempt_submitted)
        from edu.assessment.navigation import RESULT_PANELS

        if navigation.result_panel not in RESULT_PANELS:
            RESULT_PANELS.append(navigation.result_panel)
