"""The "Pengaduan" admin menu: the queue for operators, the overdue list for editors.

Who sees what is decided by ``complaints.permissions``, never here.
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from . import views
from .permissions import can_handle, can_view_overdue

MENU_HOOK = "register_complaints_menu_item"


@hooks.register("register_admin_urls")
def register_complaints_urls():
    return [
        path("pengaduan/", views.QueueView.as_view(), name="complaints_queue"),
        path("pengaduan/<int:pk>/", views.DetailView.as_view(), name="complaints_detail"),
        path("pengaduan/<int:pk>/foto/", views.PhotoView.as_view(), name="complaints_photo"),
        path("pengaduan/terlambat/", views.OverdueView.as_view(), name="complaints_overdue"),
    ]


@hooks.register("construct_homepage_panels")
def add_home_panel(request, panels):
    if request.user.is_superuser:
        return
    handles, oversees = can_handle(request.user), can_view_overdue(request.user)
    if handles or oversees:
        panels.append(views.HomePanel(handles=handles, oversees=oversees))


class ComplaintsMenuItem(SubmenuMenuItem):
    def is_shown(self, request):
        return can_handle(request.user) or can_view_overdue(request.user)


class HandlerMenuItem(MenuItem):
    def is_shown(self, request):
        return can_handle(request.user)


class OverdueMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_overdue(request.user)


@hooks.register("register_admin_menu_item")
def register_complaints_menu():
    return ComplaintsMenuItem(
        _("Pengaduan"),
        Menu(register_hook_name=MENU_HOOK),
        name="complaints",
        icon_name="mail",
        order=270,
    )


@hooks.register(MENU_HOOK)
def register_queue_item():
    return HandlerMenuItem(
        _("Pengaduan masuk"),
        reverse("complaints_queue"),
        name="complaints-queue",
        icon_name="mail",
        order=100,
    )


@hooks.register(MENU_HOOK)
def register_overdue_item():
    return OverdueMenuItem(
        _("Terlambat dijawab"),
        reverse("complaints_overdue"),
        name="complaints-overdue",
        icon_name="warning",
        order=200,
    )
