from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DataApiToken(models.Model):
    """A static token for the university data API (H2.2): issued by the super administrator, bound to one
    institution (data never leaves it through another institution's token), revocable. Only a hash is kept."""

    institution = models.ForeignKey("org.Institution", on_delete=models.CASCADE, related_name="data_api_tokens")
    name = models.CharField(_("system name"), max_length=255)
    key_hash = models.CharField(max_length=64, unique=True)
    key_prefix = models.CharField(max_length=8)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("data API token")
        verbose_name_plural = _("data API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.key_prefix}…)"


class RefreshToken(models.Model):
    """The student API's refresh token (`auth/refresh-token`); exchanged once, then replaced."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"refresh {self.user_id}"
