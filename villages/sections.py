"""The section registry: what each section app adds to every village and to the portal.

``villages`` is the ground floor of the platform: it knows no section. Each section app
(news, events, products…) describes its sections with ``Section`` records and registers
them from its ``AppConfig.ready()``::

    class NewsConfig(AppConfig):
        def ready(self):
            from villages.sections import register_section

            from .sections import NEWS

            register_section(NEWS)

Whatever used to list the sections by name asks the registry instead: provisioning (the
pages every village gets, the model permissions of its operators), the page types allowed
below a village home page and the portal, the blocks of the village home page and of the
portal, the feed links in the ``<head>``, the demo filler and the API completeness test.
Adding a section is one app and one registration.

Every lookup returns the sections in their declared ``order`` (then by slug), whatever the
order in which the apps were loaded.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ImproperlyConfigured

if TYPE_CHECKING:
    from django.http import HttpRequest

    from wagtail.models import Page, Site

# Orders of the village home page's own blocks (see ``villages.homepage``); a section's home
# block takes an order between them: its announcements come before the head's welcome, its
# lists between the key figures and the quick links.
WELCOME_ORDER = 20
KEY_FIGURES_ORDER = 30
QUICK_LINKS_ORDER = 1000


@dataclass(frozen=True)
class Provision:
    """The page provisioning creates below every village home page for a section.

    ``title`` becomes the page title (the slug is the section's), ``defaults`` further field
    values, and ``after_create(page)`` runs once the new page is saved (e.g. the contact
    form's default fields). Existing villages get the page on the next provisioning run;
    a village that already has a child with the section's slug is left alone.

    ``levels`` are the region pages that get the page: villages by default; a section whose
    page also sums the villages below a kecamatan or regency (open data roll-ups) adds
    ``"district"`` and/or ``"regency"``, and its page type is then allowed there too.
    """

    title: Any  # a (lazy) string
    defaults: Mapping[str, Any] = field(default_factory=dict)
    after_create: Callable[[Page], None] | None = None
    levels: tuple[str, ...] = ("village",)


@dataclass(frozen=True)
class Block:
    """A block a section adds to the village home page or to the regency portal.

    ``context(page, request)`` gets the village home page (or the regency page) and returns
    the template's context, or None when the section has nothing to show: the block is then
    left out, so a new village's home page has no empty boxes. It must cost a fixed number
    of queries, whatever the amount of content: the query-count tests bound both pages.
    ``template`` is rendered with that context on top of the page's own; ``order`` places
    the block among the others (smaller first, see ``WELCOME_ORDER`` and the others above).
    """

    template: str
    context: Callable[[Page, HttpRequest | None], Mapping[str, Any] | None]
    order: int


@dataclass(frozen=True)
class ShownBlock:
    """A block with its context, for the ``section_block`` template tag."""

    template: str
    context: Mapping[str, Any]
    order: int


def show_blocks(blocks: Sequence[Block], page: Page, request: HttpRequest | None):
    """The ``blocks`` that have something to show on ``page``, with their context."""
    shown = []
    for block in blocks:
        context = block.context(page, request)
        if context is not None:
            shown.append(ShownBlock(block.template, context, block.order))
    return shown


@dataclass(frozen=True)
class FeedLink:
    """A feed of the site announced in every page's ``<head>`` (``<link rel="alternate">``).

    ``title`` is the link's title there; a non-empty ``label`` also shows it in the footer.
    """

    url: str
    title: str
    label: str = ""
    type: str = "application/rss+xml"


@dataclass(frozen=True)
class Section:
    """One section of every village site, e.g. the news at ``/berita/``.

    - ``slug``: the key of the record, and the URL slug of the page provisioning creates.
    - ``page_model``: the section's page type (``"news.NewsIndexPage"``), allowed below a
      village home page.
    - ``order``: where the section sits among the others: the order of the pages
      provisioning creates (hence of the menu), of the demo filler and of the lookups.
    - ``provision``: what provisioning creates for it (None: nothing, the page type is only
      allowed).
    - ``home_block`` / ``portal_block``: its block on the village home page / the portal.
    - ``feed_links(request, site, site_name)``: the feeds the site's pages announce.
    - ``key_figures(village_page)``: figures (``{"label", "value", "unit"}`` dicts) the
      home page shows when the operator has entered none; the first section (by order) that
      returns some is used.
    - ``demo(village_page)``: fills the section with demo content; safe to run again.
    - ``demo_villages(villages)``: fills the section for every village of the demo at once
      (a queryset of village ``Region`` rows), where one call per page would be too slow
      (the open data of 328 villages); returns how many records it made; safe to run again.
    - ``operator_permissions``: model permissions (``"news.add_newscategory"``) every
      village's operator group holds. Scoping them to the village is the section's task.
    - ``village_page_types`` / ``portal_page_types``: further page types the section allows
      below a village home page / the portal without provisioning them (free pages).
    """

    slug: str
    page_model: str
    order: int
    provision: Provision | None = None
    home_block: Block | None = None
    portal_block: Block | None = None
    feed_links: Callable[[HttpRequest, Site, str], list[FeedLink]] | None = None
    key_figures: Callable[[Page], list[dict]] | None = None
    demo: Callable[[Page], None] | None = None
    demo_villages: Callable[[Any], int] | None = None
    operator_permissions: tuple[str, ...] = ()
    village_page_types: tuple[str, ...] = ()
    portal_page_types: tuple[str, ...] = ()

    @property
    def app_label(self) -> str:
        return self.page_model.partition(".")[0]


_registry: dict[str, Section] = {}


def register_section(section: Section) -> Section:
    """Add ``section`` to the registry (from the section app's ``AppConfig.ready()``)."""
    existing = _registry.get(section.slug)
    if existing is not None and existing is not section:
        raise ImproperlyConfigured(
            f"Section slug {section.slug!r} is registered twice "
            f"({existing.page_model} and {section.page_model})."
        )
    _registry[section.slug] = section
    _page_types_changed()
    return section


def unregister_section(slug: str) -> Section:
    """Take the section ``slug`` out of the registry again (for tests); returns it."""
    section = _registry.pop(slug)
    _page_types_changed()
    return section


def all_sections() -> list[Section]:
    """Every registered section, in order."""
    return sorted(_registry.values(), key=lambda s: (s.order, s.slug))


def get_section(slug: str) -> Section | None:
    return _registry.get(slug)


def provisioned_sections(level: str = "village") -> list[Section]:
    """The sections provisioning creates a page for below a region page of ``level``
    (``"village"``, ``"district"`` or ``"regency"``), in order."""
    return [s for s in all_sections() if s.provision is not None and level in s.provision.levels]


def home_blocks() -> list[Block]:
    """The sections' blocks of the village home page, in the blocks' order."""
    return sorted((s.home_block for s in all_sections() if s.home_block), key=lambda b: b.order)


def portal_blocks() -> list[Block]:
    """The sections' blocks of the regency portal, in the blocks' order."""
    return sorted((s.portal_block for s in all_sections() if s.portal_block), key=lambda b: b.order)


def operator_permissions() -> list[str]:
    """The model permissions the sections give every village's operators."""
    return list(dict.fromkeys(p for s in all_sections() for p in s.operator_permissions))


def section_app_labels() -> list[str]:
    """The apps that registered sections, in the order of their first section."""
    return list(dict.fromkeys(s.app_label for s in all_sections()))


def page_types_below(where: str) -> list[str]:
    """The page types the sections allow below a ``"village"`` home page, a ``"district"``
    page or the ``"portal"`` (the regency page)."""
    if where not in ("village", "district", "portal"):
        raise ValueError(where)
    level = {"portal": "regency"}.get(where, where)
    types: list[str] = []
    for section in all_sections():
        if where == "village":
            types += [section.page_model, *section.village_page_types]
            continue
        if section.provision is not None and level in section.provision.levels:
            types.append(section.page_model)
        if where == "portal":
            types += section.portal_page_types
    return list(dict.fromkeys(types))


class RegisteredPageTypes(Sequence):
    """``subpage_types`` of a page type: its own fixed ones, then those of the sections.

    Read each time Wagtail resolves the list; Wagtail keeps the resolved list on the class
    (``_clean_subpage_models``), so (un)registering a section clears it.
    """

    def __init__(self, where: str, *fixed: str):
        self.where = where
        self.fixed = fixed

    def _types(self) -> list[str]:
        return list(dict.fromkeys([*self.fixed, *page_types_below(self.where)]))

    def __getitem__(self, index):
        return self._types()[index]

    def __len__(self) -> int:
        return len(self._types())

    def __iter__(self) -> Iterator[str]:
        return iter(self._types())

    def __repr__(self) -> str:
        return f"RegisteredPageTypes({self.where!r}: {self._types()!r})"


def _page_types_changed() -> None:
    from wagtail.models import get_page_models

    for model in get_page_models():
        if isinstance(getattr(model, "subpage_types", None), RegisteredPageTypes):
            model._clean_subpage_models = None
