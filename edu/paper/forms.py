from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from edu.paper.omr.layout import LAYOUTS


class ExamForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    layout = forms.ChoiceField(
        label=_("Answer sheet"),
        choices=[
            (k, _("%(n)d questions × %(c)d answers") % {"n": v.questions, "c": v.choices}) for k, v in LAYOUTS.items()
        ],
    )


class CandidatesForm(forms.Form):
    text = forms.CharField(
        label=_("Candidates"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One per line: the 7-digit ID, a semicolon, the full name."),
    )


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Scans (ZIP, PDF, TIFF, PNG or JPEG)"))


class ViolationForm(forms.Form):
    text = forms.CharField(label=_("Violation act"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class DecisionForm(forms.Form):
    decision = forms.CharField(label=_("Decision"), max_length=16)
