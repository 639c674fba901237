"""Fill a village with realistic demo content: its home page, then every registered section."""

from __future__ import annotations

from django.db import transaction

from villages import sections
from villages.models import VillageIdentity

from .media import demo_image

WELCOME = (
    "<p>Sugeng rawuh, selamat datang di situs resmi Desa {name}. Situs ini kami hadirkan "
    "agar warga dan siapa pun dapat mengikuti kabar pembangunan, pengumuman, agenda "
    "kegiatan, serta mengenal potensi dan produk unggulan desa kami.</p>"
    "<p>Kami mengajak seluruh warga untuk ikut mengisi dan mengawasi pembangunan desa. "
    "Sampaikan saran dan pengaduan melalui halaman Kontak.</p>"
)


def populate_home(village_page) -> bool:
    """The home page's own fields: hero, tagline, the head's welcome, key figures."""
    page = village_page.specific
    if page.hero_image_id:
        return False
    collection = page.region.collection
    name = page.region.name
    page.hero_image = demo_image(collection, f"Panorama Desa {name}")
    page.tagline = f"Desa {name}: guyub, mandiri, dan sejahtera"
    page.head_name = "H. Suparno, S.Pd."
    page.head_photo = demo_image(collection, f"Kepala Desa {name}")
    page.welcome = WELCOME.format(name=name)
    page.key_figures = [
        ("figure", {"label": "Penduduk", "value": "4.215", "unit": "jiwa"}),
        ("figure", {"label": "Kepala keluarga", "value": "1.302", "unit": "KK"}),
        ("figure", {"label": "Luas wilayah", "value": "512", "unit": "ha"}),
        ("figure", {"label": "Dusun", "value": "4", "unit": ""}),
    ]
    page.save_revision().publish()
    identity = VillageIdentity.for_site(page.region.site)
    if not identity.logo_id:
        identity.logo = demo_image(collection, f"Logo Desa {name}")
        identity.save()
    return True


@transaction.atomic
def populate_village(village_page) -> None:
    """Fill one village; safe to run again (each part skips what already exists)."""
    populate_home(village_page)
    # In the sections' order, which is also the order their content refers to each other
    # (the government's institutions come before the news that may name them).
    for section in sections.all_sections():
        if section.demo is not None:
            section.demo(village_page)
