"""``/layanan/`` as it registers with ``villages.sections``: provisioning creates the letter
service page below every village home page, so a new village takes requests on day one (it
serves its regency's default set of letter types, see ``letters.configuration``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from villages.sections import Provision, Section


def fill_demo_villages(villages) -> int:
    from .demo import fill_demo_villages as fill  # the models are loaded by then

    return fill(villages)


LETTERS_SECTION = Section(
    slug="layanan",
    page_model="letters.LetterServicePage",
    order=97,
    provision=Provision(_("Layanan Surat")),
    demo_villages=fill_demo_villages,
)
