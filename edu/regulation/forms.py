from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from edu.regulation.models import Anchor, DataKind


def date_field(label: Any) -> forms.DateField:
    return forms.DateField(label=label, widget=forms.DateInput(attrs={"type": "date"}), input_formats=["%Y-%m-%d"])


class DeadlineRuleForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of data"), choices=DataKind.choices)
    anchor = forms.ChoiceField(label=_("Counted from"), choices=Anchor.choices)
    offset_days = forms.IntegerField(label=_("Days allowed"), min_value=0, max_value=365)
    working_days = forms.BooleanField(label=_("Working days"), required=False, initial=True)
    active = forms.BooleanField(label=_("Active"), required=False, initial=True)


class DeadlinePeriodForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of data"), choices=DataKind.choices)
    title = forms.CharField(
        label=_("Title"), max_length=255, required=False, help_text=_("E.g. Grades of the autumn semester")
    )
    period_start = date_field(_("Data from"))
    period_end = date_field(_("Data to"))
    due_at = forms.DateTimeField(
        label=_("Entry closes at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M"],
    )


class LateEntryForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of data"), choices=DataKind.choices)
    period_start = date_field(_("Data from"))
    period_end = date_field(_("Data to"))
    reason = forms.CharField(
        label=_("Why were the data not entered in time?"), widget=forms.Textarea(attrs={"rows": 4})
    )
    justification = forms.FileField(label=_("Justification document"), help_text=_("PDF or a scan, up to 10 MB."))
    explanation_letter = forms.FileField(
        label=_("Explanation letter"), help_text=_("From the responsible employee and the head.")
    )


class DecisionForm(forms.Form):
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
