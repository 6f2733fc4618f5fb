from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from edu.core import views as core_views
from edu.learning.views import learner as learning_views
from edu.rest import urls as rest_urls
from edu.sso import urls as sso_urls
from edu.university.views.cabinet import verify_document

core_patterns = (
    [
        path("", core_views.home, name="home"),
        path("i18n/setlang/", core_views.set_language, name="set_language"),
    ],
    "core",
)

urlpatterns = [
    path("", include(core_patterns)),
    path("favicon.ico", core_views.favicon),
    path("healthz", core_views.healthz, name="healthz"),
    path("i18n/js/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("accounts/", include("edu.accounts.urls")),
    path("org/", include("edu.org.urls")),
    path("journal/", include("edu.journal.urls")),
    path("api/", include("config.api_urls")),
    path("", include("edu.assessment.urls")),
    path("rest/", include("edu.rest.urls")),
    path("rest-admin/", include(rest_urls.pages)),
    path("oauth/", include(sso_urls.oauth_urls)),
    path("sso/", include(sso_urls.pages_urls)),
    path("learning/", include("edu.learning.urls")),
    path("verify/<str:code>", learning_views.verify, name="verify"),
    path("regulation/", include("edu.regulation.urls")),
    path("university/", include("edu.university.urls")),
    path("paper/", include("edu.paper.urls")),
    path("documents/verify/<str:token>/", verify_document, name="verify_document"),
    path("admin/", admin.site.urls),
]
