"""Public API endpoints scoped to the village the request's host belongs to.

Wagtail scopes v2 pages by site but lists every image and document of the installation, and
its public page and collection filters load every view restriction of the installation on
each request. Here pages come only from the requesting site's own page tree (every
language), images and documents only from the site's own collection tree, and only the view
restrictions on those trees (or above them) are looked at, so the cost of a request does not
grow with the number of villages. The v3 API uses the same functions, through the patches
``villages.patches.api_v3_public_pages``, ``api_v3_images`` and ``api_v3_documents``.
"""

from http import HTTPStatus

from django.db.models import Q
from django.utils.translation import gettext as _

from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction, Site

from ninja.errors import HttpError

from .scope import collection_for_site, filter_collection_items, path_q


def site_root_paths(site: Site) -> list[str]:
    """Tree paths of a site's root page and its translations."""
    cache_attr = "_village_root_paths"
    if not hasattr(site, cache_attr):
        setattr(
            site,
            cache_attr,
            list(
                Page.objects.filter(translation_key=site.root_page.translation_key).values_list(
                    "path", flat=True
                )
            ),
        )
    return getattr(site, cache_attr)


def ancestor_paths(paths, steplen: int) -> set[str]:
    """Tree paths strictly above each of ``paths`` (treebeard materialised paths)."""
    return {p[:end] for p in paths for end in range(steplen, len(p), steplen)}


def tree_and_ancestors_q(paths, field: str, steplen: int) -> Q:
    """Q matching nodes inside the trees rooted at ``paths`` or above them.

    A view restriction set on a district or regency page (or collection) also covers every
    village below it, so those count as well.
    """
    return path_q(paths, field) | Q(**{f"{field}__in": ancestor_paths(paths, steplen)})


def requested_site(request) -> Site | None:
    """The site answering this request; ``?site=`` may only name that same site.

    Raises ValueError when ``?site=`` names another site: one village's API never lists
    another village's content.
    """
    site = Site.find_for_request(request)
    requested = request.GET.get("site")
    if (
        site is not None
        and requested
        and requested.lower() not in {site.hostname, f"{site.hostname}:{site.port}"}
    ):
        raise ValueError(_("Parameter site hanya boleh berisi situs yang sedang diakses."))
    return site


def public_pages_for_request(request, model=Page):
    """Live pages of the request's own site that this request may view.

    Raises ValueError when ``?site=`` names another site.
    """
    site = requested_site(request)
    if site is None:
        return model._default_manager.none()
    roots = site_root_paths(site)
    queryset = model._default_manager.live().filter(path_q(roots))
    restrictions = PageViewRestriction.objects.filter(
        tree_and_ancestors_q(roots, "page__path", Page.steplen)
    ).select_related("page")
    return _without_refused(queryset, restrictions, request, "path", lambda r: r.page.path)


def public_collection_items(queryset, request):
    """Images or documents of the request's site collection (and below) this request may view.

    Items under a collection with a view restriction the request does not pass (private
    documents) are left out.
    """
    collection = collection_for_site(requested_site(request))
    if collection is None:
        return queryset.none()
    queryset = queryset.filter(collection__path__startswith=collection.path)
    restrictions = CollectionViewRestriction.objects.filter(
        tree_and_ancestors_q([collection.path], "collection__path", Collection.steplen)
    ).select_related("collection")
    return _without_refused(
        queryset, restrictions, request, "collection__path", lambda r: r.collection.path
    )


def _without_refused(queryset, restrictions, request, path_field, restricted_path):
    """Drop what lies under each view restriction this request does not pass (a login
    restriction admits its own region's people only: ``villages.tenancy.privacy``)."""
    from .tenancy.privacy import admits

    for restriction in restrictions:
        if not admits(restriction, request):
            queryset = queryset.exclude(
                **{f"{path_field}__startswith": restricted_path(restriction)}
            )
    return queryset


def collection_items_for_request(queryset, request):
    """What an API request may read of images or documents.

    Anonymous requests see the public items of the requesting site. Authenticated (bearer
    token) requests see what the user may see in the admin: the collections of their regions.
    """
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return filter_collection_items(queryset, user)
    return public_collection_items(queryset, request)


def v3_collection_items(model, request):
    """The images or documents an API v3 read may list (``villages.patches.api_v3_*``).

    A ``?site=`` naming another site is a 400, as in Wagtail's v3 error format.
    """
    queryset = model.objects.prefetch_related("tags").order_by("id")
    try:
        return collection_items_for_request(queryset, request)
    except ValueError as exc:
        raise HttpError(HTTPStatus.BAD_REQUEST, str(exc)) from exc


class VillagePagesAPIViewSet(PagesAPIViewSet):
    def get_base_queryset(self):
        try:
            return public_pages_for_request(self.request)
        except ValueError as exc:
            raise BadRequestError(str(exc)) from exc


class SiteCollectionItemsMixin:
    """v2 is the public, read-only API: every request sees the site's public items."""

    def get_queryset(self):
        # Not super().get_queryset(): Wagtail's version loads every collection view
        # restriction of the installation; public_collection_items looks at this site's only.
        try:
            return public_collection_items(self.model.objects.order_by("id"), self.request)
        except ValueError as exc:
            raise BadRequestError(str(exc)) from exc


class VillageImagesAPIViewSet(SiteCollectionItemsMixin, ImagesAPIViewSet):
    pass


class VillageDocumentsAPIViewSet(SiteCollectionItemsMixin, DocumentsAPIViewSet):
    pass
