"""The "Layanan surat" admin menu: the request queue, the village's settings and the
regency's letter format. Who sees what is ``letters.permissions``, never here."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from . import admin_views, settings_views
from .permissions import can_use_queue, configures_regency, operates_a_village

MENU_HOOK = "register_letters_menu_item"


@hooks.register("register_admin_urls")
def register_letters_urls():
    return [
        path("layanan-surat/", admin_views.QueueView.as_view(), name="letters_queue"),
        path(
            "layanan-surat/permohonan/<int:pk>/",
            admin_views.RequestView.as_view(),
            name="letters_request",
        ),
        path(
            "layanan-surat/permohonan/<int:pk>/<slug:step>/",
            admin_views.ActionView.as_view(),
            name="letters_request_action",
        ),
        path(
            "layanan-surat/lampiran/<int:pk>/",
            admin_views.AttachmentView.as_view(),
            name="letters_attachment",
        ),
        path(
            "layanan-surat/surat/<int:pk>/pdf/",
            admin_views.LetterPdfView.as_view(),
            name="letters_letter_pdf",
        ),
        path(
            "layanan-surat/pengaturan-desa/",
            settings_views.VillageSettingsView.as_view(),
            name="letters_village_settings",
        ),
        path(
            "layanan-surat/format-kabupaten/",
            settings_views.RegencySettingsView.as_view(),
            name="letters_regency_settings",
        ),
        path(
            "layanan-surat/format-kabupaten/templat/<slug:letter_type>/",
            settings_views.TemplateEditView.as_view(),
            name="letters_template_edit",
        ),
    ]


@hooks.register("construct_homepage_panels")
def add_queue_panel(request, panels):
    if can_use_queue(request.user) and not request.user.is_superuser:
        panels.append(admin_views.QueuePanel())


class QueueMenuItem(MenuItem):
    def is_shown(self, request):
        return can_use_queue(request.user)


class VillageSettingsMenuItem(MenuItem):
    def is_shown(self, request):
        return operates_a_village(request.user)


class RegencyMenuItem(MenuItem):
    def is_shown(self, request):
        return configures_regency(request.user)


class LettersMenuItem(SubmenuMenuItem):
    def is_shown(self, request):
        return can_use_queue(request.user) or configures_regency(request.user)


@hooks.register("register_admin_menu_item")
def register_letters_menu():
    return LettersMenuItem(
        _("Layanan surat"),
        Menu(register_hook_name=MENU_HOOK),
        name="letters",
        icon_name="mail",
        order=270,
    )


@hooks.register(MENU_HOOK)
def register_queue_item():
    return QueueMenuItem(
        _("Permohonan"),
        reverse("letters_queue"),
        name="letters-queue",
        icon_name="list-ul",
        order=100,
    )


@hooks.register(MENU_HOOK)
def register_village_settings_item():
    return VillageSettingsMenuItem(
        _("Pengaturan desa"),
        reverse("letters_village_settings"),
        name="letters-village-settings",
        icon_name="cog",
        order=200,
    )


@hooks.register(MENU_HOOK)
def register_regency_item():
    return RegencyMenuItem(
        _("Format surat kabupaten"),
        reverse("letters_regency_settings"),
        name="letters-regency-settings",
        icon_name="doc-full",
        order=300,
    )
