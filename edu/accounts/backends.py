from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from edu.accounts.models import User
from edu.core.validators import normalize_phone


class PhoneBackend(ModelBackend):
    """Sign in with a phone number written any usual way and a password."""

    def authenticate(  # type: ignore[override]
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        phone: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        raw = phone or username or kwargs.get(User.USERNAME_FIELD)
        if not raw or password is None:
            return None
        try:
            normalized = normalize_phone(raw)
        except ValidationError:
            return None
        try:
            user = User.objects.get(phone=normalized)
        except User.DoesNotExist:
            User().set_password(password)  # same work either way: no timing hint
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
