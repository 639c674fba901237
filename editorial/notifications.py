"""Moderation emails for the platform's region tasks, in Indonesian, to the right people.

Wagtail notifies the members of a stock GroupApprovalTask's groups (anywhere in the
installation) and, with WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS, every superuser. Its
RegionApprovalTask replacement gets its own notifier: a submission goes to the people who can
act on that step for that page's region only. Approval and "request changes" notices to the
submitter remain Wagtail's (templates overridden in templates/wagtailadmin/notifications/).
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse

from wagtail.admin.mail import EmailNotificationMixin, Notifier
from wagtail.models import Page, TaskState
from wagtail.signals import task_submitted

from villages import scope
from villages.models import RegionApprovalTask
from villages.models.regions import EDITOR_ROLES, Role


def with_email(people: QuerySet) -> QuerySet:
    """Those of ``people`` a moderation email can reach."""
    return people.exclude(email="")


def notification_rounds(task: RegionApprovalTask) -> list[tuple[list[str], bool]]:
    """Who is asked about a submission at ``task``, in order: each round is (roles, whether
    holders on the regions above the page's region count). The first round holding anyone
    with an email address is notified; ``editorial.reach`` reads the same rounds to tell
    when none does."""
    # Operators belong to one village; editors' roles reach down from district and regency.
    rounds = [([task.role], task.role in EDITOR_ROLES)]
    if task.role == Role.OPERATOR and task.district_editors_may_approve:
        rounds.append(([Role.DISTRICT_EDITOR], True))
    rounds.append(([Role.REGENCY_ADMIN], True))
    return rounds


def approvers_to_notify(task: RegionApprovalTask, page: Page):
    """Who hears about a submission at ``task``: the holders of the task's role for the page's
    region; if none of them can be reached, the editors above (so nothing waits unseen)."""
    region = scope.region_for_page(page)
    if region is None:
        return []
    for roles, above in notification_rounds(task):
        people = list(with_email(scope.role_holders(region, roles, above=above)))
        if people:
            return people
    return []


class RegionTaskSubmissionNotifier(EmailNotificationMixin, Notifier):
    notification = "submitted"
    template_directory = "editorial/notifications/"

    def __init__(self):
        super().__init__((TaskState,))

    def can_handle(self, instance, **kwargs):
        return isinstance(instance, TaskState) and isinstance(
            instance.task.specific, RegionApprovalTask
        )

    def get_template_base_prefix(self, instance, **kwargs):
        return "region_task_"

    def get_recipient_users(self, task_state: TaskState, **kwargs):
        page = task_state.workflow_state.content_object
        if not isinstance(page, Page):
            return set()
        triggering_user = kwargs.get("user")
        return {
            person
            for person in approvers_to_notify(task_state.task.specific, page)
            if triggering_user is None or person.pk != triggering_user.pk
        }

    def get_context(self, task_state: TaskState, **kwargs):
        context = super().get_context(task_state, **kwargs)
        page = task_state.workflow_state.content_object.specific
        base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        region = scope.region_for_page(page)
        context.update(
            page=page,
            task=task_state.task.specific,
            region=region,
            submitter=task_state.workflow_state.requested_by,
            edit_url=base + reverse("wagtailadmin_pages:edit", args=[page.pk]),
            preview_url=base + reverse("wagtailadmin_pages:view_draft", args=[page.pk]),
        )
        return context


region_task_submission_notifier = RegionTaskSubmissionNotifier()


def connect() -> None:
    # Sent with the task state's class as sender; can_handle() picks the region tasks.
    task_submitted.connect(
        region_task_submission_notifier, dispatch_uid="region_task_submitted_email_notification"
    )
