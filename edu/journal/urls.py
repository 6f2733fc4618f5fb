from django.urls import path

from edu.journal import views

app_name = "journal"

urlpatterns = [
    path("", views.journal_list, name="list"),
    path("export.xlsx", views.journal_export, name="export"),
    path("<int:entry_id>/", views.journal_detail, name="detail"),
]
