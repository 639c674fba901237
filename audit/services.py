"""Write and read the audit trail. Other apps record what happens through ``record``."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from villages import scope
from villages.models.regions import Level, Region, Role

from .models import ACTIONS_BY_KIND, Action, RegionLogEntry

# Who reads a region's history: its operators and the editors and admins above it.
READER_ROLES = [Role.OPERATOR, Role.DISTRICT_EDITOR, Role.REGENCY_ADMIN]


def display_name(user) -> str:
    """How a person is named in the history: full name, else username."""
    if user is None or not getattr(user, "pk", None):
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
    timestamp=None,
    uuid=None,
) -> RegionLogEntry:
    """Add one entry to ``region``'s history.

    ``timestamp`` (default: now) and ``uuid`` are given when the entry mirrors one of
    Wagtail's own log entries; ``page`` may be a page or a page id.
    """
    entry = RegionLogEntry(
        region=region,
        action=action,
        actor=actor if actor is not None and actor.pk else None,
        actor_name=display_name(actor)[:255],
        object_label=(label or "")[:255],
        page_id=getattr(page, "pk", page),
        target_user=target_user,
        data=data or {},
        uuid=uuid,
    )
    if timestamp is not None:
        entry.timestamp = timestamp
    entry.save(force_insert=True)
    return entry


def can_read_history(user) -> bool:
    """May ``user`` read any region's history (operators, editors, admins, superusers)?"""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or bool(scope.user_regions(user, READER_ROLES))


def entries_for_user(user) -> QuerySet:
    """The history entries ``user`` may read: of the regions where they are an operator,
    district editor or regency admin, and of every region below those."""
    entries = RegionLogEntry.objects.all()
    if user.is_superuser:
        return entries
    regions = scope.user_regions(user, READER_ROLES)
    return entries.filter(scope.region_code_q(regions, "region__code"))


def readable_regions(user) -> QuerySet:
    """The regions whose history ``user`` reads: those of their reading roles and every
    region below them (every region for superusers)."""
    if user.is_superuser:
        return Region.objects.all()
    return Region.objects.filter(scope.region_code_q(scope.user_regions(user, READER_ROLES)))


def filter_by_kind(entries: QuerySet, kind: str) -> QuerySet:
    """Entries of one kind of action (``audit.models.Kind``)."""
    return entries.filter(action__in=ACTIONS_BY_KIND.get(kind, []))


def filter_by_region(entries: QuerySet, region: Region) -> QuerySet:
    """Entries of ``region`` and of every region below it."""
    return entries.filter(scope.region_code_q([region], "region__code"))


def region_filter_choices(user, selected: Region | None = None) -> list[tuple[str, str]]:
    """(code, label) of the regions offered in the history's region filter.

    The regions of the user's reading roles and those below them, in code order so each
    district is followed by its villages. Superusers, who read every region of a province
    or more, are offered regencies and districts (plus ``selected``): a village is reached
    through ``?wilayah=<code>`` instead of a list of thousands.
    """
    regions = readable_regions(user)
    if user.is_superuser:
        wanted = Q(level__in=[Level.REGENCY, Level.DISTRICT])
        if selected is not None:
            wanted |= Q(pk=selected.pk)
        regions = regions.filter(wanted)
    return [(r.code, r.display_name) for r in regions.order_by("code")]
