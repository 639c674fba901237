"""One shared theme; each village's own identity and navigation."""

import json

from django.core.exceptions import ValidationError

import pytest

from villages.models import NavigationSettings, VillageIdentity


def test_each_village_shows_its_own_identity(client, village_a, village_b):
    identity = VillageIdentity.for_site(village_a.site)
    identity.display_name = "Pemerintah Desa Kebonharjo"
    identity.primary_colour = "#123456"
    identity.address = "Jl. Raya Jatirogo No. 1"
    identity.facebook_url = "https://facebook.com/desakebonharjo"
    identity.footer_text = "Kebonharjo guyub rukun"
    identity.save()

    page_a = client.get("/", HTTP_HOST=village_a.host).text
    page_b = client.get("/", HTTP_HOST=village_b.host).text
    for expected in (
        "Pemerintah Desa Kebonharjo",
        "--primary:#123456",
        "Jl. Raya Jatirogo No. 1",
        "https://facebook.com/desakebonharjo",
        "Kebonharjo guyub rukun",
    ):
        assert expected in page_a
        assert expected not in page_b
    # Same theme: the same stylesheet and landmarks on both.
    for landmark in ('role="banner"', 'role="main"', 'role="contentinfo"', "/static/css/site.css"):
        assert landmark in page_a
        assert landmark in page_b


def test_invalid_colour_is_refused(village_a):
    identity = VillageIdentity.for_site(village_a.site)
    identity.primary_colour = "merah"
    with pytest.raises(ValidationError, match="heksadesimal"):
        identity.full_clean()


def test_navigation_is_per_site(client, village_a, village_b):
    profile = village_a.page.get_children().get(slug="profil")
    navigation = NavigationSettings.for_site(village_a.site)
    navigation.main_menu = json.dumps(
        [
            {"type": "page", "value": {"page": profile.pk, "title": "Tentang Kami"}},
            {"type": "external", "value": {"url": "https://tubankab.go.id/", "title": "Pemkab"}},
        ]
    )
    navigation.save()

    page_a = client.get("/", HTTP_HOST=village_a.host).text
    page_b = client.get("/", HTTP_HOST=village_b.host).text
    assert 'href="/profil/">Tentang Kami' in page_a
    assert "https://tubankab.go.id/" in page_a
    assert "Tentang Kami" not in page_b
    # Without a menu of its own, a village lists its standard sections.
    assert 'href="/profil/">Profil Desa' in page_b


def test_browser_title_names_the_page_and_the_village(client, village_a):
    home = client.get("/", HTTP_HOST=village_a.host).text
    profile = client.get("/profil/", HTTP_HOST=village_a.host).text
    assert "<title>Desa Kebonharjo</title>" in home
    assert "<title>Profil Desa · Desa Kebonharjo</title>" in profile


def test_district_page_title_names_the_portal(client, regency):
    district = client.get("/jatirogo/", HTTP_HOST=regency.host).text
    assert "<title>Kecamatan Jatirogo · Kabupaten Tuban</title>" in district
