"""Periodic jobs of this app for Celery beat (CELERY_BEAT_SCHEDULE): the management command,
run by a worker."""

from django.core.management import call_command

from celery import shared_task


@shared_task(name="letters.purge_letter_requests")
def purge_letter_requests():
    call_command("purge_letter_requests")
