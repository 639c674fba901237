"""Settings shared by every environment. Everything that differs comes from the environment."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF

from cms.errors import init_sentry
from cms.logs import logging_config

from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = env_bool("DEBUG", False)

# Every village answers on its own subdomain of VILLAGES_BASE_DOMAIN, so the allowed hosts
# include the base domain with a leading dot (Django's wildcard for subdomains).
VILLAGES_BASE_DOMAIN = env_str("VILLAGES_BASE_DOMAIN", "localhost")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [VILLAGES_BASE_DOMAIN, f".{VILLAGES_BASE_DOMAIN}"])
# The port new village sites get in their URLs (80 plain http, 443 https, 8000 for the demo).
VILLAGES_SITE_PORT = env_int("VILLAGES_SITE_PORT", 443)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "villages",
    "accounts",
    "editorial",
    "audit",
    "home",
    "news",
    "government",
    "events",
    "gallery",
    "publications",
    "products",
    "maps",
    "assets",
    "search",
    "translations",
    "guide",
    "opendata",
    "projects",
    "letters",
    "complaints",
    "pagecache",
    "outbox",
    "backups",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    # wagtail.users, with forms that accept a person with one name (accounts.wagtail_users).
    "accounts.wagtail_users.WagtailUsersConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    # Wagtail's "wagtail.api.v3", installing our API v3 patches once its routers exist.
    "villages.api_v3.WagtailAPIV3Config",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "corsheaders",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Wagtail's admin uses humanize's filters ("8 detik yang lalu"); installed for its catalogue.
    "django.contrib.humanize",
    # Django's own widget templates, for FORM_RENDERER below.
    "django.forms",
    "axes",
    "csp",
]

MIDDLEWARE = [
    # /healthz and /readyz answer here, before host validation and the SSL redirect: a probe
    # asks by IP over plain HTTP.
    "cms.health.HealthCheckMiddleware",
    # A request id for the logs (the proxy's X-Request-ID when it sends one).
    "cms.logs.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # HTML and JSON compressed for phones on weak connections (the portal: 76,640 B → about
    # 6 KB). Django pads each response against BREACH; static files are precompressed by
    # whitenoise.
    "django.middleware.gzip.GZipMiddleware",
    # Content-Security-Policy (django-csp) with a nonce per response; see CONTENT_SECURITY_POLICY.
    "villages.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Must run before anything asks Wagtail for the current site: unknown hosts stop here.
    "villages.middleware.VillageSiteMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Anonymous visitors get a stored copy of a public page while nothing on it changed; it
    # needs the site and the language, and answers before sessions, CSRF and sign-in run.
    "pagecache.middleware.PageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Turns a sign-in refused for too many failures into the lockout page (django-axes).
    "axes.middleware.AxesMiddleware",
    # Refuses any admin URL naming another region's object, before its view runs.
    "villages.tenancy.guard.AdminObjectGuardMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "villages.middleware.PublicCacheControlMiddleware",
]

ROOT_URLCONF = "cms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "OPTIONS": {
            # Django's default loaders, with Wagtail's few untranslated template texts marked
            # for translation as they load (translations/templates.py).
            "loaders": [
                (
                    "django.template.loaders.cached.Loader",
                    [
                        "django.template.loaders.filesystem.Loader",
                        "translations.templates.Loader",
                    ],
                )
            ],
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Form widgets are rendered with the project's template settings, so the overrides under
# templates/wagtailadmin/widgets/ (the CSP nonce on Wagtail's date pickers) apply to them.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

WSGI_APPLICATION = "cms.wsgi.application"

# SQLite is the embedded default; DATABASE_URL points at PostgreSQL in production and CI.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20}
    )
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "desa"),
            "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient"},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The full-page cache of the public site (pagecache): in Redis with REDIS_URL, else in the
# process's memory (the demo). Entries also expire after PAGE_CACHE_SECONDS, which bounds what
# no signal can announce (an agenda's "upcoming" list as days pass).
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
PAGE_CACHE_ALIAS = "default"
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)
PAGE_CACHE_EXEMPT_PREFIXES = [
    "/admin/",
    "/api/",
    "/static/",
    "/media/",
    "/documents/",
    "/_",
    "/healthz",
    "/readyz",
]
# A visitor carrying one of these gets the page rendered for them: a signed-in editor, a
# visitor who passed a page's password (both sessions), one with a message waiting.
PAGE_CACHE_BYPASS_COOKIES = ["sessionid", "messages"]

# Sign-in, passwords and their reset ------------------------------------------------------

AUTHENTICATION_BACKENDS = [
    # Refuses a locked-out username+address before any password is checked (django-axes).
    "accounts.throttling.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# After LOGIN_FAILURE_LIMIT failed sign-ins, the same username from the same address is
# refused for LOGIN_COOLOFF_MINUTES; a successful sign-in or a new password clears the count.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15))
# Lock the pair, not one of its halves. Not the address alone: the operators of many villages
# reach us through the same carrier-grade NAT address of their mobile operator, so one
# person's typos would lock out a whole area. Not the username alone: anyone who knows an
# operator's username could keep them locked out from anywhere.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Attempts during a lockout are refused without extending it, so the waiting time the page
# promises holds for the person who keeps trying with the right password.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# The client address as the contact forms' rate limit reads it (CONTACT_FORM_TRUSTED_PROXIES).
AXES_CLIENT_IP_CALLABLE = "accounts.throttling.client_ip_address"
AXES_LOCKOUT_CALLABLE = "accounts.throttling.lockout_response"
# Axes would otherwise keep a row with address and browser for every successful sign-in,
# forever; nothing here reads it.
AXES_DISABLE_ACCESS_LOG = True

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # Local habits Django's list does not know: bismillah123, sayangku2024, the village name.
    {"NAME": "accounts.validators.IndonesianPasswordValidator"},
]

# Reset links (Wagtail's /admin/password_reset/) reach invited people too, and the form
# cannot flood a mailbox: at most PASSWORD_RESET_EMAIL_LIMIT emails per address and
# PASSWORD_RESET_IP_LIMIT requests per client address per PASSWORD_RESET_RATE_WINDOW seconds.
# A link stays valid for Django's PASSWORD_RESET_TIMEOUT (3 days), which invitations share.
WAGTAILADMIN_USER_LOGIN_FORM = "accounts.login.LoginForm"
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "accounts.password_reset.PasswordResetForm"  # noqa: S105
PASSWORD_RESET_EMAIL_LIMIT = env_int("PASSWORD_RESET_EMAIL_LIMIT", 3)
PASSWORD_RESET_IP_LIMIT = env_int("PASSWORD_RESET_IP_LIMIT", 20)
PASSWORD_RESET_RATE_WINDOW = env_int("PASSWORD_RESET_RATE_WINDOW", 3600)

# Languages: Bahasa Indonesia is the default, English lives under /en/.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "cms" / "static"]
MEDIA_URL = env_str("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# Serve MEDIA_ROOT from Django itself (the demo and the browser tests; never in production).
SERVE_MEDIA = env_bool("SERVE_MEDIA", False)

# Media: local files unless an S3-compatible bucket is configured.
AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME")
if AWS_STORAGE_BUCKET_NAME:
    MEDIA_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env_str("AWS_S3_ENDPOINT_URL"),
            "region_name": env_str("AWS_S3_REGION_NAME"),
            "access_key": env_str("AWS_ACCESS_KEY_ID"),
            "secret_key": env_str("AWS_SECRET_ACCESS_KEY"),
            "custom_domain": env_str("AWS_S3_CUSTOM_DOMAIN"),
            # Never replace an existing object: another village may own that name.
            "file_overwrite": False,
            "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", False),
            "default_acl": env_str("AWS_DEFAULT_ACL"),
            "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
        },
    }
else:
    MEDIA_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}

# Private files (issued letters, encrypted): never at a public URL (letters/storage.py).
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private_media")))
if AWS_STORAGE_BUCKET_NAME:
    PRIVATE_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **MEDIA_STORAGE["OPTIONS"],
            "location": "private",
            "default_acl": "private",
            "querystring_auth": True,
            "custom_domain": None,
            "object_parameters": {"CacheControl": "private, no-store"},
        },
    }
else:
    PRIVATE_STORAGE = {
        "BACKEND": "letters.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT},
    }

STORAGES = {
    "default": MEDIA_STORAGE,
    "private": PRIVATE_STORAGE,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Wagtail
WAGTAIL_SITE_NAME = env_str("WAGTAIL_SITE_NAME", "Portal Desa")
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://localhost:8000")
WAGTAILIMAGES_IMAGE_MODEL = "assets.VillageImage"
WAGTAILDOCS_DOCUMENT_MODEL = "assets.VillageDocument"
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# The only document types accepted; assets/file_types.py checks each file's bytes against its
# extension (an .exe renamed .pdf is refused) and refuses any extension it has no rule for.
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    *("doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp"),
    *("jpg", "jpeg", "png", "gif", "webp"),
    *("txt", "csv"),
    "zip",
]
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        # PostgreSQL stems Indonesian (pembangunan/membangun/dibangun → "bangun"). The index is
        # built with the same configuration: run `manage.py update_index` after changing it.
        # SQLite ignores the option (FTS5, no stemming).
        "SEARCH_CONFIG": "indonesian",
    }
}
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
# Images are reduced on upload, not refused for their size (assets/image_uploads.py): the
# longest side to ASSETS_IMAGE_MAX_SIDE pixels, the bytes under WAGTAILIMAGES_MAX_UPLOAD_SIZE.
# ASSETS_IMAGE_MAX_INPUT_SIZE bounds what one upload may send before it is reduced.
WAGTAILIMAGES_IMAGE_FORM_BASE = "assets.forms.VillageImageForm"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env_int("WAGTAILIMAGES_MAX_UPLOAD_SIZE", 10 * 1024 * 1024)
ASSETS_IMAGE_MAX_SIDE = env_int("ASSETS_IMAGE_MAX_SIDE", 2560)
ASSETS_IMAGE_MAX_INPUT_SIZE = env_int("ASSETS_IMAGE_MAX_INPUT_SIZE", 60 * 1024 * 1024)
WAGTAILAPI_LIMIT_MAX = 100
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No Gravatar avatars in the admin: they would send a hash of every operator's email address to
# a third party, and the Content-Security-Policy loads images only from us and the media
# storage. Wagtail shows its default avatar, or the picture a user uploads in their account.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_PASSWORD_RESET_ENABLED = True
WAGTAILADMIN_COMMENTS_ENABLED = True
# Moderation emails go to the page's own region's approvers (editorial.notifications), not to
# every superuser of the installation for every submission of every village.
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
# The user bar and "view live" links must use the village's own host.
WAGTAIL_ALLOW_UNICODE_SLUGS = False

# Content-Security-Policy (django-csp). Scripts run only from our own origin or with the
# response's nonce (request.csp_nonce), on the public site and in the admin alike; no inline
# event handlers, no eval. villages.csp adds what only a request knows: the media storage's
# origin to img-src, and the admin's style-src (see there why it allows inline styles).
# CSP_REPORT_ONLY=true sends the same policy as Content-Security-Policy-Report-Only (to try it
# on a running installation first); CSP_REPORT_URI receives the browsers' violation reports.
# (Not as settings named CSP_*: django-csp's system check takes those for its old format.)
_CSP_DIRECTIVES = {
    "default-src": [SELF],
    "script-src": [SELF, NONCE],
    # The theme's one <style> (the village colours) carries the nonce.
    "style-src": [SELF, NONCE],
    # data: for the empty favicon and the admin's inline SVG icons in CSS.
    "img-src": [SELF, "data:"],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [SELF],
}
if env_str("CSP_REPORT_URI"):
    _CSP_DIRECTIVES["report-uri"] = [env_str("CSP_REPORT_URI")]
if env_bool("CSP_REPORT_ONLY", False):
    CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": _CSP_DIRECTIVES}
else:
    CONTENT_SECURITY_POLICY = {"DIRECTIVES": _CSP_DIRECTIVES}

# Readiness (/readyz) asks the Celery broker, when there is one, for at most this long.
HEALTH_BROKER_TIMEOUT_SECONDS = env_int("HEALTH_BROKER_TIMEOUT_SECONDS", 2)

# Public caching: anonymous GET responses of pages and the public API.
VILLAGES_PUBLIC_CACHE_SECONDS = env_int("VILLAGES_PUBLIC_CACHE_SECONDS", 300)
VILLAGES_API_CACHE_SECONDS = env_int("VILLAGES_API_CACHE_SECONDS", 60)
# Paths that answer on any allowed host, even one that is no village or portal site.
VILLAGES_HOST_EXEMPT_PREFIXES = [
    "/admin/",
    "/static/",
    "/media/",
    "/documents/",
    "/_health/",
    "/healthz",
    "/readyz",
]

# CORS for the public API (apps of the regency reuse village content).
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS", [])
CORS_ALLOWED_ORIGIN_REGEXES = env_list("CORS_ALLOWED_ORIGIN_REGEXES", [])
CORS_URLS_REGEX = r"^/api/.*$"

# Invitations, password resets, moderation notices and reminders go out by email. Every
# email is queued (outbox) and delivered by a Celery task through the backend named by the
# environment's EMAIL_BACKEND: a real installation sets it to
# django.core.mail.backends.smtp.EmailBackend and the server below.
OUTBOX_DELIVERY_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_BACKEND = "outbox.backends.QueuedEmailBackend"
# Attempts before an email is "failed" (shown to the regency admin), the first wait between
# attempts (then ×4 each time: 1, 4, 16, 64 minutes), when a delivery that never finished
# (a worker died) is tried again, how many the periodic job hands over at once, and the days
# a delivered email's subject and masked addresses are kept.
OUTBOX_MAX_ATTEMPTS = env_int("OUTBOX_MAX_ATTEMPTS", 5)
OUTBOX_RETRY_BASE_SECONDS = env_int("OUTBOX_RETRY_BASE_SECONDS", 60)
OUTBOX_STALE_SENDING_SECONDS = env_int("OUTBOX_STALE_SENDING_SECONDS", 900)
OUTBOX_REQUEUE_BATCH = env_int("OUTBOX_REQUEUE_BATCH", 500)
OUTBOX_KEEP_DAYS = env_int("OUTBOX_KEEP_DAYS", 30)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Portal Desa <noreply@localhost>")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)

# Contact forms (home.ContactPage): submissions per client and page within the window, and
# how many of our own reverse proxies append to X-Forwarded-For (0: the header is ignored and
# REMOTE_ADDR identifies the client; set it to 1 behind one nginx, or every visitor shares
# the proxy's address).
CONTACT_FORM_RATE_LIMIT = env_int("CONTACT_FORM_RATE_LIMIT", 5)
CONTACT_FORM_RATE_WINDOW = env_int("CONTACT_FORM_RATE_WINDOW", 3600)
CONTACT_FORM_TRUSTED_PROXIES = env_int("CONTACT_FORM_TRUSTED_PROXIES", 0)

# Personal data of the letter service (NIK, birth date, address), encrypted at rest: Fernet
# keys (the first encrypts, all decrypt) and the key of the NIK's keyed hash. Required
# outside development (letters.checks); see letters/personal.py.
PERSONAL_DATA_KEYS = env_list("PERSONAL_DATA_KEYS", [])
PERSONAL_DATA_HASH_KEY = env_str("PERSONAL_DATA_HASH_KEY", "")
# Days after a letter request closes before purge_letter_requests erases its personal data.
LETTER_REQUEST_RETENTION_DAYS = env_int("LETTER_REQUEST_RETENTION_DAYS", 90)

# Complaints (complaints.ComplaintPage, /pengaduan/): complaints one client may send per
# village and window, tracking codes it may try, the days after which an unanswered
# complaint is overdue for the district editors, and the days after a complaint closes
# before purge_complaints erases the sender's name, contact details and photo.
COMPLAINT_RATE_LIMIT = env_int("COMPLAINT_RATE_LIMIT", 5)
COMPLAINT_RATE_WINDOW = env_int("COMPLAINT_RATE_WINDOW", 3600)
COMPLAINT_LOOKUP_RATE_LIMIT = env_int("COMPLAINT_LOOKUP_RATE_LIMIT", 30)
COMPLAINT_OVERDUE_DAYS = env_int("COMPLAINT_OVERDUE_DAYS", 7)
COMPLAINT_RETENTION_DAYS = env_int("COMPLAINT_RETENTION_DAYS", 90)

# Background work (cms/celery.py). With a broker (redis://127.0.0.1:6379/1, or amqp://…
# for RabbitMQ) tasks go to `celery -A cms worker`; without one they run eagerly, in the
# process that asks for them (the demo, the tests), and the periodic jobs do not run.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", not CELERY_BROKER_URL)
if not CELERY_BROKER_URL:
    CELERY_BROKER_URL = "memory://"
CELERY_TASK_EAGER_PROPAGATES = env_bool("CELERY_TASK_EAGER_PROPAGATES", False)
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
# A task is acknowledged when it finished, so a worker that dies mid-task loses nothing.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 15 * 60)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_TIMEZONE = TIME_ZONE
# Periodic jobs (`celery -A cms beat`), in Western Indonesia Time.
CELERY_BEAT_SCHEDULE = {
    "outbox-requeue-due": {"task": "outbox.requeue_due", "schedule": 300.0},
    "outbox-purge-delivered": {
        "task": "outbox.purge_delivered",
        "schedule": crontab(hour=2, minute=30),
    },
    "editorial-freshness-reminders": {
        "task": "cms.run_command",
        "args": ["send_freshness_reminders"],
        "schedule": crontab(hour=7, minute=0),
    },
    "letters-purge": {
        "task": "cms.run_command",
        "args": ["purge_letter_requests"],
        "schedule": crontab(hour=2, minute=0),
    },
    "complaints-purge": {
        "task": "cms.run_command",
        "args": ["purge_complaints"],
        "schedule": crontab(hour=2, minute=15),
    },
}

# Logs: one console handler; JSON lines in production (LOG_FORMAT=json), each with the request
# id, the host and the village's code, personal numbers masked (cms/logs.py).
LOG_LEVEL = env_str("LOG_LEVEL", "WARNING")
LOG_FORMAT = env_str("LOG_FORMAT", "text")
LOGGING = logging_config(LOG_LEVEL, LOG_FORMAT)

# Error reporting (optional): Sentry or a compatible server (GlitchTip), personal data
# scrubbed before anything leaves the server (cms/errors.py).
SENTRY_DSN = env_str("SENTRY_DSN")
if SENTRY_DSN:
    init_sentry(
        SENTRY_DSN,
        environment=env_str("SENTRY_ENVIRONMENT", "production"),
        release=env_str("SENTRY_RELEASE"),
        traces_sample_rate=float(env_str("SENTRY_TRACES_SAMPLE_RATE", "0") or 0),
    )
