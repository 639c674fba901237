"""The development projects (/pembangunan/) as they register with ``villages.sections``."""

from django.utils.translation import gettext_lazy as _

from villages.sections import Provision, Section

from . import demo

PROJECTS = Section(
    slug="pembangunan",
    page_model="projects.ProjectIndexPage",
    order=95,
    provision=Provision(_("Pembangunan"), levels=("village", "district", "regency")),
    demo=demo.populate,
)
