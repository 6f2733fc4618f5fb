from __future__ import annotations

from django import forms
from django.forms.renderers import TemplatesSetting

from edu.core.errors import ApplicationError


def add_service_error(form: forms.BaseForm, exc: ApplicationError) -> None:
    """Show a service's refusal next to the field it concerns (or above the form)."""
    field = exc.field if exc.field in form.fields else None
    form.add_error(field, str(exc.message))


class EduFormRenderer(TemplatesSetting):
    """Every form renders through one pair of templates: label, input, help and errors together."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
