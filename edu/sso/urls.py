from django.urls import path
from oauth2_provider import views as oauth

from edu.sso import views

# The paths HEMIS clients use (univer.hemis.uz/oauth/…), plus OpenID Connect discovery.
oauth_patterns = [
    path("authorize", oauth.AuthorizationView.as_view(), name="authorize"),
    path("access-token", oauth.TokenView.as_view(), name="token"),
    path("revoke-token", oauth.RevokeTokenView.as_view(), name="revoke-token"),
    path("api/user", views.api_user, name="api_user"),
    path("api/picture", views.api_picture, name="picture"),
    path(
        ".well-known/openid-configuration", oauth.ConnectDiscoveryInfoView.as_view(), name="oidc-connect-discovery-info"
    ),
    path(".well-known/jwks.json", oauth.JwksInfoView.as_view(), name="jwks-info"),
    path("userinfo", oauth.UserInfoView.as_view(), name="user-info"),
]

# Included as namespace "oauth2_provider": django-oauth-toolkit's views reverse their URLs by those names.
oauth_urls = (oauth_patterns, "oauth2_provider")

urlpatterns = [
    path("clients/", views.client_list, name="clients"),
    path("clients/<int:client_id>/delete/", views.client_delete, name="client_delete"),
]
pages_urls = (urlpatterns, "sso")
