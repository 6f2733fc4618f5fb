from __future__ import annotations

from typing import Any

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from edu.university.forms.base import ClassifierChoiceField, InstitutionForm, date_field
from edu.university.forms.teaching import CurriculumSubjectChoiceField, TeacherChoiceField
from edu.university.models import Auditorium, CurriculumSubject, Employee, LessonPair, StudentGroup
from edu.university.services.exams import EXAM_TYPES, SITTINGS


class ExamForm(InstitutionForm):
    group = forms.ModelChoiceField(label=_("Group"), queryset=StudentGroup.objects.none())
    curriculum_subject = CurriculumSubjectChoiceField(label=_("Subject"), queryset=CurriculumSubject.objects.none())
    exam_type = ClassifierChoiceField("h_exam_type", codes=EXAM_TYPES, label=_("Assessment type"))
    final_exam_type = ClassifierChoiceField("h_final_exam_type", codes=SITTINGS, label=_("Sitting"))
    exam_date = date_field(_("Date"))
    lesson_pair = forms.ModelChoiceField(label=_("Pair"), queryset=LessonPair.objects.none())
    auditorium = forms.ModelChoiceField(label=_("Auditorium"), queryset=Auditorium.objects.none())
    employee = TeacherChoiceField(label=_("Examiner"), queryset=Employee.objects.none())

    def __init__(
        self,
        *args: Any,
        groups: Any,
        subjects: Any,
        pairs: Any,
        auditoriums: Any,
        examiners: Any,
        group_chosen: bool = False,
        **kwargs: Any,
    ) -> None:
        """`subjects` are the chosen group's (`group_chosen`) or, before a group is known, all in scope."""
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups  # type: ignore[attr-defined]
        subject = self.fields["curriculum_subject"]
        subject.queryset = subjects  # type: ignore[attr-defined]
        # The browser reloads the subjects when the group changes (static/js/app.js, data-options-*).
        subject.widget.attrs.update(
            {"data-options-url": reverse("university:exam_subjects"), "data-options-for": "group"}
        )
        if group_chosen:
            subject.error_messages["invalid_choice"] = _("This subject is not in the group's curriculum.")
        self.fields["lesson_pair"].queryset = pairs  # type: ignore[attr-defined]
        self.fields["auditorium"].queryset = auditoriums  # type: ignore[attr-defined]
        self.fields["employee"].queryset = examiners  # type: ignore[attr-defined]


class ExamFilterForm(InstitutionForm):
    group = forms.ModelChoiceField(label=_("Group"), queryset=StudentGroup.objects.none(), required=False)
    exam_type = ClassifierChoiceField("h_exam_type", codes=EXAM_TYPES, label=_("Assessment type"), required=False)
    date_from = date_field(_("From"), required=False)
    date_to = date_field(_("To"), required=False)

    def __init__(self, *args: Any, groups: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups  # type: ignore[attr-defined]
