from __future__ import annotations

from django.conf import settings
from django.utils import timezone

from edu.accounts.models import PhoneCode, User


def user_by_phone(phone: str) -> User | None:
    """Look up an account by its normalised phone number (for assigning roles to it)."""
    return User.objects.filter(phone=phone, is_active=True).first()


def user_fresh_copy(user: User) -> User:
    """The signed-in user's own record, loaded anew (for a form to edit)."""
    return User.objects.get(pk=user.pk)


def phone_code_resend_wait(phone: str, purpose: str) -> int:
    """Seconds until another code may be sent to `phone` for `purpose` (0 = now)."""
    last = PhoneCode.objects.filter(phone=phone, purpose=purpose).order_by("-created_at").first()
    if last is None:
        return 0
    return max(0, settings.SMS_RESEND_SECONDS - int((timezone.now() - last.created_at).total_seconds()))
