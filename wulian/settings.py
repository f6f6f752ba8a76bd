"""Settings for wulian, read from the environment.

With no environment at all the portal runs embedded: SQLite file, tasks in-process.
Production sets DEBUG=0, SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL and CELERY_BROKER_URL.
"""

import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("WULIAN_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production-0123456789abcdef"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "wulian.apps.WulianConfig",
    "organizations.apps.OrganizationsConfig",
    "stations.apps.StationsConfig",
    "projects.apps.ProjectsConfig",
    "funding.apps.FundingConfig",
    "volunteers.apps.VolunteersConfig",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "treebeard",
    "auditlog",
    "axes",
    "csp",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_tables2",
    "rest_framework",
    "drf_spectacular",
    "django_celery_beat",
]

# The apps that hold the portal's domain models; history, navigation and demo data are collected
# from these, in this order.
WULIAN_DOMAIN_APPS = ["wulian", "organizations", "stations", "projects", "funding", "volunteers"]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "axes.middleware.AxesMiddleware",
    "wulian.errors.PortalErrorPagesMiddleware",
]

ROOT_URLCONF = "wulian.urls"
WSGI_APPLICATION = "wulian.wsgi.application"

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
                "csp.context_processors.nonce",
                "wulian.context_processors.portal",
            ],
        },
    },
]

# Database: DATABASE_URL, or an SQLite file for the embedded default.
if not os.environ.get("DATABASE_URL"):
    VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'wulian.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # PostgreSQL's JIT compiles any plan whose cost estimate is high (a deep page over a million rows) and
    # took 350 ms doing so for a query that runs in 150: never worth it for pages answered in milliseconds.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "wulian.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Login lockout (django-axes): lock a username+address after repeated failures.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.5"))  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_RESET_ON_SUCCESS = True
# The reverse proxy's addresses (or networks): only from these is X-Forwarded-For believed (wulian/net.py).
WULIAN_TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")
AXES_CLIENT_IP_CALLABLE = "wulian.net.client_address"
AXES_VERBOSE = False

# Internationalisation: Simplified Chinese only. English was offered but never complete (units, dates, PDFs and
# seeded words stay Chinese), so it left the language menu (issue 23 G; docs/decisions.md). The source strings
# are English: adding ("en", "English") back here is all it takes once the English pages are finished.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["wulian.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# The manifest storage needs collectstatic; the embedded default and tests serve from the finders.
STATIC_MANIFEST = env_bool("STATIC_MANIFEST", not DEBUG and env_bool("WULIAN_PRODUCTION", False))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if STATIC_MANIFEST
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024

# Security: safe by default; the embedded default (DEBUG=1) relaxes what plain HTTP needs.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 3600)))
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # probes speak plain HTTP inside the network
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
    CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    if env_bool("SECURE_PROXY_SSL_HEADER", True):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content Security Policy: every script and style is served by the portal itself.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        # Inline style attributes (progress bars, widths) are allowed; inline scripts are not.
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
DJANGO_TABLES2_TEMPLATE = "includes/table.html"
DJANGO_TABLES2_PAGE_RANGE = 8

# History (django-auditlog): every model of the portal's apps is tracked, one table for all.
AUDITLOG_INCLUDE_ALL_MODELS = True
AUDITLOG_EXCLUDE_TRACKING_MODELS = (
    "admin",
    "auth",
    "contenttypes",
    "sessions",
    "auditlog",
    "axes",
    "django_celery_beat",
    "wulian.accesslog",
    "wulian.reportjob",
    "wulian.notification",
    "wulian.statechange",
    # Figures recomputed from rows that have their own history.
    "volunteers.communityyearstats",
    "volunteers.pendingstats",
    # The dashboard's summaries, replaced wholesale every hour (a history of them would be ~20,000 rows an hour
    # for a city, and the deletes one by one instead of one DELETE).
    "wulian.attainmentfigure",
    "wulian.dashboardfigure",
    "wulian.summaryrefresh",
)
AUDITLOG_EXCLUDE_TRACKING_FIELDS = ("password", "last_login", "updated_at", "path", "numchild", "depth")
AUDITLOG_DISABLE_REMOTE_ADDR = False
# ID numbers are stored masked in the history (the last four characters); every personal field
# (``wulian.personal``) is masked again when the history is shown.
AUDITLOG_MASK_TRACKING_FIELDS = ("id_number",)
AUDITLOG_MASK_CALLABLE = "wulian.personal.mask_in_log"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.BasicAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "wulian.api_schema.PortalAutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "wulian.api_negotiation.StaffBrowsableNegotiation",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "wulian API",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # The shared vocabulary is one enum in the schema, whichever field (target_group, target_groups) uses it.
    "ENUM_NAME_OVERRIDES": {"TargetGroupEnum": "wulian.choices.TargetGroup"},
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "wulian.api_schema.local_times",
        "wulian.api_schema.crud_links",
    ],
}

# Celery: no broker means tasks run in-process (the embedded default).
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_MAX_TASKS_PER_CHILD = 50
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# The longest report may run this long (soft limit: the job is failed with a message; hard limit a little later).
# Redis hands an unacknowledged message to another worker after the visibility timeout, so it must exceed the
# hard limit, or a long report is built twice; a killed worker's report is redelivered after it.
WULIAN_REPORT_TIME_LIMIT = int(os.environ.get("WULIAN_REPORT_TIME_LIMIT", str(2 * 3600)))
CELERY_TASK_SOFT_TIME_LIMIT = WULIAN_REPORT_TIME_LIMIT
CELERY_TASK_TIME_LIMIT = WULIAN_REPORT_TIME_LIMIT + 300
# Reports one user may have waiting or being built at once (issue 17): the next request is refused in Chinese.
WULIAN_REPORT_USER_LIMIT = int(os.environ.get("WULIAN_REPORT_USER_LIMIT", "3"))
# The longest text any field takes when its model declares no max_length (the write path refuses more).
WULIAN_TEXT_LIMIT = 20000
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": CELERY_TASK_TIME_LIMIT + 600,
    # Asking for a report with the broker down is refused in seconds, not after minutes of retries.
    "socket_connect_timeout": 2,
    "max_retries": 1,
}
CELERY_BROKER_CONNECTION_TIMEOUT = 3
CELERY_TIMEZONE = TIME_ZONE
# Days a report file stays in the download lists before the daily purge removes it (scheduled ones: longer).
REPORT_KEEP_DAYS = int(os.environ.get("REPORT_KEEP_DAYS", "30"))
REPORT_KEEP_SCHEDULED_DAYS = int(os.environ.get("REPORT_KEEP_SCHEDULED_DAYS", "180"))
# The queue reports are built from (empty: Celery's default queue); e.g. "reports" with a worker started with
# `-Q reports`, so long reports never delay notification mails.
WULIAN_REPORT_QUEUE = os.environ.get("WULIAN_REPORT_QUEUE", "")
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Beat copies these into its database tables on start; admins can change times in Django admin.
CELERY_BEAT_SCHEDULE = {
    "purge-old-reports": {"task": "wulian.tasks.purge_old_reports", "schedule": 24 * 3600},
    "run-report-schedules": {"task": "wulian.tasks.run_report_schedules", "schedule": crontab(hour=2, minute=30)},
    "reap-stale-reports": {"task": "wulian.tasks.reap_stale_reports", "schedule": 15 * 60},
    # Volunteer figures per region and year: saves keep them current; this catches writes around the ORM.
    "refresh-volunteer-stats": {"task": "volunteers.tasks.refresh_volunteer_stats", "schedule": 3600},
    "projects-flag-overdue": {"task": "projects.tasks.flag_overdue", "schedule": 24 * 3600},
    # The dashboard's summaries of the current year (wulian/dashboard.py); the bureau may also refresh at once.
    "refresh-dashboard-summaries": {"task": "wulian.tasks.refresh_summaries", "schedule": 3600},
    # The audit trail's head to the anchor file outside the database (issue 21), and the retention of personal data.
    "anchor-audit-trail": {"task": "wulian.tasks.anchor_audit", "schedule": 5 * 60},
    "anonymise-after-retention": {"task": "wulian.tasks.anonymise_expired", "schedule": crontab(hour=3, minute=15)},
}

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if os.environ.get("CACHE_URL"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["CACHE_URL"]}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# A list export with more rows than this is built in the background (report centre) instead of in the request.
WULIAN_EXPORT_SYNC_ROWS = int(os.environ.get("WULIAN_EXPORT_SYNC_ROWS", "20000"))

# Demo accounts' password (load_demo).
WULIAN_DEMO_PASSWORD = os.environ.get("WULIAN_DEMO_PASSWORD", "wulian-demo")
WULIAN_SITE_TITLE = _("Wulian social work portal")

# Mail: notifications are also mailed when a mail server is configured (EMAIL_HOST); without one, no mail.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "20"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "wulian@localhost")
# The portal's address as users reach it, for links in mails, e.g. https://wulian.example.gov.cn
WULIAN_SITE_URL = os.environ.get("WULIAN_SITE_URL", "")
# Open contracting data (/public/projects/ocds.json): the ocid prefix registered with the Open Contracting
# Partnership ("ocds-" and six characters in production; the default marks the data as this portal's own).
WULIAN_OCDS_PREFIX = os.environ.get("WULIAN_OCDS_PREFIX", "ocds-wulian-")
WULIAN_OCDS_PUBLISHER = os.environ.get("WULIAN_OCDS_PUBLISHER", "")

# -- Level-3 security (等保 2.0, issue 21): see docs/security.md ---------------------------------------------------
INSTALLED_APPS += ["django_otp", "django_otp.plugins.otp_totp", "django_otp.plugins.otp_static"]
# After authentication and messages: second factor, idle timeout, administrators' password age, their acts audited.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.messages.middleware.MessageMiddleware") + 1,
    "wulian.security.middleware.SecurityMiddleware",
)
# The second factor (TOTP): always for the superuser, the bureau and the three administrators; WULIAN_TWO_FACTOR=0
# switches it off entirely (never in production).
WULIAN_TWO_FACTOR = env_bool("WULIAN_TWO_FACTOR", True)
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "五联 wulian")
# Sessions: ended after this many idle seconds (a warning two minutes before); one session per account.
WULIAN_IDLE_TIMEOUT = int(os.environ.get("WULIAN_IDLE_TIMEOUT", str(30 * 60)))
WULIAN_SINGLE_SESSION = env_bool("WULIAN_SINGLE_SESSION", True)
# Passwords: at least 10 characters of three classes, none of the last 5; administrators change theirs every 90 days.
WULIAN_PASSWORD_MIN_LENGTH = int(os.environ.get("WULIAN_PASSWORD_MIN_LENGTH", "10"))
WULIAN_PASSWORD_HISTORY = int(os.environ.get("WULIAN_PASSWORD_HISTORY", "5"))
WULIAN_ADMIN_PASSWORD_DAYS = int(os.environ.get("WULIAN_ADMIN_PASSWORD_DAYS", "90"))
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": WULIAN_PASSWORD_MIN_LENGTH},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "wulian.security.passwords.CharacterClassesValidator", "OPTIONS": {"classes": 3}},
    {"NAME": "wulian.security.passwords.NotRecentlyUsedValidator"},
]
# The audit trail: kept in the database at least 180 days, older entries archived to hashed files.
WULIAN_AUDIT_RETENTION_DAYS = max(int(os.environ.get("WULIAN_AUDIT_RETENTION_DAYS", "180")), 180)
WULIAN_AUDIT_ARCHIVE_DIR = Path(os.environ.get("WULIAN_AUDIT_ARCHIVE_DIR", VAR_DIR / "audit-archive"))
# The chain's head is appended every few minutes to a file outside the database (best on another machine or an
# append-only mount), so rows cut from the newest end are found by verify_audit.
WULIAN_AUDIT_ANCHOR_DIR = Path(os.environ.get("WULIAN_AUDIT_ANCHOR_DIR", VAR_DIR / "audit-anchor"))
# Secrets and the trail itself stay out of the change history.
AUDITLOG_EXCLUDE_TRACKING_MODELS = (
    *AUDITLOG_EXCLUDE_TRACKING_MODELS,
    "otp_totp", "otp_static", "wulian.auditevent", "wulian.auditarchive", "wulian.apitoken", "wulian.passwordhistory",
    "wulian.totpdevice",
)
AUDITLOG_EXCLUDE_TRACKING_FIELDS = (*AUDITLOG_EXCLUDE_TRACKING_FIELDS, "current_session_key", "password_changed_at")
# The API: the browser's session (after the second factor) or a per-user token with scope and expiry; no Basic auth.
REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"] = [
    "rest_framework.authentication.SessionAuthentication",
    "wulian.security.tokens.TokenAuthentication",
]
# Personal data encrypted at rest (AES-256-GCM, wulian/security/crypto.py): 32 random bytes, base64
# (`openssl rand -base64 32`), kept outside the repository; old keys stay readable during `manage.py rotate_data_key`.
# Without a key the embedded default (DEBUG=1) derives a dev-only key from SECRET_KEY; production refuses.
WULIAN_DATA_KEY = os.environ.get("WULIAN_DATA_KEY", "")
# 个人信息保护法 第47条: people are anonymised (manage.py anonymise_expired, a daily beat task) this many years after
# they were last active — volunteers after their last service (or registration), station staff after their last
# post ended.
WULIAN_RETENTION_YEARS = {
    "volunteers": int(os.environ.get("WULIAN_RETENTION_VOLUNTEER_YEARS", "5")),
    "staff": int(os.environ.get("WULIAN_RETENTION_STAFF_YEARS", "5")),
}
# Encrypted backups (`manage.py backup --encrypt`, AES-256-GCM): 32 random bytes, base64, a key of its own kept in
# the key custody apart from the archives; `restore` needs the same key.
WULIAN_BACKUP_KEY = os.environ.get("WULIAN_BACKUP_KEY", "")
WULIAN_DATA_OLD_KEYS = os.environ.get("WULIAN_DATA_OLD_KEYS", "")
# The history keeps only the last four characters of personal values (their full values are encrypted in the rows).
AUDITLOG_INCLUDE_TRACKING_MODELS = (
    {"model": "volunteers.volunteer", "mask_fields": ["id_number", "phone"]},
    {"model": "stations.staffmember", "mask_fields": ["phone"]},
)
# -- Production, proven (issue 22): read replica, file hand-over to nginx, JSON logs, metrics ---------------------

# A streaming read replica: dashboards, attainment, reports and exports read from it (wulian/db_router.py).
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"],
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
    # A replica that does not answer is given up on in two seconds (the pages then read from the primary).
    DATABASES["replica"].setdefault("OPTIONS", {}).update({"connect_timeout": 2, "options": "-c jit=off"})
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["wulian.db_router.ReplicaRouter"]
# After a session wrote, its reads stay on the primary this long; a replica further behind than the bound is
# not read from (a log line says so).
WULIAN_PRIMARY_AFTER_WRITE_SECONDS = float(os.environ.get("WULIAN_PRIMARY_AFTER_WRITE_SECONDS", "10"))
WULIAN_REPLICA_MAX_LAG_SECONDS = float(os.environ.get("WULIAN_REPLICA_MAX_LAG_SECONDS", "5"))
WULIAN_REPLICA_VIEWS = ["wulian:dashboard", "wulian:ranking_list", "wulian:attainment", "wulian:report_center"]
WULIAN_REPLICA_TASKS = ["wulian.tasks.build_report"]
MIDDLEWARE.insert(0, "wulian.logs.RequestIdMiddleware")
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware") + 1,
    "wulian.db_router.ReplicaRoutingMiddleware",
)

# Private files (attachments, reports) are handed to nginx after the scoped check (X-Accel-Redirect to its
# internal locations /_private/ and /_media/, deploy/nginx/wulian.conf); without nginx, Django streams them.
WULIAN_X_ACCEL_REDIRECT = env_bool("WULIAN_X_ACCEL_REDIRECT", False)

# Logs: JSON lines with the request id (LOG_FORMAT=json in production, wulian/logs.py); plain text otherwise.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "wulian.logs.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "wulian.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
# The worker logs through the same handler (its task lines carry the id of the request that queued them).
CELERY_WORKER_HIJACK_ROOT_LOGGER = LOG_FORMAT != "json"

# Prometheus metrics (django-prometheus): each process serves /metrics on its own port of
# PROMETHEUS_EXPORT_PORTS (e.g. 9100-9139) at PROMETHEUS_EXPORT_ADDRESS (loopback: operators only); never
# through nginx. Off when the range is not set.
if os.environ.get("PROMETHEUS_EXPORT_PORTS"):
    _first, _, _last = os.environ["PROMETHEUS_EXPORT_PORTS"].partition("-")
    PROMETHEUS_METRICS_EXPORT_PORT_RANGE = range(int(_first), int(_last or _first) + 1)
    PROMETHEUS_METRICS_EXPORT_ADDRESS = os.environ.get("PROMETHEUS_EXPORT_ADDRESS", "127.0.0.1")
    INSTALLED_APPS.append("django_prometheus")
    MIDDLEWARE.insert(0, "django_prometheus.middleware.PrometheusBeforeMiddleware")
    MIDDLEWARE.append("django_prometheus.middleware.PrometheusAfterMiddleware")
# /healthz says a file folder is short of space below this many MB free.
WULIAN_MIN_FREE_DISK_MB = int(os.environ.get("WULIAN_MIN_FREE_DISK_MB", "1024"))
