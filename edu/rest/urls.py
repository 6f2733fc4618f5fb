"""/rest/v1/… — the HEMIS-compatible API (student API, data API, public statistics) and its Swagger UI."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from edu.rest import api_auth, data_api, public_api, schema, views
from edu.rest import student_api as s

v1 = [
    path("auth/login", api_auth.AuthLoginApi.as_view(), name="rest-login"),
    path("auth/refresh-token", api_auth.AuthRefreshApi.as_view(), name="rest-refresh"),
    # Student API
    path("account/me", s.AccountMeApi.as_view(), name="rest-me"),
    path("account/image", s.AccountImageApi.as_view(), name="rest-image"),
    path("account/update", s.AccountUpdateApi.as_view(), name="rest-account-update"),
    path("education/semesters", s.SemestersApi.as_view(), name="rest-semesters"),
    path("education/schedule", s.ScheduleApi.as_view(), name="rest-schedule"),
    path("education/subjects", s.SubjectsApi.as_view(), name="rest-subjects"),
    path("education/subject-list", s.SubjectListApi.as_view(), name="rest-subject-list"),
    path("education/subject", s.SubjectApi.as_view(), name="rest-subject"),
    path("education/performance", s.PerformanceApi.as_view(), name="rest-performance"),
    path("education/attendance", s.AttendanceApi.as_view(), name="rest-attendance"),
    path("education/exam-table", s.ExamTableApi.as_view(), name="rest-exam-table"),
    path("education/gpa-list", s.GpaListApi.as_view(), name="rest-gpa-list"),
    path("education/resources", s.ResourcesApi.as_view(), name="rest-resources"),
    path("education/resource-download", s.ResourceDownloadApi.as_view(), name="rest-resource-download"),
    path("education/task-list", s.TaskListApi.as_view(), name="rest-task-list"),
    path("education/task-detail", s.TaskDetailApi.as_view(), name="rest-task-detail"),
    path("education/task-upload", s.TaskUploadApi.as_view(), name="rest-task-upload"),
    path("student/contract-list", s.ContractListApi.as_view(), name="rest-contract-list"),
    path("student/decree", s.DecreeApi.as_view(), name="rest-decree"),
    path("student/document-all", s.DocumentAllApi.as_view(), name="rest-document-all"),
    path("student/reference", s.ReferenceApi.as_view(), name="rest-reference"),
    path("student/reference-generate", s.ReferenceGenerateApi.as_view(), name="rest-reference-generate"),
    path("student/reference-download", s.ReferenceDownloadApi.as_view(), name="rest-reference-download"),
    # University data API
    path("data/student-list", data_api.StudentListApi.as_view(), name="rest-data-students"),
    path("data/student-info", data_api.StudentInfoApi.as_view(), name="rest-data-student"),
    path("data/employee-list", data_api.EmployeeListApi.as_view(), name="rest-data-employees"),
    path("data/department-list", data_api.DepartmentListApi.as_view(), name="rest-data-departments"),
    path("data/group-list", data_api.GroupListApi.as_view(), name="rest-data-groups"),
    path("data/curriculum-list", data_api.CurriculumListApi.as_view(), name="rest-data-curricula"),
    path(
        "data/curriculum-subject-list",
        data_api.CurriculumSubjectListApi.as_view(),
        name="rest-data-curriculum-subjects",
    ),
    path("data/schedule-list", data_api.ScheduleListApi.as_view(), name="rest-data-schedule"),
    path("data/exam-list", data_api.ExamListApi.as_view(), name="rest-data-exam-list"),
    path("data/attendance-list", data_api.AttendanceListApi.as_view(), name="rest-data-attendance"),
    path("data/classifier-list", data_api.ClassifierListApi.as_view(), name="rest-data-classifiers"),
    # Public statistics
    path("public/stat-student", public_api.StatStudentApi.as_view(), name="rest-stat-student"),
    path("public/stat-employee", public_api.StatEmployeeApi.as_view(), name="rest-stat-employee"),
    path("public/stat-structure", public_api.StatStructureApi.as_view(), name="rest-stat-structure"),
    path("public/university-profile", public_api.UniversityProfileApi.as_view(), name="rest-university-profile"),
    # Anything else under /rest/v1/ is a 404 in the envelope, not an HTML page.
    re_path(r"^.*$", public_api.UnknownApi.as_view(), name="rest-unknown"),
]

urlpatterns = [
    path("v1/", include(v1)),
    path(
        "schema/",
        SpectacularAPIView.as_view(urlconf="edu.rest.schema_urls", custom_settings=schema.SETTINGS),
        name="rest-schema",
    ),
    path("docs", SpectacularSwaggerView.as_view(url_name="rest-schema"), name="rest-docs"),
]

pages = (
    [
        path("tokens/", views.tokens, name="tokens"),
        path("tokens/<int:token_id>/revoke/", views.token_revoke, name="token_revoke"),
    ],
    "rest_pages",
)
