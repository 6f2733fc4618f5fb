from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from edu.accounts.forms import PhoneField
from edu.org.models import Department, Faculty
from edu.org.roles import Role


class FacultyForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=255)
    code = forms.CharField(label=_("Code"), max_length=32)


class DepartmentForm(forms.Form):
    faculty = forms.ModelChoiceField(label=_("Faculty"), queryset=Faculty.objects.none(), required=False)
    name = forms.CharField(label=_("Name"), max_length=255)
    code = forms.CharField(label=_("Code"), max_length=32)

    def __init__(self, *args: Any, faculties: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["faculty"].queryset = faculties  # type: ignore[attr-defined]


class RoleAssignForm(forms.Form):
    phone = PhoneField(help_text=_("The person must already have an account."))
    role = forms.ChoiceField(label=_("Role"), choices=[c for c in Role.choices if c[0] != Role.SUPER_ADMIN])
    faculty = forms.ModelChoiceField(label=_("Faculty"), queryset=Faculty.objects.none(), required=False)
    department = forms.ModelChoiceField(label=_("Department"), queryset=Department.objects.none(), required=False)

    def __init__(self, *args: Any, faculties: Any, departments: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["faculty"].queryset = faculties  # type: ignore[attr-defined]
        self.fields["department"].queryset = departments  # type: ignore[attr-defined]


class RoleFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    role = forms.ChoiceField(label=_("Role"), choices=[("", _("All roles")), *Role.choices], required=False)
