"""The Celery application: background work (email, reminders, purges) of the platform.

Configured from Django's settings (``CELERY_*``). Without ``CELERY_BROKER_URL`` (the demo,
the tests) tasks run eagerly, in the process that asks for them, and no broker is needed.

    celery -A cms worker -l info          # the worker
    celery -A cms beat -l info            # the periodic jobs (CELERY_BEAT_SCHEDULE)
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

app = Celery("cms")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
