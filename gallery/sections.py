"""The photo albums (/galeri/) as they register with ``villages.sections``."""

from django.utils.translation import gettext_lazy as _

from villages.sections import Provision, Section

from . import demo

GALLERY = Section(
    slug="galeri",
    page_model="gallery.GalleryIndexPage",
    order=60,
    provision=Provision(_("Galeri")),
    demo=demo.populate,
)
