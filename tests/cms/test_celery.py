"""The periodic jobs of Celery beat: each names a task the worker knows, and the one generic
task runs only the commands the schedule names."""

from django.conf import settings
from django.core import mail

import pytest

from cms.celery import app, scheduled_commands
from editorial.models import ReminderLog


def test_every_beat_entry_names_a_registered_task():
    app.loader.import_default_modules()
    for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
        assert entry["task"] in app.tasks, name
    assert scheduled_commands() == {
        "send_freshness_reminders",
        "purge_letter_requests",
        "purge_complaints",
    }


def test_run_command_refuses_a_command_the_schedule_does_not_name():
    with pytest.raises(ValueError, match="not a scheduled command"):
        app.tasks["cms.run_command"].apply(args=["flush"]).get()


@pytest.mark.django_db
def test_the_reminders_job_sends_through_the_outbox(village_a, operator_a):
    # Kebonharjo has published nothing: it is inactive, and its operator gets a reminder.
    app.tasks["cms.run_command"].apply(args=["send_freshness_reminders"]).get()

    assert ReminderLog.objects.filter(region=village_a.region).exists()
    assert operator_a.email in [a for m in mail.outbox for a in m.to]
