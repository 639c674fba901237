"""Mail backends of the outbox tests: a mail server that refuses everything."""

import smtplib

from django.core.mail.backends.base import BaseEmailBackend


class RefusingBackend(BaseEmailBackend):
    """Like an SMTP server that is down or refuses the recipients (and names them)."""

    def send_messages(self, email_messages):
        addresses = ", ".join(a for m in email_messages for a in m.recipients())
        raise smtplib.SMTPRecipientsRefused({addresses: (550, b"mailbox unavailable")})
