"""Translations (wagtail-localize): officials and units follow the page, news its institution."""

from django.urls import reverse

from wagtail.models import Locale, Page
from wagtail_localize.models import TranslationSource

from government.models import BumdesPage, InstitutionKind

from .helpers import (
    add_bumdes,
    add_institution,
    gov_index,
    official,
    publish_news,
    publish_officials,
)


def english():
    return Locale.objects.get(language_code="en")


def translate(client, page, include_subtree=False):
    """Submit ``page`` for English translation in the admin, then publish what was made
    (a translator publishes once the texts are translated)."""
    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
        {"locales": [english().pk], "include_subtree": include_subtree},
    )
    assert response.status_code == 302, response.content[:1000]
    translated = Page.objects.get(translation_key=page.translation_key, locale=english())
    for each in Page.objects.descendant_of(translated, inclusive=True).specific():
        each.save_revision().publish()
    return translated.specific


def test_translated_section_keeps_officials_institutions_and_units(
    client_for, operator_a, village_a
):
    publish_officials(village_a, official("Sutrisno", "Kepala Desa"))
    add_institution(
        village_a,
        "Tim Penggerak PKK",
        InstitutionKind.PKK,
        officials=[official("Endang Sulastri", "Ketua TP PKK")],
        whatsapp="6281234567890",
    )
    add_bumdes(village_a, units=[{"name": "Unit Air Bersih"}])
    client = client_for(operator_a)

    translate(client, gov_index(village_a), include_subtree=True)

    index = client.get("/en/pemerintahan/", HTTP_HOST=village_a.host)
    assert index.status_code == 200
    assert '<html lang="en">' in index.text
    assert "Sutrisno" in index.text
    assert 'href="/en/pemerintahan/tim-penggerak-pkk/"' in index.text
    pkk = client.get("/en/pemerintahan/tim-penggerak-pkk/", HTTP_HOST=village_a.host).text
    assert "Endang Sulastri" in pkk
    assert 'href="https://wa.me/6281234567890"' in pkk
    bumdes = BumdesPage.objects.get(locale=english())
    assert bumdes.kind == InstitutionKind.BUMDES
    assert [unit.name for unit in bumdes.units.all()] == ["Unit Air Bersih"]


def test_updating_translations_syncs_changed_officials(client_for, operator_a, village_a):
    publish_officials(village_a, official("Sutrisno", "Kepala Desa"))
    client = client_for(operator_a)
    translated = translate(client, gov_index(village_a))

    publish_officials(village_a, official("Mulyono", "Kepala Desa"))
    source = TranslationSource.objects.get_for_instance(gov_index(village_a))
    response = client.post(
        reverse("wagtail_localize:update_translations", args=[source.pk]),
        {"publish_translations": "on"},
    )
    assert response.status_code == 302
    translated.refresh_from_db()
    assert [o.name for o in translated.officials.all()] == ["Mulyono"]


def test_translated_institution_lists_translated_news_naming_it(client_for, operator_a, village_a):
    pkk = add_institution(village_a, "Tim Penggerak PKK", InstitutionKind.PKK)
    news = publish_news(village_a, "Kabar PKK", pkk)
    client = client_for(operator_a)
    translate(client, gov_index(village_a), include_subtree=True)
    translated_news = translate(client, news)
    translated_news.title = "PKK News"
    translated_news.save_revision().publish()

    # wagtail-localize copies the page link as it is: the English news names the
    # Indonesian institution, and still belongs on the English institution page.
    assert translated_news.institution_id == pkk.pk
    english_pkk = client.get("/en/pemerintahan/tim-penggerak-pkk/", HTTP_HOST=village_a.host)
    assert "PKK News" in english_pkk.text
    assert "Kabar PKK" not in english_pkk.text
    indonesian_pkk = client.get("/pemerintahan/tim-penggerak-pkk/", HTTP_HOST=village_a.host)
    assert "Kabar PKK" in indonesian_pkk.text
    assert "PKK News" not in indonesian_pkk.text
