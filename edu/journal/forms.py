from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from edu.journal.models import JournalAction


class ContentTypeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: ContentType) -> str:
        model = obj.model_class()
        return str(model._meta.verbose_name).capitalize() if model else obj.model


class JournalFilterForm(forms.Form):
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}), input_formats=["%Y-%m-%d"]
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}), input_formats=["%Y-%m-%d"]
    )
    who = forms.CharField(label=_("Who"), required=False, help_text=_("Name or phone"))
    action = forms.ChoiceField(label=_("Action"), choices=[("", _("Any")), *JournalAction.choices], required=False)
    content_type = ContentTypeChoiceField(
        label=_("Object type"), queryset=ContentType.objects.none(), required=False, empty_label=_("Any")
    )
    object_id = forms.CharField(label=_("Object id"), required=False, max_length=64)
    q = forms.CharField(label=_("Object or IP"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["content_type"].queryset = ContentType.objects.exclude(  # type: ignore[attr-defined]
            app_label__in=["admin", "sessions", "contenttypes", "auth"]
        ).order_by("app_label", "model")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("The end date is before the start date."))
        return data
