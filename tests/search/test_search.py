"""Search stays inside the site the request came in on, and survives any query."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import CollectionViewRestriction, Locale, Page

import pytest

from home.models import StandardPage
from news.models import NewsPage
from search.services import MAX_QUERY_LENGTH, clean_query
from tests.api.helpers import make_document, restrict, section


def publish_news(tenant, title, intro="", date=None, slug=None):
    page = NewsPage(
        title=title,
        slug=slug or title.lower().replace(" ", "-"),
        intro=intro,
        date=date or datetime.date(2026, 3, 1),
    )
    section(tenant, "berita").add_child(instance=page)
    page.save_revision().publish()
    return page


def search(client, host, query, prefix="", **params):
    response = client.get(f"{prefix}/cari/", {"q": query, **params}, HTTP_HOST=host)
    assert response.status_code == 200
    return response


# -- scoping -----------------------------------------------------------------------------


def test_search_finds_pages_of_this_village_only(client, village_a, village_b):
    publish_news(village_a, "Panen Raya Jagung")
    publish_news(village_b, "Panen Raya Padi")

    on_a = search(client, village_a.host, "panen").text
    on_b = search(client, village_b.host, "panen").text
    assert "Panen Raya Jagung" in on_a
    assert "Panen Raya Padi" not in on_a
    assert "Panen Raya Padi" in on_b
    assert "Panen Raya Jagung" not in on_b


def test_search_does_not_find_drafts(client, village_a):
    draft = NewsPage(title="Rencana Rahasia Desa", slug="rencana", live=False)
    section(village_a, "berita").add_child(instance=draft)
    draft.save_revision()
    assert "Rencana Rahasia Desa" not in search(client, village_a.host, "rahasia").text


def test_search_does_not_find_private_pages(client, village_a):
    page = publish_news(village_a, "Rapat Tertutup Perangkat")
    restrict(page)
    assert "Rapat Tertutup Perangkat" not in search(client, village_a.host, "tertutup").text


def test_search_result_shows_type_label_snippet_and_link(client, village_a):
    page = publish_news(village_a, "Kerja Bakti Saluran", intro="Warga membersihkan saluran air.")
    described = publish_news(village_a, "Kerja Bakti Makam", intro="Tidak tampil.")
    described.search_description = "Ringkasan untuk mesin pencari."
    described.save_revision().publish()

    html = search(client, village_a.host, "kerja bakti").text
    assert f'href="/berita/{page.slug}/"' in html
    assert '<span class="badge">Berita</span>' in html
    assert "Warga membersihkan saluran air." in html
    assert "Ringkasan untuk mesin pencari." in html
    assert "Tidak tampil." not in html


def test_search_finds_body_text_not_only_titles(client, village_a):
    publish_news(village_a, "Kabar Minggu Ini", intro="Lomba layang-layang di lapangan.")
    assert "Kabar Minggu Ini" in search(client, village_a.host, "lapangan").text


def test_all_words_must_match(client, village_a):
    publish_news(village_a, "Jalan Desa Diaspal")
    publish_news(village_a, "Jalan Sehat Bersama")
    html = search(client, village_a.host, "jalan diaspal").text
    assert "Jalan Desa Diaspal" in html
    assert "Jalan Sehat Bersama" not in html


def test_village_search_finds_its_documents_by_title_with_download_link(
    client, village_a, village_b
):
    own = make_document(village_a.collection, "APBDes Kebonharjo 2026")
    make_document(village_b.collection, "APBDes Wangi 2026")

    html = search(client, village_a.host, "apbdes").text
    assert "APBDes Kebonharjo 2026" in html
    assert f'href="{own.url}"' in html
    assert own.url.startswith("/documents/")
    assert "Unduh berkas TXT" in html
    assert "APBDes Wangi 2026" not in html


def test_documents_of_a_private_collection_are_not_found(client, village_a):
    private = village_a.collection.add_child(name="Arsip internal")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    hidden_below = private.add_child(name="Arsip internal 2026")
    make_document(private, "Notulen Rahasia Satu")
    make_document(hidden_below, "Notulen Rahasia Dua")
    public = village_a.collection.add_child(name="Arsip umum")
    make_document(public, "Notulen Terbuka")

    html = search(client, village_a.host, "notulen").text
    assert "Notulen Terbuka" in html
    assert "Notulen Rahasia" not in html


def test_portal_search_covers_its_villages_and_names_each_village(
    client, regency, other_regency, village_a, village_c, village_other_regency
):
    publish_news(village_a, "Festival Bandeng Kebonharjo")
    publish_news(village_c, "Festival Bandeng Karangasem")
    publish_news(village_other_regency, "Festival Bandeng Sembung")

    html = search(client, regency.host, "festival bandeng").text
    assert "Festival Bandeng Kebonharjo" in html
    assert "Festival Bandeng Karangasem" in html
    assert "Festival Bandeng Sembung" not in html
    assert f"· {village_a.page.title}" in html
    assert f"· {village_c.page.title}" in html
    # Results link to the page on its village's own host.
    assert 'href="http://kebonharjo.tuban.test/berita/festival-bandeng-kebonharjo/"' in html

    on_lamongan = search(client, other_regency.host, "festival bandeng").text
    assert "Festival Bandeng Sembung" in on_lamongan
    assert "Festival Bandeng Kebonharjo" not in on_lamongan


def test_portal_search_finds_the_portals_own_pages(client, regency, other_regency):
    page = StandardPage(title="Visi Misi Kabupaten", slug="visi-misi")
    regency.page.add_child(instance=page)
    page.save_revision().publish()

    html = search(client, regency.host, "visi misi").text
    assert "Visi Misi Kabupaten" in html
    assert 'href="/visi-misi/"' in html
    assert "Visi Misi Kabupaten" not in search(client, other_regency.host, "visi").text


def test_portal_search_finds_village_documents_naming_the_village(
    client, regency, village_c, village_other_regency
):
    make_document(village_c.collection, "Peraturan Desa Karangasem")
    make_document(village_other_regency.collection, "Peraturan Desa Sembung")

    html = search(client, regency.host, "peraturan").text
    assert "Peraturan Desa Karangasem" in html
    assert f"· {village_c.page.title}" in html
    assert "Peraturan Desa Sembung" not in html


def test_village_search_never_reaches_the_portal_or_other_villages(client, regency, village_a):
    page = StandardPage(title="Pengumuman Bupati", slug="pengumuman-bupati")
    regency.page.add_child(instance=page)
    page.save_revision().publish()
    assert "Pengumuman Bupati" not in search(client, village_a.host, "bupati").text


def test_search_in_english_lists_only_english_pages(client, village_a):
    english = Locale.objects.get(language_code="en")
    news = publish_news(village_a, "Panen Jagung Melimpah")
    translation = news.copy_for_translation(english, copy_parents=True)
    # copy_parents made live aliases of the ancestors: the English village site exists.
    assert village_a.page.get_translation(english).live
    translation.title = "Abundant Jagung Harvest"
    translation.save_revision().publish()

    in_english = search(client, village_a.host, "jagung", prefix="/en").text
    assert "Abundant Jagung Harvest" in in_english
    assert "Panen Jagung Melimpah" not in in_english
    in_indonesian = search(client, village_a.host, "jagung").text
    assert "Panen Jagung Melimpah" in in_indonesian
    assert "Abundant Jagung Harvest" not in in_indonesian


# -- stemming (PostgreSQL only) ------------------------------------------------------------

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Indonesian stemming needs PostgreSQL's 'indonesian' text search configuration",
)


@postgres_only
@pytest.mark.parametrize(
    ("text", "query"),
    [
        # The snowball stemmer reduces all of these to "bangun" and "layan".
        ("Pembangunan jalan desa", "membangun"),
        ("Pembangunan jalan desa", "bangun"),
        ("Pembangunan jalan desa", "dibangun"),
        ("Peningkatan pelayanan kantor desa", "melayani"),
        ("Peningkatan pelayanan kantor desa", "layanan"),
    ],
)
def test_indonesian_word_forms_find_each_other_on_postgresql(client, village_a, text, query):
    publish_news(village_a, "Kabar Desa", intro=text, slug="kabar-desa")
    assert "Kabar Desa" in search(client, village_a.host, query).text


@postgres_only
def test_stemming_does_not_match_unrelated_words_on_postgresql(client, village_a):
    publish_news(village_a, "Kabar Desa", intro="Pembangunan jalan desa", slug="kabar-desa")
    assert "Kabar Desa" not in search(client, village_a.host, "bantuan").text


# -- empty, long and hostile queries -------------------------------------------------------


def test_empty_query_shows_a_prompt(client, village_a):
    html = search(client, village_a.host, "").text
    assert "Ketik kata kunci" in html
    assert "search-results" not in html
    assert "Tidak ada hasil" not in html


def test_query_without_matches_says_so(client, village_a):
    html = search(client, village_a.host, "zzzyyyxxx").text
    assert "Tidak ada hasil untuk “zzzyyyxxx”" in html


def test_long_query_is_cut_to_the_limit_and_says_so(client, village_a):
    publish_news(village_a, "Panen Raya Jagung")
    html = search(client, village_a.host, "jagung " + "x" * 5000).text
    assert "hanya 100 karakter pertama" in html
    kept = "jagung " + "x" * (MAX_QUERY_LENGTH - len("jagung "))
    assert f'value="{kept}"' in html
    assert "Panen Raya Jagung" not in html  # the cut query still needs its long second word


def test_results_page_is_not_indexed_by_search_engines(client, village_a):
    response = search(client, village_a.host, "desa")
    assert '<meta name="robots" content="noindex">' in response.text
    assert response["X-Robots-Tag"] == "noindex"


HOSTILE_QUERIES = [
    # (query, whether the page "Panen Jagung Melimpah" must still be found)
    ('"jagung', True),
    ('jagung"', True),
    ('"panen jagung"', True),
    ("jagung*", True),
    ("*", False),
    ("jagung OR", False),
    ("OR jagung", False),
    ("OR", False),
    ("AND", False),
    ("NOT jagung", False),
    ("NEAR(jagung panen)", False),
    ("NEAR(", False),
    ("panen NEAR jagung", False),
    ("-jagung", True),
    ("^jagung", True),
    ("title:jagung", False),
    ("{title}: jagung", False),
    ("jagung & panen | !x", False),
    ("jagung:*", True),
    ("jagung' OR 1=1 --", False),
    ("'; DROP TABLE wagtailcore_page; --", False),
    ("jagung\\", True),
    ("%", False),
    ("_", False),
    ("jagung\x00", True),
    ("\x00\x00", False),
    ("jagung 😀", True),
    ("🌽🌽🌽", False),
    ("<script>alert(1)</script>", False),
    ("((((((((((jagung", True),
]


@pytest.mark.parametrize(("query", "found"), HOSTILE_QUERIES)
def test_hostile_query_never_fails(client, village_a, query, found):
    publish_news(village_a, "Panen Jagung Melimpah")
    html = search(client, village_a.host, query).text
    assert "<script>alert(1)</script>" not in html
    if found:
        assert "Panen Jagung Melimpah" in html


def test_lone_surrogate_in_the_query_string_never_fails(client, village_a):
    publish_news(village_a, "Panen Jagung Melimpah")
    response = client.get("/cari/?q=jagung%ED%A0%80&page=%ED%A0%80", HTTP_HOST=village_a.host)
    assert response.status_code == 200
    assert "Panen Jagung Melimpah" in response.text


def test_hostile_query_on_the_portal_never_fails(client, regency):
    for query, _found in HOSTILE_QUERIES:
        assert client.get("/cari/", {"q": query}, HTTP_HOST=regency.host).status_code == 200


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        ('"panen" jagung*', "panen jagung"),
        ("NEAR(a b)", "NEAR a b"),
        ("jagung\x00padi", "jagung padi"),
        ("jagung\ud800padi", "jagung padi"),
        ("😀 desa 😀", "desa"),
        ("gotong-royong", "gotong royong"),
        ("   ", ""),
        (None, ""),
    ],
)
def test_clean_query_keeps_only_words(raw, words):
    assert clean_query(raw).text == words


def test_clean_query_reports_truncation():
    assert clean_query("a" * MAX_QUERY_LENGTH).truncated is False
    cut = clean_query("a" * (MAX_QUERY_LENGTH + 1))
    assert cut.truncated is True
    assert cut.text == "a" * MAX_QUERY_LENGTH


# -- pagination and cost ---------------------------------------------------------------------


def publish_many(tenant, count):
    index = section(tenant, "berita")
    for number in range(count):
        page = NewsPage(title=f"Laporan Posyandu {number:02d}", slug=f"posyandu-{number:02d}")
        index.add_child(instance=page)
        page.save_revision().publish()


def result_count(html):
    return html.count("<article>")


def test_results_are_paginated_ten_per_page(client, village_a):
    publish_many(village_a, 25)
    make_document(village_a.collection, "Laporan Posyandu Tahunan")

    first = search(client, village_a.host, "posyandu").text
    assert result_count(first) == 10
    assert "26 hasil" in first
    assert "Halaman 1 dari 3" in first
    assert 'href="?q=posyandu&amp;page=2"' in first

    last = search(client, village_a.host, "posyandu", page=3).text
    assert result_count(last) == 6
    # Documents come after the pages.
    assert "Laporan Posyandu Tahunan" in last
    assert 'rel="prev"' in last
    assert 'rel="next"' not in last

    titles = set()
    for number in (1, 2, 3):
        html = search(client, village_a.host, "posyandu", page=number).text
        titles |= {f"Laporan Posyandu {n:02d}" for n in range(25) if f"Posyandu {n:02d}<" in html}
    assert len(titles) == 25


@pytest.mark.parametrize(
    ("page", "shown"),
    [
        ("abc", "Halaman 1 dari 2"),
        ("0", "Halaman 2 dari 2"),
        ("-3", "Halaman 2 dari 2"),
        ("999999999999999999999", "Halaman 2 dari 2"),
        ("1.5", "Halaman 1 dari 2"),
        ("\x00", "Halaman 1 dari 2"),
    ],
)
def test_invalid_page_numbers_fall_back_to_a_valid_page(client, village_a, page, shown):
    publish_many(village_a, 12)
    html = search(client, village_a.host, "posyandu", page=page).text
    assert shown in html


def count_queries(client, host, query):
    search(client, host, query)  # warm up per-process caches (site-root index, content types)
    with CaptureQueriesContext(connection) as ctx:
        search(client, host, query)
    return len(ctx.captured_queries)


def test_search_query_count_does_not_grow_with_results(client, village_a):
    publish_many(village_a, 3)
    few = count_queries(client, village_a.host, "posyandu")
    publish_many_more = 30
    index = section(village_a, "berita")
    for number in range(publish_many_more):
        page = NewsPage(title=f"Posyandu Balita {number}", slug=f"balita-{number}")
        index.add_child(instance=page)
        page.save_revision().publish()
    many = count_queries(client, village_a.host, "posyandu")
    assert many == few


def test_portal_search_query_count_does_not_grow_with_results(
    client, regency, village_a, village_b, village_c
):
    publish_news(village_a, "Lomba Desa Kebonharjo")
    few = count_queries(client, regency.host, "lomba")
    for tenant in (village_a, village_b, village_c):
        for number in range(4):
            publish_news(tenant, f"Lomba Desa {tenant.page.title} {number}")
    make_document(village_b.collection, "Lomba Desa Juknis")
    many = count_queries(client, regency.host, "lomba")
    assert many == few


def test_search_page_query_count_is_bounded(client, village_a, django_assert_max_num_queries):
    publish_many(village_a, 15)
    make_document(village_a.collection, "Laporan Posyandu Tahunan")
    search(client, village_a.host, "posyandu")
    with django_assert_max_num_queries(15):
        search(client, village_a.host, "posyandu")


def test_sitemap_lists_only_this_villages_pages(client, village_a, village_b):
    sitemap_a = client.get("/sitemap.xml", HTTP_HOST=village_a.host).text
    assert "http://kebonharjo.tuban.test/profil/" in sitemap_a
    assert "wangi.tuban.test" not in sitemap_a
    assert Page.objects.filter(title="Desa Wangi").exists()
