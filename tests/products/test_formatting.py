"""Rupiah prices, WhatsApp numbers and order links, written the way buyers expect.

How typed WhatsApp numbers are read: tests/home/test_phone.py.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.utils import translation

import pytest

from products.formatting import display_whatsapp, format_rupiah, whatsapp_link
from products.validators import parse_rupiah


@pytest.mark.parametrize(
    "amount,expected",
    [
        (Decimal(0), "Rp 0"),
        (Decimal(500), "Rp 500"),
        (Decimal(1500), "Rp 1.500"),
        (Decimal(150000), "Rp 150.000"),
        (Decimal(350000), "Rp 350.000"),
        (Decimal(1250000), "Rp 1.250.000"),
        (12000, "Rp 12.000"),
    ],
)
def test_rupiah_uses_dots_for_thousands(amount, expected):
    assert format_rupiah(amount) == expected


def test_rupiah_filter_writes_indonesian_prices_even_on_english_pages():
    template = Template("{% load product_tags %}{{ price|rupiah }}")
    context = Context({"price": Decimal(150000)})
    assert template.render(context) == "Rp 150.000"
    with translation.override("en"):
        assert template.render(context) == "Rp 150.000"


def test_rupiah_filter_says_price_is_negotiable_without_a_price():
    template = Template("{% load product_tags %}{{ price|rupiah }}")
    assert template.render(Context({"price": None})) == "Harga menyesuaikan"


@pytest.mark.parametrize(
    "typed,expected",
    [
        ("150000", Decimal(150000)),
        ("150.000", Decimal(150000)),
        ("1.250.000", Decimal(1250000)),
        ("Rp 150.000", Decimal(150000)),
        ("Rp150.000,-", Decimal(150000)),
        ("rp. 12.000,00", Decimal(12000)),
        (" 500 ", Decimal(500)),
    ],
)
def test_price_is_read_as_indonesians_write_it(typed, expected):
    assert parse_rupiah(typed) == expected


@pytest.mark.parametrize("typed", ["150rb", "1,5 juta", "15.00", "150.0000", "-5000", "abc"])
def test_unreadable_price_is_refused_with_an_indonesian_example(typed):
    with pytest.raises(ValidationError) as error:
        parse_rupiah(typed)
    assert "misalnya 150000 atau 150.000" in error.value.messages[0]


def test_whatsapp_link_urlencodes_the_message():
    assert (
        whatsapp_link("6281234567890", "Halo, saya pesan Batik & Tenun? https://x.test/a/")
        == "https://wa.me/6281234567890?text=Halo%2C%20saya%20pesan%20Batik%20%26%20Tenun%3F"
        "%20https%3A%2F%2Fx.test%2Fa%2F"
    )


@pytest.mark.parametrize(
    "number,shown",
    [("6281234567890", "+62 812-3456-7890"), ("62811234567", "+62 811-2345-67")],
)
def test_whatsapp_number_is_shown_grouped(number, shown):
    assert display_whatsapp(number) == shown
