from django.apps import AppConfig


class PaperConfig(AppConfig):
    name = "edu.paper"
    label = "paper"
    verbose_name = "Paper exams"
