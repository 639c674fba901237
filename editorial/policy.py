"""Who sets a regency's editorial policy, and what saving it does."""

from __future__ import annotations

from django.db import transaction
from django.db.models import QuerySet

from audit.models import Action
from audit.services import record
from villages import scope
from villages.models.regions import Level, Region, Role

from .models import RegencyPolicy
from .workflows import apply_district_review

POLICY_FIELDS = [
    "district_review",
    "inactive_after_days",
    "reminders_enabled",
    "reminder_interval_days",
]


def regencies_for(user) -> QuerySet:
    """The regencies whose policy ``user`` sets: regency admins theirs, superusers all."""
    regencies = Region.objects.filter(level=Level.REGENCY).order_by("code")
    if user.is_superuser:
        return regencies
    admin_regions = scope.user_regions(user, [Role.REGENCY_ADMIN])
    return regencies.filter(pk__in=[region.pk for region in admin_regions])


def can_set_policy(user) -> bool:
    return user.is_authenticated and regencies_for(user).exists()


def save_policy(
    policy: RegencyPolicy, user, changed: list[str], *, support_contact: str | None = None
) -> RegencyPolicy:
    """Save ``policy`` (a validated form's instance) and put its moderation setting in force.

    ``support_contact``, when given, becomes the regency's account help contact
    (``Region.support_contact``, named on the "Lupa sandi?" pages of its villages).
    """
    with transaction.atomic():
        policy.updated_by = user
        policy.save()
        regency = policy.region
        if support_contact is not None and support_contact.strip() != regency.support_contact:
            regency.support_contact = support_contact.strip()
            regency.save(update_fields=["support_contact", "updated_at"])
        apply_district_review(policy.region, policy.district_review)
        if changed:
            record(
                policy.region,
                Action.POLICY_CHANGE,
                actor=user,
                label=str(RegencyPolicy._meta.verbose_name),
                data={
                    name: getattr(regency if name == "support_contact" else policy, name)
                    for name in changed
                },
            )
    return policy
