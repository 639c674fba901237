"""robots.txt and sitemap.xml: each site speaks for itself only."""

import re

from wagtail.models import Locale

from news.models import NewsPage
from tests.api.helpers import add_page, section


def sitemap_urls(client, host) -> list[str]:
    response = client.get("/sitemap.xml", HTTP_HOST=host)
    assert response.status_code == 200
    return re.findall(r"<loc>([^<]+)</loc>", response.text)


def robots(client, host):
    response = client.get("/robots.txt", HTTP_HOST=host)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    return response.text.splitlines()


def test_robots_txt_points_each_village_to_its_own_sitemap(client, village_a, village_b):
    lines_a = robots(client, village_a.host)
    lines_b = robots(client, village_b.host)

    assert "Sitemap: http://kebonharjo.tuban.test/sitemap.xml" in lines_a
    assert "Sitemap: http://wangi.tuban.test/sitemap.xml" in lines_b
    assert not any("wangi" in line for line in lines_a)


def test_robots_txt_keeps_crawlers_out_of_admin_api_and_search_results(client, village_a):
    lines = robots(client, village_a.host)

    assert lines[0] == "User-agent: *"
    for path in ("/admin/", "/api/", "/cari/", "/en/cari/"):
        assert f"Disallow: {path}" in lines
    # Public pages stay open.
    assert "Disallow: /" not in lines
    assert not any(line == "Disallow: /berita/" for line in lines)


def test_robots_txt_of_an_unknown_host_is_the_site_not_found_page(client, village_a):
    response = client.get("/robots.txt", HTTP_HOST="tidak-ada.tuban.test")

    assert response.status_code == 404
    assert "Situs tidak ditemukan" in response.text


def test_village_sitemap_lists_only_its_own_pages(client, village_a, village_b):
    own = NewsPage(title="Musdes Kebonharjo", slug="musdes-kebonharjo")
    section(village_a, "berita").add_child(instance=own)
    own.save_revision().publish()
    other = NewsPage(title="Musdes Wangi", slug="musdes-wangi")
    section(village_b, "berita").add_child(instance=other)
    other.save_revision().publish()

    urls_a = sitemap_urls(client, village_a.host)

    assert "http://kebonharjo.tuban.test/" in urls_a
    assert "http://kebonharjo.tuban.test/profil/" in urls_a
    assert "http://kebonharjo.tuban.test/berita/musdes-kebonharjo/" in urls_a
    assert all(url.startswith("http://kebonharjo.tuban.test/") for url in urls_a), urls_a
    assert "http://wangi.tuban.test/berita/musdes-wangi/" in sitemap_urls(client, village_b.host)


def test_sitemap_leaves_out_drafts(client, village_a):
    add_page(village_a.page, "Rencana Kerja", "rencana-kerja", live=False)

    assert "http://kebonharjo.tuban.test/rencana-kerja/" not in sitemap_urls(client, village_a.host)


def test_portal_sitemap_lists_the_portal_but_no_village_pages(client, regency, village_a):
    urls = sitemap_urls(client, regency.host)

    assert "http://tuban.test/" in urls
    assert "http://tuban.test/jatirogo/" in urls
    # The villages below the portal's tree are sites of their own with their own sitemaps.
    assert all(url.startswith("http://tuban.test/") for url in urls), urls


def test_sitemap_includes_the_english_translation_on_the_same_site(client, village_a):
    english = Locale.objects.get(language_code="en")
    page = village_a.page.copy_for_translation(english, copy_parents=True)
    page.title = "Kebonharjo Village"
    page.save_revision().publish()

    urls_a = sitemap_urls(client, village_a.host)
    urls_portal = sitemap_urls(client, "tuban.test")

    assert "http://kebonharjo.tuban.test/en/" in urls_a
    assert "http://kebonharjo.tuban.test/en/" not in urls_portal
