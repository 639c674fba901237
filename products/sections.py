"""The products and village potential (/produk/) as they register with ``villages.sections``."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from villages.sections import Block, Provision, Section

from . import demo
from .services import featured_products

HOME_PRODUCTS = 4


def home_products(village_page, request):
    products = featured_products(village_page, limit=HOME_PRODUCTS)
    return {"products": products} if products else None


PRODUCTS = Section(
    slug="produk",
    page_model="products.ProductIndexPage",
    order=80,
    provision=Provision(_("Produk & Potensi")),
    home_block=Block("products/includes/home_products.html", home_products, order=60),
    demo=demo.populate,
)
