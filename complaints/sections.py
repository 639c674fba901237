"""The complaints page (/pengaduan/) as it registers with ``villages.sections``."""

from django.utils.translation import gettext_lazy as _

from villages.sections import Provision, Section


def fill_demo(village_page) -> None:
    from .demo import populate  # the models are loaded by then

    populate(village_page)


# Just before the contact page (100), which stays for plain messages.
COMPLAINTS = Section(
    slug="pengaduan",
    page_model="complaints.ComplaintPage",
    order=98,
    provision=Provision(_("Pengaduan")),
    demo=fill_demo,
)
