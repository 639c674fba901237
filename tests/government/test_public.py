"""The public government section: officials, institutions by kind, BUMDes, institution news."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page

from government.models import BumdesPage, GovernmentIndexPage, InstitutionKind, InstitutionPage
from tests.api.helpers import make_image, restrict

from .helpers import (
    add_bumdes,
    add_institution,
    gov_index,
    official,
    publish_news,
    publish_officials,
)


def get(client, tenant, path):
    response = client.get(path, HTTP_HOST=tenant.host)
    assert response.status_code == 200, response.content[:500]
    return response.text


# -- structure ---------------------------------------------------------------------------


def test_government_section_takes_institution_and_bumdes_pages_only(village_a):
    index = gov_index(village_a)
    assert set(GovernmentIndexPage.allowed_subpage_models()) == {InstitutionPage, BumdesPage}
    assert InstitutionPage.can_create_at(index)
    assert BumdesPage.can_create_at(index)
    assert not InstitutionPage.can_create_at(village_a.page)


# -- government index --------------------------------------------------------------------


def test_government_index_lists_own_officials_in_order_never_other_villages(
    client, village_a, village_b
):
    photo = make_image(village_a.collection, "foto-kades")
    publish_officials(
        village_a,
        official("Sutrisno", "Kepala Desa", 2019, 2027, photo=photo),
        official("Siti Rahayu", "Sekretaris Desa", 2016, description="Memimpin sekretariat."),
    )
    publish_officials(village_b, official("Mulyono", "Kepala Desa Wangi"))

    on_a = get(client, village_a, "/pemerintahan/")
    assert on_a.index("Sutrisno") < on_a.index("Siti Rahayu")
    assert "Kepala Desa" in on_a
    assert "Memimpin sekretariat." in on_a
    assert '<time datetime="2019">2019</time>–<time datetime="2027">2027</time>' in on_a
    assert '<time datetime="2016">2016</time>–sekarang' in on_a
    assert ".webp" in on_a
    assert 'loading="lazy"' in on_a
    assert "Mulyono" not in on_a

    on_b = get(client, village_b, "/pemerintahan/")
    assert "Mulyono" in on_b
    assert "Sutrisno" not in on_b


def test_government_index_lists_former_officials_apart(client, village_a):
    publish_officials(
        village_a,
        official("Sutrisno", "Kepala Desa", 2019),
        official("Darmaji", "Kepala Desa", 2013, 2019),
    )
    text = get(client, village_a, "/pemerintahan/")
    former = text.split("Sebelumnya menjabat", 1)[1]
    assert "Darmaji" in former
    assert "Sutrisno" not in former


def test_government_index_groups_live_institutions_by_kind(client, village_a, village_b):
    add_institution(village_a, "Posyandu Melati", InstitutionKind.POSYANDU)
    add_institution(village_a, "Posyandu Mawar", InstitutionKind.POSYANDU)
    add_institution(village_a, "Tim Penggerak PKK", InstitutionKind.PKK, intro="Sepuluh program.")
    add_institution(village_a, "Badan Permusyawaratan Desa", InstitutionKind.BPD)
    add_bumdes(village_a, "BUMDes Makmur")
    add_institution(village_a, "Linmas Rahasia", InstitutionKind.LINMAS, live=False)
    add_institution(village_b, "Karang Taruna Wangi", InstitutionKind.KARANG_TARUNA)

    text = get(client, village_a, "/pemerintahan/")
    headings = [
        "<h3>BPD (Badan Permusyawaratan Desa)</h3>",
        "<h3>PKK (Pemberdayaan Kesejahteraan Keluarga)</h3>",
        "<h3>BUMDes (Badan Usaha Milik Desa)</h3>",
        "<h3>Posyandu</h3>",
    ]
    positions = [text.index(heading) for heading in headings]
    assert positions == sorted(positions)
    assert text.count("<h3>Posyandu</h3>") == 1
    posyandu = text.split("<h3>Posyandu</h3>", 1)[1]
    assert posyandu.index("Posyandu Melati") < posyandu.index("Posyandu Mawar")
    assert 'href="/pemerintahan/bumdes-makmur/"' in text
    assert "Sepuluh program." in text
    assert "Linmas" not in text
    assert "Karang Taruna Wangi" not in text


def test_government_index_hides_private_institutions(client, village_a):
    private = add_institution(village_a, "Rapat Tertutup BPD", InstitutionKind.BPD)
    restrict(private)
    assert "Rapat Tertutup BPD" not in get(client, village_a, "/pemerintahan/")


# -- institution pages -------------------------------------------------------------------


def test_institution_page_shows_kind_officials_and_public_contact(client, village_a):
    add_institution(
        village_a,
        "Tim Penggerak PKK",
        InstitutionKind.PKK,
        intro="Keluarga sehat dan sejahtera.",
        logo=make_image(village_a.collection, "logo-pkk"),
        officials=[official("Endang Sulastri", "Ketua TP PKK", 2019)],
        address="Balai Desa Kebonharjo",
        phone="(0356) 321456",
        whatsapp="0812-3456-7890",
        email="pkk@desa.example",
    )
    text = get(client, village_a, "/pemerintahan/tim-penggerak-pkk/")
    assert "<h1>Tim Penggerak PKK</h1>" in text
    assert '<span class="badge">PKK (Pemberdayaan Kesejahteraan Keluarga)</span>' in text
    assert "Keluarga sehat dan sejahtera." in text
    assert "Endang Sulastri" in text
    assert "Ketua TP PKK" in text
    assert 'href="tel:+62356321456"' in text
    assert 'href="https://wa.me/6281234567890"' in text
    assert 'href="mailto:pkk@desa.example"' in text
    assert "Balai Desa Kebonharjo" in text
    assert text.count("<h1") == 1
    assert "style=" not in text.split("</head>")[1]


def test_institution_page_of_other_village_is_not_served_here(client, village_a, village_b):
    add_institution(village_b, "Karang Taruna Wangi", InstitutionKind.KARANG_TARUNA)
    path = "/pemerintahan/karang-taruna-wangi/"
    assert client.get(path, HTTP_HOST=village_a.host).status_code == 404
    assert client.get(path, HTTP_HOST=village_b.host).status_code == 200


def test_institution_page_lists_its_five_latest_live_news(client, village_a):
    pkk = add_institution(village_a, "Tim Penggerak PKK", InstitutionKind.PKK)
    for n in range(7):
        publish_news(village_a, f"Kabar PKK {n}", pkk, days_ago=n)
    publish_news(village_a, "Kabar PKK Draf", pkk, live=False)
    publish_news(village_a, "Kabar Desa Umum")

    text = get(client, village_a, "/pemerintahan/tim-penggerak-pkk/")
    news = text.split("Berita terbaru", 1)[1]
    assert [f"Kabar PKK {n}" in news for n in range(7)] == [True] * 5 + [False] * 2
    assert news.index("Kabar PKK 0") < news.index("Kabar PKK 4")
    assert 'href="/berita/kabar-pkk-0/"' in news
    assert '<time datetime="2026-11-01">' in news
    assert "Kabar PKK Draf" not in text
    assert "Kabar Desa Umum" not in text


def test_institution_page_never_lists_news_of_another_village(client, village_a, village_b):
    pkk = add_institution(village_a, "Tim Penggerak PKK", InstitutionKind.PKK)
    # The news form never offers another village's institution; a page copied across
    # villages by a superuser could still carry one.
    publish_news(village_b, "Kabar Dari Wangi", pkk)
    text = get(client, village_a, "/pemerintahan/tim-penggerak-pkk/")
    assert "Kabar Dari Wangi" not in text
    assert "Berita terbaru" not in text


def test_bumdes_page_shows_legal_basis_units_and_services(client, village_a):
    add_bumdes(
        village_a,
        legal_basis="Peraturan Desa Kebonharjo Nomor 4 Tahun 2017",
        year_founded=2017,
        units=[
            {
                "name": "Unit Pengelolaan Air Bersih",
                "description": "Air bersih untuk 420 rumah.",
                "services": "Sambungan baru Rp750.000\n\nTarif Rp2.500 per m³",
                "whatsapp": "6281200000306",
                "photo": make_image(village_a.collection, "sumur-bor"),
            },
            {"name": "Unit Simpan Pinjam", "phone": "0356 000301"},
        ],
    )
    text = get(client, village_a, "/pemerintahan/bumdes-makmur/")
    assert "Peraturan Desa Kebonharjo Nomor 4 Tahun 2017" in text
    assert "<dd>2017</dd>" in text
    assert text.index("Unit Pengelolaan Air Bersih") < text.index("Unit Simpan Pinjam")
    assert "<li>Sambungan baru Rp750.000</li>" in text
    assert "<li>Tarif Rp2.500 per m³</li>" in text
    assert "<li></li>" not in text
    assert 'href="https://wa.me/6281200000306"' in text
    assert 'href="tel:+62356000301"' in text
    assert '<span class="badge">BUMDes (Badan Usaha Milik Desa)</span>' in text


def test_bumdes_page_is_always_of_kind_bumdes(village_a):
    bumdes = add_bumdes(village_a, kind=InstitutionKind.PKK)
    bumdes.refresh_from_db()
    assert bumdes.kind == InstitutionKind.BUMDES


# -- query counts ------------------------------------------------------------------------


def count_queries(client, tenant, path) -> int:
    get(client, tenant, path)  # renditions are made on the first visit
    with CaptureQueriesContext(connection) as queries:
        get(client, tenant, path)
    return len(queries)


def test_government_index_queries_do_not_grow_with_officials_or_institutions(
    client, village_a, django_assert_max_num_queries
):
    def fill(count):
        publish_officials(
            village_a,
            *(
                official(
                    f"Perangkat {n}",
                    "Kepala Dusun",
                    photo=make_image(village_a.collection, f"p{n}"),
                )
                for n in range(count)
            ),
        )
        for n in range(count):
            add_institution(
                village_a,
                f"Posyandu Nomor {count}-{n}",
                InstitutionKind.POSYANDU,
                logo=make_image(village_a.collection, f"logo-{count}-{n}"),
            )

    fill(1)
    few = count_queries(client, village_a, "/pemerintahan/")
    fill(6)
    many = count_queries(client, village_a, "/pemerintahan/")
    assert many == few
    with django_assert_max_num_queries(few):
        get(client, village_a, "/pemerintahan/")


def test_institution_and_bumdes_queries_do_not_grow_with_officials_units_or_news(client, village_a):
    def fill(count):
        image = make_image(village_a.collection, f"foto-{count}")
        bumdes = add_bumdes(
            village_a,
            f"BUMDes {count}",
            officials=[official(f"Pengurus {n}", "Anggota", photo=image) for n in range(count)],
            units=[{"name": f"Unit {n}", "photo": image} for n in range(count)],
        )
        for n in range(count):
            publish_news(village_a, f"Kabar {count}-{n}", bumdes)
        return bumdes

    few = count_queries(client, village_a, fill(1).url)
    many = count_queries(client, village_a, fill(8).url)
    assert many == few
    assert few <= 25


def test_empty_government_section_renders(client, village_a):
    text = get(client, village_a, "/pemerintahan/")
    assert "Belum ada data." in text
    assert "Lembaga desa" not in text


# -- search ------------------------------------------------------------------------------


def test_search_finds_officials_and_bumdes_services_of_this_village_only(village_a, village_b):
    publish_officials(village_a, official("Sutrisno Wibowo", "Kepala Desa"))
    publish_officials(village_b, official("Sutrisno Hadi", "Kepala Desa"))
    add_bumdes(village_a, units=[{"name": "Unit Air", "services": "Sambungan pipa baru"}])

    def search(query):
        pages = Page.objects.live().descendant_of(village_a.page).search(query, operator="and")
        return {page.url_path.split("/kebonharjo/", 1)[1] for page in pages}

    assert search("Wibowo") == {"pemerintahan/"}
    assert search("Hadi") == set()
    assert search("pipa") == {"pemerintahan/bumdes-makmur/"}

    # The index follows the officials of the version just published, not the one before.
    publish_officials(village_a, official("Heru Susanto", "Kepala Desa"))
    assert search("Susanto") == {"pemerintahan/"}
    assert search("Wibowo") == set()


def test_search_fields_cover_the_content(village_a):
    def names(model):
        return {field.field_name for field in model.get_search_fields()}

    assert {"intro", "officials"} <= names(GovernmentIndexPage)
    assert {"intro", "body", "kind", "officials"} <= names(InstitutionPage)
    assert {"intro", "body", "officials", "legal_basis", "units"} <= names(BumdesPage)
