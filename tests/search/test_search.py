"""Search and sitemaps stay inside the site the request came in on."""

from wagtail.models import Page


def publish_news(tenant, title):
    from news.models import NewsPage

    news = tenant.page.get_children().get(slug="berita").specific
    page = NewsPage(title=title, slug=title.lower().replace(" ", "-"))
    news.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_search_finds_pages_of_this_village_only(client, village_a, village_b):
    publish_news(village_a, "Panen Raya Jagung")
    publish_news(village_b, "Panen Raya Padi")

    on_a = client.get("/cari/?q=panen", HTTP_HOST=village_a.host).text
    on_b = client.get("/cari/?q=panen", HTTP_HOST=village_b.host).text
    assert "Panen Raya Jagung" in on_a
    assert "Panen Raya Padi" not in on_a
    assert "Panen Raya Padi" in on_b
    assert "Panen Raya Jagung" not in on_b


def test_search_does_not_find_drafts(client, village_a):
    from news.models import NewsPage

    news = village_a.page.get_children().get(slug="berita")
    draft = NewsPage(title="Rencana Rahasia Desa", slug="rencana", live=False)
    news.add_child(instance=draft)
    response = client.get("/cari/?q=rahasia", HTTP_HOST=village_a.host)
    assert "Rencana Rahasia Desa" not in response.text


def test_long_or_hostile_queries_are_handled(client, village_a):
    for query in ["x" * 5000, "' OR 1=1 --", "<script>alert(1)</script>", "%00"]:
        response = client.get("/cari/", {"q": query}, HTTP_HOST=village_a.host)
        assert response.status_code == 200
        assert "<script>alert(1)</script>" not in response.text


def test_sitemap_lists_only_this_villages_pages(client, village_a, village_b):
    sitemap_a = client.get("/sitemap.xml", HTTP_HOST=village_a.host).text
    assert "http://kebonharjo.tuban.test/profil/" in sitemap_a
    assert "wangi.tuban.test" not in sitemap_a
    assert Page.objects.filter(title="Desa Wangi").exists()
