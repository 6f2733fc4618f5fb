from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from edu.org.models import Department, Faculty
from edu.university.forms.teaching import TeacherChoiceField
from edu.university.models import Employee, RatingCriterion, WorkKind
from edu.university.services.staffwork import work_years


class TeacherWorkForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of work"), choices=WorkKind.choices)
    title = forms.CharField(label=_("Title"), max_length=500)
    year = forms.IntegerField(label=_("Year"))  # its bounds are set per request: the service's work_years()
    hours = forms.DecimalField(
        label=_("Hours or volume"),
        min_value=0.1,
        max_digits=6,
        decimal_places=1,
        help_text=_("Hours of the individual plan, or printed sheets for a publication."),
    )
    attachment = forms.FileField(label=_("Attachment"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        first, last = work_years()
        self.fields["year"] = forms.IntegerField(
            label=_("Year"), min_value=first, max_value=last, initial=timezone.localdate().year
        )


class WorkReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", _("Approve")), ("reject", _("Reject"))])
    comment = forms.CharField(label=_("Comment"), required=False, max_length=2000)


class CriterionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: RatingCriterion) -> str:
        return gettext("%(target)s · %(name)s (at most %(max)s points)") % {
            "target": obj.get_target_display(),
            "name": obj.name,
            "max": obj.max_points,
        }


class RatingScoreForm(forms.Form):
    criterion = CriterionChoiceField(label=_("Criterion"), queryset=RatingCriterion.objects.none())
    employee = TeacherChoiceField(label=_("Teacher"), queryset=Employee.objects.none(), required=False)
    department = forms.ModelChoiceField(label=_("Department"), queryset=Department.objects.none(), required=False)
    faculty = forms.ModelChoiceField(label=_("Faculty"), queryset=Faculty.objects.none(), required=False)
    points = forms.DecimalField(label=_("Points"), min_value=0, max_digits=6, decimal_places=1)

    def __init__(
        self, *args: Any, criteria: Any, teachers: Any, departments: Any, faculties: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["criterion"].queryset = criteria  # type: ignore[attr-defined]
        self.fields["employee"].queryset = teachers  # type: ignore[attr-defined]
        self.fields["department"].queryset = departments  # type: ignore[attr-defined]
        self.fields["faculty"].queryset = faculties  # type: ignore[attr-defined]
