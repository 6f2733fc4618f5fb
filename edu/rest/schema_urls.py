"""Only the /rest/v1 routes, for the REST API's own OpenAPI document."""

from django.urls import include, path

from edu.rest.urls import v1

urlpatterns = [path("rest/v1/", include(v1))]
