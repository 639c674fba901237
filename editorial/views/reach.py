"""Telling people a submission reached nobody (editorial.reach): a warning to the submitter
right after sending, and a home panel for the submitter and the regency admins."""

from __future__ import annotations

from django.contrib import messages
from django.utils.translation import gettext as _

from wagtail.admin.ui.components import Component
from wagtail.models import WorkflowState

from villages import scope

from .. import reach

# The editor's buttons that start (or restart) a workflow; a plain save or a publish does not.
SUBMIT_ACTIONS = ("action-submit", "action-restart-workflow")


def warn_submitter(request, page) -> None:
    """After the page editor sent ``page`` to moderation: warn when nobody got the email."""
    if request.method != "POST" or not any(request.POST.get(name) for name in SUBMIT_ACTIONS):
        return
    # Queried afresh: the editor's page object may hold the state from before the submission.
    state = (
        WorkflowState.objects.for_instance(page)
        .filter(status=WorkflowState.STATUS_IN_PROGRESS)
        .select_related("current_task_state__task")
        .first()
    )
    if state is None or reach.workflow_state_reachable(state):
        return
    region = scope.region_for_page(page)
    messages.warning(
        request,
        _(
            "Tidak ada yang diberi tahu lewat email: penyetuju tahap “%(task)s” di %(region)s "
            "belum punya alamat email. Kabari operator desa atau admin kabupaten (Diskominfo) "
            "langsung, dan minta alamat email ditambahkan ke akun penyetuju."
        )
        % {
            "task": state.current_task_state.task.name,
            "region": region.display_name if region is not None else page.title,
        },
    )


class UnreachedModerationPanel(Component):
    """Submissions waiting where no email reaches: the user's own, and (for regency admins)
    their regency's villages that have such submissions."""

    name = "unreached_moderation"
    template_name = "editorial/home/unreached_panel.html"
    order = 60  # a warning: above the daily quick actions

    def __init__(self, own, villages):
        self.own, self.villages = own, villages

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["own"] = self.own
        context["villages"] = self.villages
        return context


def _by_village(items) -> list[dict]:
    villages: dict[int, dict] = {}
    for item in items:
        entry = villages.setdefault(item.village.pk, {"village": item.village, "count": 0})
        entry["count"] += 1
    return sorted(
        villages.values(), key=lambda entry: (entry["village"].name, entry["village"].code)
    )


def panel_for(user):
    """The panel, or None when nothing the user sent or oversees waits unseen."""
    own = reach.unreached_of_submitter(user)
    villages = _by_village(reach.unreached_for_regency_admin(user))
    if not own and not villages:
        return None
    return UnreachedModerationPanel(own, villages)
