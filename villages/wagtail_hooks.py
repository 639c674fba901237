"""Scope Wagtail's global admin surfaces to the user's own region.

Hooks do most of the work. Some admin surfaces look at the whole installation and offer no
hook: filter choices (users, sites, tags), the site history's user list, wagtail-localize's
translations report, the page workflow views and the page types report. Those are adjusted
at the bottom of this module, each with the reason next to it (checked against Wagtail 8.0;
tests/villages/test_admin_isolation.py fails if an upgrade brings a leak back). What is
visible is always decided by ``villages.scope``.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.filters import BaseMediaFilterSet, WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.pages.listing import PageFilterSet
from wagtail.admin.views.pages.workflow import WorkflowPageViewMixin
from wagtail.admin.views.reports.audit_logging import SiteHistoryReportFilterSet
from wagtail.admin.views.reports.locked_pages import LockedPagesReportFilterSet
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.admin.views.reports.workflows import WorkflowReportFilterSet
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.images.views.chooser import ImageChooseViewMixin
from wagtail.models import Page, Site
from wagtail_localize.views.report import TranslationsReportView
from wagtail_localize.views.submit_translations import SubmitPageTranslationView
from wagtail_localize.views.update_translations import UpdateTranslationsView

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


@hooks.register("before_serve_document")
def serve_documents_on_their_own_site(document, request):
    """A village's document is served on its own site (or the portal above it), not on another
    village's host. Hosts that are no site (the admin's) serve any document the user may see."""
    # Not Site.find_for_request(): for a host that is no site it falls back to the default.
    site = find_site_for_host(request)
    collection = scope.collection_for_site(site)
    if site is not None and (
        collection is None or not document.collection.path.startswith(collection.path)
    ):
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


# -- listings whose filter choices come from the whole installation -----------------------
# These filter sets have no hook. Their choices (every user who ever edited, locked or
# submitted a page anywhere; every site) would name other villages' people and sites, so
# the choice querysets are replaced with scoped ones.


def _scope_filter_choices(filterset: type[WagtailFilterSet], name: str, restrict) -> None:
    choice_filter = filterset.base_filters[name]
    original = choice_filter.queryset

    def queryset(request):
        choices = original(request) if callable(original) else original.all()
        return restrict(choices, request.user)

    choice_filter.queryset = queryset


# Shared by the explorer, page search, page type usage and form pages listings.
_scope_filter_choices(PageFilterSet, "owner", scope.filter_users)
_scope_filter_choices(PageFilterSet, "edited_by", scope.filter_users)
_scope_filter_choices(PageFilterSet, "site", scope.filter_sites)
_scope_filter_choices(LockedPagesReportFilterSet, "locked_by", scope.filter_users)
_scope_filter_choices(WorkflowReportFilterSet, "requested_by", scope.filter_users)


def _site_history_users(self):
    # Wagtail 8.0 defines get_user_choices() (users of the log entries this user may view)
    # but the base class calls get_users_queryset(), which lists every user of any page log.
    return scope.filter_users(self.get_user_choices(), self.request.user)


SiteHistoryReportFilterSet.get_users_queryset = _site_history_users


# Image and document listings and the image chooser suggest the installation's most used
# tags, other villages' included.
_media_filterset_init = BaseMediaFilterSet.__init__


def _scoped_media_filterset_init(self, *args, **kwargs):
    _media_filterset_init(self, *args, **kwargs)
    request = kwargs.get("request")
    if "tag" in self.filters and request is not None:
        names = [tag.name for tag in scope.popular_tags(self._meta.model, request.user)]
        if names:
            self.filters["tag"].extra["choices"] = [(name, name) for name in names]
        else:
            del self.filters["tag"]


BaseMediaFilterSet.__init__ = _scoped_media_filterset_init
_image_chooser_context = ImageChooseViewMixin.get_context_data


def _scoped_image_chooser_context(self, **kwargs):
    context = _image_chooser_context(self, **kwargs)
    context["popular_tags"] = scope.popular_tags(self.model, self.request.user)
    return context


ImageChooseViewMixin.get_context_data = _scoped_image_chooser_context


def _scoped_translations(self):
    # wagtail-localize's report lists every translation of the installation to any editor
    # (and leaves them unordered, which makes its pagination unstable).
    translations = _all_translations(self).order_by("-created_at", "-pk")
    if self.request.user.is_superuser:
        return translations
    pages = scope.filter_pages(Page.objects.all(), self.request.user)
    return translations.filter(source__object__translation_key__in=pages.values("translation_key"))


_all_translations = TranslationsReportView.get_queryset
TranslationsReportView.get_queryset = _scoped_translations


def _workflow_pages(self):
    # The page workflow views (action, preview, cancellation) load any page by id and, when
    # it is not in moderation, answer with a message naming it; pages outside the user's
    # regions are not found at all.
    return scope.filter_pages(Page.objects.all(), self.request.user)


WorkflowPageViewMixin.get_base_object_queryset = _workflow_pages


def _superuser_only(view_class) -> None:
    """Refuse a platform-wide view to everyone but superusers."""
    dispatch = view_class.dispatch

    def guarded(self, request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied
        return dispatch(self, request, *args, **kwargs)

    view_class.dispatch = guarded


# Page counts and the "last edited page" of every type across all villages, with every site
# as a filter: a platform report, refused rather than rewritten.
_superuser_only(PageTypesUsageReportView)


# wagtail-localize's "translate page" and "update translations" views check only the global
# submit_translation permission, which operators hold so they can write English versions of
# their own pages. Either view on a page the user cannot edit is refused.
def _only_editable_source(get_object, to_page):
    def get_editable_object(self):
        obj = get_object(self)
        page = to_page(obj)
        if isinstance(page, Page) and not page.permissions_for_user(self.request.user).can_edit():
            raise PermissionDenied
        return obj

    return get_editable_object


SubmitPageTranslationView.get_object = _only_editable_source(
    SubmitPageTranslationView.get_object, lambda page: page
)
UpdateTranslationsView.get_object = _only_editable_source(
    UpdateTranslationsView.get_object, lambda source: source.get_source_instance()
)


# Wagtail 8.0's Indonesian catalogue leaves these menu labels in English.
UNTRANSLATED_MENU_LABELS = {"reports": _("Laporan"), "help": _("Bantuan")}


@hooks.register("construct_main_menu")
def translate_menu_labels(request, menu_items):
    for item in menu_items:
        if item.name in UNTRANSLATED_MENU_LABELS:
            item.label = UNTRANSLATED_MENU_LABELS[item.name]
