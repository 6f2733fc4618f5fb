from django.urls import path

from edu.org import views

app_name = "org"

urlpatterns = [
    path("", views.structure, name="structure"),
    path("faculties/<int:faculty_id>/", views.faculty_detail, name="faculty"),
    path("departments/<int:department_id>/", views.department_detail, name="department"),
    path("roles/", views.roles, name="roles"),
    path("roles/<int:assignment_id>/revoke/", views.role_revoke, name="role_revoke"),
    path("roles/switch/", views.role_switch, name="role_switch"),
]
