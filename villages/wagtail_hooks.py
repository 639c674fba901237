"""Scope Wagtail's global admin surfaces to the user's own region, through hooks.

Ids in admin URLs are checked by ``villages.tenancy.guard`` before any view runs. Surfaces
with no hook at all (filter choices, tag suggestions, wagtail-localize's report…) are
adjusted by the fenced patches of ``villages.patches``. What is visible is always decided by
``villages.scope`` and ``villages.tenancy``.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.models import Site

from . import scope
from .middleware import find_site_for_host
from .views import VillageCreateView


@hooks.register("construct_page_chooser_queryset")
def scope_page_chooser(pages, request):
    # The chooser renders the browsed page itself (title, breadcrumbs) and only passes its
    # children through this hook, so a parent outside the user's reach is refused here.
    match = request.resolver_match
    parent_id = match.kwargs.get("parent_page_id") if match else None
    if parent_id is not None and not scope.can_browse_page(request.user, parent_id):
        raise Http404
    # Pages above the user's village stay visible so the chooser, which opens at the tree
    # root, can be navigated down to the village.
    return scope.filter_pages(pages, request.user, with_ancestors=True)


@hooks.register("construct_explorer_page_queryset")
def scope_explorer(parent_page, pages, request):
    return scope.filter_pages(pages, request.user)


@hooks.register("construct_image_chooser_queryset")
def scope_image_chooser(images, request):
    return scope.filter_collection_items(images, request.user)


@hooks.register("construct_document_chooser_queryset")
def scope_document_chooser(documents, request):
    return scope.filter_collection_items(documents, request.user)


@hooks.register("filter_form_submissions_for_user")
def scope_form_submissions(user, editable_forms):
    return scope.filter_pages(editable_forms, user)


@hooks.register("before_serve_page")
def redirect_to_canonical_host(page, request, serve_args, serve_kwargs):
    """A village page reached through another site's tree (the portal) moves to its own host."""
    from django.http import HttpResponsePermanentRedirect

    current = Site.find_for_request(request)
    parts = page.get_url_parts(request)
    if current is None or not parts or parts[1] is None:
        return None
    site_id, root_url, page_path = parts
    if site_id != current.pk:
        query = request.META.get("QUERY_STRING")
        return HttpResponsePermanentRedirect(root_url + page_path + (f"?{query}" if query else ""))
    return None


def _login_redirect(request):
    # What Wagtail answers when a restriction is not met by a logged-in user (a group
    # restriction): the front-end login, to come back as someone allowed.
    from django.conf import settings
    from django.contrib.auth.views import redirect_to_login

    login_url = getattr(settings, "WAGTAIL_FRONTEND_LOGIN_URL", reverse("wagtailcore_login"))
    return redirect_to_login(request.get_full_path(), login_url)


@hooks.register("before_serve_page")
def refuse_private_pages_outside_region(page, request, serve_args, serve_kwargs):
    """A login-only page admits the people of its own region, not every account of the
    platform (``villages.tenancy.privacy``)."""
    from .tenancy.privacy import refused_restriction

    if refused_restriction(page.get_view_restrictions(), request) is not None:
        return _login_redirect(request)
    return None


@hooks.register("before_serve_document")
def refuse_private_documents_outside_region(document, request):
    """A document of a login-only collection admits the people of its own region only."""
    from .tenancy.privacy import refused_restriction

    if refused_restriction(document.collection.get_view_restrictions(), request) is not None:
        return _login_redirect(request)
    return None


@hooks.register("before_serve_document")
def serve_documents_on_their_own_site(document, request):
    """A document is served only on its own village's site or on a portal above it.

    Another village's host answers 404, and so does a host that is no site, except to a
    signed-in admin user whose scope holds the document: the admin (on a host of its own)
    links documents for its editors. A fixed number of queries, whatever the number of
    villages.
    """
    from .tenancy import may_see

    # Not Site.find_for_request(): for a host that is no site it falls back to the default.
    site = find_site_for_host(request)
    if site is None:
        user = request.user
        editor = user.is_authenticated and user.has_perm("wagtailadmin.access_admin")
        if editor and may_see(user, document):
            return None
        raise Http404
    collection = scope.collection_for_site(site)
    if collection is None or not document.collection.path.startswith(collection.path):
        raise Http404
    return None


@hooks.register("before_bulk_action")
def refuse_bulk_actions_outside_scope(request, action_type, objects, action_class_instance):
    """No bulk action runs on another region's objects, whatever its own checks say.

    The admin object guard (``villages.tenancy.guard``) already refuses the ids a bulk action
    names; this also covers "select all" (``id=all``), whose objects come from the listing.
    """
    from .tenancy import may_see

    user = request.user
    if user.is_superuser:
        return None
    if any(not may_see(user, obj) for obj in objects):
        raise PermissionDenied
    return None


@hooks.register("register_admin_urls")
def register_village_admin_urls():
    return [path("villages/add/", VillageCreateView.as_view(), name="villages_add")]


class VillageCreateMenuItem(MenuItem):
    def is_shown(self, request):
        return scope.can_create_villages(request.user)


@hooks.register("register_settings_menu_item")
def register_village_menu_item():
    return VillageCreateMenuItem(
        _("Tambah desa"), reverse("villages_add"), icon_name="home", order=50
    )


@hooks.register("construct_reports_menu")
def hide_platform_wide_reports(request, menu_items):
    # The report itself is refused by villages.tenancy.guard (SUPERUSER_ONLY_URL_NAMES).
    if not request.user.is_superuser:
        menu_items[:] = [item for item in menu_items if item.name != "page-types-usage"]


# -- admin API (explorer sidebar, choosers) ---------------------------------------------
# Wagtail's admin API lists every image and document of the installation.


class ScopedImagesAdminAPIViewSet(ImagesAdminAPIViewSet):
    def get_queryset(self):
        return scope.filter_collection_items(super().get_queryset(), self.request.user)


class ScopedDocumentsAdminAPIViewSet(DocumentsAdminAPIViewSet):
    def get_queryset(self):
        return scope.filter_collection_items(super().get_queryset(), self.request.user)


@hooks.register("construct_admin_api", order=100)  # after wagtail.images/documents' own
def scope_admin_api(router):
    router.register_endpoint("images", ScopedImagesAdminAPIViewSet)
    router.register_endpoint("documents", ScopedDocumentsAdminAPIViewSet)


# Wagtail 8.0's Indonesian catalogue leaves these menu labels in English.
UNTRANSLATED_MENU_LABELS = {"reports": _("Laporan"), "help": _("Bantuan")}


@hooks.register("construct_main_menu")
def translate_menu_labels(request, menu_items):
    for item in menu_items:
        if item.name in UNTRANSLATED_MENU_LABELS:
            item.label = UNTRANSLATED_MENU_LABELS[item.name]


# -- admin styles: wide tables as cards on a phone, the colour picker's contrast hint --------


@hooks.register("insert_global_admin_css")
def platform_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("villages/admin/admin.css"))
