"""How alive each village's site is: the figures of the freshness dashboard and reminders.

Every function here costs a fixed number of queries however many villages are in scope:
each figure is counted for all villages at once, grouped by the village's part of the page
tree path (``Substr(path, 1, VILLAGE_DEPTH * Page.steplen)``), never village by village.

What the figures mean:

- **last publish**: ``Region.last_published_at`` as kept by ``villages.signals``: the newest
  publication of a live page of the village, in any language, published through a revision
  (pages created by provisioning do not count).
- **published in the last 30 / 90 days**: distinct live pages of the village (any language,
  the home page included) published through a revision whose *latest* publication falls in
  the window. A page published twice counts once; a page unpublished since does not count.
  This is the same rule as the last publish date, so a village with nothing published in 30
  days is exactly one whose last publish is older than 30 days.
- **waiting for moderation**: pages of the village with an in-progress workflow (Wagtail runs
  at most one per page). Pages sent back to their author ("needs changes") do not count.
- **waiting unseen**: of those, the ones whose current step's approvers no email reaches
  (``editorial.reach``): nobody was told about them. The row is tagged "Peninjau tanpa
  email".
- **operators**: active accounts (``is_active``) holding the village's operator role; of
  those, **recent** ones logged in within the last ``LOGIN_WINDOW_DAYS`` days.
- **unanswered complaints**: the village's complaints (``complaints``) still received or in
  progress, whatever their age.
- **inactive**: nothing published for the regency's ``inactive_after_days`` days (its saved
  ``RegencyPolicy`` or the defaults); a village that never published is inactive too.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.conf import settings
from django.db.models import Count, IntegerField, Max, Q, QuerySet
from django.db.models.functions import Cast, Substr
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page, WorkflowState

from villages import scope, timezones
from villages.models import RegionGroup, VillageHomePage
from villages.models.pages import VILLAGE_DEPTH
from villages.models.regions import EDITOR_ROLES, Level, Region, Role, VillageKind

from . import reach
from .models import RegencyPolicy, ReminderLog, policies_for

PUBLISHED_WINDOWS_DAYS = (30, 90)
LOGIN_WINDOW_DAYS = 90
VILLAGE_PATH_LENGTH = VILLAGE_DEPTH * Page.steplen


class Status:
    """Values of the status filter."""

    ACTIVE = "aktif"
    INACTIVE = "tidak-aktif"
    CHOICES = [(ACTIVE, _("Aktif")), (INACTIVE, _("Tidak aktif"))]


@dataclass
class VillageFreshness:
    """One village's row on the dashboard (and in the CSV and the reminders)."""

    region: Region  # with its district (``parent``), regency and site loaded
    page_id: int | None = None  # the home page in the default language
    last_published_at: datetime.datetime | None = None
    published_30: int = 0
    published_90: int = 0
    pending_moderation: int = 0
    pending_unreached: int = 0
    operators: int = 0
    operators_recent: int = 0
    last_reminded_at: datetime.datetime | None = None
    inactive_after_days: int = RegencyPolicy._meta.get_field("inactive_after_days").default
    inactive: bool = True
    # When this year's APBDes and this period's population statistics were entered (the
    # current release), None when not entered.
    budget_entered_at: datetime.datetime | None = None
    population_entered_at: datetime.datetime | None = None
    complaints_unanswered: int = 0

    @property
    def code(self) -> str:
        return self.region.code

    @property
    def name(self) -> str:
        return self.region.name

    @property
    def kind_label(self) -> str:
        kind = self.region.village_kind
        return str(VillageKind(kind).label) if kind in VillageKind.values else ""

    @property
    def district_name(self) -> str:
        return self.region.parent.name if self.region.parent_id else ""

    @property
    def regency_name(self) -> str:
        district = self.region.parent if self.region.parent_id else None
        return district.parent.name if district is not None and district.parent_id else ""

    @property
    def regency_code(self) -> str:
        return self.region.regency_code or ""

    @property
    def site_url(self) -> str:
        site = self.region.site if self.region.site_id else None
        return site.root_url if site is not None else ""

    @property
    def site_host(self) -> str:
        site = self.region.site if self.region.site_id else None
        return site.hostname if site is not None else ""

    @property
    def site_host_parts(self) -> list[str]:
        return self.site_host.split(".") if self.site_host else []

    @property
    def reviewers_unreachable(self) -> bool:
        return self.pending_unreached > 0

    @property
    def status_label(self) -> str:
        return str(dict(Status.CHOICES)[Status.INACTIVE if self.inactive else Status.ACTIVE])

    @property
    def timezone(self):
        return timezones.timezone_for_region_code(self.code)

    @property
    def last_published_date(self) -> datetime.date | None:
        """The last publish as a date on the village's own clock (WIB, WITA or WIT)."""
        if self.last_published_at is None:
            return None
        return self.last_published_at.astimezone(self.timezone).date()

    def _local_date(self, value):
        return value.astimezone(self.timezone).date() if value is not None else None

    @property
    def budget_entered_date(self) -> datetime.date | None:
        return self._local_date(self.budget_entered_at)

    @property
    def population_entered_date(self) -> datetime.date | None:
        return self._local_date(self.population_entered_at)

    @property
    def last_reminded_date(self) -> datetime.date | None:
        if self.last_reminded_at is None:
            return None
        return self.last_reminded_at.astimezone(self.timezone).date()


@dataclass(frozen=True)
class Summary:
    """The home-dashboard panel's figures."""

    inactive: int
    pending: int


# -- who sees what ----------------------------------------------------------------------------


def overseen_regions(user) -> list[Region]:
    """The districts and regencies where ``user`` is a district editor or regency admin."""
    return scope.user_regions(user, EDITOR_ROLES)


def can_view_dashboard(user) -> bool:
    """District editors, regency admins and superusers see the freshness dashboard."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or bool(overseen_regions(user))


def regencies_for_user(user) -> QuerySet:
    """The regencies (all of them or part) whose villages ``user`` oversees, by code."""
    regencies = Region.objects.filter(level=Level.REGENCY).order_by("code")
    if user.is_superuser:
        return regencies
    return regencies.filter(code__in={r.regency_code for r in overseen_regions(user)})


def dashboard_regions(user, regency: Region | None = None) -> list[Region]:
    """The regions whose villages the dashboard shows ``user``, narrowed to ``regency``.

    Superusers oversee every village of the installation (a province has thousands), so they
    look at one regency at a time: ``regency`` is required for them.
    """
    if user.is_superuser:
        if regency is None:
            raise ValueError("superusers choose a regency")
        return [regency]
    regions = overseen_regions(user)
    if regency is not None:
        regions = [r for r in regions if r.regency_code == regency.code]
    return regions


def districts_in(regions) -> QuerySet:
    """The districts inside (or equal to) ``regions``, by name."""
    return Region.objects.filter(scope.region_code_q(regions), level=Level.DISTRICT).order_by(
        "name", "code"
    )


# -- the figures --------------------------------------------------------------------------------


def _village_path():
    return Substr("path", 1, VILLAGE_PATH_LENGTH)


def _pages_in_villages(regions) -> QuerySet:
    """Every page (any language, any status) of the villages inside ``regions``."""
    return reach.village_pages(regions)


def _in_moderation(pages: QuerySet) -> QuerySet:
    """Those of ``pages`` with an in-progress workflow."""
    states = (
        WorkflowState.objects.filter(
            status=WorkflowState.STATUS_IN_PROGRESS,
            # A join instead of ContentType.objects.get_for_model(): no query that depends on
            # the content-type cache being warm.
            base_content_type__app_label=Page._meta.app_label,
            base_content_type__model=Page._meta.model_name,
        )
        # WorkflowState.object_id is text; PostgreSQL compares it with no integer implicitly.
        .annotate(page_pk=Cast("object_id", IntegerField()))
        .values("page_pk")
    )
    return pages.filter(pk__in=states)


def _by_village_path(pages: QuerySet, **aggregates) -> dict[str, dict]:
    rows = (
        pages.annotate(village_path=_village_path())
        .values("village_path")
        .annotate(**aggregates)
        .order_by()  # Page's default ordering would otherwise join the GROUP BY
    )
    return {row.pop("village_path"): row for row in rows}


def data_periods(today: datetime.date | None = None) -> tuple[str, list[str]]:
    """This year's APBDes year, and the population periods that count as this period's
    statistics (the current semester or the whole year)."""
    today = today or timezones.now().date()
    semester = 1 if today.month <= 6 else 2
    return str(today.year), [f"{today.year}-S{semester}", str(today.year)]


def _data_entered(regions, rows: dict) -> None:
    """Fill in when this year's APBDes and this period's statistics were entered: one
    aggregate query over the current releases of every village in ``regions``."""
    from opendata.models import BUDGET, POPULATION, Release

    year, population_periods = data_periods()
    entered = (
        Release.objects.filter(scope.region_code_q(regions, "region_code"), is_current=True)
        .filter(
            Q(dataset=BUDGET, period=year) | Q(dataset=POPULATION, period__in=population_periods)
        )
        .values("village_id", "dataset")
        .annotate(at=Max("created_at"))
        .order_by()
    )
    for figures in entered:
        row = rows.get(figures["village_id"])
        if row is not None:
            name = "budget_entered_at" if figures["dataset"] == BUDGET else "population_entered_at"
            setattr(row, name, figures["at"])


def _complaints_unanswered(regions, rows: dict) -> None:
    """Fill in how many complaints each village has not answered yet: one aggregate query
    over every village in ``regions``."""
    from complaints.models import OPEN, Complaint

    counts = (
        Complaint.objects.filter(scope.region_code_q(regions, "village__code"), status__in=OPEN)
        .values("village_id")
        .annotate(count=Count("pk"))
        .order_by()
    )
    for figures in counts:
        row = rows.get(figures["village_id"])
        if row is not None:
            row.complaints_unanswered = figures["count"]


def is_inactive(last_published_at, inactive_after_days: int, now: datetime.datetime) -> bool:
    """No publication for ``inactive_after_days`` days, or none at all."""
    if last_published_at is None:
        return True
    return last_published_at < now - datetime.timedelta(days=inactive_after_days)


def village_freshness(regions) -> list[VillageFreshness]:
    """The freshness of every village inside ``regions`` (regencies, districts), by code.

    About fifteen queries, however many villages there are.
    """
    regions = list(regions)
    if not regions:
        return []
    now = timezones.now()
    in_regions = scope.region_code_q(regions)
    villages = (
        Region.objects.villages()
        .filter(in_regions)
        .select_related("parent", "parent__parent", "site")
        .order_by("code")
    )
    rows = {village.pk: VillageFreshness(region=village) for village in villages}
    if not rows:
        return []

    # The home pages of the villages in every language: a page belongs to the village whose
    # home page's path starts its own.
    region_of_path = {}
    for path, region_id, page_id, language in VillageHomePage.objects.filter(
        scope.region_code_q(regions, "region__code")
    ).values_list("path", "region_id", "pk", "locale__language_code"):
        region_of_path[path] = region_id
        row = rows.get(region_id)
        if row is not None and (row.page_id is None or language == settings.LANGUAGE_CODE):
            row.page_id = page_id

    pages = _pages_in_villages(regions)
    since = {days: now - datetime.timedelta(days=days) for days in PUBLISHED_WINDOWS_DAYS}
    published = _by_village_path(
        pages.filter(
            live=True,
            live_revision__isnull=False,
            last_published_at__gte=since[max(PUBLISHED_WINDOWS_DAYS)],
        ),
        **{
            f"published_{days}": Count("pk", filter=Q(last_published_at__gte=when))
            for days, when in since.items()
        },
    )
    pending = _by_village_path(_in_moderation(pages), pending_moderation=Count("pk"))
    for region_id, count in reach.unreached_counts(pages).items():
        if region_id in rows:
            rows[region_id].pending_unreached = count
    for counts in (published, pending):
        for path, figures in counts.items():
            row = rows.get(region_of_path.get(path))
            if row is not None:
                for name, value in figures.items():
                    setattr(row, name, getattr(row, name) + value)

    login_since = now - datetime.timedelta(days=LOGIN_WINDOW_DAYS)
    active = Q(group__user__is_active=True)
    operators = (
        RegionGroup.objects.filter(scope.region_code_q(regions, "region__code"), role=Role.OPERATOR)
        .values("region_id")
        .annotate(
            operators=Count("group__user", filter=active),
            operators_recent=Count(
                "group__user", filter=active & Q(group__user__last_login__gte=login_since)
            ),
        )
        .order_by()
    )
    for figures in operators:
        row = rows.get(figures["region_id"])
        if row is not None:
            row.operators = figures["operators"]
            row.operators_recent = figures["operators_recent"]

    reminded = (
        ReminderLog.objects.filter(scope.region_code_q(regions, "region__code"))
        .values("region_id")
        .annotate(last=Max("sent_at"))
        .order_by()
    )
    for figures in reminded:
        row = rows.get(figures["region_id"])
        if row is not None:
            row.last_reminded_at = figures["last"]

    _data_entered(regions, rows)
    _complaints_unanswered(regions, rows)

    policies = policies_for({row.regency_code for row in rows.values()})
    for row in rows.values():
        row.last_published_at = row.region.last_published_at
        row.inactive_after_days = policies[row.regency_code].inactive_after_days
        row.inactive = is_inactive(row.last_published_at, row.inactive_after_days, now)
    return list(rows.values())


def summary_for_user(user) -> Summary:
    """Inactive villages and pages waiting for moderation under ``user``'s editor roles.

    For the home dashboard, which opens often: counts only, five queries or so.
    """
    regions = overseen_regions(user)
    if not regions:
        return Summary(inactive=0, pending=0)
    now = timezones.now()
    policies = policies_for({r.regency_code for r in regions})
    stale = reduce(
        or_,
        (
            Q(code__startswith=f"{code}.")
            & (
                Q(last_published_at__isnull=True)
                | Q(last_published_at__lt=now - datetime.timedelta(days=policy.inactive_after_days))
            )
            for code, policy in policies.items()
        ),
    )
    inactive = Region.objects.villages().filter(scope.region_code_q(regions)).filter(stale).count()
    pending = _in_moderation(_pages_in_villages(regions)).count()
    return Summary(inactive=inactive, pending=pending)


# -- filtering and sorting the rows --------------------------------------------------------------


def _date_key(value):
    # Never (None) sorts as the oldest.
    return (value is not None, value or datetime.datetime.min.replace(tzinfo=datetime.UTC))


SORT_KEYS = {
    "name": lambda row: (row.name.casefold(), row.code),
    "kind": lambda row: row.kind_label.casefold(),
    "district": lambda row: row.district_name.casefold(),
    "site": lambda row: row.site_host,
    "last_published": lambda row: _date_key(row.last_published_at),
    # The last 30 days first, then the last 90 (one column shows both).
    "published": lambda row: (row.published_30, row.published_90),
    "pending": lambda row: row.pending_moderation,
    "unreached": lambda row: row.pending_unreached,
    "complaints": lambda row: row.complaints_unanswered,
    "operators": lambda row: (row.operators_recent, row.operators),
    "status": lambda row: row.inactive,
    "reminded": lambda row: _date_key(row.last_reminded_at),
    # The village data column: how many of the two were entered, then the APBDes's date.
    "data_entered": lambda row: (
        (row.budget_entered_at is not None) + (row.population_entered_at is not None),
        _date_key(row.budget_entered_at),
        _date_key(row.population_entered_at),
    ),
}


def sort_rows(rows, ordering: str) -> list[VillageFreshness]:
    """``rows`` by a ``SORT_KEYS`` key (``-key`` descending), then always by name."""
    descending = ordering.startswith("-")
    key = SORT_KEYS.get(ordering.lstrip("-"), SORT_KEYS["name"])
    by_name = sorted(rows, key=SORT_KEYS["name"])
    # sorted() is stable, reversed too: equal rows keep the name order either way.
    return sorted(by_name, key=key, reverse=descending)


def filter_rows(rows, *, district: str = "", status: str = "", query: str = ""):
    """The rows of the district with code ``district``, of ``status`` and matching ``query``
    (case-insensitively, in the village's name or code)."""
    needle = query.strip().casefold()
    return [
        row
        for row in rows
        if (not district or row.region.parent.code == district)
        and (not status or row.inactive == (status == Status.INACTIVE))
        and (not needle or needle in row.name.casefold() or needle in row.code)
    ]
