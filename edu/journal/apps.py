from django.apps import AppConfig


class JournalConfig(AppConfig):
    name = "edu.journal"
    label = "journal"
    verbose_name = "Journal"
