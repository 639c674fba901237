"""Search one site: a village's pages and documents, or, on a regency portal, its villages'.

Pages come from the site's tree in the current language (live and public only); documents
from the site's media collection and the collections below it, minus privately restricted
ones. Both go through the Wagtail search backend, so PostgreSQL stems Indonesian words (see
``WAGTAILSEARCH_BACKENDS``) and SQLite uses FTS5 without stemming.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, Page, Site

from villages.models import VillageHomePage
from villages.portal import VILLAGE_DEPTH_BELOW_REGENCY, village_pages_by_path

MAX_QUERY_LENGTH = 100
RESULTS_PER_PAGE = 10
SNIPPET_WORDS = 30

# Letters and digits only. Everything else (quotes, "*", parentheses, ":", "^", "-", NUL,
# lone surrogates, emoji) is what the backends would read as syntax or refuse outright:
# FTS5 parses '"' and '*', PostgreSQL rejects NUL. Keywords such as OR or NEAR stay harmless
# words, because both backends quote every term they are given.
WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class CleanQuery:
    """A visitor's query reduced to plain words."""

    text: str
    truncated: bool

    def __bool__(self) -> bool:
        return bool(self.text)


def clean_query(raw: str | None) -> CleanQuery:
    """Keep the words of the first ``MAX_QUERY_LENGTH`` characters of ``raw``."""
    raw = (raw or "").strip()
    words = WORD.findall(raw[:MAX_QUERY_LENGTH])
    return CleanQuery(text=" ".join(words), truncated=len(raw) > MAX_QUERY_LENGTH)


@dataclass(frozen=True)
class Hit:
    """One search result as the results page shows it."""

    title: str
    kind: str
    snippet: str
    url: str
    village: str = ""
    is_document: bool = False


def _snippet(page) -> str:
    text = page.search_description or getattr(page, "intro", "") or ""
    return Truncator(strip_tags(str(text))).words(SNIPPET_WORDS)


class SiteSearch:
    """Search results of one site, sliceable like a list so Django's Paginator can page them.

    Pages come first (by relevance), then documents (by relevance). A slice costs a fixed
    number of queries: one per part it touches, one per page type among its pages and one
    for the village names on a portal, however many results there are.
    """

    def __init__(self, site: Site, query: str, request=None):
        self.request = request
        self.root = site.root_page.localized
        self.is_portal = not issubclass(self.root.specific_class, VillageHomePage)
        in_site = Page.objects.descendant_of(self.root, inclusive=True)
        # Private pages are left out by id: the search backends accept only plain field
        # lookups on the searched queryset, and public() is built from subqueries here
        # (see villages.restrictions).
        self.pages = (
            in_site.live()
            .exclude(pk__in=in_site.not_public().values("pk"))
            .defer_streamfields()
            .specific()
            .search(query, operator="and")
        )
        self.collection = (
            Collection.objects.filter(region__site=site).only("pk", "path", "depth").first()
        )
        self.documents = (
            None
            if self.collection is None
            else self._documents().search(query, fields=["title"], operator="and")
        )

    def _documents(self):
        # A collection is private when it or one of its ancestors carries a view restriction.
        restricted = CollectionViewRestriction.objects.filter(
            collection__path=Substr(OuterRef("path"), 1, Length("collection__path"))
        )
        public_collections = Collection.objects.filter(
            path__startswith=self.collection.path
        ).exclude(Exists(restricted))
        return (
            get_document_model()
            .objects.filter(collection_id__in=public_collections.values("pk"))
            .select_related("collection")
        )

    @cached_property
    def _counts(self) -> tuple[int, int]:
        documents = self.documents.count() if self.documents is not None else 0
        return self.pages.count(), documents

    def count(self) -> int:
        return sum(self._counts)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, key):
        if not isinstance(key, slice):
            raise TypeError("SiteSearch supports slices only")
        start = key.start or 0
        stop = key.stop if key.stop is not None else self.count()
        page_count, document_count = self._counts
        hits: list[Hit] = []
        if start < page_count:
            hits += self._page_hits(list(self.pages[start : min(stop, page_count)]))
        doc_start, doc_stop = max(start - page_count, 0), stop - page_count
        if doc_stop > doc_start and document_count:
            hits += self._document_hits(list(self.documents[doc_start:doc_stop]))
        return hits

    def _page_hits(self, pages) -> list[Hit]:
        names = {}
        if self.is_portal:
            depth = self.root.depth + VILLAGE_DEPTH_BELOW_REGENCY
            villages = village_pages_by_path([p.path for p in pages], depth)
            names = {
                page.pk: villages[page.path[: depth * Page.steplen]].title
                for page in pages
                if page.path[: depth * Page.steplen] in villages
            }
        return [
            Hit(
                title=page.title,
                kind=str(type(page)._meta.verbose_name),
                snippet=_snippet(page),
                url=page.get_url(self.request) or "",
                village=names.get(page.pk, ""),
            )
            for page in pages
        ]

    def _document_hits(self, documents) -> list[Hit]:
        names = {}
        if self.is_portal:
            # Village collections sit as deep below the portal's as village pages below it.
            depth = self.collection.depth + VILLAGE_DEPTH_BELOW_REGENCY
            prefix = {d.pk: d.collection.path[: depth * Collection.steplen] for d in documents}
            by_prefix = dict(
                VillageHomePage.objects.filter(
                    region__collection__path__in=set(prefix.values()),
                    locale_id=self.root.locale_id,
                ).values_list("region__collection__path", "title")
            )
            names = {pk: by_prefix[p] for pk, p in prefix.items() if p in by_prefix}
        kind = str(get_document_model()._meta.verbose_name)
        return [
            Hit(
                title=document.title,
                kind=kind,
                snippet=_("Unduh berkas %(format)s") % {"format": document.file_extension.upper()}
                if document.file_extension
                else _("Unduh berkas"),
                url=document.url,
                village=names.get(document.pk, ""),
                is_document=True,
            )
            for document in documents
        ]


def search_site(site: Site, query: str, request=None) -> SiteSearch:
    """Search ``site`` for ``query`` (already cleaned with ``clean_query``)."""
    return SiteSearch(site, query, request)
