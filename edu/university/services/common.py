"""Small helpers every university service uses: the acting role, saving with validation and a journal entry."""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from edu.core.errors import ApplicationError
from edu.journal.services import journal_create, journal_delete, journal_update
from edu.org.actor import Actor
from edu.org.models import RoleAssignment

M = TypeVar("M", bound=models.Model)


def require(actor: Actor, *roles: str) -> RoleAssignment:
    """The active assignment when it is one of `roles`; otherwise the page does not exist (404)."""
    return actor.require_role(*roles)


def check_same_institution(actor: Actor, *objects: Any) -> None:
    for obj in objects:
        if obj is not None and getattr(obj, "institution_id", actor.institution_id) != actor.institution_id:
            raise ApplicationError(_("You can change only your own institution."))


def check_faculty(actor: Actor, faculty_id: int | None) -> None:
    """A faculty-level holder (a dean of one faculty) works only within it."""
    a = actor.assignment
    if a is not None and a.faculty_id is not None and faculty_id != a.faculty_id:
        raise ApplicationError(_("This belongs to another faculty."))


def validation_to_application(exc: ValidationError) -> ApplicationError:
    if hasattr(exc, "error_dict"):
        field, errors = next(iter(exc.error_dict.items()))
        message = errors[0].messages[0] if errors else str(exc)
        return ApplicationError(message, field=None if field == "__all__" else field)
    return ApplicationError(exc.messages[0] if exc.messages else str(exc))


def clean(instance: models.Model, **kwargs: Any) -> None:
    try:
        instance.full_clean(**kwargs)
    except ValidationError as exc:
        raise validation_to_application(exc) from None


def create(instance: M, *, actor: Actor | None, duplicate_message: str | None = None) -> M:
    """Validate, save and journal a new row (inside the caller's transaction)."""
    clean(instance)
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError:
        raise ApplicationError(duplicate_message or _("Such a record already exists.")) from None
    journal_create(instance=instance, actor=actor)
    return instance


def update(instance: M, *, before: dict[str, Any], actor: Actor | None, fields: list[str] | None = None) -> M:
    clean(instance)
    try:
        with transaction.atomic():
            instance.save(update_fields=fields)
    except IntegrityError:
        raise ApplicationError(_("Such a record already exists.")) from None
    journal_update(instance=instance, before=before, actor=actor)
    return instance


def delete(instance: models.Model, *, actor: Actor | None) -> None:
    journal_delete(instance=instance, actor=actor)
    try:
        with transaction.atomic():
            instance.delete()
    except models.ProtectedError:
        raise ApplicationError(_("This is in use and cannot be deleted.")) from None
