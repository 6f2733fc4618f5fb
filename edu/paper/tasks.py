from __future__ import annotations

import logging

from huey.contrib.djhuey import db_task

from edu.paper import services

logger = logging.getLogger("edu.paper")


@db_task()
def batch_process_task(batch_id: int) -> None:
    """Read a batch of scans with every core; progress is on the batch row."""
    batch = services.batch_process(batch_id)
    logger.info("Batch %d: %d pages read, %d unreadable", batch.pk, batch.processed, batch.failed)
