"""Email the operators of inactive villages a reminder, at most once per reminder interval.

``plan_reminders`` works out who would get what (nothing is written); ``send_reminders``
sends a plan's emails and remembers each village it reached in ``ReminderLog``. The
``send_freshness_reminders`` command is a thin shell over the two.

Recipients are the active accounts holding the village's own operator role that have an
email address: never another village's operators, never a deactivated account.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from urllib.parse import urljoin

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from wagtail.users.models import UserProfile

from audit.models import Action
from audit.services import record
from outbox import services as outbox
from villages import timezones
from villages.models import Region, RegionGroup
from villages.models.regions import Level, Role

from . import freshness
from .models import ReminderLog, policies_for

SUBJECT_TEMPLATE = "editorial/reminders/inactive_village_subject.txt"
BODY_TEMPLATE = "editorial/reminders/inactive_village.txt"


@dataclass(frozen=True)
class Recipient:
    user: object
    language: str

    @property
    def email(self) -> str:
        return self.user.email


@dataclass
class VillageReminder:
    """An inactive village and the operators a reminder goes to."""

    row: freshness.VillageFreshness
    recipients: list[Recipient] = field(default_factory=list)
    reminder_interval_days: int = 7

    @property
    def region(self) -> Region:
        return self.row.region

    def messages(self) -> list[mail.EmailMessage]:
        """One email per recipient, in the recipient's admin language."""
        return [self.message_for(recipient) for recipient in self.recipients]

    def message_for(self, recipient: Recipient) -> mail.EmailMessage:
        context = {
            "user": recipient.user,
            "name": recipient.user.get_full_name() or recipient.user.get_username(),
            "village": self.region,
            "village_name": self.region.name,
            # "Desa Kebonharjo", "Kelurahan Latsari": a kelurahan is no desa.
            "village_title": f"{self.row.kind_label} {self.region.name}".strip(),
            "village_url": self.row.site_url,
            "last_published": self.row.last_published_date,
            "inactive_after_days": self.row.inactive_after_days,
            "pending": self.row.pending_moderation,
            "login_url": admin_login_url(),
            "interval_days": self.reminder_interval_days,
        }
        with translation.override(recipient.language):
            subject = " ".join(render_to_string(SUBJECT_TEMPLATE, context).split())
            body = render_to_string(BODY_TEMPLATE, context)
        return mail.EmailMessage(subject, body, to=[recipient.email])


@dataclass
class ReminderPlan:
    """What a run would do, village by village."""

    inactive: list[freshness.VillageFreshness] = field(default_factory=list)
    to_remind: list[VillageReminder] = field(default_factory=list)
    recently_reminded: list[freshness.VillageFreshness] = field(default_factory=list)
    unreachable: list[freshness.VillageFreshness] = field(default_factory=list)
    regencies_disabled: list[Region] = field(default_factory=list)


def admin_login_url() -> str:
    return urljoin(f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/", reverse("wagtailadmin_login"))


def preferred_language(user) -> str:
    """The user's admin language (Wagtail's profile), without creating a profile."""
    try:
        profile = user.wagtail_userprofile
    except UserProfile.DoesNotExist:
        profile = UserProfile(user=user)
    return profile.get_preferred_language()


def _operators_by_village(regency: Region) -> dict[int, list[Recipient]]:
    """The reachable operators (active, with an email address) of each village of ``regency``,
    by the village's region id."""
    users = (
        get_user_model()
        .objects.filter(is_active=True)
        .exclude(email="")
        .select_related("wagtail_userprofile")
        .order_by("username")
    )
    links = (
        RegionGroup.objects.filter(region__code__startswith=f"{regency.code}.", role=Role.OPERATOR)
        .select_related("group")
        .prefetch_related(Prefetch("group__user_set", queryset=users, to_attr="reachable"))
    )
    return {
        link.region_id: [Recipient(user, preferred_language(user)) for user in link.group.reachable]
        for link in links
    }


def plan_reminders(regency_code: str | None = None) -> ReminderPlan:
    """Who gets a reminder now: operators of the inactive villages of every regency whose
    policy has reminders on (or of the one regency ``regency_code``), except villages
    reminded within their regency's ``reminder_interval_days``. Writes nothing.
    """
    regencies = Region.objects.filter(level=Level.REGENCY).order_by("code")
    if regency_code:
        regencies = regencies.filter(code=regency_code)
    regencies = list(regencies)
    policies = policies_for(r.code for r in regencies)
    plan = ReminderPlan()
    now = timezones.now()
    for regency in regencies:
        policy = policies[regency.code]
        if not policy.reminders_enabled:
            plan.regencies_disabled.append(regency)
            continue
        inactive = [row for row in freshness.village_freshness([regency]) if row.inactive]
        plan.inactive.extend(inactive)
        due_before = now - datetime.timedelta(days=policy.reminder_interval_days)
        due = []
        for row in inactive:
            if row.last_reminded_at is not None and row.last_reminded_at > due_before:
                plan.recently_reminded.append(row)
            else:
                due.append(row)
        operators = _operators_by_village(regency) if due else {}
        for row in due:
            recipients = operators.get(row.region.pk, [])
            if recipients:
                plan.to_remind.append(
                    VillageReminder(row, recipients, policy.reminder_interval_days)
                )
            else:
                plan.unreachable.append(row)
    return plan


@dataclass
class SendResult:
    sent: list[VillageReminder] = field(default_factory=list)
    failed: list[tuple[VillageReminder, Exception]] = field(default_factory=list)


def send_reminders(plan: ReminderPlan) -> SendResult:
    """Send the plan's emails; each village reached is logged (a failed one is not, so the
    next run tries it again)."""
    result = SendResult()
    with mail.get_connection() as connection:
        for reminder in plan.to_remind:
            try:
                with outbox.about(reminder.region):
                    connection.send_messages(reminder.messages())
            except Exception as error:  # noqa: BLE001 - one village's failure stops no other
                result.failed.append((reminder, error))
                continue
            ReminderLog.objects.create(
                region=reminder.region,
                sent_at=timezones.now(),
                recipient_count=len(reminder.recipients),
            )
            # In the village's history too: the operators see they were reminded, and by whom
            # (the platform: no actor).
            record(
                reminder.region,
                Action.REMINDER_SENT,
                label=str(reminder.region.name),
                data={"recipients": len(reminder.recipients)},
            )
            result.sent.append(reminder)
    return result
