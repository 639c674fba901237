"""The editorial side's admin surfaces, registered with Wagtail.

Grouped by feature; each section says who sees it. What a user may see is decided by
``villages.scope`` (through the feature's service module), never here.
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import freshness
from .views.dashboard import FreshnessDashboardView
from .views.home import FreshnessPanel

# -- freshness dashboard: district editors, regency admins, superusers -------------------------


@hooks.register("register_admin_urls")
def register_freshness_urls():
    return [
        path("keaktifan-desa/", FreshnessDashboardView.as_view(), name="editorial_freshness"),
        path(
            "keaktifan-desa/hasil/",
            FreshnessDashboardView.as_view(results_only=True),
            name="editorial_freshness_results",
        ),
    ]


class FreshnessMenuItem(MenuItem):
    def is_shown(self, request):
        return freshness.can_view_dashboard(request.user)


@hooks.register("register_admin_menu_item")
def register_freshness_menu_item():
    return FreshnessMenuItem(
        _("Keaktifan desa"),
        reverse("editorial_freshness"),
        name="freshness",
        icon_name="time",
        order=250,
    )


@hooks.register("construct_homepage_panels")
def add_freshness_panel(request, panels):
    # Superusers oversee every regency: the dashboard (one regency at a time) is their view.
    if not request.user.is_superuser and freshness.overseen_regions(request.user):
        panels.append(FreshnessPanel())


# -- regency policy (moderation depth, inactivity threshold): regency admins, superusers --------


@hooks.register("register_admin_urls")
def register_policy_urls():
    from .views.policy import PolicyView

    return [path("kebijakan-kabupaten/", PolicyView.as_view(), name="editorial_policy")]


class PolicyMenuItem(MenuItem):
    def is_shown(self, request):
        from .policy import can_set_policy

        return can_set_policy(request.user)


@hooks.register("register_settings_menu_item")
def register_policy_menu_item():
    return PolicyMenuItem(
        _("Kebijakan kabupaten"), reverse("editorial_policy"), icon_name="cogs", order=60
    )


# -- first steps of a village operator ---------------------------------------------------------


@hooks.register("construct_homepage_panels")
def add_onboarding_panel(request, panels):
    from .views.onboarding import panel_for

    panel = panel_for(request.user)
    if panel is not None:
        panels.append(panel)


# -- the daily tasks of a village (write news, add an event, upload, identity): village roles --


@hooks.register("construct_homepage_panels")
def add_quick_actions_panel(request, panels):
    from .views.quick_actions import panel_for

    panel = panel_for(request.user)
    if panel is not None:
        panels.append(panel)


# -- submissions no email reaches: the submitter, regency admins --------------------------------


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_unreached_submission(request, page):
    from .views.reach import warn_submitter

    warn_submitter(request, page)


@hooks.register("construct_homepage_panels")
def add_unreached_moderation_panel(request, panels):
    from .views.reach import panel_for

    panel = panel_for(request.user)
    if panel is not None:
        panels.append(panel)
