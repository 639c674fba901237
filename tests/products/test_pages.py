"""Public product section: listing, filters, pagination, product and potential pages."""

import json
import re
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from products.models import PotentialPage, ProductIndexPage, ProductPage
from tests.products.helpers import add_batik, add_potential, add_product, product_index


def get(client, tenant, path):
    response = client.get(path, HTTP_HOST=tenant.host)
    assert response.status_code == 200, response.content[:500]
    return response.text


def product_cards(html: str) -> list[str]:
    """Titles of the product cards, in page order."""
    return re.findall(r'<li class="card product-card">.*?<a href="[^"]+">([^<]+)</a>', html, re.S)


def json_ld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD in the page"
    return json.loads(match.group(1))


# -- section -------------------------------------------------------------------------------


def test_every_village_has_one_product_index_holding_products_and_potentials(village_a, village_b):
    for tenant in (village_a, village_b):
        index = product_index(tenant)
        assert isinstance(index, ProductIndexPage)
        assert ProductIndexPage.objects.descendant_of(tenant.page).count() == 1
        assert ProductPage.can_create_at(index)
        assert PotentialPage.can_create_at(index)
    assert not ProductPage.can_create_at(village_a.page)
    assert not ProductIndexPage.can_create_at(village_a.page)


def test_product_index_lists_only_this_villages_products_and_potentials(
    client, village_a, village_b
):
    add_batik(village_a)
    add_potential(village_a, "Pantai Kebonharjo", kind="wisata", location="Pesisir utara")
    add_product(village_b, "Kerupuk Ikan Wangi", price=Decimal(55000))
    add_potential(village_b, "Sumber Air Wangi", kind="alam")

    on_a = get(client, village_a, "/produk/")
    assert product_cards(on_a) == ["Batik Gedog Tulis"]
    assert "Pantai Kebonharjo" in on_a
    assert "Kerupuk Ikan Wangi" not in on_a
    assert "Sumber Air Wangi" not in on_a

    on_b = get(client, village_b, "/produk/")
    assert product_cards(on_b) == ["Kerupuk Ikan Wangi"]
    assert "Sumber Air Wangi" in on_b
    assert "Batik Gedog Tulis" not in on_b
    assert "Pantai Kebonharjo" not in on_b


def test_product_card_shows_photo_price_unit_and_seller(client, village_a):
    add_batik(village_a)
    html = get(client, village_a, "/produk/")
    card = html.split('<li class="card product-card">')[1].split("</li>")[0]
    assert "Rp 350.000" in card
    assert '<span class="product-unit">per lembar</span>' in card
    assert "Kelompok Pembatik Sekar Jagad" in card
    assert "srcset=" in card
    assert ".webp" in card
    assert 'loading="lazy"' in card
    assert 'href="/produk/batik-gedog-tulis/"' in card
    assert '<link rel="stylesheet" href="/static/css/products.css">' in html
    assert "style=" not in html.split("</head>")[1]


def test_product_without_price_says_price_is_negotiable(client, village_a):
    add_product(village_a, "Madu Klanceng", price=None, price_unit="per botol")
    html = get(client, village_a, "/produk/")
    assert "Harga menyesuaikan" in html
    # A unit without a price would read "Harga menyesuaikan per botol".
    assert "per botol" not in html
    assert "Harga menyesuaikan" in get(client, village_a, "/produk/madu-klanceng/")


def test_featured_products_come_first_then_newest(client, village_a):
    add_product(village_a, "Kacang Mete", days_ago=1)
    add_product(village_a, "Legen Siwalan", days_ago=0)
    add_product(village_a, "Batik Lama", days_ago=9, featured=True)
    html = get(client, village_a, "/produk/")
    assert product_cards(html) == ["Batik Lama", "Legen Siwalan", "Kacang Mete"]
    assert html.count('<span class="badge">Unggulan</span>') == 1


def test_product_index_hides_drafts(client, village_a):
    add_product(village_a, "Produk Rahasia", live=False)
    assert "Produk Rahasia" not in get(client, village_a, "/produk/")


def test_category_filter_lists_only_that_category(client, village_a):
    add_batik(village_a)
    add_product(village_a, "Kerupuk Ikan", category="perikanan")

    html = get(client, village_a, "/produk/")
    assert 'href="?kategori=batik-tenun"' in html
    assert 'href="?kategori=perikanan"' in html
    # Categories without products get no link.
    assert "?kategori=jasa" not in html

    filtered = get(client, village_a, "/produk/?kategori=perikanan")
    assert product_cards(filtered) == ["Kerupuk Ikan"]
    assert 'href="?kategori=perikanan" aria-current="page"' in filtered


@pytest.mark.parametrize(
    "query", ["kategori=tidak-ada", "kategori=", "kategori=%3Cscript%3E", "page=abc", "page=-1"]
)
def test_unknown_category_or_page_shows_every_product(client, village_a, query):
    add_batik(village_a)
    add_product(village_a, "Kerupuk Ikan", category="perikanan")
    html = get(client, village_a, f"/produk/?{query}")
    assert sorted(product_cards(html)) == ["Batik Gedog Tulis", "Kerupuk Ikan"]
    assert "<script>" not in html


def test_category_of_other_village_does_not_leak_into_filter(client, village_a, village_b):
    add_batik(village_a)
    add_product(village_b, "Jasa Servis Wangi", category="jasa")
    html = get(client, village_a, "/produk/?kategori=jasa")
    assert "?kategori=jasa" not in html
    assert "Jasa Servis Wangi" not in html


def test_product_index_paginates_twelve_per_page_keeping_the_category(client, village_a):
    for n in range(13):
        add_product(village_a, f"Kerupuk {n:02d}", category="perikanan", days_ago=n, photo=False)
    add_product(village_a, "Batik", category="batik-tenun", days_ago=20, photo=False)

    first = get(client, village_a, "/produk/?kategori=perikanan")
    assert len(product_cards(first)) == 12
    assert 'href="?kategori=perikanan&amp;page=2"' in first
    second = get(client, village_a, "/produk/?kategori=perikanan&page=2")
    assert product_cards(second) == ["Kerupuk 12"]


def test_product_index_query_count_does_not_grow_with_products(
    client, village_a, django_assert_max_num_queries
):
    add_potential(village_a, "Pantai", kind="wisata")

    def count_queries():
        client.get("/produk/", HTTP_HOST=village_a.host)  # renditions are created once
        with CaptureQueriesContext(connection) as queries:
            html = get(client, village_a, "/produk/")
        return len(queries), html

    for n in range(3):
        add_product(village_a, f"Produk {n:02d}", featured=n == 0)
    with_three, html = count_queries()
    assert len(product_cards(html)) == 3

    for n in range(3, 12):
        add_product(village_a, f"Produk {n:02d}")
    with_twelve, html = count_queries()
    assert len(product_cards(html)) == 12
    assert html.count(".webp") >= 24  # every card has its photo, in two sizes

    assert with_twelve == with_three
    # About a dozen for this section (products, categories, count, potentials, and photos,
    # images and renditions of each), the rest for the shared layout.
    with django_assert_max_num_queries(30):
        client.get("/produk/", HTTP_HOST=village_a.host)


# -- product page --------------------------------------------------------------------------


def test_product_page_shows_price_seller_photos_and_order_links(client, village_a):
    add_batik(village_a)
    html = get(client, village_a, "/produk/batik-gedog-tulis/")
    assert "<h1>Batik Gedog Tulis</h1>" in html
    assert "Rp 350.000" in html
    assert "Kelompok Pembatik Sekar Jagad" in html
    assert "Batik tulis di atas kain tenun gedog." in html
    assert "<figcaption>Batik Gedog Tulis</figcaption>" in html
    photo = re.search(r"<figure><img [^>]+>", html).group(0)
    assert "srcset=" in photo and ".webp" in photo
    assert 'alt="Batik Gedog Tulis"' in photo
    # The main photo is what a buyer looks at first: it is not lazy-loaded.
    assert 'loading="lazy"' not in photo

    order = re.search(r'<a class="button" href="([^"]+)"([^>]*)>', html)
    assert order.group(1).startswith("https://wa.me/6281234567890?text=")
    assert 'rel="noopener"' in order.group(2)
    assert "Pesan lewat WhatsApp" in html
    assert "WhatsApp penjual: +62 812-3456-7890" in html
    assert "ditampilkan atas persetujuan penjual" in html
    assert (
        '<a class="button button--secondary" href="https://shopee.co.id/batik-gedog" '
        'target="_blank" rel="noopener">Beli di Shopee</a>'
    ) in html


def test_product_page_has_product_structured_data_with_rupiah_offer(client, village_a):
    add_batik(
        village_a,
        availability="habis",
        description="<p>Batik tulis.</p><ul><li>Pewarna <i>alam</i></li><li>Kain gedog</li></ul>",
    )
    html = get(client, village_a, "/produk/batik-gedog-tulis/")
    head = html.split("</head>")[0]
    data = json_ld(head)
    assert data["@type"] == "Product"
    assert data["name"] == "Batik Gedog Tulis"
    assert data["url"] == "http://kebonharjo.tuban.test/produk/batik-gedog-tulis/"
    assert data["description"] == "Batik tulis. Pewarna alam Kain gedog"
    assert data["image"].startswith("http://kebonharjo.tuban.test/")
    assert data["image"].endswith(".webp")
    assert data["offers"] == {
        "@type": "Offer",
        "price": "350000",
        "priceCurrency": "IDR",
        "availability": "https://schema.org/OutOfStock",
        "url": "http://kebonharjo.tuban.test/produk/batik-gedog-tulis/",
        "seller": {"@type": "Organization", "name": "Kelompok Pembatik Sekar Jagad"},
    }
    assert "Tanya penjual lewat WhatsApp" in html


def test_structured_data_cannot_close_its_script_tag(client, village_a):
    add_batik(village_a, seller_name="</script><script>alert(1)</script>")
    html = get(client, village_a, "/produk/batik-gedog-tulis/")
    data = json_ld(html)
    assert data["offers"]["seller"]["name"] == "</script><script>alert(1)</script>"
    assert "<script>alert(1)" not in html


def test_product_without_price_has_no_offer_and_without_number_no_order_button(client, village_a):
    add_product(village_a, "Madu Klanceng", price=None, seller_whatsapp="")
    html = get(client, village_a, "/produk/madu-klanceng/")
    assert "offers" not in json_ld(html)
    assert "wa.me" not in html
    assert "Untuk memesan, hubungi kantor desa." in html


def test_product_page_of_other_village_is_not_served_on_this_host(client, village_a, village_b):
    add_product(village_b, "Kerupuk Ikan Wangi")
    assert client.get("/produk/kerupuk-ikan-wangi/", HTTP_HOST=village_a.host).status_code == 404
    assert client.get("/produk/kerupuk-ikan-wangi/", HTTP_HOST=village_b.host).status_code == 200


# -- potential page ------------------------------------------------------------------------


def test_potential_page_shows_kind_location_map_link_body_and_contact(client, village_a, village_b):
    add_potential(
        village_a,
        "Sumber Air Kebonharjo",
        kind="alam",
        intro="Mata air yang tak pernah kering.",
        location="Dusun Krajan",
        latitude=Decimal("-6.897000"),
        longitude=Decimal("111.690000"),
        contact="Pak Kasno\n0812-0000-1111",
        body=[("paragraph", "<p>Dijaga dengan tradisi sedekah bumi.</p>")],
    )
    add_potential(village_b, "Pantai Wangi", kind="wisata")

    html = get(client, village_a, "/produk/sumber-air-kebonharjo/")
    assert "<h1>Sumber Air Kebonharjo</h1>" in html
    assert '<span class="badge">Alam</span>' in html
    assert "Dusun Krajan" in html
    assert "Dijaga dengan tradisi sedekah bumi." in html
    assert "Pak Kasno<br>0812-0000-1111" in html
    assert (
        'href="https://www.openstreetmap.org/?mlat=-6.897000&amp;mlon=111.690000'
        '#map=16/-6.897000/111.690000"'
    ) in html
    assert "(-6.897000, 111.690000)" in html
    assert ".webp" in html
    assert "Pantai Wangi" not in html

    other = get(client, village_b, "/produk/pantai-wangi/")
    assert '<span class="badge">Wisata</span>' in other
    assert "openstreetmap" not in other
    assert client.get("/produk/pantai-wangi/", HTTP_HOST=village_a.host).status_code == 404
