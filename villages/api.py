"""Public API (v2) endpoints scoped to the village the request's host belongs to.

Wagtail scopes v2 pages by site but lists every image and document of the installation.
Here images and documents come only from the requesting site's own collection tree, pages
only from its own page tree (every language), and the cost of excluding private pages does
not grow with the number of villages.
"""

from django.utils.translation import gettext as _

from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page, PageViewRestriction, Site

from .scope import collection_for_site, path_q


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


def public_pages_for_request(request, model=Page):
    """Live pages of the request's own site that this request may view.

    Raises ValueError when ``?site=`` names another site: one village's API never lists
    another village's pages.
    """
    site = Site.find_for_request(request)
    if site is None:
        return model._default_manager.none()
    requested = request.GET.get("site")
    if requested and requested.lower() not in {site.hostname, f"{site.hostname}:{site.port}"}:
        raise ValueError(_("Parameter site hanya boleh berisi situs yang sedang diakses."))
    roots = site_root_paths(site)
    queryset = model._default_manager.live().filter(path_q(roots))
    restrictions = PageViewRestriction.objects.filter(path_q(roots, "page__path")).select_related(
        "page"
    )
    for restriction in restrictions:
        if not restriction.accept_request(request):
            queryset = queryset.exclude(path__startswith=restriction.page.path)
    return queryset


def filter_to_site_collection(queryset, request):
    """Keep the images/documents of the request's site collection and below."""
    collection = collection_for_site(Site.find_for_request(request))
    if collection is None:
        return queryset.none()
    return queryset.filter(collection__path__startswith=collection.path)


class VillagePagesAPIViewSet(PagesAPIViewSet):
    def get_base_queryset(self):
        try:
            return public_pages_for_request(self.request)
        except ValueError as exc:
            raise BadRequestError(str(exc)) from exc


class VillageImagesAPIViewSet(ImagesAPIViewSet):
    def get_queryset(self):
        return filter_to_site_collection(super().get_queryset(), self.request)


class VillageDocumentsAPIViewSet(DocumentsAPIViewSet):
    def get_queryset(self):
        return filter_to_site_collection(super().get_queryset(), self.request)
