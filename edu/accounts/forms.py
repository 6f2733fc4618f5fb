from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from edu.accounts.models import Gender, User
from edu.core.validators import (
    normalize_passport,
    normalize_phone,
    pinfl_birth_date,
    pinfl_is_male,
    validate_pinfl,
)

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d.%m.%Y"]


class PhoneField(forms.CharField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Phone number"))
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)
        self.widget.attrs.update(
            {"type": "tel", "autocomplete": "tel", "inputmode": "tel", "placeholder": "+998 90 123 45 67"}
        )

    def clean(self, value: Any) -> str:
        return normalize_phone(super().clean(value))


class PhoneForm(forms.Form):
    phone = PhoneField()


class CodeField(forms.CharField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(label=_("Code from the SMS"), max_length=8, **kwargs)
        self.widget.attrs.update({"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9]*"})

    def clean(self, value: Any) -> str:
        value = super().clean(value).strip()
        if not value.isdigit():
            raise ValidationError(_("The code is made of digits only."), code="code_format")
        return value


class NewPasswordMixin(forms.Form):
    password1 = forms.CharField(
        label=_("New password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 6 characters; not only digits and not a common password."),
    )
    password2 = forms.CharField(
        label=_("Repeat the password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password1") and data.get("password2") and data["password1"] != data["password2"]:
            self.add_error("password2", _("The two passwords differ."))
        return data


class CodePasswordForm(NewPasswordMixin):
    code = CodeField()
    field_order = ["code", "password1", "password2"]


class LoginForm(forms.Form):
    phone = PhoneField()
    password = forms.CharField(
        label=_("Password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )


class PasswordChangeForm(NewPasswordMixin):
    old_password = forms.CharField(
        label=_("Current password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    field_order = ["old_password", "password1", "password2"]


class ProfileForm(forms.ModelForm):
    """Personal data (L1 step 3, L15 edit). PINFL must agree with the birth date and gender."""

    birth_date = forms.DateField(
        label=_("Date of birth"),
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices, widget=forms.RadioSelect)
    pinfl = forms.CharField(
        label=_("PINFL"),
        min_length=14,
        max_length=14,
        help_text=_("14 digits, printed on your passport or ID card."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    passport = forms.CharField(
        label=_("Passport series and number"),
        max_length=15,
        widget=forms.TextInput(attrs={"placeholder": "AA1234567", "autocomplete": "off"}),
    )

    class Meta:
        model = User
        fields = [
            "surname",
            "first_name",
            "patronymic",
            "birth_date",
            "gender",
            "pinfl",
            "passport",
            "workplace",
            "position",
            "email",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("surname", "first_name", "workplace", "position"):
            self.fields[name].required = True
        self.fields["surname"].widget.attrs["autocomplete"] = "family-name"
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["patronymic"].widget.attrs["autocomplete"] = "additional-name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"

    def clean_birth_date(self) -> dt.date:
        value: dt.date = self.cleaned_data["birth_date"]
        today = timezone.localdate()
        if value > today or value.year < 1900:
            raise ValidationError(_("Enter a real date of birth."))
        if (today - value).days < 14 * 365:
            raise ValidationError(_("You must be at least 14 years old to register."))
        return value

    def clean_pinfl(self) -> str:
        value = self.cleaned_data["pinfl"].strip()
        validate_pinfl(value)
        return value

    def clean_passport(self) -> str:
        return normalize_passport(self.cleaned_data["passport"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        pinfl, birth_date, gender = data.get("pinfl"), data.get("birth_date"), data.get("gender")
        if pinfl and birth_date and pinfl_birth_date(pinfl) != birth_date:
            self.add_error("pinfl", _("The PINFL does not match the date of birth."))
        if pinfl and gender and pinfl_is_male(pinfl) != (gender == Gender.MALE):
            self.add_error("pinfl", _("The PINFL does not match the gender."))
        return data


class PhotoForm(forms.Form):
    photo = forms.FileField(
        label=_("Photo"),
        help_text=_("JPEG, PNG or WebP, up to 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
