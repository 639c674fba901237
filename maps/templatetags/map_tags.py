"""Template tags of the village map: ``{% map_preview village_page %}`` for the home page."""

from django import template

from maps.models import PREVIEW_SVG_SIZE
from maps.services import map_page_for

register = template.Library()


@register.inclusion_tag("maps/includes/map_preview.html", takes_context=True)
def map_preview(context, village_page):
    """A small inline SVG of the village boundary and a "Lihat peta" link to /peta/.

    No JavaScript and no tiles, at most two queries; renders nothing when the village has no
    public map page or its map has no boundary yet.
    """
    map_page = map_page_for(village_page)
    if map_page is None or not map_page.boundary_polygons:
        return {"map_page": None}
    return {
        "map_page": map_page,
        "village_page": village_page,
        "map_url": map_page.get_url(request=context.get("request")),
        "map_svg": map_page.svg_map(size=PREVIEW_SVG_SIZE),
        "area_ha": map_page.area_ha,
    }
