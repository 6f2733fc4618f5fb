"""Recording changes. Every service that creates, changes or deletes data calls one of these
inside its own transaction, so a change and its journal entry commit or roll back together."""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from edu.core.context import current_ip, current_user
from edu.journal.models import JournalAction, JournalEntry

# Never copied into the journal.
SECRET_FIELDS = frozenset({"password", "code_hash", "token", "secret", "key_hash"})


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if hasattr(value, "name") and hasattr(value, "storage"):  # a FieldFile
        return value.name or None
    return str(value)


def journal_snapshot(instance: models.Model) -> dict[str, Any]:
    """The instance's concrete field values, JSON-ready, without secrets."""
    data: dict[str, Any] = {}
    for f in instance._meta.concrete_fields:
        if f.name in SECRET_FIELDS or f.primary_key:
            continue
        key = f.name if not f.is_relation else f.attname
        data[key] = _plain(getattr(instance, f.attname))
    return data


def _actor_parts(actor: Any) -> tuple[Any, str, int | None]:
    """(user, role, institution id) from an Actor, a User, or the request context."""
    user = getattr(actor, "user", actor)
    role = getattr(actor, "role", None) or ""
    institution_id = getattr(actor, "institution_id", None)
    if user is None:
        user = current_user()
    return user, role, institution_id


def journal_record(
    *,
    action: str,
    instance: models.Model,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    actor: Any = None,
    institution_id: int | None = None,
) -> JournalEntry:
    user, role, actor_institution_id = _actor_parts(actor)
    if institution_id is None:
        institution_id = getattr(instance, "institution_id", None) or actor_institution_id
    label = ""
    if user is not None:
        label = f"{user.get_full_name() or ''} {getattr(user, 'phone', '')}".strip()
    return JournalEntry.objects.create(
        actor=user,
        actor_label=label[:255],
        actor_role=role,
        institution_id=institution_id,
        ip=current_ip(),
        action=action,
        content_type=ContentType.objects.get_for_model(instance, for_concrete_model=True),
        object_id=str(instance.pk),
        object_repr=str(instance)[:255],
        before=before,
        after=after,
    )


def journal_create(*, instance: models.Model, actor: Any = None, **kwargs: Any) -> JournalEntry:
    return journal_record(
        action=JournalAction.CREATE, instance=instance, after=journal_snapshot(instance), actor=actor, **kwargs
    )


def journal_update(
    *, instance: models.Model, before: dict[str, Any], actor: Any = None, **kwargs: Any
) -> JournalEntry | None:
    """Record only the fields that changed since `before` (a journal_snapshot); nothing if none did."""
    after_all = journal_snapshot(instance)
    changed = [k for k in after_all if before.get(k) != after_all[k]]
    if not changed:
        return None
    return journal_record(
        action=JournalAction.UPDATE,
        instance=instance,
        before={k: before.get(k) for k in changed},
        after={k: after_all[k] for k in changed},
        actor=actor,
        **kwargs,
    )


def journal_delete(*, instance: models.Model, actor: Any = None, **kwargs: Any) -> JournalEntry:
    """Call before deleting: the entry keeps the last values and the id."""
    return journal_record(
        action=JournalAction.DELETE, instance=instance, before=journal_snapshot(instance), actor=actor, **kwargs
    )
