"""The regency portal: latest news of its villages and a village directory by district."""

import datetime

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from news.models import NewsPage
from news.services import latest_news_of_regency
from tests.api.helpers import make_image, restrict, section
from tests.factories import provision_regions, tenant
from villages import portal


def publish_news(tenant, title, date=datetime.date(2026, 3, 1)):
    page = NewsPage(title=title, slug=title.lower().replace(" ", "-"), date=date)
    section(tenant, "berita").add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()  # publishing saved a copy from the revision
    return page


def directory_names(directory):
    """District and village region names, e.g. {"Jatirogo": ["Kebonharjo", "Wangi"]}."""
    return {d.page.region.name: [v.page.region.name for v in d.villages] for d in directory}


# -- latest news -----------------------------------------------------------------------------


def test_portal_shows_news_of_its_own_villages_only(
    client, regency, other_regency, village_a, village_c, village_other_regency
):
    publish_news(village_a, "Sedekah Bumi Kebonharjo")
    publish_news(village_c, "Sedekah Bumi Karangasem")
    publish_news(village_other_regency, "Sedekah Bumi Sembung")

    tuban = client.get("/", HTTP_HOST=regency.host)
    assert tuban.status_code == 200
    assert "Sedekah Bumi Kebonharjo" in tuban.text
    assert "Sedekah Bumi Karangasem" in tuban.text
    assert "Sedekah Bumi Sembung" not in tuban.text
    # Each card names its village and links to the news on the village's own host.
    assert f"· {village_a.page.title}" in tuban.text
    assert 'href="http://kebonharjo.tuban.test/berita/sedekah-bumi-kebonharjo/"' in tuban.text

    lamongan = client.get("/", HTTP_HOST=other_regency.host).text
    assert "Sedekah Bumi Sembung" in lamongan
    assert "Sedekah Bumi Kebonharjo" not in lamongan


def test_latest_news_is_newest_first_and_limited(regency, village_a, village_b):
    for day in range(1, 13):
        tenant = village_a if day % 2 else village_b
        publish_news(tenant, f"Kabar Tanggal {day:02d}", date=datetime.date(2026, 4, day))

    cards = latest_news_of_regency(regency.page, limit=10)
    assert [c.page.title for c in cards] == [f"Kabar Tanggal {d:02d}" for d in range(12, 2, -1)]
    assert cards[0].village.pk == village_b.page.pk
    assert cards[1].village.pk == village_a.page.pk


def test_latest_news_leaves_out_drafts_and_private_news(regency, village_a):
    draft = NewsPage(title="Draf Berita", slug="draf-berita", live=False)
    section(village_a, "berita").add_child(instance=draft)
    restrict(publish_news(village_a, "Berita Rahasia"))
    publish_news(village_a, "Berita Terbuka")

    assert [c.page.title for c in latest_news_of_regency(regency.page)] == ["Berita Terbuka"]


def test_portal_without_news_says_so(client, regency):
    assert "Belum ada berita dari desa." in client.get("/", HTTP_HOST=regency.host).text


# -- directory -------------------------------------------------------------------------------


def test_directory_lists_the_regencys_villages_by_district(regency, village_a):
    directory = portal.village_directory(regency.page)
    assert directory_names(directory) == {
        "Jatirogo": ["Kebonharjo", "Wangi"],
        "Jenu": ["Karangasem"],
    }
    assert [d.title for d in directory] == ["Kecamatan Jatirogo", "Kecamatan Jenu"]
    first = directory[0].villages[0]
    assert first.page.pk == village_a.page.pk
    assert first.kind == "desa"
    assert str(first.kind_label) == "Desa"
    assert first.page.url == "http://kebonharjo.tuban.test/"


def test_portal_page_never_lists_another_regencys_villages(
    client, regency, other_regency, village_other_regency
):
    tuban = client.get("/", HTTP_HOST=regency.host).text
    assert "Kebonharjo" in tuban
    assert "Sukorame" not in tuban
    assert village_other_regency.page.title not in tuban
    lamongan = client.get("/", HTTP_HOST=other_regency.host).text
    assert "Sukorame" in lamongan
    assert "Kebonharjo" not in lamongan


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kebon", {"Jatirogo": ["Kebonharjo"]}),
        ("KEBONHARJO", {"Jatirogo": ["Kebonharjo"]}),
        ("jenu", {"Jenu": ["Karangasem"]}),
        ("JATIROGO", {"Jatirogo": ["Kebonharjo", "Wangi"]}),
        ("tidak-ada-desa-ini", {}),
        ("", {"Jatirogo": ["Kebonharjo", "Wangi"], "Jenu": ["Karangasem"]}),
    ],
)
def test_directory_filters_by_village_or_district_name(regency, query, expected):
    assert directory_names(portal.village_directory(regency.page, query)) == expected


def test_directory_search_form_on_the_portal(client, regency):
    html = client.get("/", {"q": "wangi"}, HTTP_HOST=regency.host).text
    assert '<label for="cari-desa">' in html
    assert 'value="wangi"' in html
    assert "wangi.tuban.test" in html
    assert "kebonharjo.tuban.test" not in html
    nothing = client.get("/", {"q": "zzz"}, HTTP_HOST=regency.host).text
    assert "Tidak ada desa atau kecamatan dengan nama itu." in nothing


def test_directory_search_survives_hostile_input(client, regency):
    for query in ["x" * 5000, "'; DROP TABLE x; --", "\x00", "<script>alert(1)</script>", "%_"]:
        response = client.get("/", {"q": query}, HTTP_HOST=regency.host)
        assert response.status_code == 200
        assert "<script>alert(1)</script>" not in response.text


# -- last published --------------------------------------------------------------------------


def entry(directory, village):
    return next(v for d in directory for v in d.villages if v.page.pk == village.page.pk)


def test_village_without_own_publication_has_no_last_published_date(client, regency, village_a):
    assert entry(portal.village_directory(regency.page), village_a).last_published_at is None
    assert "belum ada pembaruan" in client.get("/", HTTP_HOST=regency.host).text


def test_last_published_date_follows_the_newest_publication_in_the_village(
    client, regency, village_a, village_b
):
    news = publish_news(village_a, "Kabar Terbaru")
    profile = section(village_a, "profil")
    profile.save_revision().publish()
    profile.refresh_from_db()

    directory = portal.village_directory(regency.page)
    assert entry(directory, village_a).last_published_at == max(
        news.last_published_at, profile.last_published_at
    )
    assert entry(directory, village_b).last_published_at is None

    html = client.get("/", HTTP_HOST=regency.host).text
    assert "terakhir diperbarui" in html
    local = profile.last_published_at.astimezone(datetime.timezone(datetime.timedelta(hours=7)))
    assert f'<time datetime="{local.isoformat()}">' in html


def test_unpublished_pages_do_not_count_as_updates(regency, village_a):
    news = publish_news(village_a, "Kabar Ditarik")
    news.unpublish()
    assert entry(portal.village_directory(regency.page), village_a).last_published_at is None


def test_district_page_lists_its_villages_with_last_published(
    client, regency, village_a, village_b, village_c
):
    publish_news(village_b, "Kabar Wangi")
    response = client.get("/jatirogo/", HTTP_HOST=regency.host)
    assert response.status_code == 200
    assert "kebonharjo.tuban.test" in response.text
    assert "wangi.tuban.test" in response.text
    assert "karangasem" not in response.text.lower()
    assert response.text.count("terakhir diperbarui") == 1
    assert response.text.count("belum ada pembaruan") == 1

    villages = portal.district_villages(village_a.page.get_parent().specific)
    assert [v.page.pk for v in villages] == [village_a.page.pk, village_b.page.pk]
    assert villages[1].last_published_at is not None


# -- cost ------------------------------------------------------------------------------------

EXTRA_VILLAGES = """code,name
35,Jawa Timur
35.23,Kabupaten Tuban
35.23.05,Bangilan
35.23.05.2001,Bangilan
35.23.05.2002,Banjarworo
35.23.05.2003,Kablukan
35.23.05.1004,Kedungjambangan
35.23.06,Senori
35.23.06.2001,Leran
35.23.06.2002,Katerban
"""


def count_queries(client, host, path, warm_up=True, **params):
    if warm_up:  # per-process caches (site-root index, content types) fill on first use
        client.get(path, params, HTTP_HOST=host)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path, params, HTTP_HOST=host)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def service_queries(func, *args):
    with CaptureQueriesContext(connection) as ctx:
        func(*args)
    return len(ctx.captured_queries)


def test_portal_query_count_does_not_grow_with_villages_or_news(
    client, regency, village_a, tmp_path
):
    publish_news(village_a, "Kabar Pertama")
    before = {
        "home": count_queries(client, regency.host, "/"),
        "search": count_queries(client, regency.host, "/", q="a"),
        "district": count_queries(client, regency.host, "/jatirogo/"),
        "directory": service_queries(portal.village_directory, regency.page),
        "news": service_queries(latest_news_of_regency, regency.page),
    }

    csv = tmp_path / "extra.csv"
    csv.write_text(EXTRA_VILLAGES, encoding="utf-8")
    provision_regions("35.23", base_domain="tuban.test", path=csv)
    for tenant_code in ("35.23.05.2001", "35.23.06.2002"):
        publish_news(tenant(tenant_code), f"Kabar {tenant_code.replace('.', '')}")
    regency.page.refresh_from_db()
    assert len(portal.village_directory(regency.page)) == 4

    after = {
        "home": count_queries(client, regency.host, "/"),
        "search": count_queries(client, regency.host, "/", q="a"),
        "district": count_queries(client, regency.host, "/jatirogo/"),
        "directory": service_queries(portal.village_directory, regency.page),
        "news": service_queries(latest_news_of_regency, regency.page),
    }
    assert after == before
    assert before["directory"] <= 5
    assert before["news"] <= 4


def test_portal_home_query_count_is_bounded(client, regency, django_assert_max_num_queries):
    client.get("/", HTTP_HOST=regency.host)
    with django_assert_max_num_queries(20):
        assert client.get("/", HTTP_HOST=regency.host).status_code == 200


def test_news_card_images_do_not_add_queries_per_card(
    client, regency, village_a, settings, tmp_path
):
    settings.MEDIA_ROOT = str(tmp_path)

    def publish_with_image(title):
        news = publish_news(village_a, title)
        news.featured_image = make_image(village_a.collection, title)
        news.save_revision().publish()

    def cold_cache_queries():
        # Wagtail also keeps renditions in the cache; only the prefetch must spare queries.
        client.get("/", HTTP_HOST=regency.host)  # creates the renditions
        cache.clear()
        return count_queries(client, regency.host, "/", warm_up=False)

    publish_with_image("Kabar Bergambar 1")
    one = cold_cache_queries()
    for number in range(2, 6):
        publish_with_image(f"Kabar Bergambar {number}")
    assert cold_cache_queries() == one
    assert client.get("/", HTTP_HOST=regency.host).text.count("<img") >= 5
