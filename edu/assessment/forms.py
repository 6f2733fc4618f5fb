from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from edu.assessment.models import Blueprint, Question, QuestionKind, QuestionPool
from edu.core.validators import normalize_phone

MAX_CHOICES = 6
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M"]


class PoolForm(forms.ModelForm):
    class Meta:
        model = QuestionPool
        fields = ["name", "code", "description", "department"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, departments: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments  # type: ignore[attr-defined]


class QuestionForm(forms.ModelForm):
    """A question with up to six answers; tick the correct one(s)."""

    class Meta:
        model = Question
        fields = ["kind", "text", "image", "difficulty", "language", "points", "tags", "explanation", "is_active"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 4}),
            "explanation": forms.Textarea(attrs={"rows": 2}),
            "difficulty": forms.NumberInput(attrs={"min": 1, "max": 5}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        existing = list(self.instance.choices.all()) if self.instance.pk else []
        for i in range(MAX_CHOICES):
            letter = "ABCDEF"[i]
            initial = existing[i] if i < len(existing) else None
            self.fields[f"choice_{i}"] = forms.CharField(
                label=_("Answer %(letter)s") % {"letter": letter},
                required=False,
                initial=initial.text if initial else "",
                widget=forms.TextInput(),
            )
            self.fields[f"correct_{i}"] = forms.BooleanField(
                label=_("%(letter)s is correct") % {"letter": letter},
                required=False,
                initial=initial.is_correct if initial else False,
            )
        self.fields["language"].choices = settings.LANGUAGES  # type: ignore[attr-defined]

    def choice_rows(self) -> list[tuple[Any, Any]]:
        return [(self[f"choice_{i}"], self[f"correct_{i}"]) for i in range(MAX_CHOICES)]

    def choices(self) -> list[tuple[str, bool]]:
        return [
            (self.cleaned_data[f"choice_{i}"], self.cleaned_data[f"correct_{i}"])
            for i in range(MAX_CHOICES)
            if self.cleaned_data.get(f"choice_{i}", "").strip()
        ]


class QuestionFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    kind = forms.ChoiceField(label=_("Type"), required=False, choices=[("", _("Any")), *QuestionKind.choices])
    difficulty = forms.TypedChoiceField(
        label=_("Difficulty"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Any"))] + [(i, str(i)) for i in range(1, 6)],
    )
    language = forms.ChoiceField(label=_("Language"), required=False, choices=[("", _("Any")), *settings.LANGUAGES])
    active = forms.ChoiceField(
        label=_("In use"), required=False, choices=[("", _("Any")), ("1", _("In use")), ("0", _("Not in use"))]
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("Excel (.xlsx), GIFT (.txt), Moodle XML (.xml) or QTI 2.1 (.xml, .zip); up to 20 MB."),
    )


class BlueprintForm(forms.ModelForm):
    available_from = forms.DateTimeField(
        label=_("Available from"),
        required=False,
        input_formats=DATETIME_FORMATS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    available_until = forms.DateTimeField(
        label=_("Available until"),
        required=False,
        input_formats=DATETIME_FORMATS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    listed_phones = forms.CharField(
        label=_("Listed people (phone numbers)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "+998 90 123 45 67"}),
        help_text=_("One phone number per line; used when only the listed people may take the test."),
    )

    class Meta:
        model = Blueprint
        fields = [
            "title",
            "instructions",
            "time_limit_minutes",
            "pass_percent",
            "attempts_allowed",
            "shuffle_questions",
            "shuffle_choices",
            "navigation",
            "available_from",
            "available_until",
            "audience",
            "review_policy",
            "integrity_policy",
            "is_published",
        ]
        widgets = {"instructions": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.fields["listed_phones"].initial = "\n".join(u.phone for u in self.instance.listed_takers.all())

    def clean_listed_phones(self) -> list[str]:
        phones, bad = [], []
        for line in self.cleaned_data["listed_phones"].splitlines():
            if not line.strip():
                continue
            try:
                phones.append(normalize_phone(line))
            except forms.ValidationError:
                bad.append(line.strip())
        if bad:
            raise forms.ValidationError(_("Not phone numbers: %(list)s") % {"list": ", ".join(bad)})
        return phones

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("available_from"), data.get("available_until")
        if start and end and end <= start:
            self.add_error("available_until", _("The end must be after the start."))
        if data.get("audience") == "listed" and not data.get("listed_phones"):
            self.add_error("listed_phones", _("List at least one person, or choose another audience."))
        return data


class SectionForm(forms.Form):
    title = forms.CharField(label=_("Section"), max_length=255)
    pool = forms.ModelChoiceField(label=_("Question pool"), queryset=QuestionPool.objects.none())
    draw_count = forms.IntegerField(label=_("Questions to draw"), min_value=1, max_value=500)
    fixed = forms.CharField(
        label=_("Fixed questions"),
        required=False,
        help_text=_("Optional: question numbers (#) from the pool, comma-separated, instead of a random draw."),
    )

    def clean_fixed(self) -> list[int]:
        raw = self.cleaned_data["fixed"].replace(" ", "")
        if not raw:
            return []
        try:
            return [int(part) for part in raw.split(",") if part]
        except ValueError:
            raise forms.ValidationError(_("Write question numbers separated by commas, e.g. 12, 15, 31.")) from None

    def __init__(self, *args: Any, pools: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if pools is not None:
            self.fields["pool"].queryset = pools  # type: ignore[attr-defined]


class BaseSectionFormSet(forms.BaseFormSet):
    def __init__(self, *args: Any, pools: Any = None, **kwargs: Any) -> None:
        self.pools = pools
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        return {**super().get_form_kwargs(index), "pools": self.pools}

    def clean(self) -> None:
        if any(self.errors):
            return
        live = [f for f in self.forms if f.has_changed() and not self._should_delete_form(f)]  # type: ignore[attr-defined]
        if not live:
            raise forms.ValidationError(_("Add at least one section."))


SectionFormSet = forms.formset_factory(SectionForm, formset=BaseSectionFormSet, extra=2, can_delete=True)


class WithholdForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class PaperVariantsForm(forms.Form):
    count = forms.IntegerField(label=_("Number of variants"), min_value=1, max_value=200, initial=4)
    first_number = forms.IntegerField(label=_("First booklet number"), min_value=1, max_value=9999, initial=1)
