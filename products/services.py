"""Product queries other apps use (the village home page shows featured products)."""

from .models import ProductPage, ProductPhoto, with_photos


def featured_products(village_page, limit: int = 4) -> list[ProductPage]:
    """Up to ``limit`` live products of ``village_page``'s village, for its home page.

    Featured products come first; the newest others fill the remaining places, so the home
    page shows products even when the operator has featured none. One query for the
    products, plus three (photos, images, renditions) for their card photos.
    Render each with ``{% include "products/includes/product_card.html" %}``.
    """
    queryset = (
        ProductPage.objects.descendant_of(village_page)
        .live()
        .public()
        .order_by("-featured", "-first_published_at", "-pk")
    )
    return list(with_photos(queryset, ProductPhoto)[:limit])
