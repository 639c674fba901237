"""The area map (/peta/) as it registers with ``villages.sections``."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from villages.sections import Block, Provision, Section

from . import demo
from .models import PREVIEW_SVG_SIZE
from .services import map_page_for


def map_preview(village_page, request):
    """A small inline SVG of the village boundary and a "Lihat peta" link to /peta/.

    No JavaScript and no tiles, at most two queries; None when the village has no public
    map page or its map has no boundary yet.
    """
    map_page = map_page_for(village_page)
    if map_page is None or not map_page.boundary_polygons:
        return None
    return {
        "map_page": map_page,
        "village_page": village_page,
        "map_url": map_page.get_url(request=request),
        "map_svg": map_page.svg_map(size=PREVIEW_SVG_SIZE),
        "area_ha": map_page.area_ha,
    }


MAP = Section(
    slug="peta",
    page_model="maps.MapPage",
    order=90,
    provision=Provision(_("Peta")),
    home_block=Block("maps/includes/map_preview.html", map_preview, order=70),
    demo=demo.populate,
)
