"""Queue, deliver, retry and forget outgoing email.

``enqueue`` stores a message (encrypted) and hands its id to the ``outbox.deliver`` task once
the surrounding transaction commits; ``attempt`` is what the task does: one delivery through
the real mail backend (``OUTBOX_DELIVERY_BACKEND``), with the outcome written back. A failed
attempt is retried with exponential backoff, up to ``OUTBOX_MAX_ATTEMPTS``; after that the
email is *failed*, visible to the regency admin, and can be sent again from the admin.

Which region an email belongs to (and so who sees it in the admin): the one named with
``about(region)`` around the send, else the region the recipients' accounts work in (the
nearest region above all of them), else none (superusers only).
"""

from __future__ import annotations

import base64
import contextlib
import contextvars
import datetime
import json
import logging
import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from letters.personal import decrypt_bytes, encrypt_bytes
from villages.models import Region, RegionGroup

from .models import PENDING, OutboundEmail, Status

logger = logging.getLogger(__name__)

_region: contextvars.ContextVar = contextvars.ContextVar("outbox_region", default=None)

# An address in free text (a mail server's error); no quotes, which surround it in Python's
# reprs of SMTP errors.
EMAIL_RE = re.compile(r"[\w.!#$%&*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+")


# -- which region ---------------------------------------------------------------------------


@contextlib.contextmanager
def about(region: Region | int | None):
    """Emails sent inside this block belong to ``region`` (a region or its id: a contact
    form's village, say)."""
    token = _region.set(region)
    try:
        yield
    finally:
        _region.reset(token)


def _common_region(codes: set[str]) -> Region | None:
    """The nearest region at or above every one of ``codes`` ("33.01.02.2001" and
    "33.01.02.2002" give their kecamatan "33.01.02")."""
    if not codes:
        return None
    parts = [code.split(".") for code in codes]
    common = []
    for level in zip(*parts, strict=False):
        if len(set(level)) != 1:
            break
        common.append(level[0])
    if not common:
        return None
    return Region.objects.filter(code=".".join(common)).first()


def region_for(message) -> Region | int | None:
    explicit = _region.get()
    if explicit is not None:
        return explicit
    addresses = {a.lower() for a in message.recipients()}
    if not addresses:
        return None
    match = Q()
    for address in sorted(addresses):
        match |= Q(email__iexact=address)
    users = get_user_model().objects.filter(match)
    codes = set(
        RegionGroup.objects.filter(group__user__in=users).values_list("region__code", flat=True)
    )
    return _common_region(codes)


# -- the stored message ---------------------------------------------------------------------


def mask(address: str) -> str:
    """ "operator@desa.id" → "o***@desa.id"."""
    local, _, domain = address.rpartition("@")
    if not local:
        return "***"
    return f"{local[0]}***@{domain}"


def mask_text(text: str) -> str:
    """``text`` (a mail server's error, say) with every address in it masked."""
    return EMAIL_RE.sub(lambda m: mask(m.group(0)), text)


def _serialise(message) -> bytes:
    alternatives = [
        [content, mimetype] for content, mimetype in getattr(message, "alternatives", [])
    ]
    attachments = []
    for attachment in message.attachments:
        filename, content, mimetype = attachment
        if isinstance(content, str):
            content = content.encode("utf-8")
        attachments.append([filename, base64.b64encode(content).decode("ascii"), mimetype])
    data = {
        "subject": message.subject,
        "body": message.body,
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "content_subtype": message.content_subtype,
        "alternatives": alternatives,
        "attachments": attachments,
    }
    return encrypt_bytes(json.dumps(data).encode("utf-8"))


def message_of(email: OutboundEmail) -> mail.EmailMultiAlternatives:
    """The stored message, rebuilt as Django sends it."""
    data = json.loads(decrypt_bytes(bytes(email.payload)))
    message = mail.EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
    )
    message.content_subtype = data["content_subtype"]
    for content, mimetype in data["alternatives"]:
        message.attach_alternative(content, mimetype)
    for filename, content, mimetype in data["attachments"]:
        message.attach(filename, base64.b64decode(content), mimetype)
    return message


# -- queueing ---------------------------------------------------------------------------------


def store(message) -> OutboundEmail:
    recipients = list(message.recipients())
    masked = ", ".join(mask(a) for a in recipients)
    if len(masked) > 255:
        masked = masked[:250] + ", …"
    region = region_for(message)
    return OutboundEmail.objects.create(
        region_id=region if isinstance(region, int) or region is None else region.pk,
        subject=str(message.subject)[:255],
        recipients_masked=masked,
        recipient_count=len(recipients),
        payload=_serialise(message),
        next_attempt_at=timezone.now(),
    )


def is_eager() -> bool:
    from cms.celery import app

    return bool(app.conf.task_always_eager)


def dispatch(email_id: int) -> None:
    """Hand one stored email to the queue; a broker that does not answer leaves it queued
    for the periodic ``outbox.requeue_due`` (nothing is lost)."""
    from .tasks import deliver

    try:
        deliver.delay(email_id)
    except Exception:
        logger.exception("outbox: email %s could not be handed to the queue", email_id)


def enqueue(message) -> OutboundEmail:
    """Store ``message`` and deliver it: at once when tasks run eagerly (the demo, the
    tests), else by a worker once the current transaction commits (so the worker finds the
    row, and an email of a change that is rolled back is never sent)."""
    email = store(message)
    if is_eager():
        dispatch(email.pk)
    else:
        transaction.on_commit(lambda: dispatch(email.pk), robust=True)
    return email


# -- delivery ---------------------------------------------------------------------------------


def backoff_seconds(attempts: int) -> int:
    """Wait before the next attempt after ``attempts`` failed ones: 1, 4, 16, 64 minutes…"""
    base = settings.OUTBOX_RETRY_BASE_SECONDS
    return int(min(base * 4 ** max(attempts - 1, 0), 6 * 3600))


def delivery_connection():
    return mail.get_connection(settings.OUTBOX_DELIVERY_BACKEND, fail_silently=False)


def attempt(email_id: int) -> int | None:
    """Try to deliver one email once. Returns the seconds to wait before trying again, or
    None when there is nothing more to do (sent, failed for good, or not ours to send)."""
    now = timezone.now()
    claimed = OutboundEmail.objects.filter(pk=email_id, status__in=PENDING).update(
        status=Status.SENDING, attempts=F("attempts") + 1, last_attempt_at=now
    )
    if not claimed:
        return None  # sent already, given up, or another worker has it
    email = OutboundEmail.objects.get(pk=email_id)
    try:
        message = message_of(email)
        message.connection = delivery_connection()
        message.send()
    except Exception as exc:  # any failure of the mail server or of the stored message
        error = mask_text(f"{type(exc).__name__}: {exc}")[:500]
        if email.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
            OutboundEmail.objects.filter(pk=email_id).update(
                status=Status.FAILED, last_error=error, next_attempt_at=None
            )
            logger.error(
                "outbox: email %s failed for good after %s attempts", email_id, email.attempts
            )
            return None
        wait = backoff_seconds(email.attempts)
        OutboundEmail.objects.filter(pk=email_id).update(
            status=Status.RETRYING,
            last_error=error,
            next_attempt_at=now + datetime.timedelta(seconds=wait),
        )
        logger.warning(
            "outbox: email %s attempt %s failed; retry in %ss", email_id, email.attempts, wait
        )
        return wait
    # Delivered: the addresses and the body are no longer kept.
    OutboundEmail.objects.filter(pk=email_id).update(
        status=Status.SENT,
        sent_at=timezone.now(),
        payload=b"",
        next_attempt_at=None,
        last_error="",
    )
    return None


def requeue_due(now=None) -> int:
    """Hand every email whose next attempt is due to the queue again, and reclaim emails a
    worker took and never finished (it died): the safety net under the task's own retries.
    Returns how many were handed over."""
    now = now or timezone.now()
    stale = now - datetime.timedelta(seconds=settings.OUTBOX_STALE_SENDING_SECONDS)
    OutboundEmail.objects.filter(status=Status.SENDING, last_attempt_at__lt=stale).update(
        status=Status.RETRYING, next_attempt_at=now
    )
    due = list(
        OutboundEmail.objects.filter(status__in=PENDING, next_attempt_at__lte=now)
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[: settings.OUTBOX_REQUEUE_BATCH]
    )
    for email_id in due:
        dispatch(email_id)
    return len(due)


def send_again(email: OutboundEmail) -> bool:
    """The admin's "send again" of a failed email: a fresh round of attempts."""
    updated = OutboundEmail.objects.filter(pk=email.pk, status=Status.FAILED).update(
        status=Status.QUEUED, attempts=0, next_attempt_at=timezone.now()
    )
    if updated:
        transaction.on_commit(lambda: dispatch(email.pk), robust=True)
    return bool(updated)


def purge_delivered(now=None) -> int:
    """Forget delivered emails older than ``OUTBOX_KEEP_DAYS`` (their payload is already
    gone; this removes the subject and the masked addresses too)."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.OUTBOX_KEEP_DAYS)
    deleted, _ = OutboundEmail.objects.filter(status=Status.SENT, sent_at__lt=cutoff).delete()
    return deleted
