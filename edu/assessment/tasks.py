from __future__ import annotations

import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from edu.assessment.services import attempts as attempt_services
from edu.assessment.services import banks

logger = logging.getLogger("edu.assessment")


@db_periodic_task(crontab(minute="*"))
def attempts_submit_due() -> int:
    """Every minute: submit the attempts whose time ran out while nobody was looking (exactly once)."""
    count = attempt_services.attempt_submit_due()
    if count:
        logger.info("Submitted %d expired attempts", count)
    return count


@db_task()
def question_import_task(import_id: int) -> None:
    banks.question_import_commit(import_id=import_id)
