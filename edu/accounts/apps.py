from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "edu.accounts"
    label = "accounts"
    verbose_name = "Accounts"
