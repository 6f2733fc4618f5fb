import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

django_application = get_wsgi_application()

from edu.assessment.fastpath import ExamFastPath  # noqa: E402 - needs the apps loaded
from edu.core.tasks_inprocess import start_inprocess_consumer  # noqa: E402

# Plain attempt starts and answer saves with a token skip the Django stack (edu/assessment/fastpath.py);
# all else is Django.
application = ExamFastPath(django_application)

start_inprocess_consumer()
