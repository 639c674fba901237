"""The daily tasks of a village as buttons on the admin home page (editorial.quick_actions)."""

from wagtail.admin.ui.components import Component

from .. import quick_actions


class QuickActionsPanel(Component):
    name = "quick_actions"
    template_name = "editorial/home/quick_actions_panel.html"
    order = 70  # above the first-steps checklist: what an operator does every day

    def __init__(self, villages):
        self.villages = villages

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["villages"] = self.villages
        context["several"] = len(self.villages) > 1
        return context


def panel_for(user):
    """The panel, or None when the user may do none of the actions on any own village."""
    villages = quick_actions.actions_for(user)
    return QuickActionsPanel(villages) if villages else None
