from django.apps import AppConfig


class UniversityConfig(AppConfig):
    name = "edu.university"
    label = "university"
    verbose_name = "University (HEMIS)"

    def ready(self) -> None:
        from edu.university.services import approvals

        approvals.register_handlers()

        from edu.core.navigation import register
        from edu.university.navigation import university_nav, university_sections

        register(cabinet=university_sections, nav=university_nav)
