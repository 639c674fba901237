"""The public documents (/dokumen/) as they register with ``villages.sections``."""

from django.utils.translation import gettext_lazy as _

from villages.sections import Provision, Section

from . import demo

DOCUMENTS = Section(
    slug="dokumen",
    page_model="publications.DocumentIndexPage",
    order=70,
    provision=Provision(_("Dokumen")),
    demo=demo.populate,
)
