"""Periodic jobs of this app for Celery beat (CELERY_BEAT_SCHEDULE): the management command,
run by a worker."""

from django.core.management import call_command

from celery import shared_task


@shared_task(name="editorial.send_freshness_reminders")
def send_freshness_reminders():
    call_command("send_freshness_reminders")
