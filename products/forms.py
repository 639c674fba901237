"""Admin form pieces for product pages."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from villages.tenancy.forms import TenantPageForm

from .validators import parse_rupiah


class RupiahFormField(forms.CharField):
    """A price field that takes rupiah as people write them (``150.000``, ``Rp 150.000``).

    A plain decimal field would read ``150.000`` as one hundred and fifty.
    """

    widget = forms.TextInput(attrs={"inputmode": "numeric"})

    def to_python(self, value):
        text = super().to_python(value)
        return parse_rupiah(text) if text else None

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return f"{int(value):,}".replace(",", ".")
        return value


class ProductPageForm(TenantPageForm):
    """Product page form: the price field reads Indonesian-style numbers."""

    price = RupiahFormField(
        label=_("Harga (Rp)"),
        required=False,
        help_text=_("Misalnya 150.000. Kosongkan bila harga menyesuaikan."),
    )
