"""The "Riwayat desa" report in the admin's Reports menu, for those who read a history."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .services import can_read_history
from .views import HistoryView


@hooks.register("register_admin_urls")
def register_history_urls():
    return [
        path("riwayat/", HistoryView.as_view(), name="audit_history"),
        path(
            "riwayat/results/",
            HistoryView.as_view(results_only=True),
            name="audit_history_results",
        ),
    ]


class HistoryMenuItem(MenuItem):
    def is_shown(self, request):
        return can_read_history(request.user)


# Beside Wagtail's "Site history" (a page-by-page log, scoped in villages.wagtail_hooks):
# this one is per village, keeps deleted pages and includes settings and people.
@hooks.register("register_reports_menu_item")
def register_history_menu_item():
    return HistoryMenuItem(
        _("Riwayat desa"),
        reverse("audit_history"),
        name="riwayat-desa",
        icon_name="history",
        order=990,
    )
