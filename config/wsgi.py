import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()

from edu.core.tasks_inprocess import start_inprocess_consumer  # noqa: E402 - needs the apps loaded

start_inprocess_consumer()
