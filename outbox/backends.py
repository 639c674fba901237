"""The email backend of the platform (``EMAIL_BACKEND``): it queues, it never talks SMTP.

Everything that sends mail through Django (Wagtail's moderation notices, password resets,
invitations, reminders, the contact form, letters and complaints) ends up here, so none of
it waits for a mail server inside a web request. The real sending is done by
``OUTBOX_DELIVERY_BACKEND`` (SMTP in production) from the ``outbox.deliver`` task.
"""

from django.core.mail.backends.base import BaseEmailBackend

from . import services


class QueuedEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        queued = 0
        for message in email_messages or []:
            if not message.recipients():
                continue
            try:
                services.enqueue(message)
            except Exception:
                if not self.fail_silently:
                    raise
                continue
            queued += 1
        return queued
