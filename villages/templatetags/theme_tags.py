"""Template tags of the shared theme: head metadata, colours, breadcrumbs, pagination, phone
links."""

from django import template

from wagtail.models import Page, Site

from villages import phone, seo
from villages.colours import is_hex_colour, readable_on_white, text_colour_on

register = template.Library()

# The colours of the theme when a village has none (or an unusable value) saved.
DEFAULT_PRIMARY = "#1f6f43"
DEFAULT_SECONDARY = "#f2b705"


@register.simple_tag(takes_context=True)
def page_meta(context, identity=None):
    """Title, description, canonical URL, OpenGraph data and translations of the page."""
    return seo.page_meta(context.get("request"), context.get("page"), identity)


@register.filter
def text_colour_on_background(background) -> str:
    """``#ffffff`` or the dark text colour, whichever reads better on ``background``."""
    return text_colour_on(background if is_hex_colour(background) else DEFAULT_PRIMARY)


@register.simple_tag
def theme_colours(identity=None) -> dict[str, str]:
    """The village's colours for the CSS custom properties, with readable text colours.

    Only well-formed ``#rrggbb`` values reach the ``<style>`` block: anything else (a value
    saved without validation) falls back to the default, so nothing can inject CSS.
    """
    primary = getattr(identity, "primary_colour", "")
    secondary = getattr(identity, "secondary_colour", "")
    primary = primary if is_hex_colour(primary) else DEFAULT_PRIMARY
    secondary = secondary if is_hex_colour(secondary) else DEFAULT_SECONDARY
    return {
        "primary": primary,
        "on_primary": text_colour_on(primary),
        "secondary": secondary,
        "on_secondary": text_colour_on(secondary),
        "link": readable_on_white(primary),
    }


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    """The trail from the site's home to the page, for pages below a section."""
    page = context.get("page")
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    crumbs = []
    # Section pages sit one level below the home page; their trail would only repeat the menu.
    if isinstance(page, Page) and site is not None and page.depth > site.root_page.depth + 1:
        ancestors = page.get_ancestors().filter(depth__gte=site.root_page.depth)
        crumbs = [{"title": a.title, "url": a.get_url(request)} for a in ancestors]
    return {"crumbs": crumbs, "page": page, "request": request}


@register.simple_tag
def pagination_items(page_obj, on_each_side=1, on_ends=1) -> list[dict]:
    """Page numbers around the current one, with gaps: 1 … 4 5 6 … 12."""
    paginator = page_obj.paginator
    return [
        {
            "number": number,
            "gap": number == paginator.ELLIPSIS,
            "current": number == page_obj.number,
        }
        for number in paginator.get_elided_page_range(
            page_obj.number, on_each_side=on_each_side, on_ends=on_ends
        )
    ]


@register.filter
def tel_url(number) -> str:
    """The ``tel:+62…`` link of an Indonesian phone number, '' when it is none."""
    return phone.tel_url(str(number or ""))


@register.filter
def whatsapp_url(number) -> str:
    """The ``wa.me`` chat link of an Indonesian mobile number, '' for a landline or anything
    else (a value saved before the identity validated its numbers)."""
    return phone.whatsapp_url(str(number or ""))
