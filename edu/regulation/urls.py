from django.urls import path

from edu.regulation import views

app_name = "regulation"

urlpatterns = [
    path("deadlines/", views.deadlines, name="deadlines"),
    path("deadlines/<int:period_id>/delete/", views.deadline_period_delete, name="deadline_period_delete"),
    path("late-entry/", views.late_entry_list, name="late_entry_list"),
    path("late-entry/<int:request_id>/", views.late_entry_detail, name="late_entry"),
    path("late-entry/<int:request_id>/<str:which>/", views.late_entry_file, name="late_entry_file"),
    path("approvals/", views.approvals, name="approvals"),
    path("approvals/<int:approval_id>/decide/", views.approval_decide, name="approval_decide"),
    path("maker-checker/", views.maker_checker, name="maker_checker"),
]
