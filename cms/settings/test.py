"""Settings for the test suite: fast hashing, in-memory email, deterministic ports."""

import os
import tempfile

os.environ.setdefault("VILLAGES_SITE_PORT", "80")

from .base import *  # noqa: E402,F403
from .base import STORAGES  # noqa: E402

SECRET_KEY = "test-secret-key-not-for-production"  # noqa: S105
# Fixed keys of the tests only (a real installation sets its own in the environment).
PERSONAL_DATA_KEYS = ["DgvxOu1Ufrqfib5yKJjLFdv3CjNqng03qoskVk8TNKo="]
PERSONAL_DATA_HASH_KEY = "test-personal-hash-key-not-for-production"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Every email goes through the outbox (stored, then delivered by the task, run eagerly) to
# Django's in-memory outbox; tests/conftest.py sets it again after Django's test set-up.
EMAIL_BACKEND = "outbox.backends.QueuedEmailBackend"
OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_BROKER_URL = "memory://"
CELERY_TASK_ALWAYS_EAGER = True
# A task that breaks fails its test.
CELERY_TASK_EAGER_PROPAGATES = True
STORAGES = {
    **STORAGES,
    # Issued letters of the tests: never in the checkout's private_media/.
    "private": {
        "BACKEND": "letters.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": os.path.join(tempfile.gettempdir(), "desa-test-private")},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Off by default: most tests change data inside a transaction that never commits, so the
# stamps (bumped on commit) would not move. tests/pagecache turns it on and commits.
PAGE_CACHE_ENABLED = False
WAGTAILADMIN_BASE_URL = "http://admin.testserver"
SERVE_MEDIA = True  # the browser tests load the demo pictures from the live server
