from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "edu.org"
    label = "org"
    verbose_name = "Organisation"
