"""Indonesian by default, English under /en/; the admin in Indonesian unless set to English."""

from django.urls import reverse

from wagtail.models import Locale

import pytest


@pytest.fixture
def english_village_home(village_a):
    """An English translation of village A's home page (its ancestors are copied too)."""
    english = Locale.objects.get(language_code="en")
    page = village_a.page.copy_for_translation(english, copy_parents=True)
    page.title = "Kebonharjo Village"
    page.save_revision().publish()
    return page


def test_public_site_is_indonesian_by_default(client, village_a):
    response = client.get("/", HTTP_HOST=village_a.host)
    assert '<html lang="id">' in response.text
    assert "Langsung ke isi" in response.text


def test_english_translation_is_served_under_en(client, village_a, english_village_home):
    response = client.get("/en/", HTTP_HOST=village_a.host)
    assert response.status_code == 200
    assert '<html lang="en">' in response.text
    assert "Kebonharjo Village" in response.text


def test_language_switcher_links_to_the_translation(client, village_a, english_village_home):
    response = client.get("/", HTTP_HOST=village_a.host)
    assert 'href="/en/"' in response.text
    assert 'hreflang="en"' in response.text


def test_english_page_url_carries_the_language_prefix(village_a, english_village_home):
    assert english_village_home.get_full_url() == "http://kebonharjo.tuban.test/en/"


def test_english_translation_stays_on_its_own_village(client, village_b, english_village_home):
    response = client.get("/en/", HTTP_HOST=village_b.host)
    assert "Kebonharjo Village" not in response.text


def test_admin_is_in_indonesian_by_default(client, operator_a):
    client.force_login(operator_a)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert '<html lang="id"' in response.text
    assert "Dasbor" in response.text
    assert "Dashboard" not in response.text
    # Menu labels Wagtail's own Indonesian catalogue leaves in English.
    assert '"label": "Laporan"' in response.text and '"label": "Reports"' not in response.text


def test_admin_follows_a_users_english_preference(client, operator_a):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(operator_a)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(operator_a)
    response = client.get(reverse("wagtailadmin_home"))
    assert '<html lang="en"' in response.text
    assert "Dashboard" in response.text
    assert '"label": "Reports"' in response.text


def test_admin_stays_indonesian_for_an_english_browser(client, operator_a):
    client.force_login(operator_a)
    response = client.get(reverse("wagtailadmin_home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "Dasbor" in response.text


def test_public_site_stays_indonesian_for_an_english_browser(client, village_a):
    response = client.get("/", HTTP_HOST=village_a.host, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="id">' in response.text


def translate_url(page):
    return reverse("wagtail_localize:submit_page_translation", args=[page.pk])


def test_operator_translates_own_page_into_english(client, village_a, operator_a):
    from wagtail.models import Page

    english = Locale.objects.get(language_code="en")
    client.force_login(operator_a)
    profile = village_a.page.get_children().get(slug="profil")
    response = client.post(
        translate_url(profile), {"locales": [english.pk], "include_subtree": False}
    )
    assert response.status_code == 302
    translated = Page.objects.get(translation_key=profile.translation_key, locale=english)
    assert translated.url_path.endswith("/kebonharjo/profil/")


def test_operator_cannot_translate_another_villages_page(client, village_b, operator_a):
    from wagtail.models import Page

    english = Locale.objects.get(language_code="en")
    client.force_login(operator_a)
    profile = village_b.page.get_children().get(slug="profil")
    refused = client.get(translate_url(profile))
    # Another village's page is not found at all (villages.tenancy.guard).
    assert refused.status_code == 404
    assert "Profil Desa" not in refused.text
    response = client.post(translate_url(profile), {"locales": [english.pk]})
    assert response.status_code == 404
    assert not Page.objects.filter(translation_key=profile.translation_key, locale=english).exists()


def test_english_pages_have_an_english_interface(client, village_a, english_village_home):
    english = client.get("/en/", HTTP_HOST=village_a.host).text
    indonesian = client.get("/", HTTP_HOST=village_a.host).text
    assert "Skip to content" in english
    assert "Langsung ke isi" not in english
    assert "Langsung ke isi" in indonesian
