from __future__ import annotations

from django.db import transaction

from edu.sms.tasks import sms_send_task


def sms_send(*, phone: str, text: str) -> None:
    """Queue an SMS once the surrounding transaction commits (never for a rolled-back change)."""
    transaction.on_commit(lambda: sms_send_task(phone, text))
