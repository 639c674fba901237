"""The "Data desa" admin menu: history, entry forms, import and the regency's categories.

Who sees what is decided by ``opendata.permissions`` and ``villages.scope``, never here.
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from .categories_admin import CategoryForm, CategoryPermissionPolicy, StatisticCategoryViewSet
from .models import StatisticCategory
from .permissions import is_regency_admin
from .views import entry, history, imports

MENU_HOOK = "register_opendata_menu_item"


@hooks.register("register_admin_urls")
def register_opendata_urls():
    return [
        path("data-desa/riwayat/", history.HistoryView.as_view(), name="opendata_history"),
        path(
            "data-desa/riwayat/<int:pk>/",
            history.ReleaseDetailView.as_view(),
            name="opendata_release",
        ),
        path("data-desa/isi/", entry.EntryIndexView.as_view(), name="opendata_entry_index"),
        path("data-desa/isi/<slug:dataset>/", entry.EntryView.as_view(), name="opendata_entry"),
        path("data-desa/impor/", imports.ImportView.as_view(), name="opendata_import"),
        path(
            "data-desa/impor/templat/<slug:layout>.<slug:fmt>",
            imports.TemplateDownloadView.as_view(),
            name="opendata_import_template",
        ),
    ]


class WriterMenuItem(MenuItem):
    def is_shown(self, request):
        return entry.can_enter(request.user)


class ReaderMenuItem(MenuItem):
    def is_shown(self, request):
        return history.can_view_history(request.user)


class DataMenuItem(SubmenuMenuItem):
    def is_shown(self, request):
        return history.can_view_history(request.user)


@hooks.register("register_admin_menu_item")
def register_opendata_menu():
    return DataMenuItem(
        _("Data desa"),
        Menu(register_hook_name=MENU_HOOK),
        name="opendata",
        icon_name="table",
        order=260,
    )


@hooks.register(MENU_HOOK)
def register_history_item():
    return ReaderMenuItem(
        _("Riwayat"),
        reverse("opendata_history"),
        name="opendata-history",
        icon_name="history",
        order=100,
    )


@hooks.register(MENU_HOOK)
def register_entry_item():
    return WriterMenuItem(
        _("Isi data"),
        reverse("opendata_entry_index"),
        name="opendata-entry",
        icon_name="edit",
        order=200,
    )


@hooks.register(MENU_HOOK)
def register_import_item():
    return WriterMenuItem(
        _("Impor berkas"),
        reverse("opendata_import"),
        name="opendata-import",
        icon_name="upload",
        order=300,
    )


# -- a regency's own statistic categories: regency admins ------------------------------------

StatisticCategory.base_form_class = CategoryForm
register_permission_policy(StatisticCategory, CategoryPermissionPolicy(StatisticCategory))
category_viewset = StatisticCategoryViewSet()
register_snippet(category_viewset)


class RegencyAdminMenuItem(MenuItem):
    def is_shown(self, request):
        return is_regency_admin(request.user)


@hooks.register(MENU_HOOK)
def register_category_item():
    return RegencyAdminMenuItem(
        _("Kategori statistik"),
        reverse(category_viewset.get_url_name("list")),
        name="opendata-categories",
        icon_name="table",
        order=400,
    )
