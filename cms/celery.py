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


def scheduled_commands() -> set[str]:
    """The management commands CELERY_BEAT_SCHEDULE runs through ``cms.run_command``."""
    from django.conf import settings

    return {
        entry["args"][0]
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
        if entry["task"] == "cms.run_command"
    }


@app.task(name="cms.run_command")
def run_command(name: str):
    """A periodic job: one of the scheduled management commands, run by a worker; nothing
    else may be run through it."""
    from django.core.management import call_command

    if name not in scheduled_commands():
        raise ValueError(f"not a scheduled command: {name}")
    call_command(name)
