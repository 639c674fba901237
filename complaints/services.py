"""What happens to a complaint: sent, answered, published or kept private; and the lists.

Views (the public page, the admin) and the demo call these; none of them writes a
complaint's status by hand. Every change an operator makes is in the village history
(``audit``), named by the complaint's number and category, never by the sender.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext

from assets.private_uploads import sanitised_bytes
from audit.models import Action
from audit.services import record
from home.ratelimit import RateLimit, client_key
from letters.personal import decrypt_bytes, encrypt_bytes
from outbox import services as outbox
from villages import scope
from villages.models import Region
from villages.models.regions import Role

from .models import OPEN, Complaint, NameShown, Status

logger = logging.getLogger(__name__)

DEFAULT_RATE_LIMIT = 5
DEFAULT_RATE_WINDOW = 3600
DEFAULT_LOOKUP_LIMIT = 30
DEFAULT_OVERDUE_DAYS = 7


# -- rate limits -----------------------------------------------------------------------------


def rate_window() -> int:
    return getattr(settings, "COMPLAINT_RATE_WINDOW", DEFAULT_RATE_WINDOW)


def submit_limit(page, request) -> RateLimit:
    """Complaints one client may send to one village per window."""
    return RateLimit(
        f"complaints:submit:{page.pk}:{client_key(request)}",
        getattr(settings, "COMPLAINT_RATE_LIMIT", DEFAULT_RATE_LIMIT),
        rate_window(),
    )


def lookup_limit(page, request) -> RateLimit:
    """Tracking codes one client may try on one village per window (codes are unguessable;
    this keeps a script from trying)."""
    return RateLimit(
        f"complaints:lookup:{page.pk}:{client_key(request)}",
        getattr(settings, "COMPLAINT_LOOKUP_RATE_LIMIT", DEFAULT_LOOKUP_LIMIT),
        rate_window(),
    )


# -- sending ---------------------------------------------------------------------------------


@transaction.atomic
def submit(village: Region, data: dict, *, photo=None, photo_type: str = "") -> Complaint:
    """Store a resident's complaint (``data``: the form's cleaned data)."""
    complaint = Complaint(
        village=village,
        kind=data["kind"],
        category=data["category"],
        message=data["message"],
        name=data["name"],
        email=data.get("email", ""),
        phone=data.get("phone", ""),
        may_publish=bool(data.get("may_publish")),
    )
    if photo:
        # Re-encoded without EXIF (a phone photo carries the GPS position of a house), then
        # encrypted before it touches the storage.
        clean = sanitised_bytes(photo, photo_type)
        complaint.photo.save("foto", ContentFile(encrypt_bytes(clean)), save=False)
        complaint.photo_type = photo_type
    try:
        complaint.save()
    except Exception:
        if complaint.photo:
            complaint.photo.storage.delete(complaint.photo.name)
        raise
    return complaint


def photo_bytes(complaint: Complaint) -> bytes:
    with complaint.photo.open("rb") as stored:
        return decrypt_bytes(stored.read())


def operator_emails(village: Region) -> list[str]:
    return sorted(
        {
            user.email
            for user in scope.role_holders(village, [Role.OPERATOR], above=False).exclude(email="")
        }
    )


def _send(
    subject_template: str, body_template: str, context: dict, to: list[str], village: Region
) -> bool:
    if not to:
        return False
    # Residents and operators read Indonesian, whatever language the page was in.
    with translation.override(settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(subject_template, context).split())
        body = render_to_string(body_template, context)
    try:
        with outbox.about(village):
            EmailMessage(subject=subject, body=body, to=to).send()
    except Exception:
        logger.exception("Complaint email (%s) could not be sent", body_template)
        return False
    return True


def notify_operators(complaint: Complaint) -> bool:
    """Tell the village's operators that a complaint came in: a link to the admin, never its
    text or sender (an email travels further than the admin)."""
    context = {
        "village_name": complaint.village.display_name,
        "complaint": complaint,
        "admin_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        + reverse("complaints_detail", args=[complaint.pk]),
    }
    return _send(
        "complaints/emails/received_subject.txt",
        "complaints/emails/received.txt",
        context,
        operator_emails(complaint.village),
        complaint.village,
    )


def notify_sender(complaint: Complaint, status_url: str) -> bool:
    """Tell the sender (when they gave an email) that the answer is there: the village, the
    tracking code and the status page; never the complaint, the answer or their name."""
    if not complaint.email:
        return False
    context = {
        "village_name": complaint.village.display_name,
        "tracking_code": complaint.tracking_code,
        "status_url": status_url,
    }
    return _send(
        "complaints/emails/answered_subject.txt",
        "complaints/emails/answered.txt",
        context,
        [complaint.email],
        complaint.village,
    )


# -- the operator's actions ------------------------------------------------------------------


def _label(complaint: Complaint) -> str:
    return str(complaint)


@transaction.atomic
def mark_in_progress(complaint: Complaint, *, user) -> Complaint:
    if complaint.status == Status.RECEIVED:
        complaint.status = Status.IN_PROGRESS
        complaint.save(update_fields=["status", "updated_at"])
    return complaint


@transaction.atomic
def answer(complaint: Complaint, text: str, *, user, status_url: str = "") -> Complaint:
    """Save the operator's answer; the first answer closes the complaint and tells the sender.
    A later correction keeps the first answer's time (the public "answered within")."""
    first = complaint.answered_at is None
    now = timezone.now()
    complaint.answer = text
    complaint.answered_by = user
    complaint.status = Status.ANSWERED
    if first:
        complaint.answered_at = now
    complaint.closed_at = complaint.closed_at or now
    complaint.save()
    record(complaint.village, Action.COMPLAINT_ANSWER, actor=user, label=_label(complaint))
    if first and status_url:
        transaction.on_commit(lambda: notify_sender(complaint, status_url))
    return complaint


class NotPublishable(ValueError):
    """The sender did not consent, or the complaint has no answer yet."""


@transaction.atomic
def publish(complaint: Complaint, *, user, name_shown: str = NameShown.MASKED) -> Complaint:
    if not complaint.can_be_published:
        raise NotPublishable(complaint.pk)
    complaint.published = True
    complaint.published_at = complaint.published_at or timezone.now()
    complaint.name_shown = name_shown
    complaint.save(update_fields=["published", "published_at", "name_shown", "updated_at"])
    record(complaint.village, Action.COMPLAINT_PUBLISH, actor=user, label=_label(complaint))
    return complaint


@transaction.atomic
def keep_private(complaint: Complaint, *, user) -> Complaint:
    """Take it off the public list; a complaint still waiting is closed without an answer."""
    complaint.published = False
    complaint.published_at = None
    if complaint.is_open:
        complaint.status = Status.CLOSED
        complaint.closed_at = timezone.now()
    complaint.save()
    record(complaint.village, Action.COMPLAINT_PRIVATE, actor=user, label=_label(complaint))
    return complaint


# -- lists -----------------------------------------------------------------------------------

PERSONAL_COLUMNS = ("name", "email", "phone")


def published_for_village(village_id) -> object:
    """The answered complaints the village shows publicly, newest answer first."""
    return (
        Complaint.objects.filter(village_id=village_id, published=True, status=Status.ANSWERED)
        .defer(*PERSONAL_COLUMNS)
        .order_by("-answered_at", "-pk")
    )


def overdue_days() -> int:
    return getattr(settings, "COMPLAINT_OVERDUE_DAYS", DEFAULT_OVERDUE_DAYS)


def overdue_in(regions, now: datetime.datetime | None = None):
    """Complaints of the villages inside ``regions`` waiting longer than the overdue days,
    oldest first; without the sender's personal columns."""
    now = now or timezone.now()
    return (
        Complaint.objects.filter(
            scope.region_code_q(regions, "village__code"),
            status__in=OPEN,
            created_at__lt=now - datetime.timedelta(days=overdue_days()),
        )
        .select_related("village", "village__parent")
        .defer(*PERSONAL_COLUMNS)
        .order_by("created_at", "pk")
    )


def duration_label(delta: datetime.timedelta | None) -> str:
    """``3 hari``, ``5 jam``, ``kurang dari 1 jam``: how long something took or has waited."""
    if delta is None:
        return ""
    hours = int(delta.total_seconds() // 3600)
    if hours < 1:
        return translation.gettext("kurang dari 1 jam")
    if hours < 48:
        return ngettext("%(count)d jam", "%(count)d jam", hours) % {"count": hours}
    days = hours // 24
    return ngettext("%(count)d hari", "%(count)d hari", days) % {"count": days}


def complaint_page_url(village: Region, route: str = "status") -> str:
    """The full URL of the village's complaints page (its ``route``), '' when it has none."""
    from villages.models import VillageHomePage

    from .models import ComplaintPage

    home = VillageHomePage.objects.filter(region=village).order_by("pk").first()
    page = ComplaintPage.objects.child_of(home).live().first() if home is not None else None
    if page is None:
        return ""
    url = page.get_full_url()
    return (url + page.reverse_subpage(route)) if url and route else (url or "")
