from django.apps import AppConfig


class SmsConfig(AppConfig):
    name = "edu.sms"
    label = "sms"
    verbose_name = "SMS"
