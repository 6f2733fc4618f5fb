from __future__ import annotations

import secrets

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from edu.core.validators import format_phone


class Gender(models.TextChoices):
    """HEMIS classifier h_gender."""

    MALE = "11", _("Male")
    FEMALE = "12", _("Female")


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, phone: str, password: str | None = None, **fields: object) -> User:
        user = self.model(phone=phone, **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, phone: str, password: str | None = None, **fields: object) -> User:
        fields.setdefault("is_staff", True)
        fields.setdefault("is_superuser", True)
        return self.create_user(phone, password, **fields)


def photo_upload_to(instance: User, filename: str) -> str:
    # Random names: the file name must not reveal whose photo it is.
    return f"photos/{timezone.now():%Y/%m}/{secrets.token_hex(16)}.jpg"


class User(AbstractBaseUser, PermissionsMixin):
    """A person: learner, student, staff member or exam candidate. Signs in with a phone number."""

    phone = models.CharField(
        _("phone number"),
        max_length=13,
        unique=True,
        error_messages={"unique": _("This phone number is already registered.")},
    )
    surname = models.CharField(_("surname"), max_length=100, blank=True)
    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    patronymic = models.CharField(_("patronymic"), max_length=100, blank=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    gender = models.CharField(_("gender"), max_length=2, choices=Gender.choices, blank=True)
    pinfl = models.CharField(
        _("PINFL"),
        max_length=14,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Personal identification number: 14 digits."),
        error_messages={"unique": _("This PINFL is already registered to another account.")},
    )
    passport = models.CharField(_("passport series and number"), max_length=15, blank=True)
    workplace = models.CharField(_("workplace"), max_length=255, blank=True)
    position = models.CharField(_("position"), max_length=255, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    photo = models.ImageField(_("photo"), upload_to=photo_upload_to, blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("platform operator"), default=False)
    date_joined = models.DateTimeField(_("registered"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "phone"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or format_phone(self.phone)

    def get_full_name(self) -> str:
        return " ".join(p for p in (self.surname, self.first_name, self.patronymic) if p)

    def get_short_name(self) -> str:
        return self.first_name or format_phone(self.phone)

    @property
    def phone_display(self) -> str:
        return format_phone(self.phone)

    @property
    def initials(self) -> str:
        letters = (self.first_name[:1] + self.surname[:1]).upper()
        return letters or "?"

    @property
    def is_profile_complete(self) -> bool:
        """Step 3 of sign-up has been filled: the data a certificate or a record needs."""
        return bool(self.surname and self.first_name and self.birth_date and self.gender and self.pinfl)


class CodePurpose(models.TextChoices):
    SIGNUP = "signup", _("Sign-up")
    RESET = "reset", _("Password reset")


class PhoneCode(models.Model):
    """A one-time code sent by SMS. Only its hash is stored."""

    phone = models.CharField(max_length=13)
    purpose = models.CharField(max_length=16, choices=CodePurpose.choices)
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    tries = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["phone", "purpose", "-created_at"], name="phonecode_phone"),
            models.Index(fields=["ip", "created_at"], name="phonecode_ip"),
        ]

    def __str__(self) -> str:
        return f"{self.purpose} {self.phone} {self.created_at:%Y-%m-%d %H:%M}"


class ApiToken(models.Model):
    """A bearer token for the JSON API and mobile apps. Only a hash is stored; tokens expire."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.user} until {self.expires_at:%Y-%m-%d}"
