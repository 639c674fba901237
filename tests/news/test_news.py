"""Village news (berita): pages, filters, feeds, API and per-village categories."""

import datetime
import xml.etree.ElementTree as ET

from django.urls import reverse

from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, streamfield

import pytest

from news.models import NewsCategory, NewsIndexPage, NewsPage, NewsPageGalleryImage
from tests.api.helpers import make_image

ATOM = "{http://www.w3.org/2005/Atom}"


def parse_xml(response):
    # Our own feed in a test, not untrusted input.
    return ET.fromstring(response.content)  # noqa: S314


def news_index(tenant) -> NewsIndexPage:
    return tenant.page.get_children().get(slug="berita").specific


def category(tenant, name):
    return NewsCategory.objects.create(
        region=tenant.region, name=name, slug=name.lower().replace(" ", "-")
    )


def publish(tenant, title, *, days_ago=0, categories=(), tags=(), **fields):
    page = NewsPage(
        title=title,
        slug=title.lower().replace(" ", "-"),
        date=datetime.date(2026, 11, 1) - datetime.timedelta(days=days_ago),
        **fields,
    )
    news_index(tenant).add_child(instance=page)
    page.categories.set(categories)
    page.tags.add(*tags)
    page.save_revision().publish()
    return page


def page_form(client, url, **fields):
    response = client.get(url)
    assert response.status_code == 200
    data = querydict_from_html(response.text, form_id="page-edit-form")
    data.update(nested_form_data({"body": streamfield([])}))
    data.update(fields)
    return data


def add_url(tenant):
    return reverse("wagtailadmin_pages:add", args=["news", "newspage", news_index(tenant).pk])


# -- provisioning ------------------------------------------------------------------------


def test_every_village_gets_one_news_index_at_berita(village_a, village_b):
    for tenant in (village_a, village_b):
        assert isinstance(news_index(tenant), NewsIndexPage)
        assert NewsIndexPage.objects.descendant_of(tenant.page).count() == 1
    assert not NewsIndexPage.can_create_at(village_a.page)


# -- public pages ------------------------------------------------------------------------


def test_news_index_lists_this_villages_news_newest_first(client, village_a, village_b):
    publish(village_a, "Kerja Bakti Lama", days_ago=5)
    publish(village_a, "Panen Raya Jagung", days_ago=1)
    publish(village_b, "Lomba Desa Wangi")

    on_a = client.get("/berita/", HTTP_HOST=village_a.host)
    assert on_a.status_code == 200
    assert on_a.text.index("Panen Raya Jagung") < on_a.text.index("Kerja Bakti Lama")
    assert "Lomba Desa Wangi" not in on_a.text
    assert '<link rel="alternate" type="application/rss+xml"' in on_a.text
    assert 'href="/berita/feed/"' in on_a.text

    on_b = client.get("/berita/", HTTP_HOST=village_b.host).text
    assert "Lomba Desa Wangi" in on_b
    assert "Panen Raya Jagung" not in on_b


def test_news_index_hides_drafts(client, village_a):
    draft = NewsPage(title="Rencana Rahasia", slug="rencana-rahasia", live=False)
    news_index(village_a).add_child(instance=draft)
    assert "Rencana Rahasia" not in client.get("/berita/", HTTP_HOST=village_a.host).text


def publish_harvest_news(village, intro):
    """A full news item: featured image, category, tag and a gallery picture."""
    image = make_image(village.collection, "balai-desa")
    page = publish(
        village,
        "Panen Raya Jagung",
        author_name="Siti Aminah",
        intro=intro,
        featured_image=image,
        categories=[category(village, "Pertanian")],
        tags=["panen"],
        owner=None,
    )
    NewsPageGalleryImage.objects.create(page=page, image=image, caption="Suasana panen")
    return page, image


def test_news_page_renders_content_gallery_and_author(client, village_a):
    page, image = publish_harvest_news(village_a, "Petani Kebonharjo panen jagung.")

    response = client.get("/berita/panen-raya-jagung/", HTTP_HOST=village_a.host)
    assert response.status_code == 200
    text = response.text
    assert "<h1>Panen Raya Jagung</h1>" in text
    assert '<time datetime="2026-11-01">' in text
    assert "Siti Aminah" in text
    assert "Petani Kebonharjo panen jagung." in text
    assert "<figcaption>Suasana panen</figcaption>" in text
    assert 'loading="lazy"' in text
    assert ".webp" in text
    assert 'href="/berita/?kategori=pertanian"' in text
    assert 'href="/berita/?tag=panen"' in text
    assert "style=" not in text.split("</head>")[1]


def test_news_page_of_other_village_is_not_served_on_this_host(client, village_a, village_b):
    publish(village_b, "Lomba Desa Wangi")
    assert client.get("/berita/lomba-desa-wangi/", HTTP_HOST=village_a.host).status_code == 404
    assert client.get("/berita/lomba-desa-wangi/", HTTP_HOST=village_b.host).status_code == 200


def test_news_index_paginates_ten_per_page(client, village_a):
    for n in range(12):
        publish(village_a, f"Berita Nomor {n:02d}", days_ago=n)

    first = client.get("/berita/", HTTP_HOST=village_a.host).text
    assert first.count('<article class="news-item">') == 10
    assert "Berita Nomor 00" in first
    assert "Berita Nomor 11" not in first

    second = client.get("/berita/?page=2", HTTP_HOST=village_a.host).text
    assert second.count('<article class="news-item">') == 2
    assert "Berita Nomor 11" in second

    for bad in ("abc", "999", "-1"):
        response = client.get(f"/berita/?page={bad}", HTTP_HOST=village_a.host)
        assert response.status_code == 200
        assert 'class="news-item"' in response.text


def test_news_index_filters_by_category_and_tag(client, village_a):
    pertanian = category(village_a, "Pertanian")
    publish(village_a, "Panen Raya Jagung", categories=[pertanian], tags=["panen"])
    publish(village_a, "Rapat Desa", tags=["musyawarah"])

    by_category = client.get("/berita/?kategori=pertanian", HTTP_HOST=village_a.host).text
    assert "Panen Raya Jagung" in by_category
    assert "Rapat Desa" not in by_category

    by_tag = client.get("/berita/?tag=musyawarah", HTTP_HOST=village_a.host).text
    assert "Rapat Desa" in by_tag
    assert "Panen Raya Jagung" not in by_tag

    unknown = client.get("/berita/?kategori=tidak-ada", HTTP_HOST=village_a.host)
    assert unknown.status_code == 200
    assert "Panen Raya Jagung" not in unknown.text


def test_category_filter_ignores_other_villages_categories(client, village_a, village_b):
    category(village_b, "Pertanian")
    publish(village_a, "Panen Raya Jagung")
    response = client.get("/berita/?kategori=pertanian", HTTP_HOST=village_a.host)
    assert "Panen Raya Jagung" not in response.text
    assert '?kategori=pertanian"' not in response.text


# -- feeds -------------------------------------------------------------------------------


def test_rss_feed_lists_only_this_villages_news_with_absolute_urls(client, village_a, village_b):
    publish(village_a, "Panen Raya Jagung", author_name="Siti Aminah", intro="Panen jagung.")
    publish(village_b, "Lomba Desa Wangi")

    response = client.get("/berita/feed/", HTTP_HOST=village_a.host)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = parse_xml(response).find("channel")
    items = channel.findall("item")
    assert [i.findtext("title") for i in items] == ["Panen Raya Jagung"]
    assert items[0].findtext("link") == "http://kebonharjo.tuban.test/berita/panen-raya-jagung/"
    assert items[0].findtext("description") == "Panen jagung."
    assert channel.findtext("link") == "http://kebonharjo.tuban.test/berita/"
    assert b"Lomba Desa Wangi" not in response.content
    assert b"wangi.tuban.test" not in response.content
    assert b"@contoh.test" not in response.content


def test_atom_feed_lists_only_this_villages_news(client, village_a, village_b):
    publish(village_a, "Panen Raya Jagung")
    publish(village_b, "Lomba Desa Wangi")

    response = client.get("/berita/feed/atom/", HTTP_HOST=village_a.host)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = parse_xml(response)
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["Panen Raya Jagung"]
    link = entries[0].find(f"{ATOM}link").get("href")
    assert link == "http://kebonharjo.tuban.test/berita/panen-raya-jagung/"
    assert b"Lomba Desa Wangi" not in response.content


def test_feed_holds_latest_twenty(client, village_a):
    for n in range(22):
        publish(village_a, f"Berita Nomor {n:02d}", days_ago=n)
    response = client.get("/berita/feed/", HTTP_HOST=village_a.host)
    titles = [i.findtext("title") for i in parse_xml(response).iter("item")]
    assert len(titles) == 20
    assert titles[0] == "Berita Nomor 00"
    assert "Berita Nomor 21" not in titles


# -- API ---------------------------------------------------------------------------------


def test_api_v2_exposes_news_fields(client, village_a, village_b):
    page, image = publish_harvest_news(village_a, "Panen jagung.")
    publish(village_b, "Lomba Desa Wangi")

    response = client.get("/api/v2/pages/?type=news.NewsPage&fields=*", HTTP_HOST=village_a.host)
    assert response.status_code == 200
    items = response.json()["items"]
    assert [i["title"] for i in items] == ["Panen Raya Jagung"]
    item = items[0]
    assert item["date"] == "2026-11-01"
    assert item["author_name"] == "Siti Aminah"
    assert item["intro"] == "Panen jagung."
    assert item["featured_image"]["url"].endswith(".webp")
    assert (item["featured_image"]["width"], item["featured_image"]["height"]) == (640, 360)
    assert item["gallery_images"][0]["caption"] == "Suasana panen"
    assert item["gallery_images"][0]["image"]["url"].endswith(".webp")
    assert item["categories"] == [{"name": "Pertanian", "slug": "pertanian"}]
    assert item["tags"] == ["panen"]
    assert item["body"] == []
    assert "@" not in response.text


# -- admin: categories stay inside their village ----------------------------------------


def test_operator_lists_only_own_village_categories(client_for, operator_a, village_a, village_b):
    category(village_a, "Pertanian Kebonharjo")
    category(village_b, "Pertanian Wangi")
    response = client_for(operator_a).get(reverse("wagtailsnippets_news_newscategory:list"))
    assert response.status_code == 200
    assert "Pertanian Kebonharjo" in response.text
    assert "Pertanian Wangi" not in response.text


def test_operator_cannot_open_other_village_category(client_for, operator_a, village_b):
    other = category(village_b, "Pertanian Wangi")
    client = client_for(operator_a)
    for name in ("edit", "delete", "usage", "history"):
        url = reverse(f"wagtailsnippets_news_newscategory:{name}", args=[other.pk])
        assert client.get(url).status_code in (403, 404), name
    client.post(
        reverse("wagtailsnippets_news_newscategory:edit", args=[other.pk]),
        {"region": village_b.region.pk, "name": "Diubah", "slug": "diubah"},
    )
    client.post(reverse("wagtailsnippets_news_newscategory:delete", args=[other.pk]))
    other.refresh_from_db()
    assert other.name == "Pertanian Wangi"


def test_operator_creates_category_only_in_own_village(
    client_for, operator_a, village_a, village_b
):
    client = client_for(operator_a)
    url = reverse("wagtailsnippets_news_newscategory:add")
    form = client.get(url)
    assert form.status_code == 200
    assert village_a.region.name in form.text
    assert f'value="{village_b.region.pk}"' not in form.text

    client.post(url, {"region": village_b.region.pk, "name": "Curang", "slug": "curang"})
    assert not NewsCategory.objects.filter(slug="curang").exists()

    response = client.post(url, {"region": village_a.region.pk, "name": "Sosial", "slug": "sosial"})
    assert response.status_code == 302
    assert NewsCategory.objects.get(slug="sosial").region == village_a.region


def test_category_chooser_lists_only_own_village(client_for, operator_a, village_a, village_b):
    category(village_a, "Pertanian Kebonharjo")
    category(village_b, "Pertanian Wangi")
    response = client_for(operator_a).get(
        reverse("wagtailsnippetchoosers_news_newscategory:choose")
    )
    assert response.status_code == 200
    assert "Pertanian Kebonharjo" in response.text
    assert "Pertanian Wangi" not in response.text


def test_news_page_form_offers_only_own_village_categories(
    client_for, operator_a, village_a, village_b
):
    own = category(village_a, "Pertanian Kebonharjo")
    other = category(village_b, "Pertanian Wangi")
    client = client_for(operator_a)
    add = client.get(add_url(village_a)).text
    assert "Pertanian Kebonharjo" in add
    assert "Pertanian Wangi" not in add

    page = publish(village_a, "Panen Raya Jagung", categories=[own])
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert edit.status_code == 200
    assert f'name="categories" value="{own.pk}"' in edit.text
    assert f'value="{other.pk}"' not in edit.text.split('name="categories"', 1)[1][:500]
    assert "Pertanian Wangi" not in edit.text


def test_news_page_cannot_be_saved_with_other_village_category(
    client_for, operator_a, village_a, village_b
):
    other = category(village_b, "Pertanian Wangi")
    client = client_for(operator_a)
    url = add_url(village_a)
    data = page_form(client, url, title="Berita Curang", slug="berita-curang")
    data.setlist("categories", [str(other.pk)])
    data["action-publish"] = "1"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "categories" in response.context["form"].errors
    assert not Page.objects.filter(slug="berita-curang").exists()


def test_contributor_creates_news_draft_but_cannot_publish(client_for, contributor_a, village_a):
    category(village_a, "Pertanian")
    client = client_for(contributor_a)
    url = add_url(village_a)
    form = client.get(url)
    assert 'name="action-publish"' not in form.text
    data = page_form(client, url, title="Kabar Karang Taruna", slug="kabar-karang-taruna")
    data["author_name"] = "Karang Taruna"
    data["action-publish"] = "1"
    response = client.post(url, data)
    assert response.status_code == 302, response.content[:2000]
    page = NewsPage.objects.get(slug="kabar-karang-taruna")
    assert not page.live
    assert page.get_latest_revision_as_object().author_name == "Karang Taruna"


def test_operator_of_other_village_cannot_add_news_here(client_for, operator_b, village_a):
    response = client_for(operator_b).get(add_url(village_a))
    assert response.status_code in (302, 403, 404)


@pytest.mark.parametrize("path", ["/berita/feed/", "/berita/feed/atom/"])
def test_unknown_host_gets_no_feed(db, client, path):
    assert client.get(path, HTTP_HOST="tidakada.tuban.test").status_code == 404
