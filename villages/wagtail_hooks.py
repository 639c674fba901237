"""Scope Wagtail's global admin surfaces to the user's own region."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Site

from . import scope
from .views import VillageCreateView


@hooks.register("construct_page_chooser_queryset")
def scope_page_chooser(pages, request):
    return scope.filter_pages(pages, request.user)


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


@hooks.register("register_admin_urls")
def register_village_admin_urls():
    return [path("villages/add/", VillageCreateView.as_view(), name="villages_add")]


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_settings_menu_item")
def register_village_menu_item():
    return SuperuserMenuItem(_("Tambah desa"), reverse("villages_add"), icon_name="home", order=50)
