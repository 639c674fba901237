"""Write and read the audit trail. Other apps record what happens through ``record``."""

from __future__ import annotations

from django.db.models import QuerySet

from villages import scope
from villages.models.regions import Region, Role

from .models import Action, RegionLogEntry

# Who reads a region's history: its operators and the editors and admins above it.
READER_ROLES = [Role.OPERATOR, Role.DISTRICT_EDITOR, Role.REGENCY_ADMIN]


def display_name(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def record(
    region: Region,
    action: Action | str,
    *,
    actor=None,
    label: str = "",
    page=None,
    target_user=None,
    data: dict | None = None,
) -> RegionLogEntry:
    """Add one entry to ``region``'s history."""
    return RegionLogEntry.objects.create(
        region=region,
        action=action,
        actor=actor if actor is not None and actor.pk else None,
        actor_name=display_name(actor),
        object_label=(label or "")[:255],
        page_id=getattr(page, "pk", None),
        target_user=target_user,
        data=data or {},
    )


def entries_for_user(user) -> QuerySet:
    """The history entries ``user`` may read: of the regions where they are an operator,
    district editor or regency admin, and of every region below those."""
    entries = RegionLogEntry.objects.all()
    if user.is_superuser:
        return entries
    regions = scope.user_regions(user, READER_ROLES)
    return entries.filter(scope.region_code_q(regions, "region__code"))
