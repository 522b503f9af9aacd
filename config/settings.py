"""One settings module, configured by the environment.

Local use needs nothing: SQLite at the repository root, DEBUG on, a throwaway key.
Production sets DEBUG=0, SECRET_KEY, ALLOWED_HOSTS and usually DATABASE_URL.
"""

import ipaddress
import json
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
import xstatic.pkg.bootstrap
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _env_storage(alias: str, backend: str) -> dict[str, object]:
    """One entry of STORAGES from STORAGE_<alias>_BACKEND and STORAGE_<alias>_OPTIONS."""
    teks = os.environ.get(f"STORAGE_{alias}_OPTIONS", "") or "{}"
    try:
        opsi = json.loads(teks)
    except json.JSONDecodeError as galat:
        raise ImproperlyConfigured(f"STORAGE_{alias}_OPTIONS bukan JSON: {galat}") from galat
    if not isinstance(opsi, dict):
        raise ImproperlyConfigured(f"STORAGE_{alias}_OPTIONS harus objek JSON {{...}}.")
    return {"BACKEND": os.environ.get(f"STORAGE_{alias}_BACKEND", "") or backend, "OPTIONS": opsi}


DEBUG = _env_bool("DEBUG", True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY wajib diisi bila DEBUG dimatikan.")
    SECRET_KEY = "django-insecure-local-development-only-key-never-use-in-production"

ALLOWED_HOSTS = _env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = _env_list("CSRF_TRUSTED_ORIGINS")
# The public address printed under the QR code of signed documents when they are rendered
# outside a request (management commands); pages use the address they were requested at.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

# Email reminders (manage.py kirim_pengingat): printed on the console unless SMTP is configured.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _env_bool("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "SAKIP <sakip@localhost>")
# Remind of a deadline this many days ahead (and every day until it).
PENGINGAT_HARI_TENGGAT = int(os.environ.get("PENGINGAT_HARI_TENGGAT", "7"))

# Background work. With CELERY_BROKER_URL (redis://127.0.0.1:6379/0, or amqp:// for RabbitMQ)
# tasks go to workers (`make worker`) and the beat process (`make beat`) starts the periodic
# ones; without it every task runs in-process at once, so nothing else needs to run.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True  # a task lost with its worker runs again: tasks are idempotent
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
# The daily reminders, at PENGINGAT_JAM o'clock local time (cron may run kirim_pengingat instead).
CELERY_BEAT_SCHEDULE = {
    "pengingat-harian": {
        "task": "kinerja.tasks.kirim_pengingat_harian",
        "schedule": crontab(hour=int(os.environ.get("PENGINGAT_JAM", "7")), minute=0),
    },
}

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "import_export",
    "simple_history",
    "config.aplikasi.AxesConfig",  # django-axes, with an Indonesian section name
    "organisasi",
    "renstra",
    "kinerja",
    "anggaran",
    "logistik",
    "evaluasi",
    "perencanaan",
    "laporan",
    "beranda",
    "pantau",
    "publik",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "config.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# Strict: everything from the application itself, nothing inline (config/csp.py).
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# SQLite by default (WAL, IMMEDIATE transactions so that concurrent writers queue instead of
# failing with "database is locked"); PostgreSQL for larger deployments via DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "organisasi.Pengguna"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# django-axes first: it refuses a locked-out username before the password is even checked.
# It needs the request, so code that authenticates passes `request=` (tests use force_login).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
# One person mistyping does not lock the whole office behind one NAT address.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/terkunci.html"
AXES_VERBOSE = False
# Behind a reverse proxy every request comes from the proxy's address, so a lockout per
# username and address would let anyone lock anyone out. TRUSTED_PROXIES lists the proxies
# (addresses or networks, e.g. 127.0.0.1 for nginx on the same host) whose X-Forwarded-For is
# believed; by default there is none and only REMOTE_ADDR counts (organisasi/alamat.py).
TRUSTED_PROXIES = _env_list("TRUSTED_PROXIES")
try:
    [ipaddress.ip_network(item, strict=False) for item in TRUSTED_PROXIES]
except ValueError as galat:
    raise ImproperlyConfigured(f"TRUSTED_PROXIES tidak valid: {galat}") from galat
AXES_CLIENT_IP_CALLABLE = "organisasi.alamat.alamat_klien"
# Requests a minute per client address on the public pages (publik/batas.py), same address rule.
PUBLIK_BATAS_PER_MENIT = int(os.environ.get("PUBLIK_BATAS_PER_MENIT", "60"))

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia")]
# Indonesian for the packages that ship none (django-import-export): locale/id/LC_MESSAGES.
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
CELERY_TIMEZONE = TIME_ZONE
USE_I18N = True
USE_TZ = True
# Numbers are formatted explicitly through inti.angka (1.234.567,89) and its template
# filters; Django's own thousand separator stays off so years and ids never print as "2.024".
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("bootstrap", xstatic.pkg.bootstrap.BASE_DIR),
]
# The manifest storage whatever DEBUG says: `make setup` collects with DEBUG on, and a
# production process started afterwards with DEBUG=0 needs the manifest that collect wrote
# (without it every page is a 500). With DEBUG on, pages link the unhashed names and need no
# manifest. Tests, which never collect, use the plain storage (tests/conftest.py).
#
# Uploaded and generated files go through two more storages, each chosen by the environment
# (STORAGE_DEFAULT_BACKEND / STORAGE_PRIVATE_BACKEND, with their OPTIONS as a JSON object in
# STORAGE_DEFAULT_OPTIONS / STORAGE_PRIVATE_OPTIONS): "default" for the public uploads (logos,
# pictures), by default MEDIA_ROOT; "private" for evidence files, workbooks awaiting import,
# rendered LAKIP PDFs and XLSX and the final PDFs, by default PRIVATE_MEDIA_ROOT, never given a
# URL (kinerja.models.penyimpanan). The code reaches both only through Django's storage API, so
# an object store (django-storages) works as well as a shared disk: README, "Configuration".
STORAGES = {
    "default": _env_storage("DEFAULT", "django.core.files.storage.FileSystemStorage"),
    "private": _env_storage("PRIVATE", "kinerja.models.penyimpanan.PenyimpananPribadi"),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Uploaded files (logos, pictures) live outside the static path.
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

# Evidence (bukti dukung) and other files that only some users may see: never under
# MEDIA_ROOT or STATIC_ROOT, served only by views that check access.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private"))
# Files above this are streamed to a temporary file instead of being held in memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(60 * 60)))
SESSION_SAVE_EVERY_REQUEST = True  # expiry counts from the last request: inactivity timeout

if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = _env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # WeasyPrint and fontTools report every font subset at INFO.
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
