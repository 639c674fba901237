"""Officials and institutions (/pemerintahan/) as they register with ``villages.sections``."""

from django.utils.translation import gettext_lazy as _

from villages.sections import Provision, Section

from . import demo

GOVERNMENT = Section(
    slug="pemerintahan",
    page_model="government.GovernmentIndexPage",
    order=20,
    provision=Provision(_("Pemerintahan")),
    demo=demo.populate,
)
