from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SsoClient(models.Model):
    """Another system of the institution that signs its users in through this platform (OAuth2 / OpenID Connect).

    The OAuth2 application itself (client id, hashed secret, redirect URIs) is django-oauth-toolkit's model.
    """

    application = models.OneToOneField(
        settings.OAUTH2_PROVIDER_APPLICATION_MODEL, on_delete=models.CASCADE, related_name="sso_client"
    )
    institution = models.ForeignKey("org.Institution", on_delete=models.CASCADE, related_name="sso_clients")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("single sign-on client")
        verbose_name_plural = _("single sign-on clients")

    def __str__(self) -> str:
        return self.application.name


class SsoIdentity(models.Model):
    """A stable, non-guessable id of a person for other systems (the `uuid` of the user-info answer)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sso_identity")
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    def __str__(self) -> str:
        return str(self.uuid)
