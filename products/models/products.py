"""Product pages (UMKM): price, seller, photos and where to order."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from modelcluster.fields import ParentalKey

from villages.models import PlatformPage
from villages.phone import normalize_whatsapp, validate_whatsapp, whatsapp_number

from ..fields import WebAddressField
from ..formatting import display_whatsapp, format_rupiah, whatsapp_link
from ..forms import ProductPageForm
from .common import PhotoBase, PhotosMixin, village_title

# Tags that end a paragraph or list item: replaced by a space when making plain text.
BLOCK_TAGS = re.compile(r"</?(p|li|ul|ol|br|h[1-6])\b[^>]*>")


class Category(models.TextChoices):
    CULINARY = "kuliner", _("Kuliner")
    CRAFT = "kerajinan", _("Kerajinan")
    BATIK_WEAVING = "batik-tenun", _("Batik & Tenun")
    FARMING = "pertanian", _("Pertanian")
    LIVESTOCK = "peternakan", _("Peternakan")
    FISHERY = "perikanan", _("Perikanan")
    SERVICE = "jasa", _("Jasa")
    OTHER = "lainnya", _("Lainnya")


class Availability(models.TextChoices):
    IN_STOCK = "tersedia", _("Tersedia")
    PRE_ORDER = "pesan-dulu", _("Pesan dulu (pre-order)")
    SOLD_OUT = "habis", _("Stok habis")


# How schema.org names each availability, for search engines.
SCHEMA_AVAILABILITY = {
    Availability.IN_STOCK: "https://schema.org/InStock",
    Availability.PRE_ORDER: "https://schema.org/PreOrder",
    Availability.SOLD_OUT: "https://schema.org/OutOfStock",
}


class Platform(models.TextChoices):
    SHOPEE = "shopee", "Shopee"
    TOKOPEDIA = "tokopedia", "Tokopedia"
    TIKTOK = "tiktok", "TikTok Shop"
    LAZADA = "lazada", "Lazada"
    BUKALAPAK = "bukalapak", "Bukalapak"
    FACEBOOK = "facebook", "Facebook Marketplace"
    OTHER = "lainnya", _("Lainnya")


class ProductPage(PhotosMixin, PlatformPage):
    """One local product (UMKM): price, seller, photos and where to order it."""

    category = models.CharField(
        _("kategori"), max_length=20, choices=Category.choices, default=Category.CULINARY
    )
    price = models.DecimalField(
        _("harga (Rp)"),
        max_digits=12,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Kosongkan bila harga menyesuaikan."),
    )
    price_unit = models.CharField(
        _("satuan harga"),
        max_length=40,
        blank=True,
        help_text=_("Misalnya: per kg, per lembar, per botol."),
    )
    availability = models.CharField(
        _("ketersediaan"),
        max_length=20,
        choices=Availability.choices,
        default=Availability.IN_STOCK,
    )
    featured = models.BooleanField(
        _("produk unggulan"),
        default=False,
        help_text=_("Produk unggulan tampil paling depan dan di beranda desa."),
    )
    seller_name = models.CharField(_("nama penjual"), max_length=120)
    seller_whatsapp = models.CharField(
        _("nomor WhatsApp penjual"),
        max_length=25,
        blank=True,
        validators=[validate_whatsapp],
        help_text=_(
            "Misalnya 0812-3456-7890. Nomor ini tampil untuk umum: isi hanya dengan "
            "persetujuan penjual."
        ),
    )
    description = RichTextField(_("deskripsi"), blank=True, features=["bold", "italic", "ol", "ul"])

    content_panels = [
        *PlatformPage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("category"),
                FieldRowPanel([FieldPanel("price"), FieldPanel("price_unit")]),
                FieldPanel("availability"),
                FieldPanel("featured"),
            ],
            heading=_("Produk"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("seller_name"),
                FieldPanel(
                    "seller_whatsapp",
                    widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
                ),
            ],
            heading=_("Penjual"),
        ),
        FieldPanel("description"),
        InlinePanel("photos", label=_("foto")),
        InlinePanel("marketplace_links", label=_("tautan marketplace")),
    ]
    search_fields = [
        *PlatformPage.search_fields,
        index.SearchField("description"),
        index.SearchField("seller_name"),
        index.FilterField("category"),
        index.FilterField("featured"),
    ]
    api_fields = [
        APIField("category"),
        APIField("category_label"),
        APIField("price"),
        APIField("price_display"),
        APIField("price_unit"),
        APIField("availability"),
        APIField("featured"),
        APIField("seller_name"),
        APIField("seller_whatsapp"),
        APIField("whatsapp_url"),
        APIField("description"),
        APIField("photos"),
        APIField("marketplace_links"),
    ]
    # A seller's name and number are the same in every language.
    override_translatable_fields = [
        SynchronizedField("seller_name"),
        SynchronizedField("seller_whatsapp"),
    ]

    base_form_class = ProductPageForm
    parent_page_types = ["products.ProductIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("produk")
        verbose_name_plural = _("produk")

    def clean(self):
        super().clean()
        # Stored as WhatsApp wants it (628…), whatever way the operator typed it.
        self.seller_whatsapp = normalize_whatsapp(self.seller_whatsapp)

    @property
    def category_label(self) -> str:
        return str(self.get_category_display())

    @property
    def price_display(self) -> str:
        """``Rp 150.000``, or "Harga menyesuaikan" when no price is set."""
        if self.price is None:
            return gettext("Harga menyesuaikan")
        return format_rupiah(self.price)

    @property
    def is_sold_out(self) -> bool:
        return self.availability == Availability.SOLD_OUT

    @property
    def schema_availability(self) -> str:
        return SCHEMA_AVAILABILITY.get(self.availability, "https://schema.org/InStock")

    def order_message(self, request=None) -> str:
        """The chat message a buyer sends: the product, the village and this page's URL."""
        return gettext("Halo, saya ingin memesan %(product)s dari %(village)s. %(url)s") % {
            "product": self.title,
            "village": village_title(self),
            "url": self.get_full_url(request),
        }

    def get_whatsapp_url(self, request=None) -> str:
        """The order link that opens a WhatsApp chat with the seller, or "" without a number."""
        number = whatsapp_number(self.seller_whatsapp)
        # No number, or one stored around the form's checks: no link rather than an error.
        return whatsapp_link(number, self.order_message(request)) if number else ""

    @property
    def whatsapp_url(self) -> str:
        return self.get_whatsapp_url()

    @property
    def seller_whatsapp_display(self) -> str:
        return display_whatsapp(self.seller_whatsapp) if self.seller_whatsapp else ""

    @property
    def plain_description(self) -> str:
        """The description as plain text (for search engines), paragraphs kept apart."""
        return " ".join(strip_tags(BLOCK_TAGS.sub(" ", self.description)).split())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["whatsapp_url"] = self.get_whatsapp_url(request)
        context["photos"] = self.photos.select_related("image")
        context["marketplace_links"] = self.marketplace_links.all()
        return context


class ProductPhoto(PhotoBase):
    page = ParentalKey(ProductPage, on_delete=models.CASCADE, related_name="photos")

    class Meta(PhotoBase.Meta):
        verbose_name = _("foto produk")
        verbose_name_plural = _("foto produk")


class ProductMarketplaceLink(Orderable):
    """Where else the product can be bought: a marketplace shop page."""

    page = ParentalKey(ProductPage, on_delete=models.CASCADE, related_name="marketplace_links")
    platform = models.CharField(
        _("platform"), max_length=20, choices=Platform.choices, default=Platform.SHOPEE
    )
    label = models.CharField(
        _("nama toko atau platform"),
        max_length=60,
        blank=True,
        help_text=_("Opsional; wajib diisi bila platform Lainnya."),
    )
    url = WebAddressField(
        _("alamat tautan"), max_length=500, help_text=_("Misalnya https://shopee.co.id/…")
    )

    panels = [FieldPanel("platform"), FieldPanel("label"), FieldPanel("url")]
    api_fields = [APIField("platform"), APIField("display_name"), APIField("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("tautan marketplace")
        verbose_name_plural = _("tautan marketplace")

    def clean(self):
        super().clean()
        if self.platform == Platform.OTHER and not self.label.strip():
            raise ValidationError({"label": _("Isi nama toko atau platform bila memilih Lainnya.")})

    @property
    def display_name(self) -> str:
        return self.label or str(self.get_platform_display())
