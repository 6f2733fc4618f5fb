from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from edu.university.forms.base import ClassifierChoiceField, InstitutionForm, date_field
from edu.university.models import Building, EducationYear, RatingTarget


class ClassifierOptionForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=16)
    name_uz = forms.CharField(label=_("Name (Uzbek)"), max_length=500)
    name_oz = forms.CharField(label=_("Name (Uzbek Cyrillic)"), max_length=500, required=False)
    name_ru = forms.CharField(label=_("Name (Russian)"), max_length=500, required=False)
    name_en = forms.CharField(label=_("Name (English)"), max_length=500, required=False)


class ClassifierOptionEditForm(ClassifierOptionForm):
    active = forms.BooleanField(label=_("Active"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["code"]


class EducationYearForm(forms.Form):
    code = forms.IntegerField(label=_("Starting year"), min_value=2000, max_value=2100, help_text=_("2025 = 2025-2026"))


class TermForm(InstitutionForm):
    education_year = forms.ModelChoiceField(label=_("Academic year"), queryset=EducationYear.objects.none())
    semester_type = ClassifierChoiceField("h_semestr_type", label=_("Semester"))
    start_date = date_field(_("Starts"))
    end_date = date_field(_("Ends"))

    def __init__(self, *args: Any, years: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["education_year"].queryset = years  # type: ignore[attr-defined]


class LessonPairForm(forms.Form):
    start_time = forms.TimeField(label=_("Starts"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    end_time = forms.TimeField(label=_("Ends"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))


class BuildingForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=255)
    address = forms.CharField(label=_("Address"), max_length=255, required=False)


class AuditoriumForm(InstitutionForm):
    building = forms.ModelChoiceField(label=_("Building"), queryset=Building.objects.none())
    name = forms.CharField(label=_("Number or name"), max_length=64)
    auditorium_type = ClassifierChoiceField("h_auditorium_type", label=_("Type"))
    capacity = forms.IntegerField(label=_("Seats"), min_value=1, max_value=2000)
    active = forms.BooleanField(label=_("In use"), required=False, initial=True)

    def __init__(self, *args: Any, buildings: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["building"].queryset = buildings  # type: ignore[attr-defined]


class MarkingSystemForm(forms.Form):
    minimum_limit = forms.DecimalField(label=_("Pass mark"), min_value=0, max_digits=5, decimal_places=1)
    gpa_limit = forms.DecimalField(
        label=_("GPA needed to move to the next course"), min_value=0, max_value=5, max_digits=3, decimal_places=1
    )
    final_admission_percent = forms.IntegerField(
        label=_("Admission to the final assessment: share of current and midterm points, %"),
        min_value=0,
        max_value=100,
        initial=60,
    )
    border_5 = forms.DecimalField(label=_("Grade 5 from"), min_value=0, max_digits=5, decimal_places=2)
    border_4 = forms.DecimalField(label=_("Grade 4 from"), min_value=0, max_digits=5, decimal_places=2)
    border_3 = forms.DecimalField(label=_("Grade 3 from"), min_value=0, max_digits=5, decimal_places=2)

    def borders(self) -> dict[int, Decimal]:
        d = self.cleaned_data
        return {5: d["border_5"], 4: d["border_4"], 3: d["border_3"], 2: Decimal("0")}


class ExamTypeWeightForm(InstitutionForm):
    exam_type = ClassifierChoiceField("h_exam_type", label=_("Assessment type"))
    max_ball = forms.DecimalField(label=_("Maximum points"), min_value=0, max_value=100, max_digits=5, decimal_places=1)


class RatingCriterionForm(forms.Form):
    education_year = forms.ModelChoiceField(label=_("Academic year"), queryset=EducationYear.objects.none())
    target = forms.ChoiceField(label=_("Who is rated"), choices=RatingTarget.choices)
    name = forms.CharField(label=_("Criterion"), max_length=255)
    max_points = forms.DecimalField(label=_("Maximum points"), min_value=0, max_digits=6, decimal_places=1)

    def __init__(self, *args: Any, years: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["education_year"].queryset = years  # type: ignore[attr-defined]
