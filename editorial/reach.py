"""Can anyone be told by email that a submission waits at its moderation step?

A region task's submission email goes to the people ``editorial.notifications`` picks: the
holders of the step's role for the page's village, then the editors above. When none of them
has an email address (or nobody holds the role at all), nobody is told and the page waits
unseen. This module finds those submissions, so the submitter, the regency admins and the
freshness dashboard can say so. It asks the notifier's own rounds
(``notification_rounds``) and its own idea of a reachable person (``with_email``), so the
two cannot disagree.

For one workflow state (right after a submission) it asks the notifier directly. For many
(the home panel, the dashboard) it costs four queries however many villages or pages there
are: the pending states with their pages, their tasks, the villages of their pages, and which
roles of which regions have someone with an email address.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Cast

from wagtail.models import Page, TaskState, WorkflowState

from villages import scope
from villages.models import RegionApprovalTask, RegionGroup, VillageHomePage
from villages.models.pages import VILLAGE_DEPTH
from villages.models.regions import Region, Role

from .notifications import approvers_to_notify, notification_rounds, with_email

VILLAGE_PATH_LENGTH = VILLAGE_DEPTH * Page.steplen


@dataclass(frozen=True)
class Unreached:
    """A submission waiting at a step whose approvers no email reaches."""

    workflow_state_id: int
    page_id: int
    title: str
    village: Region
    task_name: str
    requested_by_id: int | None


# -- one submission ------------------------------------------------------------------------


def task_state_reachable(task_state: TaskState | None) -> bool:
    """Whether the submission email of ``task_state``'s step reaches anyone.

    True for what the platform does not notify itself (a step that is not a region task,
    an object that is not a page): Wagtail's own notifier handles those.
    """
    if task_state is None or task_state.status != TaskState.STATUS_IN_PROGRESS:
        return True
    task = task_state.task.specific
    if not isinstance(task, RegionApprovalTask):
        return True
    page = task_state.workflow_state.content_object
    if not isinstance(page, Page):
        return True
    return bool(approvers_to_notify(task, page))


def workflow_state_reachable(workflow_state: WorkflowState | None) -> bool:
    """Whether the current step of an in-progress workflow reaches anyone by email."""
    if workflow_state is None or workflow_state.status != WorkflowState.STATUS_IN_PROGRESS:
        return True
    return task_state_reachable(workflow_state.current_task_state)


# -- many submissions, in a fixed number of queries ------------------------------------------


def _reachable_roles(codes) -> set[tuple[str, str]]:
    """(region code, role) pairs among ``codes`` held by an active person with an email."""
    reachable_people = with_email(get_user_model().objects.filter(is_active=True))
    return set(
        RegionGroup.objects.filter(
            region__code__in=codes, group__user__in=reachable_people.values("pk")
        )
        .values_list("region__code", "role")
        .distinct()
    )


def _reaches(task: RegionApprovalTask, village: Region, reachable) -> bool:
    """The bulk twin of ``bool(approvers_to_notify(task, page))`` for a page of ``village``."""
    for roles, above in notification_rounds(task):
        codes = [village.code, *(village.ancestor_codes if above else [])]
        if any((code, role) in reachable for code in codes for role in roles):
            return True
    return False


def unreached_submissions(pages: QuerySet) -> list[Unreached]:
    """The in-progress submissions of ``pages`` (village pages) nobody is emailed about."""
    page_of_state = Page.objects.filter(pk=OuterRef("page_pk"))
    states = list(
        WorkflowState.objects.filter(
            status=WorkflowState.STATUS_IN_PROGRESS,
            # Joins, not ContentType lookups: no query depending on a warm cache.
            base_content_type__app_label=Page._meta.app_label,
            base_content_type__model=Page._meta.model_name,
            current_task_state__status=TaskState.STATUS_IN_PROGRESS,
        )
        # WorkflowState.object_id is text; PostgreSQL compares it with no integer implicitly.
        .annotate(page_pk=Cast("object_id", IntegerField()))
        .filter(page_pk__in=pages.filter(depth__gte=VILLAGE_DEPTH).values("pk"))
        .annotate(
            page_path=Subquery(page_of_state.values("path")[:1]),
            page_title=Subquery(page_of_state.values("title")[:1]),
        )
        .values(
            "pk",
            "page_pk",
            "page_path",
            "page_title",
            "requested_by_id",
            "current_task_state__task_id",
        )
        .order_by("pk")
    )
    if not states:
        return []
    tasks = RegionApprovalTask.objects.in_bulk(
        {state["current_task_state__task_id"] for state in states}
    )
    states = [state for state in states if state["current_task_state__task_id"] in tasks]
    if not states:
        return []
    villages = {
        home.path: home.region
        for home in VillageHomePage.objects.filter(
            path__in={state["page_path"][:VILLAGE_PATH_LENGTH] for state in states}
        ).select_related("region")
    }
    codes = {
        code for village in villages.values() for code in (village.code, *village.ancestor_codes)
    }
    reachable = _reachable_roles(codes)
    unreached = []
    for state in states:
        village = villages.get(state["page_path"][:VILLAGE_PATH_LENGTH])
        task = tasks[state["current_task_state__task_id"]]
        if village is None or _reaches(task, village, reachable):
            continue
        unreached.append(
            Unreached(
                workflow_state_id=state["pk"],
                page_id=state["page_pk"],
                title=state["page_title"],
                village=village,
                task_name=task.name,
                requested_by_id=state["requested_by_id"],
            )
        )
    return unreached


def village_pages(regions) -> QuerySet:
    """Every page (any language, any status) of the villages inside ``regions``."""
    anchors = list(scope.region_pages(regions).values_list("path", flat=True))
    return Page.objects.filter(scope.path_q(anchors), depth__gte=VILLAGE_DEPTH)


def unreached_in_regions(regions) -> list[Unreached]:
    """The unreached submissions of the villages inside ``regions``."""
    regions = list(regions)
    if not regions:
        return []
    return unreached_submissions(village_pages(regions))


def unreached_of_submitter(user) -> list[Unreached]:
    """The submissions ``user`` sent that nobody is emailed about (any village)."""
    if not user.is_authenticated:
        return []
    mine = WorkflowState.objects.filter(
        requested_by=user, status=WorkflowState.STATUS_IN_PROGRESS
    ).annotate(page_pk=Cast("object_id", IntegerField()))
    return unreached_submissions(Page.objects.filter(pk__in=mine.values("page_pk")))


def unreached_for_regency_admin(user) -> list[Unreached]:
    """The unreached submissions of every village under ``user``'s regency admin roles (their
    own regency only: a role reaches the regions below it, never a neighbour's)."""
    return unreached_in_regions(scope.user_regions(user, [Role.REGENCY_ADMIN]))


def unreached_counts(pages: QuerySet) -> dict[int, int]:
    """Unreached submissions of ``pages`` per village (region id)."""
    counts: dict[int, int] = {}
    for item in unreached_submissions(pages):
        counts[item.village.pk] = counts.get(item.village.pk, 0) + 1
    return counts
