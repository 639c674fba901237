"""What the regency portal shows: the sections' blocks (e.g. the latest news of its villages,
see ``villages.sections``) and a village directory.

Every function here costs a fixed number of queries, however many villages there are:
village names, URLs and "last published" dates are fetched for all villages at once (by
page path prefix), never one village at a time.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from wagtail.models import Page

from . import sections
from .models.pages import DistrictPage, RegencyPage, VillageHomePage
from .models.regions import VillageKind
from .sections import ShownBlock

# Regency (portal root) → district → village: villages sit two levels below the portal.
VILLAGE_DEPTH_BELOW_REGENCY = 2
MAX_FILTER_LENGTH = 100


def village_pages_by_path(paths: Iterable[str], village_depth: int) -> dict[str, VillageHomePage]:
    """The village home pages above (or at) the pages with the given tree paths, in one query.

    Keyed by the village page's own path, which is the first ``village_depth`` steps of the
    path of every page inside that village.
    """
    length = village_depth * Page.steplen
    prefixes = {path[:length] for path in paths if len(path) >= length}
    if not prefixes:
        return {}
    return {
        village.path: village
        for village in VillageHomePage.objects.filter(path__in=prefixes, depth=village_depth)
    }


def section_blocks(regency_page: RegencyPage, request=None) -> list[ShownBlock]:
    """The registered sections' blocks of the portal that have something to show, in order."""
    return sections.show_blocks(sections.portal_blocks(), regency_page, request)


@dataclass(frozen=True)
class VillageEntry:
    """A village in the directory."""

    page: VillageHomePage
    kind: str
    last_published_at: datetime.datetime | None

    @property
    def title(self) -> str:
        return self.page.title

    @property
    def kind_label(self) -> str:
        return VillageKind(self.kind).label if self.kind in VillageKind.values else ""


@dataclass
class DistrictEntry:
    """A district (kecamatan) in the directory, with its villages."""

    page: DistrictPage
    villages: list[VillageEntry] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.page.title


def _village_entries(anchor: Page, village_depth: int) -> list[VillageEntry]:
    villages = (
        VillageHomePage.objects.descendant_of(anchor)
        .filter(depth=village_depth)
        .live()
        .public()
        .select_related("region")
        .order_by("title")
    )
    return [
        VillageEntry(
            page=village,
            kind=village.region.village_kind,
            # Kept on the region by villages.signals: pages published through a revision.
            last_published_at=village.region.last_published_at,
        )
        for village in villages
    ]


def _matches(needle: str, *names: str) -> bool:
    return any(needle in name.casefold() for name in names)


def village_directory(regency_page: RegencyPage, query: str | None = None) -> list[DistrictEntry]:
    """The regency's districts with their villages, optionally filtered by name.

    ``query`` matches (case-insensitively, anywhere in the name) a village's or a district's
    name; a matching district brings all its villages, and districts left without villages
    are dropped. Without a query every district is listed, empty or not. Five queries.
    """
    village_depth = regency_page.depth + VILLAGE_DEPTH_BELOW_REGENCY
    districts = {
        district.path: DistrictEntry(page=district)
        for district in DistrictPage.objects.child_of(regency_page)
        .live()
        .public()
        .select_related("region")
        .order_by("title")
    }
    for village in _village_entries(regency_page, village_depth):
        district = districts.get(village.page.path[: (village_depth - 1) * Page.steplen])
        if district is not None:  # villages of a private district stay hidden too
            district.villages.append(village)

    needle = (query or "").strip()[:MAX_FILTER_LENGTH].casefold()
    if not needle:
        return list(districts.values())
    matching = []
    for district in districts.values():
        if not _matches(needle, district.title, district.page.region.name):
            district.villages = [
                v for v in district.villages if _matches(needle, v.title, v.page.region.name)
            ]
        if district.villages:
            matching.append(district)
    return matching


def district_villages(district_page: DistrictPage) -> list[VillageEntry]:
    """The villages of one district with their last published dates (three queries)."""
    return _village_entries(district_page, district_page.depth + 1)
