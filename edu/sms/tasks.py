from __future__ import annotations

import logging

from huey.contrib.djhuey import task

from edu.sms.backends import get_backend

logger = logging.getLogger("edu.sms")


@task(retries=3, retry_delay=10)
def sms_send_task(phone: str, text: str) -> str:
    """Deliver one SMS; a gateway error raises, and the queue retries up to three times."""
    return get_backend().send(phone, text)
