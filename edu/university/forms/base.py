from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from edu.university.classifiers import classifier_choices

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_INPUT = ["%Y-%m-%d", "%d.%m.%Y"]
DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def date_field(label: Any, required: bool = True, **kwargs: Any) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DATE_WIDGET, input_formats=DATE_INPUT, **kwargs)


def datetime_field(label: Any, required: bool = True) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label, required=required, widget=DATETIME_WIDGET, input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
    )


class ClassifierChoiceField(forms.ChoiceField):
    """A HEMIS classifier as a select, names in the user's language."""

    def __init__(
        self,
        classifier: str,
        *,
        institution_id: int | None = None,
        codes: list[str] | None = None,
        blank: bool = False,
        **kwargs: Any,
    ) -> None:
        self.classifier = classifier
        self.codes = codes
        self.blank = blank
        # Choices are filled when a form is made (InstitutionForm), in the user's language.
        super().__init__(choices=[], **kwargs)

    def set_institution(self, institution_id: int | None) -> None:
        choices = classifier_choices(self.classifier, institution_id, codes=self.codes)
        self.choices = ([("", "—")] if self.blank or not self.required else []) + choices


class InstitutionForm(forms.Form):
    """A form whose classifier selects include the institution's own codes."""

    def __init__(self, *args: Any, institution_id: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.institution_id = institution_id
        for field in self.fields.values():
            if isinstance(field, ClassifierChoiceField):
                field.set_institution(institution_id)


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
