"""Celery tasks of the outbox: deliver one email, and the periodic safety net."""

from celery import shared_task

from . import services


@shared_task(bind=True, name="outbox.deliver", acks_late=True, max_retries=None)
def deliver(self, email_id: int):
    wait = services.attempt(email_id)
    if wait is not None and not self.request.is_eager:
        # The row says when; the periodic requeue catches it too if this retry is lost.
        raise self.retry(countdown=wait)
    # Run eagerly (demo, tests), a failed attempt waits for the periodic job or for
    # "Kirim ulang" in the admin rather than blocking the request with more attempts.


@shared_task(name="outbox.requeue_due")
def requeue_due():
    return services.requeue_due()


@shared_task(name="outbox.purge_delivered")
def purge_delivered():
    return services.purge_delivered()
