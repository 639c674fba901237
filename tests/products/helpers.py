"""Builders for product and potential pages in tests."""

import datetime
from decimal import Decimal

from django.utils import timezone

from products.models import (
    PotentialPage,
    PotentialPhoto,
    ProductIndexPage,
    ProductMarketplaceLink,
    ProductPage,
    ProductPhoto,
)
from tests.api.helpers import make_image, section


def product_index(tenant) -> ProductIndexPage:
    return section(tenant, "produk")


def slugify(title: str) -> str:
    return title.lower().replace(" ", "-")


def add_product(tenant, title, *, photo=True, links=(), days_ago=0, live=True, **fields):
    """A published product of ``tenant`` (one photo unless ``photo=False``)."""
    fields.setdefault("seller_name", "Bu Sulastri")
    page = ProductPage(title=title, slug=slugify(title), live=live, **fields)
    if photo:
        page.photos = [
            ProductPhoto(image=make_image(tenant.collection, slugify(title)), caption=title)
        ]
    page.marketplace_links = [
        ProductMarketplaceLink(platform=platform, url=url) for platform, url in links
    ]
    product_index(tenant).add_child(instance=page)
    if live:
        page.save_revision().publish()
        # Newest first is by first publication: spread them out deterministically.
        published = timezone.make_aware(datetime.datetime(2026, 11, 1)) - datetime.timedelta(
            days=days_ago
        )
        ProductPage.objects.filter(pk=page.pk).update(first_published_at=published)
    return ProductPage.objects.get(pk=page.pk)


def add_batik(tenant, **fields):
    """The product the issue was written for: hand-drawn batik sold through the site."""
    values = {
        "category": "batik-tenun",
        "price": Decimal(350000),
        "price_unit": "per lembar",
        "seller_name": "Kelompok Pembatik Sekar Jagad",
        "seller_whatsapp": "0812-3456-7890",
        "description": "<p>Batik tulis di atas kain tenun gedog.</p>",
        "links": [("shopee", "https://shopee.co.id/batik-gedog")],
        "featured": True,
    }
    values.update(fields)
    return add_product(tenant, "Batik Gedog Tulis", **values)


def add_potential(tenant, title, *, photo=True, **fields):
    page = PotentialPage(title=title, slug=slugify(title), **fields)
    if photo:
        page.photos = [PotentialPhoto(image=make_image(tenant.collection, slugify(title)))]
    product_index(tenant).add_child(instance=page)
    page.save_revision().publish()
    return PotentialPage.objects.get(pk=page.pk)
