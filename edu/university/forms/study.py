from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from edu.org.models import Department, Faculty
from edu.university.forms.base import ClassifierChoiceField, InstitutionForm, datetime_field
from edu.university.models import Curriculum, EducationYear, MarkingSystem, Specialty, Subject

TRAINING_HOURS = [
    ("11", _("Lecture hours")),
    ("13", _("Practical hours")),
    ("12", _("Laboratory hours")),
    ("14", _("Seminar hours")),
    ("17", _("Independent study hours")),
]


class SpecialtyForm(InstitutionForm):
    faculty = forms.ModelChoiceField(label=_("Faculty"), queryset=Faculty.objects.none())
    code = forms.CharField(
        label=_("Code"), max_length=16, help_text=_("E.g. 60610100 (bachelor) or 70610101 (master).")
    )
    name = forms.CharField(label=_("Name"), max_length=255)
    education_type = ClassifierChoiceField("h_education_type", label=_("Education type"), codes=["11", "12"])
    qualification = forms.CharField(label=_("Qualification"), max_length=255, required=False)

    def __init__(self, *args: Any, faculties: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["faculty"].queryset = faculties  # type: ignore[attr-defined]


class SubjectForm(forms.Form):
    department = forms.ModelChoiceField(label=_("Department"), queryset=Department.objects.none())
    code = forms.CharField(label=_("Code"), max_length=32)
    name = forms.CharField(label=_("Name"), max_length=255)

    def __init__(self, *args: Any, departments: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments  # type: ignore[attr-defined]


class CurriculumForm(InstitutionForm):
    specialty = forms.ModelChoiceField(label=_("Specialty"), queryset=Specialty.objects.none())
    education_year = forms.ModelChoiceField(label=_("Year of entry"), queryset=EducationYear.objects.none())
    education_form = ClassifierChoiceField("h_education_form", label=_("Form of study"))
    marking_system = forms.ModelChoiceField(label=_("Marking system"), queryset=MarkingSystem.objects.none())
    name = forms.CharField(label=_("Name"), max_length=255)
    semester_count = forms.IntegerField(label=_("Semesters"), min_value=1, max_value=12, initial=8)

    def __init__(self, *args: Any, specialties: Any, years: Any, systems: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["specialty"].queryset = specialties  # type: ignore[attr-defined]
        self.fields["education_year"].queryset = years  # type: ignore[attr-defined]
        self.fields["marking_system"].queryset = systems  # type: ignore[attr-defined]


class CurriculumSubjectForm(InstitutionForm):
    subject = forms.ModelChoiceField(label=_("Subject"), queryset=Subject.objects.none())
    semester = forms.ChoiceField(label=_("Semester"))
    subject_type = ClassifierChoiceField("h_subject_type", label=_("Subject type"), codes=["11", "12"])
    credit = forms.DecimalField(label=_("Credits"), min_value=0, max_value=60, max_digits=4, decimal_places=1)
    rating_grade = ClassifierChoiceField("h_rating_grade", label=_("Grade sheet type"), codes=["11", "12", "14", "16"])
    exam_finish = ClassifierChoiceField("h_exam_finish", label=_("Ends with"))
    elective_block = forms.CharField(
        label=_("Elective block"),
        max_length=32,
        required=False,
        help_text=_("Electives of one block: the student picks one."),
    )
    capacity = forms.IntegerField(label=_("Places"), min_value=1, required=False, help_text=_("For an elective."))

    def __init__(self, *args: Any, subjects: Any, semesters: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["subject"].queryset = subjects  # type: ignore[attr-defined]
        self.fields["semester"].choices = semesters  # type: ignore[attr-defined]
        for code, label in TRAINING_HOURS:
            self.fields[f"hours_{code}"] = forms.IntegerField(label=label, min_value=0, max_value=1000, required=False)

    def hours(self) -> dict[str, int]:
        return {code: self.cleaned_data.get(f"hours_{code}") or 0 for code, _label in TRAINING_HOURS}


class ElectiveWindowForm(forms.Form):
    semester = forms.ChoiceField(label=_("Semester"))
    opens_at = datetime_field(_("Opens"))
    closes_at = datetime_field(_("Closes"))

    def __init__(self, *args: Any, semesters: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["semester"].choices = semesters  # type: ignore[attr-defined]


class GroupForm(InstitutionForm):
    curriculum = forms.ModelChoiceField(label=_("Curriculum"), queryset=Curriculum.objects.none())
    name = forms.CharField(label=_("Name"), max_length=64, help_text=_("E.g. DI-21-01"))
    education_lang = ClassifierChoiceField("h_language", label=_("Language of instruction"))

    def __init__(self, *args: Any, curricula: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["curriculum"].queryset = curricula  # type: ignore[attr-defined]
