from django.apps import AppConfig


class RegulationConfig(AppConfig):
    name = "edu.regulation"
    label = "regulation"
    verbose_name = "Regulation"
