"""Local products (UMKM) and village potential (tourism, nature, farming).

Each village has one product section (/produk/) holding product pages, which buyers order
through WhatsApp or a marketplace, and potential pages (potensi desa).
"""

from .common import API_RENDITION, PHOTO_RENDITIONS, PhotoBase, with_photos
from .index import PRODUCTS_PER_PAGE, ProductIndexPage
from .potentials import PotentialKind, PotentialPage, PotentialPhoto
from .products import (
    SCHEMA_AVAILABILITY,
    Availability,
    Category,
    Platform,
    ProductMarketplaceLink,
    ProductPage,
    ProductPhoto,
)

__all__ = [
    "API_RENDITION",
    "PHOTO_RENDITIONS",
    "PRODUCTS_PER_PAGE",
    "SCHEMA_AVAILABILITY",
    "Availability",
    "Category",
    "PhotoBase",
    "Platform",
    "PotentialKind",
    "PotentialPage",
    "PotentialPhoto",
    "ProductIndexPage",
    "ProductMarketplaceLink",
    "ProductPage",
    "ProductPhoto",
    "with_photos",
]
