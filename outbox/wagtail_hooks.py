"""The "Email keluar" page in the Reports menu, for regency admins and superusers."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .views import OutboxView, SendAgainView, can_watch, failed_panel


@hooks.register("register_admin_urls")
def register_outbox_urls():
    return [
        path("email-keluar/", OutboxView.as_view(), name="outbox_list"),
        path(
            "email-keluar/<int:pk>/kirim-ulang/", SendAgainView.as_view(), name="outbox_send_again"
        ),
    ]


class OutboxMenuItem(MenuItem):
    def is_shown(self, request):
        return can_watch(request.user)


@hooks.register("register_reports_menu_item")
def register_outbox_menu_item():
    return OutboxMenuItem(
        _("Email keluar"), reverse("outbox_list"), name="email-keluar", icon_name="mail", order=995
    )


@hooks.register("construct_homepage_panels")
def add_failed_panel(request, panels):
    panel = failed_panel(request.user)
    if panel is not None:
        panels.append(panel)
