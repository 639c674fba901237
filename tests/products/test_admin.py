"""Operators add products and potential in the admin; bad input is refused, in Indonesian."""

from decimal import Decimal

from django.urls import reverse

from wagtail.models import Page
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)

import pytest

from products.models import PotentialPage, ProductPage
from tests.api.helpers import make_image
from tests.products.helpers import add_batik, product_index


def add_url(tenant, model):
    return reverse("wagtailadmin_pages:add", args=["products", model, product_index(tenant).pk])


def product_form(client, tenant, *, links=(), photos=(), **fields):
    """The add-product form as the browser sends it, with ``fields`` filled in."""
    response = client.get(add_url(tenant, "productpage"))
    assert response.status_code == 200
    data = querydict_from_html(response.text, form_id="page-edit-form")
    data.update(
        nested_form_data(
            {
                "title": "Batik Gedog Tulis",
                "slug": "batik-gedog-tulis",
                "category": "batik-tenun",
                "price": "350.000",
                "price_unit": "per lembar",
                "availability": "tersedia",
                "seller_name": "Kelompok Pembatik Sekar Jagad",
                "seller_whatsapp": "0812-3456-7890",
                "description": rich_text("<p>Batik tulis di atas tenun gedog.</p>"),
                "photos": inline_formset(
                    [
                        {"image": image.pk, "caption": "", "ORDER": n}
                        for n, image in enumerate(photos)
                    ]
                ),
                "marketplace_links": inline_formset(
                    [
                        {"platform": platform, "label": "", "url": url, "ORDER": n}
                        for n, (platform, url) in enumerate(links)
                    ]
                ),
                "action-publish": "1",
            }
        )
    )
    data.update(fields)
    return data


def test_operator_adds_product_with_indonesian_price_and_number(client_for, operator_a, village_a):
    client = client_for(operator_a)
    photo = make_image(village_a.collection, "batik")
    data = product_form(
        client,
        village_a,
        photos=[photo],
        # Operators often leave out https://; it is added for them.
        links=[("tokopedia", "www.tokopedia.com/batik-gedog")],
        price="Rp 350.000",
        seller_whatsapp="+62 812-3456-7890",
    )
    response = client.post(add_url(village_a, "productpage"), data)
    assert response.status_code == 302, response.context["form"].errors

    page = ProductPage.objects.get(slug="batik-gedog-tulis")
    assert page.live
    assert page.price == Decimal(350000)
    assert page.seller_whatsapp == "6281234567890"
    assert [p.image for p in page.photos.all()] == [photo]
    assert [(link.platform, link.url) for link in page.marketplace_links.all()] == [
        ("tokopedia", "https://www.tokopedia.com/batik-gedog")
    ]
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert 'value="350.000"' in edit.text


@pytest.mark.parametrize("action", ["action-publish", "action-draft"])
@pytest.mark.parametrize("number", ["0356-321-123", "0812-345", "+1 415 555 0100"])
def test_invalid_whatsapp_number_is_refused_and_nothing_is_saved(
    client_for, operator_a, village_a, action, number
):
    client = client_for(operator_a)
    data = product_form(client, village_a, seller_whatsapp=number)
    data.pop("action-publish")
    data[action] = "1"
    response = client.post(add_url(village_a, "productpage"), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["seller_whatsapp"] == [
        "Nomor WhatsApp harus nomor HP Indonesia yang diawali 08 atau +62 8, "
        "misalnya 0812-3456-7890."
    ]
    assert "Nomor WhatsApp harus nomor HP Indonesia" in response.text
    assert not Page.objects.filter(slug="batik-gedog-tulis").exists()


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "ftp://contoh.test/batik", "shopee.co.id batik", "data:text/html,x"],
)
def test_marketplace_link_must_be_a_web_address(client_for, operator_a, village_a, url):
    client = client_for(operator_a)
    data = product_form(client, village_a, links=[("shopee", url)])
    response = client.post(add_url(village_a, "productpage"), data)
    assert response.status_code == 200
    assert "diawali https:// atau http://" in response.text
    assert not Page.objects.filter(slug="batik-gedog-tulis").exists()


def test_other_marketplace_needs_a_name(client_for, operator_a, village_a):
    client = client_for(operator_a)
    data = product_form(client, village_a, links=[("lainnya", "https://toko.contoh.test/")])
    response = client.post(add_url(village_a, "productpage"), data)
    assert response.status_code == 200
    assert "Isi nama toko atau platform bila memilih Lainnya." in response.text
    assert not Page.objects.filter(slug="batik-gedog-tulis").exists()


@pytest.mark.parametrize("price", ["150rb", "1,5 juta", "-5000"])
def test_unreadable_price_is_refused_and_nothing_is_saved(client_for, operator_a, village_a, price):
    client = client_for(operator_a)
    data = product_form(client, village_a, price=price)
    response = client.post(add_url(village_a, "productpage"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["price"] == [
        "Tulis harga dalam rupiah tanpa sen, misalnya 150000 atau 150.000."
    ]
    assert not Page.objects.filter(slug="batik-gedog-tulis").exists()


def test_product_without_price_is_saved_as_negotiable(client_for, operator_a, village_a):
    client = client_for(operator_a)
    response = client.post(
        add_url(village_a, "productpage"), product_form(client, village_a, price="")
    )
    assert response.status_code == 302
    assert ProductPage.objects.get(slug="batik-gedog-tulis").price is None


def potential_form(client, tenant, **fields):
    response = client.get(add_url(tenant, "potentialpage"))
    assert response.status_code == 200
    data = querydict_from_html(response.text, form_id="page-edit-form")
    data.update(
        nested_form_data(
            {
                "title": "Sumber Air Desa",
                "slug": "sumber-air",
                "kind": "alam",
                "location": "Dusun Krajan",
                "body": streamfield([]),
                "photos": inline_formset([]),
                "action-publish": "1",
            }
        )
    )
    data.update(fields)
    return data


@pytest.mark.parametrize(
    "latitude,longitude,field,message",
    [
        ("-20", "112", "latitude", "Garis lintang harus di wilayah Indonesia (antara -11 dan 6)."),
        ("-6.9", "150", "longitude", "Garis bujur harus di wilayah Indonesia (antara 94 dan 142)."),
        (
            "-6.9",
            "",
            "longitude",
            "Isi garis lintang dan garis bujur sekaligus, atau kosongkan keduanya.",
        ),
    ],
)
def test_potential_coordinates_must_lie_in_indonesia(
    client_for, operator_a, village_a, latitude, longitude, field, message
):
    client = client_for(operator_a)
    data = potential_form(client, village_a, latitude=latitude, longitude=longitude)
    response = client.post(add_url(village_a, "potentialpage"), data)
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert not Page.objects.filter(slug="sumber-air").exists()


def test_operator_adds_potential_with_coordinates(client_for, operator_a, village_a):
    client = client_for(operator_a)
    data = potential_form(client, village_a, latitude="-6.897", longitude="111.69")
    response = client.post(add_url(village_a, "potentialpage"), data)
    assert response.status_code == 302, response.context["form"].errors
    page = PotentialPage.objects.get(slug="sumber-air")
    assert (page.latitude, page.longitude) == (Decimal("-6.897"), Decimal("111.69"))


def test_operator_of_other_village_cannot_add_or_edit_products_here(
    client_for, operator_b, village_a
):
    product = add_batik(village_a)
    client = client_for(operator_b)
    assert client.get(add_url(village_a, "productpage")).status_code in (302, 403, 404)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[product.pk]))
    assert edit.status_code in (302, 403, 404)


def test_operator_previews_a_new_product_with_its_order_button(client_for, operator_a, village_a):
    client = client_for(operator_a)
    photo = make_image(village_a.collection, "batik")
    data = product_form(client, village_a, photos=[photo])
    url = reverse(
        "wagtailadmin_pages:preview_on_add",
        args=["products", "productpage", product_index(village_a).pk],
    )
    assert client.post(url, data).json()["is_valid"]
    preview = client.get(url)
    assert preview.status_code == 200
    assert "Rp 350.000" in preview.text
    assert 'href="https://wa.me/6281234567890?text=' in preview.text
    assert ".webp" in preview.text
    assert not Page.objects.filter(slug="batik-gedog-tulis").exists()
