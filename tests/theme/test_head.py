"""What search engines and link previews read in each page's head."""

import re

from wagtail.models import Locale

import pytest

from news.models import NewsPage
from tests.api.helpers import add_page, make_image, section
from villages.models import VillageIdentity

from .helpers import link_href, meta, tags


def get(client, tenant, path="/"):
    response = client.get(path, HTTP_HOST=tenant.host)
    assert response.status_code == 200, response.content[:300]
    return response.text


@pytest.fixture
def english_village_home(village_a):
    english = Locale.objects.get(language_code="en")
    page = village_a.page.copy_for_translation(english, copy_parents=True)
    page.title = "Kebonharjo Village"
    page.save_revision().publish()
    return page


def test_home_page_head_names_the_village_and_its_own_address(client, village_a, village_b):
    html = get(client, village_a)

    assert link_href(html, "canonical") == ["http://kebonharjo.tuban.test/"]
    assert meta(html, "og:url") == "http://kebonharjo.tuban.test/"
    assert meta(html, "og:type") == "website"
    assert meta(html, "og:title") == "Desa Kebonharjo"
    assert meta(html, "og:site_name") == "Desa Kebonharjo"
    assert meta(html, "og:locale") == "id_ID"
    # Without a description of its own the home page is described by the village's name.
    assert meta(html, "description") == "Desa Kebonharjo"
    assert meta(html, "og:description") == "Desa Kebonharjo"
    assert meta(html, "twitter:card") == "summary"
    assert "wangi" not in html.lower()
    assert link_href(get(client, village_b), "canonical") == ["http://wangi.tuban.test/"]


def test_home_description_is_the_intro_as_plain_text(client, village_a):
    village_a.page.intro = "<p>Desa <b>agraris</b> &amp; religius di tepi hutan jati.</p>"
    village_a.page.save_revision().publish()

    html = get(client, village_a)

    assert meta(html, "description") == "Desa agraris & religius di tepi hutan jati."
    assert meta(html, "og:description") == "Desa agraris & religius di tepi hutan jati."


def test_home_tagline_describes_the_home_page_without_an_intro(client, village_a):
    village_a.page.tagline = "Desa wisata hutan jati dan batik gedog"
    village_a.page.save_revision().publish()

    assert meta(get(client, village_a), "description") == "Desa wisata hutan jati dan batik gedog"


def test_page_without_description_falls_back_to_the_village_name_and_slogan(client, village_a):
    identity = VillageIdentity.for_site(village_a.site)
    identity.tagline = "Guyub, mandiri, sejahtera"
    identity.save()

    html = get(client, village_a, "/pemerintahan/")

    assert meta(html, "description") == "Desa Kebonharjo: Guyub, mandiri, sejahtera"


def test_section_page_head_has_its_own_title_url_and_description(client, village_a):
    profile = section(village_a, "profil")
    profile.search_description = "Sejarah, wilayah dan penduduk Desa Kebonharjo."
    profile.save_revision().publish()

    html = get(client, village_a, "/profil/")

    assert "<title>Profil Desa · Desa Kebonharjo</title>" in html
    assert link_href(html, "canonical") == ["http://kebonharjo.tuban.test/profil/"]
    assert meta(html, "og:url") == "http://kebonharjo.tuban.test/profil/"
    assert meta(html, "og:title") == "Profil Desa"
    assert meta(html, "description") == "Sejarah, wilayah dan penduduk Desa Kebonharjo."


def test_long_intro_is_cut_to_a_search_snippet(client, village_a):
    page = add_page(village_a.page, "Sejarah Desa", "sejarah")
    page.intro = "Kebonharjo berdiri pada masa kerajaan Majapahit. " * 10
    page.save_revision().publish()

    description = meta(get(client, village_a, "/sejarah/"), "description")

    assert description.startswith("Kebonharjo berdiri pada masa kerajaan Majapahit.")
    assert len(description) <= 160
    assert description.endswith("…")


def test_canonical_url_drops_filters_but_keeps_the_page_number(client, village_a):
    html = get(client, village_a, "/berita/?kategori=pertanian&page=2")
    assert link_href(html, "canonical") == ["http://kebonharjo.tuban.test/berita/?page=2"]

    html = get(client, village_a, "/berita/?kategori=pertanian&page=1")
    assert link_href(html, "canonical") == ["http://kebonharjo.tuban.test/berita/"]


def test_news_item_is_an_article_previewed_with_its_own_picture(client, village_a):
    image = make_image(village_a.collection, "panen-raya")
    item = NewsPage(
        title="Panen raya padi",
        slug="panen-raya-padi",
        intro="Petani Kebonharjo memanen padi di lahan 40 hektare.",
        featured_image=image,
    )
    section(village_a, "berita").add_child(instance=item)
    item.save_revision().publish()

    html = get(client, village_a, "/berita/panen-raya-padi/")

    assert meta(html, "og:type") == "article"
    assert meta(html, "description") == "Petani Kebonharjo memanen padi di lahan 40 hektare."
    image_url = meta(html, "og:image")
    assert re.fullmatch(r"http://kebonharjo\.tuban\.test/media/\S+fill-1200x630\S*\.jpg", image_url)
    assert meta(html, "og:image:width") and meta(html, "og:image:height")
    assert meta(html, "og:image:alt") == "panen-raya"
    assert meta(html, "twitter:card") == "summary_large_image"


def test_home_page_preview_uses_the_hero_image(client, village_a):
    village_a.page.hero_image = make_image(village_a.collection, "sawah-kebonharjo")
    village_a.page.save_revision().publish()

    image_url = meta(get(client, village_a), "og:image")

    assert image_url.startswith("http://kebonharjo.tuban.test/media/")
    assert "fill-1200x630" in image_url


def test_page_without_picture_is_previewed_with_the_village_logo(client, village_a, village_b):
    identity = VillageIdentity.for_site(village_a.site)
    identity.logo = make_image(village_a.collection, "logo-kebonharjo")
    identity.save()

    html = get(client, village_a, "/profil/")

    image_url = meta(html, "og:image")
    assert image_url.startswith("http://kebonharjo.tuban.test/media/")
    assert "max-1200x630" in image_url
    # A logo is no wide picture: the small card suits it.
    assert meta(html, "twitter:card") == "summary"
    assert meta(get(client, village_b, "/profil/"), "og:image") is None


def test_translated_page_lists_its_languages_for_search_engines(
    client, village_a, english_village_home
):
    html = get(client, village_a)

    alternates = {
        found["hreflang"]: found["href"]
        for found in tags(html, "link", rel="alternate")
        if "hreflang" in found
    }
    assert alternates == {
        "id": "http://kebonharjo.tuban.test/",
        "en": "http://kebonharjo.tuban.test/en/",
        "x-default": "http://kebonharjo.tuban.test/",
    }
    assert meta(html, "og:locale") == "id_ID"
    assert meta(html, "og:locale:alternate") == "en_US"

    english = get(client, village_a, "/en/")
    assert meta(english, "og:locale") == "en_US"
    assert meta(english, "og:locale:alternate") == "id_ID"
    assert link_href(english, "canonical") == ["http://kebonharjo.tuban.test/en/"]


def test_untranslated_page_has_no_language_alternates(client, village_a):
    html = get(client, village_a, "/profil/")

    assert [found for found in tags(html, "link", rel="alternate") if "hreflang" in found] == []
    assert meta(html, "og:locale:alternate") is None


def test_every_page_links_the_sites_own_news_feed(client, village_a, village_b):
    for path in ("/", "/profil/", "/kontak/"):
        html = get(client, village_a, path)
        assert link_href(html, "alternate", type="application/rss+xml") == ["/berita/feed/"]
    feed = client.get("/berita/feed/", HTTP_HOST=village_a.host)
    assert feed.status_code == 200
    assert "rss" in feed["Content-Type"]


def test_no_feed_link_when_the_village_has_no_news_section(client, village_a):
    section(village_a, "berita").unpublish()

    html = get(client, village_a, "/profil/")

    assert link_href(html, "alternate", type="application/rss+xml") == []
