"""HEMIS classifiers (reference lists): national codes seeded from HEMIS, local additions per institution."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Classifier(models.Model):
    """One HEMIS reference list, e.g. `h_education_form`."""

    code = models.CharField(_("code"), max_length=64, unique=True)
    name_uz = models.CharField(_("name (Uzbek)"), max_length=255, blank=True)
    name_oz = models.CharField(_("name (Uzbek Cyrillic)"), max_length=255, blank=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=255, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("classifier")
        verbose_name_plural = _("classifiers")

    def __str__(self) -> str:
        return self.code


class ClassifierOption(models.Model):
    """A code in a classifier with its names in four languages. `institution` is empty for the national
    HEMIS codes (read-only for a university) and set for the institution's own additions."""

    classifier = models.ForeignKey(
        Classifier, on_delete=models.CASCADE, related_name="options", verbose_name=_("classifier")
    )
    institution = models.ForeignKey(
        "org.Institution", on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("institution")
    )
    code = models.CharField(_("code"), max_length=16)
    name_uz = models.CharField(_("name (Uzbek)"), max_length=500)
    name_oz = models.CharField(_("name (Uzbek Cyrillic)"), max_length=500, blank=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=500, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=500, blank=True)
    parent_code = models.CharField(_("parent code"), max_length=16, blank=True)
    active = models.BooleanField(_("active"), default=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["classifier_id", "position", "code"]
        verbose_name = _("classifier option")
        verbose_name_plural = _("classifier options")
        constraints = [
            models.UniqueConstraint(
                fields=["classifier", "code"], condition=Q(institution__isnull=True), name="classifier_national_code"
            ),
            models.UniqueConstraint(
                fields=["classifier", "institution", "code"],
                condition=Q(institution__isnull=False),
                name="classifier_local_code",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name_uz}"


class ClassifierField(models.CharField):
    """A HEMIS classifier code (`_education_form` etc.). The value must exist in the named classifier."""

    def __init__(self, *args: Any, classifier: str, **kwargs: Any) -> None:
        self.classifier = classifier
        kwargs.setdefault("max_length", 16)
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        kwargs["classifier"] = self.classifier
        if kwargs.get("max_length") == 16:
            kwargs.pop("max_length")
        return name, path, args, kwargs

    def validate(self, value: Any, model_instance: Any) -> None:
        super().validate(value, model_instance)
        if value in self.empty_values:
            return
        from edu.university.classifiers import classifier_codes

        institution_id = getattr(model_instance, "institution_id", None)
        if str(value) not in classifier_codes(self.classifier, institution_id):
            raise ValidationError(
                _("%(value)s is not a code of the list %(list)s."),
                code="invalid_choice",
                params={"value": value, "list": self.classifier},
            )

    def formfield(self, **kwargs: Any) -> Any:
        from django import forms

        from edu.university.classifiers import classifier_choices

        classifier = self.classifier
        return forms.ChoiceField(
            label=self.verbose_name,
            required=not self.blank,
            choices=lambda: [("", "—"), *classifier_choices(classifier)],
        )
