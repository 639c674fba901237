"""What the village home page shows: its own blocks and those of the registered sections.

Every block comes from content: a section with nothing published shows nothing, so a new
village's home page is short rather than full of empty boxes. Each source costs a fixed
number of queries, so the home page's cost does not grow with the amount of content or the
number of villages. The sections' blocks come from ``villages.sections``; the home page's
own (the head's welcome, key figures, quick links) sit between them at the orders declared
there.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import sections
from .links import shown_links
from .sections import KEY_FIGURES_ORDER, QUICK_LINKS_ORDER, WELCOME_ORDER, Block, ShownBlock


@dataclass
class HomeContent:
    blocks: list[ShownBlock] = field(default_factory=list)


def key_figures(village_page) -> list[dict]:
    """The operator's key figures, else the first a section finds (e.g. in the profile)."""
    figures = [
        {"label": block.value["label"], "value": block.value["value"], "unit": block.value["unit"]}
        for block in village_page.key_figures
    ]
    if figures:
        return figures
    for section in sections.all_sections():
        if section.key_figures is not None and (figures := section.key_figures(village_page)):
            return figures
    return []


def quick_links(village_page, request) -> list[dict]:
    """The operator's quick links; without them, the village's sections."""
    links = shown_links(village_page.quick_links, request)
    if links:
        return links
    return [
        {"title": child.title, "url": child.get_url(request)}
        for child in village_page.get_children().live().public().in_menu()
    ]


def _welcome(village_page, request):
    return {} if village_page.welcome else None


def _figures(village_page, request):
    figures = key_figures(village_page)
    return {"figures": figures} if figures else None


def _quick_links(village_page, request):
    links = quick_links(village_page, request)
    return {"links": links} if links else None


OWN_BLOCKS = [
    Block("villages/includes/home_welcome.html", _welcome, WELCOME_ORDER),
    Block("villages/includes/home_figures.html", _figures, KEY_FIGURES_ORDER),
    Block("villages/includes/home_quick_links.html", _quick_links, QUICK_LINKS_ORDER),
]


def home_content(village_page, request) -> HomeContent:
    """The blocks of ``village_page``'s home page that have something to show, in order."""
    blocks = sorted([*OWN_BLOCKS, *sections.home_blocks()], key=lambda block: block.order)
    return HomeContent(blocks=sections.show_blocks(blocks, village_page, request))
