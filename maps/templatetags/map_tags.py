"""Template tags of the village map: ``{% map_preview village_page %}``.

The home page shows the same preview as the map section's home block (``maps.sections``).
"""

from django import template

from maps.sections import map_preview as map_preview_context

register = template.Library()


@register.inclusion_tag("maps/includes/map_preview.html", takes_context=True)
def map_preview(context, village_page):
    """A small inline SVG of the village boundary and a "Lihat peta" link to /peta/.

    At most two queries; renders nothing when the village has no public map page or its
    map has no boundary yet.
    """
    return map_preview_context(village_page, context.get("request")) or {"map_page": None}
