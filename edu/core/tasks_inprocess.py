"""Run the task consumer inside the web server process (TASKS_MODE=inprocess, the laptop default)."""

from __future__ import annotations

import logging
import threading

from django.conf import settings

logger = logging.getLogger("edu.tasks")
_started = threading.Event()


def start_inprocess_consumer() -> None:
    """Worker threads and the periodic scheduler, as daemon threads; the server's own signal handling stays.

    Called from config/wsgi.py, which only web servers (runserver's serving process, granian or gunicorn workers) load.
    """
    if settings.TASKS_MODE != "inprocess" or _started.is_set():
        return
    from huey.consumer import Consumer
    from huey.contrib.djhuey import HUEY

    class InProcessConsumer(Consumer):
        def _set_signal_handlers(self) -> None:  # the web server owns the signals
            pass

    consumer = InProcessConsumer(
        HUEY,
        workers=settings.HUEY["consumer"]["workers"],
        worker_type="thread",
        periodic=True,
        check_worker_health=False,
    )
    consumer.start()
    _started.set()
    logger.info("Background tasks run in this process (%d threads)", consumer.workers)
