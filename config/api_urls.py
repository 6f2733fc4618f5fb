"""The platform's own JSON API, version 1, and its OpenAPI document."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from edu.accounts.api import TokenCreateApi
from edu.accounts.tokens import token_schema_extension

token_schema_extension()

urlpatterns = [
    path("v1/auth/token", TokenCreateApi.as_view(), name="api-token"),
    path("v1/", include("edu.assessment.api_urls")),
    path("v1/", include("edu.learning.api_urls")),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
]
