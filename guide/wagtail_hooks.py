"""The Help menu offers our operator's guide instead of Wagtail's English pages.

Wagtail registers "What's new in Wagtail" and "Editor Guide" (both English pages on
wagtail.org, opened outside the installation); ``construct_help_menu`` drops them by name and
our guide takes their place. The keyboard shortcuts stay.
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .views import OperatorGuideView

# The names Wagtail 8 gives its two help links (wagtail/admin/wagtail_hooks.py).
WAGTAIL_HELP_ITEMS = ("editor-guide", "whats-new-in-wagtail-")


@hooks.register("register_admin_urls")
def register_guide_url():
    return [path("panduan/", OperatorGuideView.as_view(), name="guide_operator")]


@hooks.register("register_help_menu_item")
def register_guide_menu_item():
    return MenuItem(
        _("Panduan operator"),
        reverse("guide_operator"),
        name="operator-guide",
        icon_name="help",
        order=900,
    )


@hooks.register("construct_help_menu")
def drop_wagtail_help_links(request, menu_items):
    menu_items[:] = [
        item
        for item in menu_items
        if not any(item.name.startswith(prefix) for prefix in WAGTAIL_HELP_ITEMS)
    ]
