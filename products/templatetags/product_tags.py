"""Template helpers for products: rupiah prices and structured data for search engines."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from products.formatting import format_rupiah
from products.models import PHOTO_RENDITIONS

register = template.Library()

# The characters that could end a <script> element early, escaped as json_script does.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def rupiah(amount):
    """``{{ product.price|rupiah }}`` → ``Rp 150.000``, or "Harga menyesuaikan" when empty."""
    if amount is None or amount == "":
        return gettext("Harga menyesuaikan")
    return format_rupiah(amount)


def product_structured_data(page, request) -> dict:
    """schema.org ``Product`` data of a product page, with an ``Offer`` when it has a price."""
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": page.title,
        "url": page.get_full_url(request),
        "category": page.category_label,
    }
    if description := page.plain_description:
        data["description"] = description
    if photo := page.first_photo:
        rendition = photo.image.get_rendition(PHOTO_RENDITIONS[-1])
        data["image"] = request.build_absolute_uri(rendition.url)
    if page.price is not None:
        data["offers"] = {
            "@type": "Offer",
            "price": str(page.price),
            "priceCurrency": "IDR",
            "availability": page.schema_availability,
            "url": data["url"],
            "seller": {"@type": "Organization", "name": page.seller_name},
        }
    return data


@register.simple_tag(takes_context=True)
def product_json_ld(context, page):
    """``<script type="application/ld+json">`` with the product's structured data."""
    data = product_structured_data(page, context["request"])
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(payload.translate(JSON_SCRIPT_ESCAPES)),  # noqa: S308 (escaped above)
    )
