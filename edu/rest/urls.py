"""/rest/v1/… — the HEMIS-compatible API (student API, data API, public statistics) and its Swagger UI."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from edu.rest import api_auth, views

v1 = [
    path("auth/login", api_auth.AuthLoginApi.as_view(), name="rest-login"),
    path("auth/refresh-token", api_auth.AuthRefreshApi.as_view(), name="rest-refresh"),
]

urlpatterns = [
    path("v1/", include(v1)),
    path("schema/", SpectacularAPIView.as_view(urlconf="edu.rest.schema_urls"), name="rest-schema"),
    path("docs", SpectacularSwaggerView.as_view(url_name="rest-schema"), name="rest-docs"),
]

pages = (
    [
        path("tokens/", views.tokens, name="tokens"),
        path("tokens/<int:token_id>/revoke/", views.token_revoke, name="token_revoke"),
    ],
    "rest_pages",
)
