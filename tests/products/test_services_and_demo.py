"""Featured products for the village home page, and the demo content."""

from decimal import Decimal

from django.template.loader import render_to_string
from django.test import RequestFactory

from products import demo
from products.models import PotentialPage, ProductPage
from products.services import featured_products
from tests.products.helpers import add_product, product_index


def test_featured_products_come_first_then_the_newest_fill_up(village_a, village_b):
    add_product(village_a, "Kacang Mete", days_ago=3)
    add_product(village_a, "Legen Siwalan", days_ago=1)
    add_product(village_a, "Kerupuk Ikan", days_ago=2)
    add_product(village_a, "Madu Klanceng", days_ago=4)
    add_product(village_a, "Batik Gedog", days_ago=9, featured=True)
    add_product(village_a, "Produk Draf", live=False, featured=True)
    add_product(village_b, "Batik Wangi", featured=True)

    titles = [p.title for p in featured_products(village_a.page)]
    assert titles == ["Batik Gedog", "Legen Siwalan", "Kerupuk Ikan", "Kacang Mete"]
    assert [p.title for p in featured_products(village_a.page, limit=2)] == [
        "Batik Gedog",
        "Legen Siwalan",
    ]
    assert [p.title for p in featured_products(village_b.page)] == ["Batik Wangi"]


def test_featured_products_of_village_without_products_is_empty(village_a, village_b):
    add_product(village_b, "Batik Wangi", featured=True)
    assert featured_products(village_a.page) == []


def test_featured_products_cost_fixed_queries_and_render_without_more(
    village_a, django_assert_num_queries
):
    for n in range(6):
        add_product(village_a, f"Produk {n}", featured=n < 2)
    request = RequestFactory().get("/", HTTP_HOST=village_a.host)

    def render(products):
        return "".join(
            render_to_string(
                "products/includes/product_card.html", {"product": p, "request": request}
            )
            for p in products
        )

    render(featured_products(village_a.page))  # creates the renditions once
    # The products, then their photos, images and renditions.
    with django_assert_num_queries(4):
        products = featured_products(village_a.page)
    with django_assert_num_queries(0):
        html = render(products)
    assert html.count('class="card product-card"') == 4
    assert html.count("srcset=") == 4
    assert html.count("Penjual: Bu Sulastri") == 4


def test_demo_fills_the_product_section_once_and_every_page_renders(client, village_a, village_b):
    demo.populate(village_a.page)
    demo.populate(village_a.page)  # a second run changes nothing

    products = ProductPage.objects.descendant_of(village_a.page).live()
    potentials = PotentialPage.objects.descendant_of(village_a.page).live()
    assert products.count() == 5
    assert potentials.count() == 3
    assert not ProductPage.objects.descendant_of(village_b.page).exists()
    assert product_index(village_a).intro

    batik = products.get(slug="batik-gedog-tulis")
    assert batik.price == Decimal(350000)
    assert batik.price_unit == "per lembar"
    assert batik.seller_whatsapp.startswith("628")
    assert all(p.seller_whatsapp.startswith("628") for p in products)
    assert all(p.photos.exists() for p in [*products, *potentials])

    listing = client.get("/produk/", HTTP_HOST=village_a.host)
    assert listing.status_code == 200
    assert "Rp 350.000" in listing.text
    assert "Harga menyesuaikan" in listing.text  # madu klanceng
    for page in [*products, *potentials]:
        response = client.get(page.get_url(current_site=village_a.site), HTTP_HOST=village_a.host)
        assert response.status_code == 200, page.slug
        assert page.title in response.text

    demo.populate(village_b.page)
    assert ProductPage.objects.descendant_of(village_b.page).count() == 5
    assert ProductPage.objects.descendant_of(village_a.page).count() == 5
