"""Plain functions over the profile and contact pages, for views, templates and the home page."""

from __future__ import annotations

import logging

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db.models import Count
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from outbox import services as outbox
from villages.models import VillageHomePage
from villages.models.regions import Role

logger = logging.getLogger(__name__)


def profile_figures(village_page) -> dict:
    """Key figures of a village for its home page, in one query.

    ``{"area_ha": Decimal | None, "dusun_count": int, "altitude": int | None}``; empty
    figures when the village has no live, public profile.
    """
    from .models import ProfilePage

    row = (
        ProfilePage.objects.child_of(village_page)
        .live()
        .public()
        .annotate(dusun_count=Count("hamlets"))
        .values("area_ha", "altitude", "dusun_count")
        .first()
    )
    return row or {"area_ha": None, "dusun_count": 0, "altitude": None}


def village_region_id(page) -> int | None:
    """The region of the village a page (or the page it will be added under) belongs to."""
    return (
        VillageHomePage.objects.ancestor_of(page, inclusive=True)
        .values_list("region_id", flat=True)
        .first()
    )


def contact_recipients(contact_page) -> list[str]:
    """Who reads a contact page's submissions by email.

    The page's own ``to_address`` when set; otherwise the active operators of the page's
    own village (never a neighbouring village's, never a district editor).
    """
    if contact_page.to_address.strip():
        return [a.strip() for a in contact_page.to_address.split(",") if a.strip()]
    region_id = village_region_id(contact_page)
    if region_id is None:
        return []
    return list(
        get_user_model()
        .objects.filter(
            is_active=True,
            groups__region_role__region_id=region_id,
            groups__region_role__role=Role.OPERATOR,
        )
        .exclude(email="")
        .order_by("email")
        .values_list("email", flat=True)
        .distinct()
    )


def _one_line(text: str) -> str:
    return " ".join(text.split())


def notify_operators(contact_page, form, submission) -> bool:
    """Email a new submission to the page's recipients; True when a message went out.

    The submission is already stored, so a mail server failure is logged rather than shown
    to the sender: the operators still find the message in the admin.
    """
    recipients = contact_recipients(contact_page)
    if not recipients:
        return False
    data = submission.form_data
    fields = [(field.label, data.get(field.name, "")) for field in form.public_fields()]
    sender_email = next(
        (data.get(f.name) for f in form.public_fields() if isinstance(f.field, forms.EmailField)),
        "",
    )
    context = {
        "page": contact_page,
        "village_name": contact_page.get_parent().title,
        "fields": fields,
        "category": data.get("kategori", ""),
        "submission": submission,
        "admin_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        + reverse("wagtailforms:list_submissions", args=[contact_page.pk]),
    }
    # Operators read Indonesian, whatever language the visitor used.
    with translation.override(settings.LANGUAGE_CODE):
        subject = contact_page.subject or render_to_string(
            "home/emails/contact_submission_subject.txt", context
        )
        body = render_to_string("home/emails/contact_submission.txt", context)
    message = EmailMessage(
        subject=_one_line(subject),
        body=body,
        from_email=contact_page.from_address or settings.DEFAULT_FROM_EMAIL,
        to=recipients,
        reply_to=[sender_email] if sender_email else None,
    )
    try:
        with outbox.about(village_region_id(contact_page)):
            message.send()
    except Exception:
        logger.exception("Contact form email for page %s could not be sent", contact_page.pk)
        return False
    return True
