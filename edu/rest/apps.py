from django.apps import AppConfig


class RestConfig(AppConfig):
    name = "edu.rest"
    label = "rest"
    verbose_name = "HEMIS-compatible REST API"

    def ready(self) -> None:
        from edu.core.navigation import register
        from edu.rest import navigation, services

        register(cabinet=navigation.cabinet)
        if services.student_by_id_number not in services.LOGIN_LOOKUPS:
            services.LOGIN_LOOKUPS.append(services.student_by_id_number)
