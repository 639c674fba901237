"""The identity settings an operator edits alone: colours from a picker with a contrast hint,
and a logo changed through a visible "Ganti logo" button. All through the real settings edit
view (``wagtailsettings:edit``) on the village's own host."""

from django.urls import reverse
from django.utils import translation

from wagtail.images.tests.utils import get_test_image_file

import pytest
from bs4 import BeautifulSoup

from assets.models import VillageImage
from villages.models import VillageIdentity
from villages.widgets import contrast_hint, ratio_text


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


def edit_page(client, tenant):
    response = client.get(settings_url(tenant), HTTP_HOST=tenant.host)
    assert response.status_code == 200
    return BeautifulSoup(response.text, "html.parser")


def post_identity(client, tenant, **changes):
    return client.post(settings_url(tenant), identity_form(**changes), HTTP_HOST=tenant.host)


def hint_for(html: BeautifulSoup, name: str):
    field = html.find("input", attrs={"name": name})
    return html.find(id=field["data-contrast-hint"])


def save_unvalidated(tenant, **fields):
    """Colours saved around the form (before the identity validated them)."""
    identity = VillageIdentity.for_site(tenant.site)
    for name, value in fields.items():
        setattr(identity, name, value)
    identity.save()


@pytest.fixture
def images(settings, tmp_path, village_a, village_b):
    settings.MEDIA_ROOT = tmp_path
    return {
        key: VillageImage.objects.create(
            title=title, file=get_test_image_file("logo.png"), collection=tenant.collection
        )
        for key, tenant, title in (
            ("a", village_a, "Logo Kebonharjo"),
            ("b", village_b, "Logo Wangi Rahasia"),
        )
    }


# -- colours ----------------------------------------------------------------------------------


def test_identity_colours_are_colour_pickers_holding_the_saved_hex_code(
    client_for, operator_a, village_a
):
    html = edit_page(client_for(operator_a), village_a)

    for name, value in (("primary_colour", "#1f6f43"), ("secondary_colour", "#f2b705")):
        field = html.find("input", attrs={"name": name})
        assert field["type"] == "color"
        assert field["value"] == value
    # The hint follows the picker through a static script (CSP: 'self'), no inline code.
    scripts = [script.get("src", "") for script in html.find_all("script")]
    assert any("villages/admin/colour-contrast.js" in src for src in scripts)


def test_contrast_hint_gives_the_ratio_with_the_text_written_on_the_colour(
    client_for, operator_a, village_a
):
    html = edit_page(client_for(operator_a), village_a)

    primary = hint_for(html, "primary_colour")
    secondary = hint_for(html, "secondary_colour")
    # #1f6f43: white text at 6.15:1; #f2b705: dark text at 9.57:1, white only 1.82:1.
    assert primary.get_text(strip=True) == (
        "Kontras 6,1:1 dengan teks putih di atasnya: mudah dibaca (minimal 4,5:1)."
    )
    assert "colour-contrast--low" not in primary["class"]
    assert secondary.get_text(strip=True) == (
        "Kontras 9,5:1 dengan teks gelap di atasnya: mudah dibaca (minimal 4,5:1). "
        "Teks putih hanya 1,8:1, jadi teks di atasnya ditulis gelap."
    )
    # The texts the script fills in, in the admin's language.
    assert primary["data-low"].startswith("Kurang kontras: {ratio}:1, di bawah 4,5:1.")
    assert primary["data-ok-dark"].endswith(
        "Teks putih hanya {white}:1, jadi teks di atasnya ditulis gelap."
    )
    assert primary["data-decimal"] == ","


def test_low_contrast_hint_warns_about_a_saved_unreadable_colour(client_for, operator_a, village_a):
    # Saved before colours were checked; the dark text reaches only 4.41:1 on it.
    save_unvalidated(village_a, primary_colour="#808080")

    hint = hint_for(edit_page(client_for(operator_a), village_a), "primary_colour")

    assert "colour-contrast--low" in hint["class"]
    assert hint.get_text(strip=True) == (
        "Kurang kontras: 4,4:1, di bawah 4,5:1. Teks di atas warna ini sulit dibaca. "
        "Pilih warna yang lebih gelap atau lebih terang."
    )


def test_picked_unreadable_colour_is_refused_and_the_hint_warns_about_it(
    client_for, operator_a, village_a
):
    response = post_identity(
        client_for(operator_a),
        village_a,
        display_name="Desa Kebonharjo Baru",
        secondary_colour="#e03c3c",
    )

    assert response.status_code == 200
    assert "kurang kontras" in response.context["form"].errors["secondary_colour"][0]
    hint = hint_for(BeautifulSoup(response.text, "html.parser"), "secondary_colour")
    assert "colour-contrast--low" in hint["class"]
    assert hint.get_text(strip=True).startswith("Kurang kontras: 4,3:1")
    identity = VillageIdentity.objects.get(site=village_a.site)
    assert (identity.display_name, identity.secondary_colour) == ("Desa Kebonharjo", "#f2b705")


@pytest.mark.parametrize("value", ["hijau", "#12345", "1f6f43", "#1f6f4g"])
def test_colour_that_is_no_hex_code_is_refused_in_indonesian_and_nothing_saved(
    client_for, operator_a, village_a, value
):
    response = post_identity(
        client_for(operator_a), village_a, display_name="Desa Kebonharjo Baru", primary_colour=value
    )

    assert response.status_code == 200
    assert response.context["form"].errors["primary_colour"] == [
        "Gunakan kode warna heksadesimal, misalnya #1f6f43."
    ]
    html = BeautifulSoup(response.text, "html.parser")
    assert hint_for(html, "primary_colour").get_text(strip=True) == ""
    identity = VillageIdentity.objects.get(site=village_a.site)
    assert (identity.display_name, identity.primary_colour) == ("Desa Kebonharjo", "#1f6f43")


def test_picked_colour_is_saved_as_the_hex_code_the_picker_sends(client_for, operator_a, village_a):
    response = post_identity(client_for(operator_a), village_a, primary_colour="#0b3d91")

    assert response.status_code == 302
    assert VillageIdentity.objects.get(site=village_a.site).primary_colour == "#0b3d91"


def test_ratio_is_cut_not_rounded_so_a_failing_colour_never_reads_as_4_5():
    with translation.override("id"):
        assert ratio_text(4.46) == "4,4"
        assert ratio_text(4.5) == "4,5"
    assert contrast_hint("kuning") is None


# -- logo -------------------------------------------------------------------------------------


def chosen_part(html: BeautifulSoup):
    return html.find(id="id_logo-chooser").find(class_="chosen")


def test_set_logo_has_a_visible_ganti_logo_button_that_opens_the_chooser(
    client_for, operator_a, village_a, images
):
    save_unvalidated(village_a, logo=images["a"])

    html = edit_page(client_for(operator_a), village_a)

    chooser = html.find(id="id_logo-chooser")
    assert "blank" not in chooser["class"]
    choose = chosen_part(html).find_all("button", attrs={"data-chooser-action-choose": True})
    buttons = [button for button in choose if button.get_text(strip=True) == "Ganti logo"]
    # One in plain sight (not inside Wagtail's "…" dropdown), besides the dropdown's own.
    visible = [b for b in buttons if not b.find_parent(attrs={"data-w-dropdown-target": True})]
    assert len(visible) == 1
    assert "button" in visible[0]["class"]
    assert chooser.find(attrs={"data-chooser-title": True}).get_text(strip=True) == (
        "Logo Kebonharjo"
    )


def test_without_a_logo_the_chooser_offers_to_pick_one(client_for, operator_a, village_a):
    html = edit_page(client_for(operator_a), village_a)

    chooser = html.find(id="id_logo-chooser")
    assert "blank" in chooser["class"]
    unchosen = chooser.find(class_="unchosen").find("button")
    assert unchosen.get_text(strip=True) == "Pilih logo"
    assert unchosen.has_attr("data-chooser-action-choose")


def test_operator_cannot_set_another_villages_image_as_logo(
    client_for, operator_a, village_a, images
):
    # An image of village B's (public) collection, its id typed into the form.
    response = post_identity(client_for(operator_a), village_a, logo=images["b"].pk)

    assert response.status_code == 200
    assert "bukan milik Desa Kebonharjo" in " ".join(response.context["form"].errors["logo"])
    assert VillageIdentity.objects.get(site=village_a.site).logo_id is None


def test_operator_cannot_open_another_villages_identity_with_its_logo(
    client_for, operator_a, village_b, images
):
    save_unvalidated(village_b, logo=images["b"])

    response = client_for(operator_a).get(settings_url(village_b), HTTP_HOST=village_b.host)

    assert response.status_code in (302, 403, 404)
    assert "Logo Wangi Rahasia" not in response.text
