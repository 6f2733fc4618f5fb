from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from edu.accounts.models import Gender
from edu.org.models import Department
from edu.university.forms.base import ClassifierChoiceField, InstitutionForm, date_field
from edu.university.models import StudentGroup


class PersonForm(InstitutionForm):
    """The personal data every person has (kept on the account)."""

    surname = forms.CharField(label=_("Surname"), max_length=100)
    first_name = forms.CharField(label=_("First name"), max_length=100)
    patronymic = forms.CharField(label=_("Patronymic"), max_length=100, required=False)
    birth_date = date_field(_("Date of birth"))
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices)
    pinfl = forms.CharField(label=_("PINFL"), max_length=14, required=False, help_text=_("14 digits."))
    passport = forms.CharField(label=_("Passport series and number"), max_length=15, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)

    PERSON = ("surname", "first_name", "patronymic", "birth_date", "gender", "pinfl", "passport", "email")

    def person(self) -> dict[str, Any]:
        return {k: self.cleaned_data.get(k) for k in self.PERSON}

    def clean_birth_date(self) -> dt.date:
        value: dt.date = self.cleaned_data["birth_date"]
        if not dt.date(1920, 1, 1) <= value <= timezone.localdate():
            raise forms.ValidationError(_("Enter a real date of birth."))
        return value


class StudentForm(PersonForm):
    phone = forms.CharField(label=_("Phone number"), max_length=20, help_text=_("The student signs in with it."))
    group = forms.ModelChoiceField(label=_("Group"), queryset=StudentGroup.objects.none())
    year_of_enter = forms.IntegerField(label=_("Year of entry"), min_value=2000, max_value=2100)
    student_id_number = forms.CharField(
        label=_("Student ID"), max_length=14, required=False, help_text=_("Leave empty to number it automatically.")
    )
    payment_form = ClassifierChoiceField("h_payment_form", label=_("Payment form"))
    student_type = ClassifierChoiceField("h_student_type", label=_("Student type"))
    citizenship = ClassifierChoiceField("h_citizenship_type", label=_("Citizenship"))
    country = ClassifierChoiceField("h_country", label=_("Country"), initial="UZ")
    nationality = ClassifierChoiceField("h_nationality", label=_("Nationality"), required=False)
    province = ClassifierChoiceField("h_soato", label=_("Region"), required=False)
    address = forms.CharField(label=_("Address"), max_length=255, required=False)
    social_category = ClassifierChoiceField("h_social_category", label=_("Social category"), initial="10")
    accommodation = ClassifierChoiceField("h_accommodation", label=_("Accommodation"))
    other_phone = forms.CharField(label=_("Another phone"), max_length=20, required=False)

    STUDENT = (
        "payment_form",
        "student_type",
        "citizenship",
        "country",
        "nationality",
        "province",
        "address",
        "social_category",
        "accommodation",
        "other_phone",
    )

    def __init__(self, *args: Any, groups: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups  # type: ignore[attr-defined]
        if editing:
            for name in ("phone", "group", "year_of_enter", "student_id_number"):
                del self.fields[name]

    def student_fields(self) -> dict[str, Any]:
        return {k: self.cleaned_data.get(k) for k in self.STUDENT}


class StudentFilterForm(InstitutionForm):
    q = forms.CharField(label=_("Search"), required=False, help_text=_("Name, student ID, PINFL or phone"))
    group = forms.ModelChoiceField(label=_("Group"), queryset=StudentGroup.objects.none(), required=False)
    status = ClassifierChoiceField("h_student_status", label=_("Status"), required=False)
    level = ClassifierChoiceField("h_course", label=_("Course"), required=False)

    def __init__(self, *args: Any, groups: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups  # type: ignore[attr-defined]


class HireForm(PersonForm):
    phone = forms.CharField(label=_("Phone number"), max_length=20)
    department = forms.ModelChoiceField(label=_("Department"), queryset=Department.objects.none())
    position = ClassifierChoiceField("h_teacher_position_type", label=_("Position"))
    employee_type = ClassifierChoiceField("h_employee_type", label=_("Staff category"), initial="12")
    employment_form = ClassifierChoiceField("h_employment_form", label=_("Employment form"))
    employment_staff = ClassifierChoiceField("h_employment_staff", label=_("Rate"))
    academic_degree = ClassifierChoiceField("h_academic_degree", label=_("Academic degree"))
    academic_rank = ClassifierChoiceField("h_academic_rank", label=_("Academic rank"))
    order_number = forms.CharField(label=_("Order number"), max_length=32)
    order_date = date_field(_("Order date"), help_text=_("Enter within 3 working days of the order."))
    contract_number = forms.CharField(label=_("Contract number"), max_length=32, required=False)
    contract_date = date_field(_("Contract date"), required=False)

    def __init__(self, *args: Any, departments: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments  # type: ignore[attr-defined]


class OrderForm(forms.Form):
    order_number = forms.CharField(label=_("Order number"), max_length=32)
    order_date = date_field(_("Order date"))


class PositionChangeForm(InstitutionForm):
    department = forms.ModelChoiceField(label=_("Department"), queryset=Department.objects.none())
    position = ClassifierChoiceField("h_teacher_position_type", label=_("Position"))
    employment_form = ClassifierChoiceField("h_employment_form", label=_("Employment form"))
    employment_staff = ClassifierChoiceField("h_employment_staff", label=_("Rate"))
    order_number = forms.CharField(label=_("Order number"), max_length=32)
    order_date = date_field(_("Order date"))

    def __init__(self, *args: Any, departments: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments  # type: ignore[attr-defined]


class StaffFilterForm(InstitutionForm):
    q = forms.CharField(label=_("Search"), required=False, help_text=_("Name, employee ID or phone"))
    department = forms.ModelChoiceField(label=_("Department"), queryset=Department.objects.none(), required=False)
    status = ClassifierChoiceField("h_teacher_status", label=_("Status"), required=False)
    employee_type = ClassifierChoiceField("h_employee_type", label=_("Staff category"), required=False)

    def __init__(self, *args: Any, departments: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments  # type: ignore[attr-defined]


class DecreeForm(InstitutionForm):
    decree_type = ClassifierChoiceField("h_decree_type", label=_("Order type"))
    number = forms.CharField(label=_("Number"), max_length=32)
    date = date_field(_("Date"))
    title = forms.CharField(label=_("Title"), max_length=255, required=False)
    students = forms.CharField(
        label=_("Students"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Student IDs, one per line or separated by commas."),
    )
    to_group = forms.ModelChoiceField(
        label=_("New group"),
        queryset=StudentGroup.objects.none(),
        required=False,
        help_text=_("For a transfer, reinstatement or enrolment."),
    )
    reason = forms.CharField(
        label=_("Reason code"),
        max_length=8,
        required=False,
        help_text=_("Expulsion or academic leave reason (HEMIS code)."),
    )
    other_institution = forms.CharField(
        label=_("Other institution"),
        max_length=255,
        required=False,
        help_text=_("A transfer to another institution: where the students go; an admission: where they came from."),
    )

    def __init__(self, *args: Any, groups: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_group"].queryset = groups  # type: ignore[attr-defined]

    def student_ids(self) -> list[str]:
        raw = self.cleaned_data["students"].replace(",", "\n").replace(";", "\n")
        return [s.strip() for s in raw.splitlines() if s.strip()]
