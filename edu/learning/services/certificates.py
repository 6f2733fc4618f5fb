"""Electronic certificates (L14): issued once for a passed final exam, revocable by an editor (journaled)."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from edu.assessment.models import Attempt
from edu.core.errors import ApplicationError
from edu.journal.services import journal_create, journal_snapshot, journal_update
from edu.learning.models import Certificate, Programme
from edu.org.actor import Actor


def certificate_issue(*, attempt: Attempt, programme: Programme) -> Certificate:
    """The certificate for a final-exam attempt that reached the pass mark (70). Idempotent per attempt;
    a programme has at most one valid certificate per learner (a database constraint)."""
    if not attempt.passed or attempt.percent is None:
        raise ApplicationError(_("The final exam was not passed."))
    existing = Certificate.objects.filter(attempt=attempt).first()
    if existing is not None:
        return existing
    user = attempt.user
    issued = attempt.submitted_at or timezone.now()
    try:
        with transaction.atomic():
            code = secrets.token_urlsafe(12)
            certificate = Certificate(
                institution_id=programme.institution_id,
                programme=programme,
                user=user,
                attempt=attempt,
                number=f"tmp-{code}",
                code=code,
                full_name=user.get_full_name() or user.phone,
                programme_title=programme.title,
                percent=attempt.percent,
                issued_at=issued,
            )
            certificate.full_clean()
            certificate.save()
            year = timezone.localtime(issued).year
            certificate.number = f"{settings.LEARNING_CERTIFICATE_PREFIX}-{year}-{certificate.pk:06d}"
            certificate.save(update_fields=["number"])
            journal_create(instance=certificate, actor=user)
    except IntegrityError:
        # Another sync issued it at the same moment.
        return Certificate.objects.get(user=user, programme=programme, revoked_at__isnull=True)
    return certificate


@transaction.atomic
def certificate_revoke(*, actor: Actor, certificate: Certificate, reason: str) -> Certificate:
    reason = reason.strip()
    if not reason:
        raise ApplicationError(_("Give the reason."), field="reason")
    locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if locked.is_revoked:
        raise ApplicationError(_("This certificate is already revoked."))
    before = journal_snapshot(locked)
    locked.revoked_at = timezone.now()
    locked.revoked_by = actor.user
    locked.revoke_reason = reason
    locked.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
    journal_update(instance=locked, before=before, actor=actor)
    return locked
