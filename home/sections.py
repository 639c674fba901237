"""The profile (/profil/) and the contact page (/kontak/) as they register with
``villages.sections``, with the free standard pages allowed on villages and the portal."""

from __future__ import annotations

from django.template.defaultfilters import floatformat
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from villages.sections import Provision, Section

from . import demo
from .services import profile_figures


def profile_key_figures(village_page) -> list[dict]:
    """The figures the profile holds (area, altitude, hamlets), for the home page (one query).

    Only figures that are filled in: an empty profile gives none, and the home page then
    shows no "in figures" block at all.
    """
    profile = profile_figures(village_page)
    figures = []
    if profile["area_ha"] is not None:
        figures.append(
            {
                "label": gettext("Luas wilayah"),
                "value": floatformat(profile["area_ha"], "-2g"),
                "unit": "ha",
            }
        )
    if profile["altitude"] is not None:
        figures.append(
            {"label": gettext("Ketinggian"), "value": profile["altitude"], "unit": "mdpl"}
        )
    if profile["dusun_count"]:
        figures.append(
            {"label": gettext("Jumlah dusun"), "value": profile["dusun_count"], "unit": ""}
        )
    return figures


def contact_form_fields(contact_page) -> None:
    """The contact form a new village starts with (operators may change it in the admin)."""
    fields = [
        {"label": "Nama", "field_type": "singleline", "required": True},
        {"label": "Email", "field_type": "email", "required": False},
        {
            "label": "Nomor HP/WhatsApp",
            # Named explicitly: derived from the label it would read "nomor_hpwhatsapp".
            "clean_name": "nomor_hp",
            "field_type": "tel",
            "required": False,
            "help_text": "Contoh: 0812-3456-7890",
        },
        {
            "label": "Kategori",
            "field_type": "dropdown",
            "required": True,
            "choices": "Pertanyaan\nPengaduan\nAspirasi\nLainnya",
        },
        {"label": "Pesan", "field_type": "multiline", "required": True},
    ]
    # Written directly (the page is already saved); save() derives clean_name.
    field_model = contact_page.form_fields.model
    for order, spec in enumerate(fields):
        field_model.objects.create(page=contact_page, sort_order=order, **spec)


PROFILE = Section(
    slug="profil",
    page_model="home.ProfilePage",
    order=10,
    provision=Provision(_("Profil Desa")),
    key_figures=profile_key_figures,
    demo=demo.populate,  # fills the contact page too
    # Free pages ("Sejarah desa", "Layanan"…) operators add by hand, on villages and the portal.
    village_page_types=("home.StandardPage",),
    portal_page_types=("home.StandardPage",),
)
CONTACT = Section(
    slug="kontak",
    page_model="home.ContactPage",
    order=100,
    provision=Provision(_("Kontak"), after_create=contact_form_fields),
)
