"""The operator's first-steps checklist on the admin home page (editorial.onboarding)."""

from wagtail.admin.ui.components import Component

from .. import onboarding


class OnboardingPanel(Component):
    name = "onboarding"
    template_name = "editorial/home/onboarding_panel.html"
    order = 80  # first thing a new operator sees

    def __init__(self, checklists):
        self.checklists = checklists

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["checklists"] = self.checklists
        return context


def panel_for(user):
    """The panel, or None when the user runs no village or has done every step."""
    checklists = onboarding.checklists_for(user)
    return OnboardingPanel(checklists) if checklists else None
