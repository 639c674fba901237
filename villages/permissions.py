"""What a person may do with one page, beyond Wagtail's page permissions.

``PlatformPage.permissions_for_user`` (Wagtail's documented way for a page type to change its
permission tester) returns ``PlatformPagePermissionTester`` for every page of the platform.
"""

from __future__ import annotations

from wagtail.models import PagePermissionTester, WorkflowState


def remaining_tasks(page):
    """The tasks of the page's workflow in progress, from the current one to the last."""
    state = page.current_workflow_state
    if state is None or state.status != WorkflowState.STATUS_IN_PROGRESS:
        return []
    tasks = [wt.task.specific for wt in state.workflow.workflow_tasks.order_by("sort_order")]
    current = page.current_workflow_task
    if current is None:
        return tasks
    ids = [task.pk for task in tasks]
    return tasks[ids.index(current.pk) :] if current.pk in ids else tasks


def can_complete_moderation(page, user) -> bool:
    """Could ``user`` approve every step still ahead in the page's moderation?

    Publishing a page in moderation cancels its workflow; that is only the same as approving
    it when nobody after the user still had to be asked (the kecamatan editor after the
    village operator, when district review is on).
    """
    if user.is_superuser:
        return True
    return all(
        any(action == "approve" for action, _label, _modal in task.get_actions(page, user))
        for task in remaining_tasks(page)
    )


class PlatformPagePermissionTester(PagePermissionTester):
    def can_publish(self):
        if not super().can_publish():
            return False
        return can_complete_moderation(self.page, self.user)
