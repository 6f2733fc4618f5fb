"""Settings for the test suite: the normal settings with test defaults, overridable by the environment.

CI sets DATABASE_URL and REDIS_URL to run the same tests on PostgreSQL and Redis.
"""

import os
import tempfile

os.environ.setdefault("DJANGO_ENV", "test")
os.environ.setdefault("SMS_BACKEND", "locmem")
os.environ.setdefault("TASKS_MODE", "immediate")
os.environ.setdefault("DEMO_UNIVERSITY_STUDENTS", "50")  # seed_demo's university stays small in tests
_worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
os.environ["CACHE_KEY_PREFIX"] = f"test-{os.getpid()}-{_worker}"
os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix=f"edu-media-{_worker}-"))
from config.settings import *  # noqa: E402,F403

# Argon2 as in production, with a small memory cost so thousands of test users stay fast.
PASSWORD_HASHERS = ["edu.core.hashers.TestArgon2PasswordHasher"]
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": None}  # noqa: F405  (in memory)
    DATABASES["default"]["OPTIONS"].pop("init_command", None)  # noqa: F405
else:
    # Test runs from several checkouts may share one PostgreSQL server: give each run its own database.
    _run = os.environ.get("PYTEST_XDIST_TESTRUNUID", str(os.getpid()))[:8]
    DATABASES["default"]["TEST"] = {"NAME": f"test_{DATABASES['default']['NAME']}_{_run}"}  # noqa: F405
