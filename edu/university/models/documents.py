"""Documents a student downloads (reference from the place of study, transcript) and an Excel import's batch."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from edu.university.models.people import Student


class DocumentKind(models.TextChoices):
    REFERENCE = "reference", _("Reference from the place of study")
    TRANSCRIPT = "transcript", _("Transcript")


class IssuedDocument(models.Model):
    """A PDF issued to a student; its QR code opens the public verification page with the same data."""

    institution = models.ForeignKey("org.Institution", on_delete=models.PROTECT, verbose_name=_("institution"))
    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="documents", verbose_name=_("student"))
    kind = models.CharField(_("document"), max_length=16, choices=DocumentKind.choices)
    token = models.UUIDField(_("verification code"), default=uuid.uuid4, unique=True, editable=False)
    number = models.CharField(_("number"), max_length=32)
    data = models.JSONField(_("contents"), default=dict)
    issued_at = models.DateTimeField(_("issued"), auto_now_add=True)

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("issued document")
        verbose_name_plural = _("issued documents")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} № {self.number}"


class ImportKind(models.TextChoices):
    STAFF = "staff", _("Staff")
    STUDENTS = "students", _("Students")
    GROUPS = "groups", _("Groups")
    CURRICULA = "curricula", _("Curriculum subjects")


class ImportStatus(models.TextChoices):
    PREVIEW = "preview", _("Checked, not imported")
    DONE = "done", _("Imported")


def import_upload_to(instance: ImportBatch, filename: str) -> str:
    return f"imports/{instance.institution_id}/{uuid.uuid4().hex}.xlsx"


class ImportBatch(models.Model):
    """An uploaded Excel file: checked row by row first (preview), then imported all or nothing."""

    institution = models.ForeignKey("org.Institution", on_delete=models.CASCADE, verbose_name=_("institution"))
    kind = models.CharField(_("what"), max_length=16, choices=ImportKind.choices)
    file = models.FileField(_("file"), upload_to=import_upload_to)
    status = models.CharField(_("status"), max_length=16, choices=ImportStatus.choices, default=ImportStatus.PREVIEW)
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    preview = models.JSONField(_("preview"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("uploaded by")
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    imported_at = models.DateTimeField(_("imported"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.created_at:%Y-%m-%d %H:%M}"
