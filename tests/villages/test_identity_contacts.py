"""The village identity's phone and WhatsApp numbers: read by the one phone module
(``villages.phone``) in the operator's settings form and in the footer of every page."""

from django.urls import reverse

import pytest

from tests.theme.helpers import tags
from villages.models import VillageIdentity


def settings_url(tenant):
    return reverse("wagtailsettings:edit", args=["villages", "villageidentity", tenant.site.pk])


def identity_form(**changes):
    data = {
        "display_name": "Desa Kebonharjo",
        "primary_colour": "#1f6f43",
        "secondary_colour": "#f2b705",
    }
    data.update(changes)
    return data


def footer_links(html: str) -> list[str]:
    footer = html[html.index('<footer class="site-footer"') :]
    return [
        a["href"]
        for a in tags(footer, "a")
        if a.get("href", "").startswith(("tel:", "https://wa.me"))
    ]


def save_unvalidated(tenant, **fields):
    """Numbers saved around the form (before the identity validated them)."""
    identity = VillageIdentity.for_site(tenant.site)
    for name, value in fields.items():
        setattr(identity, name, value)
    identity.save()


# -- the settings form ------------------------------------------------------------------------


@pytest.mark.parametrize("whatsapp", ["abc", "(0356) 321456", "0812"])
def test_operator_gets_an_indonesian_error_for_a_whatsapp_that_is_no_mobile_number(
    client_for, operator_a, village_a, whatsapp
):
    response = client_for(operator_a).post(
        settings_url(village_a),
        identity_form(display_name="Desa Kebonharjo Baru", whatsapp=whatsapp),
    )

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["whatsapp"]
    assert "Nomor WhatsApp harus nomor HP Indonesia" in errors["whatsapp"][0]
    identity = VillageIdentity.objects.get(site=village_a.site)
    assert identity.display_name == "Desa Kebonharjo"
    assert identity.whatsapp == ""


def test_operator_gets_an_indonesian_error_for_a_phone_that_is_no_number(
    client_for, operator_a, village_a
):
    response = client_for(operator_a).post(
        settings_url(village_a), identity_form(phone="telepon kantor")
    )

    assert response.status_code == 200
    assert "Nomor telepon tidak sah" in response.context["form"].errors["phone"][0]
    assert VillageIdentity.objects.get(site=village_a.site).phone == ""


def test_operator_saves_a_landline_and_a_mobile_number_as_typed(client_for, operator_a, village_a):
    response = client_for(operator_a).post(
        settings_url(village_a),
        identity_form(phone="(0356) 321456", whatsapp="+62 812-3456-7890"),
    )

    assert response.status_code == 302
    identity = VillageIdentity.objects.get(site=village_a.site)
    assert (identity.phone, identity.whatsapp) == ("(0356) 321456", "+62 812-3456-7890")


# -- the footer -------------------------------------------------------------------------------


def test_footer_links_phone_and_whatsapp_to_the_same_numbers_in_any_spelling(client, village_a):
    save_unvalidated(village_a, phone="(0356) 321456", whatsapp="0812-3456-7890")

    html = client.get("/", HTTP_HOST=village_a.host).text

    assert footer_links(html) == ["tel:+62356321456", "https://wa.me/6281234567890"]
    assert '<a href="https://wa.me/6281234567890" rel="noopener">0812-3456-7890</a>' in html


def test_footer_shows_no_whatsapp_link_for_garbage_or_a_landline(client, village_a, village_b):
    save_unvalidated(village_a, whatsapp="abc")
    save_unvalidated(village_b, phone="kantor desa", whatsapp="(0356) 321456")

    html_a = client.get("/", HTTP_HOST=village_a.host).text
    html_b = client.get("/", HTTP_HOST=village_b.host).text

    assert "wa.me" not in html_a
    assert "<p>WhatsApp: abc</p>" in html_a
    assert footer_links(html_b) == []
    assert "<p>WhatsApp: (0356) 321456</p>" in html_b
    assert "kantor desa</p>" in html_b
