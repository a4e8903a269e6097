"""Django settings, all from the environment (see README, "Running the web app in production").

SQCHECK_DATABASE_URL  a SQLite file path (default sqcheck.sqlite3) or postgresql://user:pw@host:port/name
SQCHECK_DATA_DIR      uploaded evidence (default: beside the SQLite file, NAME.files/)
SQCHECK_SECRET_KEY    else one is generated once and kept in the data folder
SQCHECK_ALLOWED_HOSTS comma-separated host names (default 127.0.0.1,localhost)
SQCHECK_DEBUG=1       Django's debug pages (never in production)
SQCHECK_BEHIND_PROXY=1  trust X-Forwarded-Proto from the reverse proxy (HTTPS detection)
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

from web import config

PACKAGE = Path(__file__).resolve().parent
DATABASE_URL = config.database_url()
DATA_DIR = config.data_dir(DATABASE_URL)
EVIDENCE_DIR = DATA_DIR / "evidence"

SECRET_KEY = config.secret_key(DATA_DIR)
DEBUG = os.environ.get("SQCHECK_DEBUG") == "1"
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("SQCHECK_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]
if os.environ.get("SQCHECK_BEHIND_PROXY") == "1":
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = True

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.staticfiles",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "web",
]
# Background jobs (web/jobs.py): Django's task API, queued in this same database, run by `sqcheck worker`
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
JOBS_DIR = DATA_DIR / "jobs"  # publications and exports; shared storage when workers run on several machines
JOB_LEASE = float(os.environ.get("SQCHECK_JOB_LEASE", "60"))  # seconds without a heartbeat: the worker is gone
MIDDLEWARE = [
    "web.middleware.SecureCookiesOverHttps",  # first, so it sees the cookies every other middleware set
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "web.middleware.LoginRequired",
    "axes.middleware.AxesMiddleware",
]
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
ROOT_URLCONF = "web.urls"
WSGI_APPLICATION = "web.wsgi.application"
DATABASES = {"default": config.database_settings(DATABASE_URL)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [PACKAGE / "templates"],
        "APP_DIRS": False,
        "OPTIONS": {"environment": "web.jinja.environment"},
    }
]

# Chinese first; English by the user's choice (stored on the account, see web.i18n)
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = None  # served by WhiteNoise straight from web/static
STATICFILES_DIRS: list[Path] = []
WHITENOISE_USE_FINDERS = True  # serve straight from web/static (no collectstatic step)
WHITENOISE_AUTOREFRESH = False

LOGIN_URL = "/login/"
LOGIN_REDIRECT_URL = "/"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 3600
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"  # the gap report is shown in a frame of our own page

# Uploads: refused above this before the readers' own caps (which say so with the CLI's messages)
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_UPLOAD_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000  # the form has one field per question and two per matter

# Failed logins: 5 for one user name from one address, then locked for 15 minutes (django-axes)
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "locked.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"axes": {"handlers": ["console"], "level": "WARNING"}},
}
