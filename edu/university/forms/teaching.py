from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from edu.university.classifiers import classifier_name
from edu.university.forms.base import ClassifierChoiceField, InstitutionForm, date_field, datetime_field
from edu.university.models import (
    Auditorium,
    CurriculumSubject,
    Employee,
    LessonPair,
    StudentGroup,
    TeachingAssignment,
    Topic,
)

WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
]


class TeacherChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Employee) -> str:
        return obj.user.get_full_name()


def curriculum_subject_label(obj: CurriculumSubject) -> str:
    return f"{obj.subject.name} · {obj.curriculum.name} · {int(obj.semester) - 10}-sem."


class CurriculumSubjectChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: CurriculumSubject) -> str:
        return curriculum_subject_label(obj)


class AssignmentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: TeachingAssignment) -> str:
        training = classifier_name("h_training_type", obj.training_type)
        return f"{obj.group.name} · {obj.curriculum_subject.subject.name} · {training} · {obj.employee}"


class AssignmentForm(InstitutionForm):
    curriculum_subject = CurriculumSubjectChoiceField(label=_("Subject"), queryset=CurriculumSubject.objects.none())
    group = forms.ModelChoiceField(label=_("Group"), queryset=StudentGroup.objects.none())
    training_type = ClassifierChoiceField("h_training_type", label=_("Training type"))
    employee = TeacherChoiceField(label=_("Teacher"), queryset=Employee.objects.none())

    def __init__(self, *args: Any, subjects: Any, groups: Any, teachers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["curriculum_subject"].queryset = subjects  # type: ignore[attr-defined]
        self.fields["group"].queryset = groups  # type: ignore[attr-defined]
        self.fields["employee"].queryset = teachers  # type: ignore[attr-defined]


class ChangeTeacherForm(forms.Form):
    employee = TeacherChoiceField(label=_("Teacher"), queryset=Employee.objects.none())

    def __init__(self, *args: Any, teachers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["employee"].queryset = teachers  # type: ignore[attr-defined]


class LessonSeriesForm(forms.Form):
    assignment = AssignmentChoiceField(label=_("What and to whom"), queryset=TeachingAssignment.objects.none())
    weekday = forms.TypedChoiceField(label=_("Weekday"), choices=WEEKDAYS, coerce=int)
    lesson_pair = forms.ModelChoiceField(label=_("Pair"), queryset=LessonPair.objects.none())
    auditorium = forms.ModelChoiceField(label=_("Auditorium"), queryset=Auditorium.objects.none(), required=False)
    date_from = date_field(_("From"))
    date_to = date_field(_("To"))
    parity = forms.ChoiceField(
        label=_("Weeks"), choices=[("all", _("Every week")), ("odd", _("Odd weeks")), ("even", _("Even weeks"))]
    )

    def __init__(self, *args: Any, assignments: Any, pairs: Any, auditoriums: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignment"].queryset = assignments  # type: ignore[attr-defined]
        self.fields["lesson_pair"].queryset = pairs  # type: ignore[attr-defined]
        self.fields["auditorium"].queryset = auditoriums  # type: ignore[attr-defined]


class LessonMoveForm(forms.Form):
    lesson_date = date_field(_("Date"))
    lesson_pair = forms.ModelChoiceField(label=_("Pair"), queryset=LessonPair.objects.none())
    auditorium = forms.ModelChoiceField(label=_("Auditorium"), queryset=Auditorium.objects.none(), required=False)

    def __init__(self, *args: Any, pairs: Any, auditoriums: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lesson_pair"].queryset = pairs  # type: ignore[attr-defined]
        self.fields["auditorium"].queryset = auditoriums  # type: ignore[attr-defined]


class TimetableFilterForm(forms.Form):
    group = forms.ModelChoiceField(label=_("Group"), queryset=StudentGroup.objects.none(), required=False)
    teacher = TeacherChoiceField(label=_("Teacher"), queryset=Employee.objects.none(), required=False)
    auditorium = forms.ModelChoiceField(label=_("Auditorium"), queryset=Auditorium.objects.none(), required=False)
    week = date_field(_("Week of"), required=False)

    def __init__(self, *args: Any, groups: Any, teachers: Any, auditoriums: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups  # type: ignore[attr-defined]
        self.fields["teacher"].queryset = teachers  # type: ignore[attr-defined]
        self.fields["auditorium"].queryset = auditoriums  # type: ignore[attr-defined]


class TopicForm(forms.Form):
    name = forms.CharField(label=_("Topic"), max_length=500)
    hours = forms.IntegerField(label=_("Hours"), min_value=1, max_value=40, initial=2)


class ResourceForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    topic = forms.ModelChoiceField(label=_("Topic"), queryset=Topic.objects.none(), required=False)
    file = forms.FileField(label=_("File"), required=False)
    url = forms.URLField(label=_("Link"), required=False, assume_scheme="https")

    def __init__(self, *args: Any, topics: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = topics  # type: ignore[attr-defined]


class TaskForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    description = forms.CharField(label=_("What to do"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    topic = forms.ModelChoiceField(label=_("Topic"), queryset=Topic.objects.none(), required=False)
    deadline = datetime_field(_("Deadline"))
    max_ball = forms.DecimalField(label=_("Maximum points"), min_value=0, max_value=100, max_digits=5, decimal_places=1)
    attempt_limit = forms.IntegerField(label=_("Attempts allowed"), min_value=1, max_value=10, initial=1)
    file = forms.FileField(label=_("File"), required=False)

    def __init__(self, *args: Any, topics: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = topics  # type: ignore[attr-defined]


class SubmissionForm(forms.Form):
    file = forms.FileField(label=_("File"), required=False)
    text = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 4}), required=False)


class ReviewForm(forms.Form):
    mark = forms.DecimalField(label=_("Points"), min_value=0, max_digits=5, decimal_places=1)
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class PointsDateForm(forms.Form):
    exam_date = date_field(_("Date"))
