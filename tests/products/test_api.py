"""Products and potential in the public API, each village seeing only its own."""

from decimal import Decimal

import pytest

from products.models import PotentialPage, ProductIndexPage, ProductPage
from tests.products.helpers import add_batik, add_potential, add_product, product_index

WHATSAPP_URL = (
    "https://wa.me/6281234567890?text=Halo%2C%20saya%20ingin%20memesan%20Batik%20Gedog%20Tulis"
    "%20dari%20Desa%20Kebonharjo.%20http%3A%2F%2Fkebonharjo.tuban.test%2Fproduk%2F"
    "batik-gedog-tulis%2F"
)


def api(client, tenant, path):
    response = client.get(path, HTTP_HOST=tenant.host)
    assert response.status_code == 200, response.content[:500]
    return response.json()


def test_whatsapp_url_opens_chat_naming_product_village_and_page(village_a):
    assert add_batik(village_a).whatsapp_url == WHATSAPP_URL


def test_api_lists_only_this_villages_products_and_potentials(client, village_a, village_b):
    add_batik(village_a)
    add_potential(village_a, "Pantai Kebonharjo")
    add_product(village_b, "Kerupuk Ikan Wangi")
    add_potential(village_b, "Sumber Air Wangi")
    for model, own, other in [
        ("products.ProductPage", "Batik Gedog Tulis", "Kerupuk Ikan Wangi"),
        ("products.PotentialPage", "Pantai Kebonharjo", "Sumber Air Wangi"),
    ]:
        for version in ("v2", "v3"):
            body = api(client, village_a, f"/api/{version}/pages/?type={model}")
            assert [item["title"] for item in body["items"]] == [own], (model, version)
            assert other not in str(body)


def test_api_v2_product_fields_have_price_string_order_link_photos_and_links(
    client, village_a, village_b
):
    add_batik(village_a)
    add_product(village_b, "Kerupuk Ikan Wangi")
    body = api(client, village_a, "/api/v2/pages/?type=products.ProductPage&fields=*")
    [item] = body["items"]
    assert item["category"] == "batik-tenun"
    assert item["category_label"] == "Batik & Tenun"
    assert item["price"] == "350000"
    assert item["price_display"] == "Rp 350.000"
    assert item["price_unit"] == "per lembar"
    assert item["availability"] == "tersedia"
    assert item["featured"] is True
    assert item["seller_name"] == "Kelompok Pembatik Sekar Jagad"
    assert item["seller_whatsapp"] == "6281234567890"
    assert item["whatsapp_url"] == WHATSAPP_URL
    assert item["description"] == "<p>Batik tulis di atas kain tenun gedog.</p>"
    [photo] = item["photos"]
    assert photo["caption"] == "Batik Gedog Tulis"
    assert photo["image"]["url"].endswith(".webp")
    assert photo["image"]["url"].startswith("/media/")
    [link] = item["marketplace_links"]
    assert (link["platform"], link["display_name"], link["url"]) == (
        "shopee",
        "Shopee",
        "https://shopee.co.id/batik-gedog",
    )


def test_api_product_without_price_has_null_price(client, village_a):
    add_product(village_a, "Madu Klanceng", price=None)
    [item] = api(client, village_a, "/api/v2/pages/?type=products.ProductPage&fields=*")["items"]
    assert item["price"] is None
    assert item["price_display"] == "Harga menyesuaikan"
    assert item["whatsapp_url"] == ""


def test_api_v3_product_price_is_a_decimal_string(client, village_a):
    page = add_batik(village_a)
    body = api(client, village_a, f"/api/v3/pages/{page.pk}/")
    assert body["price"] == "350000"
    assert body["whatsapp_url"] == WHATSAPP_URL
    assert body["photos"][0]["image"]["url"].endswith(".webp")


def index_with_intro(tenant):
    index = product_index(tenant)
    index.intro = "Produk unggulan desa."
    index.save_revision().publish()
    return index


PAGES = {
    ProductIndexPage: index_with_intro,
    ProductPage: lambda t: add_batik(t),
    PotentialPage: lambda t: add_potential(
        t,
        "Sumber Air",
        kind="alam",
        intro="Mata air desa.",
        location="Dusun Krajan",
        latitude=Decimal("-6.897"),
        longitude=Decimal("111.69"),
        contact="Pak Kasno",
        body=[("paragraph", "<p>Sedekah bumi.</p>")],
    ),
}


@pytest.mark.parametrize("model", PAGES, ids=lambda m: m.__name__)
@pytest.mark.parametrize("version", ["v2", "v3"])
def test_page_detail_exposes_every_declared_api_field(client, village_a, model, version):
    page = PAGES[model](village_a)
    query = "?fields=*" if version == "v2" else ""
    body = api(client, village_a, f"/api/{version}/pages/{page.pk}/{query}")
    declared = [field.name for field in model.api_fields]
    assert declared
    for name in declared:
        assert name in body, f"{model.__name__}.{name} missing from {version}"
        assert body[name] not in (None, "", []), f"{model.__name__}.{name} empty in {version}"


def test_potential_api_has_coordinates_kind_and_photos(client, village_a):
    page = PAGES[PotentialPage](village_a)
    body = api(client, village_a, f"/api/v2/pages/{page.pk}/")
    assert (body["latitude"], body["longitude"]) == ("-6.897000", "111.690000")
    assert (body["kind"], body["kind_label"]) == ("alam", "Alam")
    assert body["photos"][0]["image"]["url"].endswith(".webp")
    assert body["body"][0]["type"] == "paragraph"


def test_product_of_other_village_is_not_served_by_this_villages_api(client, village_a, village_b):
    theirs = add_product(village_b, "Kerupuk Ikan Wangi")
    for version in ("v2", "v3"):
        response = client.get(f"/api/{version}/pages/{theirs.pk}/", HTTP_HOST=village_a.host)
        assert response.status_code == 404


def test_search_fields_find_products_by_description_and_seller(village_a, village_b):
    add_batik(village_a)
    add_product(village_b, "Batik Wangi", seller_name="Sanggar Wangi")
    names = {field.field_name for field in ProductPage.search_fields}
    assert {"title", "description", "seller_name"} <= names
    assert {"title", "intro", "location", "body"} <= {
        field.field_name for field in PotentialPage.search_fields
    }
    mine = ProductPage.objects.live().descendant_of(village_a.page)
    assert [p.title for p in mine.search("gedog")] == ["Batik Gedog Tulis"]
    assert [p.title for p in mine.search("Sekar Jagad")] == ["Batik Gedog Tulis"]
    assert list(mine.search("Sanggar Wangi")) == []
