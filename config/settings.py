"""One settings module, driven by environment variables.

Defaults suit a laptop: SQLite, console SMS, in-process tasks, local files.
`DJANGO_ENV=production` switches on the production rules: a required SECRET_KEY,
no debug, secure cookies, HSTS. Every variable is listed in the README.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

DJANGO_ENV = env.str("DJANGO_ENV", default="development")
if DJANGO_ENV not in {"development", "production", "test"}:
    raise ImproperlyConfigured("DJANGO_ENV must be development, production or test")
PRODUCTION = DJANGO_ENV == "production"

if PRODUCTION:
    SECRET_KEY = env.str("SECRET_KEY", default="")
    if len(SECRET_KEY) < 50:
        raise ImproperlyConfigured("SECRET_KEY must be set (at least 50 characters) in production")
else:
    SECRET_KEY = env.str("SECRET_KEY", default="dev-only-insecure-key-" + "x" * 40)

DEBUG = env.bool("DJANGO_DEBUG", default=DJANGO_ENV == "development")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "edu.core",
    "edu.core.admin_site.EduAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "huey.contrib.djhuey",
    "edu.org",
    "edu.accounts",
    "edu.journal",
    "edu.sms",
    "edu.assessment",
    "oauth2_provider",
    "edu.sso",
    "edu.rest",
    "edu.learning",
    "edu.regulation",
    "edu.university",
    "edu.paper",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "edu.core.middleware.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "edu.core.middleware.LanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "edu.core.middleware.RequestContextMiddleware",
    "edu.org.middleware.ActorMiddleware",
    "edu.accounts.middleware.ProfileCompletionMiddleware",
]

ROOT_URLCONF = "config.urls"
FORM_RENDERER = "edu.core.forms.EduFormRenderer"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "edu.core.context_processors.platform",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and one writer work at once; the timeout rides out short write bursts.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DB_CONN_MAX_AGE", default=60))
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env.bool("DB_PREPARED", default=True):
        # Django's own queries bind on the client and are never prepared; this lets the few hot statements of
        # the exam engine be prepared once per connection (edu/core/rawrow.py: hot_fetch). Set DB_PREPARED=0
        # behind a pooler in transaction mode (PgBouncer < 1.21), which cannot keep prepared statements.
        DATABASES["default"].setdefault("OPTIONS", {}).setdefault("prepare_threshold", 1_000_000)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, sessions, tasks -----------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
CACHE_KEY_PREFIX = env.str("CACHE_KEY_PREFIX", default="edu")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "edu.core.cache.SharedClientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": CACHE_KEY_PREFIX,
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "KEY_PREFIX": CACHE_KEY_PREFIX,
        }
    }

# Background tasks (huey). TASKS_MODE:
#   inprocess — worker threads inside the web process (the laptop default: nothing else to start);
#   redis     — a Redis queue consumed by `manage.py run_huey` (production);
#   immediate — run at once in the caller (tests).
TASKS_MODE = env.str("TASKS_MODE", default="redis" if REDIS_URL else "inprocess")
if TASKS_MODE not in {"inprocess", "redis", "immediate"}:
    raise ImproperlyConfigured("TASKS_MODE must be inprocess, redis or immediate")
HUEY = {
    "huey_class": "huey.RedisHuey" if TASKS_MODE == "redis" else "huey.MemoryHuey",
    "name": CACHE_KEY_PREFIX,
    "immediate": TASKS_MODE == "immediate",
    "utc": True,
    "consumer": {"workers": env.int("TASK_WORKERS", default=2), "worker_type": "thread"},
}
if TASKS_MODE == "redis":
    HUEY["url"] = REDIS_URL or "redis://127.0.0.1:6379/0"

# --- Accounts and passwords ----------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["edu.accounts.backends.PhoneBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": env.int("PASSWORD_MIN_LENGTH", default=6)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Phone numbers: +998 and nine digits whose first two are an operator code. Operators change,
# so the list is data (PHONE_OPERATOR_CODES="20,33,50,…").
PHONE_OPERATOR_CODES = env.list(
    "PHONE_OPERATOR_CODES",
    default=[
        "20",
        "33",
        "50",
        "55",
        "61",
        "62",
        "65",
        "66",
        "67",
        "69",
        "70",
        "71",
        "72",
        "73",
        "74",
        "75",
        "76",
        "77",
        "78",
        "79",
        "88",
        "90",
        "91",
        "93",
        "94",
        "95",
        "97",
        "98",
        "99",
    ],
)

# One-time SMS codes and abuse limits.
SMS_CODE_LENGTH = env.int("SMS_CODE_LENGTH", default=6)
SMS_CODE_TTL_SECONDS = env.int("SMS_CODE_TTL_SECONDS", default=180)
SMS_CODE_MAX_TRIES = env.int("SMS_CODE_MAX_TRIES", default=5)
SMS_RESEND_SECONDS = env.int("SMS_RESEND_SECONDS", default=60)
SMS_PER_PHONE_PER_HOUR = env.int("SMS_PER_PHONE_PER_HOUR", default=5)
SMS_PER_IP_PER_HOUR = env.int("SMS_PER_IP_PER_HOUR", default=20)
LOGIN_MAX_FAILURES = env.int("LOGIN_MAX_FAILURES", default=5)
LOGIN_LOCKOUT_SECONDS = env.int("LOGIN_LOCKOUT_SECONDS", default=900)
LOGIN_MAX_FAILURES_PER_IP = env.int("LOGIN_MAX_FAILURES_PER_IP", default=50)
# How many proxies in front of the app append to X-Forwarded-For (0 = trust REMOTE_ADDR only).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# --- SMS gateway ----------------------------------------------------------------------------
SMS_BACKEND = env.str("SMS_BACKEND", default="console")  # console | eskiz | playmobile | locmem
SMS_SENDER = env.str("SMS_SENDER", default="4546")
SMS_TIMEOUT_SECONDS = env.float("SMS_TIMEOUT_SECONDS", default=10.0)
ESKIZ_BASE_URL = env.str("ESKIZ_BASE_URL", default="https://notify.eskiz.uz")
ESKIZ_EMAIL = env.str("ESKIZ_EMAIL", default="")
ESKIZ_PASSWORD = env.str("ESKIZ_PASSWORD", default="")
PLAYMOBILE_BASE_URL = env.str("PLAYMOBILE_BASE_URL", default="https://send.smsxabar.uz")
PLAYMOBILE_LOGIN = env.str("PLAYMOBILE_LOGIN", default="")
PLAYMOBILE_PASSWORD = env.str("PLAYMOBILE_PASSWORD", default="")

# --- Languages ------------------------------------------------------------------------------
LANGUAGE_CODE = "uz"
LANGUAGES = [
    ("uz", "O‘zbekcha"),
    ("uz-cyrl", "Ўзбекча"),
    ("ru", "Русский"),
    ("en", "English"),
]
# Our own strings first, then Django's strings transliterated to Uzbek Cyrillic.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_django"]
FORMAT_MODULE_PATH = ["edu.core.formats"]
LANGUAGE_COOKIE_NAME = "lang"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
USE_I18N = True
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Tashkent")
USE_TZ = True

# --- Files ----------------------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
PHOTO_MAX_BYTES = 5 * 1024 * 1024
PHOTO_MAX_SIDE = 512
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# --- Security -------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=14 * 24 * 3600)
CSRF_COOKIE_HTTPONLY = False  # the exam page's script reads it to send answers
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=PRODUCTION)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=PRODUCTION)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=PRODUCTION)
if env.bool("BEHIND_TLS_PROXY", default=PRODUCTION):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# --- API ------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "edu.accounts.tokens.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser", "rest_framework.parsers.MultiPartParser"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "EXCEPTION_HANDLER": "edu.core.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Bilim API",
    "DESCRIPTION": "Attempts, learning and the platform's own endpoints. Authenticate with POST /api/v1/auth/token "
    "and send `Authorization: Bearer <token>`.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": r"/api/v1",
}
API_TOKEN_TTL_SECONDS = env.int("API_TOKEN_TTL_SECONDS", default=30 * 24 * 3600)
REST_REFRESH_TOKEN_TTL_SECONDS = env.int("REST_REFRESH_TOKEN_TTL_SECONDS", default=90 * 24 * 3600)
# Seconds after an attempt's deadline during which late saves are still accepted (network lag), at most 60.
ATTEMPT_GRACE_SECONDS = min(60, env.int("ATTEMPT_GRACE_SECONDS", default=15))


# --- Single sign-on (OAuth2 / OpenID Connect provider) ------------------------------------
def _oidc_private_key() -> str:
    """The RSA key that signs ID tokens: OIDC_RSA_PRIVATE_KEY (PEM) or a file; made once in var/ if absent.
    Several app servers must share one key: set the variable in production."""
    if env.str("OIDC_RSA_PRIVATE_KEY", default=""):
        return env.str("OIDC_RSA_PRIVATE_KEY", multiline=True)
    path = Path(env.str("OIDC_RSA_PRIVATE_KEY_FILE", default=str(VAR_DIR / "oidc-rsa.pem")))
    if not path.exists():
        from jwcrypto import jwk

        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(jwk.JWK.generate(kty="RSA", size=2048).export_to_pem(private_key=True, password=None))
        path.chmod(0o600)
    return path.read_text()


OAUTH2_PROVIDER_APPLICATION_MODEL = "oauth2_provider.Application"
OAUTH2_PROVIDER_ACCESS_TOKEN_MODEL = "oauth2_provider.AccessToken"
OAUTH2_PROVIDER_REFRESH_TOKEN_MODEL = "oauth2_provider.RefreshToken"
OAUTH2_PROVIDER_ID_TOKEN_MODEL = "oauth2_provider.IDToken"
OAUTH2_PROVIDER_GRANT_MODEL = "oauth2_provider.Grant"
OAUTH2_PROVIDER = {
    "OIDC_ENABLED": True,
    "OIDC_RSA_PRIVATE_KEY": _oidc_private_key(),
    "OAUTH2_VALIDATOR_CLASS": "edu.sso.validators.EduOAuth2Validator",
    "SCOPES": {"openid": "OpenID Connect", "profile": "Profile", "read": "Read"},
    "DEFAULT_SCOPES": ["read"],
    # HEMIS clients (e.g. league/oauth2-client) send no PKCE: required for public clients, while confidential
    # ones (all that the Single sign-on page registers) authenticate with their secret.
    "PKCE_REQUIRED": "edu.sso.validators.pkce_required",
    # RFC 9700 (OAuth 2.0 Security BCP): every recommendation on.
    "COMPLIANT_BCP_RFC9700_IMPLICIT_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PASSWORD_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PKCE_METHOD": True,
    "COMPLIANT_BCP_RFC9700_ACCESS_TOKEN_TRANSPORT": True,
    "COMPLIANT_BCP_RFC9700_AUTHZ_RESPONSE_ISS": True,
    "COMPLIANT_BCP_RFC9700_TOKEN_STORAGE": True,
    "COMPLIANT_BCP_RFC9700_REFRESH_TOKEN": True,
    "REFRESH_TOKEN_REUSE_PROTECTION": True,
    "COMPLIANT_BCP_RFC9700_REDIRECT_URI_SCHEME": True,
    "ALLOWED_REDIRECT_URI_SCHEMES": ["https"],
    "COMPLIANT_BCP_RFC9700_REDIRECT_URI_MATCHING": True,
    "ALLOW_URI_WILDCARDS": False,
    "COMPLIANT_BCP_RFC9700_PKCE_REQUIRED": True,
    "ACCESS_TOKEN_EXPIRE_SECONDS": env.int("OAUTH_ACCESS_TOKEN_SECONDS", default=3600),
    "AUTHORIZATION_CODE_EXPIRE_SECONDS": 60,
    "ROTATE_REFRESH_TOKEN": True,
}

# --- Logging --------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# --- Learning (L): course time, anti-skip heartbeats, uploads, certificates -------------------
# A course's time allotment = video lengths + texts at this reading speed + a fixed time per document page.
LEARNING_READING_WPM = env.int("LEARNING_READING_WPM", default=180)
LEARNING_SECONDS_PER_PAGE = env.int("LEARNING_SECONDS_PER_PAGE", default=120)
# "I have read it" is accepted after this share of a text's or document's allotted time on the page.
LEARNING_MIN_TIME_FRACTION = env.float("LEARNING_MIN_TIME_FRACTION", default=0.5)
# The player reports every N seconds; a report may claim at most the wall-clock time since the previous one
# (at most MAX_GAP of it) plus a slack of TOLERANCE seconds that does not accumulate beyond itself.
LEARNING_HEARTBEAT_SECONDS = env.int("LEARNING_HEARTBEAT_SECONDS", default=10)
LEARNING_HEARTBEAT_TOLERANCE_SECONDS = env.float("LEARNING_HEARTBEAT_TOLERANCE_SECONDS", default=5.0)
LEARNING_HEARTBEAT_MAX_GAP_SECONDS = env.float("LEARNING_HEARTBEAT_MAX_GAP_SECONDS", default=60.0)
# A video is complete when the verified position is within this many seconds of its end.
LEARNING_VIDEO_END_TOLERANCE_SECONDS = env.float("LEARNING_VIDEO_END_TOLERANCE_SECONDS", default=1.0)
LEARNING_VIDEO_MAX_MB = env.int("LEARNING_VIDEO_MAX_MB", default=500)
LEARNING_DOCUMENT_MAX_MB = env.int("LEARNING_DOCUMENT_MAX_MB", default=50)
LEARNING_CERTIFICATE_PREFIX = env.str("LEARNING_CERTIFICATE_PREFIX", default="BLM")

PLATFORM_NAME = env.str("PLATFORM_NAME", default="Bilim")

# Callables that add demo data for each face (see edu/org/management/commands/seed_demo.py).
DEMO_EXTENSIONS: list[str] = [
    "edu.assessment.demo.seed",
    "edu.learning.demo.seed",
    "edu.university.demo.seed_university",
    "edu.paper.demo.seed",
]

# --- Regulation (deadlines, late entry) and the university --------------------------------------
# How long an approved late-entry request keeps the data open for its requester.
LATE_ENTRY_WINDOW_DAYS = env.int("LATE_ENTRY_WINDOW_DAYS", default=7)
# The public address printed in the QR code of issued documents (empty: the address of the request).
DOCUMENT_VERIFY_BASE_URL = env.str("DOCUMENT_VERIFY_BASE_URL", default="")
# seed_demo grows the university this much (students); 0 skips the university demo.
DEMO_UNIVERSITY_STUDENTS = env.int("DEMO_UNIVERSITY_STUDENTS", default=1000)
# Files teachers and students upload (resources, tasks, submissions, late-entry documents).
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)
