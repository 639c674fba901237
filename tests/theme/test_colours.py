"""Village colours: readable text on them, and no colour that leaves text unreadable."""

from django.core.exceptions import ValidationError
from django.urls import reverse

import pytest

from villages.colours import DARK_TEXT, WHITE, contrast_ratio, readable_on_white, text_colour_on
from villages.models import VillageIdentity
from villages.templatetags.theme_tags import text_colour_on_background, theme_colours


def settings_url(tenant):
    return reverse("wagtailsettings:edit", args=["villages", "villageidentity", tenant.site.pk])


def identity_form(**changes):
    data = {"display_name": "Desa Kebonharjo", "primary_colour": "#1f6f43"}
    data["secondary_colour"] = "#f2b705"
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("background", "text"),
    [("#1f6f43", WHITE), ("#000080", WHITE), ("#f2b705", DARK_TEXT), ("#ffffff", DARK_TEXT)],
)
def test_text_on_a_village_colour_is_white_or_dark_whichever_reads_better(background, text):
    assert text_colour_on(background) == text
    assert text_colour_on_background(background) == text


def test_contrast_ratio_follows_wcag():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1)


def test_light_primary_gets_a_darker_shade_for_links_on_white():
    link = readable_on_white("#f2b705")

    assert link != "#f2b705"
    assert contrast_ratio(link, WHITE) >= 4.5
    assert readable_on_white("#1f6f43") == "#1f6f43"


def test_page_defines_readable_text_colours_for_a_light_village_colour(client, village_a):
    identity = VillageIdentity.for_site(village_a.site)
    identity.primary_colour = "#f2b705"
    identity.secondary_colour = "#0b3d91"
    identity.save()

    html = client.get("/", HTTP_HOST=village_a.host).text

    assert "--primary:#f2b705;--on-primary:#1a1a1a;" in html
    assert "--secondary:#0b3d91;--on-secondary:#ffffff;" in html
    assert f"--link:{readable_on_white('#f2b705')}" in html


def test_unvalidated_colour_never_reaches_the_style_block(client, village_a):
    identity = VillageIdentity.for_site(village_a.site)
    # Saved around the form's validation; 7 characters, so PostgreSQL's varchar(7) takes it.
    identity.primary_colour = "0;}*{x:"
    identity.save()

    html = client.get("/", HTTP_HOST=village_a.host).text

    assert "0;}*{x:" not in html
    assert "--primary:#1f6f43;" in html
    assert theme_colours(identity)["primary"] == "#1f6f43"


@pytest.mark.parametrize("colour", ["#808080", "#7a7a7a", "#e03c3c"])
def test_mid_tone_colour_is_refused_by_the_model(village_a, colour):
    identity = VillageIdentity.for_site(village_a.site)
    identity.primary_colour = colour
    with pytest.raises(ValidationError, match="kurang kontras"):
        identity.full_clean()


def test_operator_gets_an_indonesian_error_for_an_unreadable_colour_and_nothing_is_saved(
    client_for, operator_a, village_a
):
    client = client_for(operator_a)

    response = client.post(
        settings_url(village_a),
        identity_form(display_name="Desa Kebonharjo Baru", primary_colour="#808080"),
    )

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "primary_colour" in errors
    assert "kurang kontras" in errors["primary_colour"][0]
    assert "4,5:1" in errors["primary_colour"][0]
    identity = VillageIdentity.objects.get(site=village_a.site)
    assert identity.display_name == "Desa Kebonharjo"
    assert identity.primary_colour == "#1f6f43"


def test_operator_gets_one_format_error_for_a_colour_name(client_for, operator_a, village_a):
    client = client_for(operator_a)

    response = client.post(settings_url(village_a), identity_form(secondary_colour="kuning"))

    assert response.status_code == 200
    assert response.context["form"].errors["secondary_colour"] == [
        "Gunakan kode warna heksadesimal, misalnya #1f6f43."
    ]
    assert VillageIdentity.objects.get(site=village_a.site).secondary_colour == "#f2b705"


def test_operator_saves_a_readable_light_colour(client_for, operator_a, village_a):
    client = client_for(operator_a)

    response = client.post(settings_url(village_a), identity_form(primary_colour="#f2b705"))

    assert response.status_code == 302
    assert VillageIdentity.objects.get(site=village_a.site).primary_colour == "#f2b705"
