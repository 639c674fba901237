"""Moderation depth per regency: village operators only, or operators then district editors.

Every village page inherits the platform workflow "Moderasi desa" (one task: the village's
operators approve; migration villages 0002). A regency that turns district review on gets
a second workflow on its regency page, in every language, which adds a task that only the
district editors (and regency admins) above the page's village can act on. Wagtail picks
the workflow of the nearest ancestor, so the setting reaches every village of the regency
through one row per language. Pages already in moderation finish the workflow they
started with.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from wagtail.models import Task, Workflow, WorkflowPage, WorkflowTask

from villages.models import RegencyPage, RegionApprovalTask
from villages.models.regions import Region, Role

# Names are how the platform finds its own workflows and tasks again (migration 0002
# created the first two); they are shown to editors in the moderation screens.
VILLAGE_TASK_NAME = "Persetujuan operator desa"
DISTRICT_TASK_NAME = "Persetujuan editor kecamatan"
DISTRICT_REVIEW_WORKFLOW_NAME = "Moderasi desa dan kecamatan"


def _task(name: str, role: str) -> RegionApprovalTask:
    task = RegionApprovalTask.objects.filter(name=name, role=role).first()
    if task is None:
        task = RegionApprovalTask.objects.create(name=name, role=role, active=True)
    elif not task.active:
        task.active = True
        task.save(update_fields=["active"])
    return task


def district_review_workflow() -> Workflow:
    """The two-step workflow: the village's operators, then the district editors."""
    with transaction.atomic():
        workflow = Workflow.objects.filter(name=DISTRICT_REVIEW_WORKFLOW_NAME).first()
        if workflow is None:
            workflow = Workflow.objects.create(name=DISTRICT_REVIEW_WORKFLOW_NAME, active=True)
        elif not workflow.active:
            workflow.active = True
            workflow.save(update_fields=["active"])
        wanted: list[Task] = [
            _task(VILLAGE_TASK_NAME, Role.OPERATOR),
            _task(DISTRICT_TASK_NAME, Role.DISTRICT_EDITOR),
        ]
        current = list(
            workflow.workflow_tasks.order_by("sort_order").values_list("task_id", flat=True)
        )
        if current != [task.pk for task in wanted]:
            workflow.workflow_tasks.all().delete()
            for order, task in enumerate(wanted):
                WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
    return workflow


def apply_district_review(regency: Region, enabled: bool) -> None:
    """Put the regency's pages (every language) under the two-step workflow, or back under
    the platform's one-step workflow."""
    pages = RegencyPage.objects.filter(region=regency)
    if enabled:
        workflow = district_review_workflow()
        for page in pages:
            WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
    else:
        WorkflowPage.objects.filter(
            page__in=pages, workflow__name=DISTRICT_REVIEW_WORKFLOW_NAME
        ).delete()


def district_review_enabled(regency: Region) -> bool:
    return WorkflowPage.objects.filter(
        page__in=RegencyPage.objects.filter(region=regency),
        workflow__name=DISTRICT_REVIEW_WORKFLOW_NAME,
        workflow__active=True,
    ).exists()


def describe(enabled: bool) -> str:
    if enabled:
        return _("Operator desa lalu editor kecamatan menyetujui")
    return _("Operator desa menyetujui")
