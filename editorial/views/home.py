"""The freshness panel on the admin home page of district editors and regency admins."""

from wagtail.admin.ui.components import Component

from .. import freshness


class FreshnessPanel(Component):
    """The line "N desa tidak aktif, M kiriman menunggu moderasi", linking to the dashboard."""

    name = "freshness"
    template_name = "editorial/home/freshness_panel.html"
    order = 90  # above Wagtail's own panels (workflow, locked pages, recent edits)

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["summary"] = freshness.summary_for_user(parent_context["request"].user)
        return context
