"""Per-village identity and navigation, edited by that village's operators only."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField

from ..colours import DARK_TEXT, has_readable_text, is_hex_colour
from ..phone import validate_phone, validate_whatsapp
from ..tenancy.forms import TenantModelForm
from ..widgets import ColourInput, LogoChooser

hex_colour = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", _("Gunakan kode warna heksadesimal, misalnya #1f6f43.")
)


def readable_colour(value: str) -> None:
    """Refuse a colour on which neither white nor the dark text reaches WCAG AA contrast.

    The theme writes text on the village colours (header, buttons, badges); a mid-tone grey
    or similar would leave every such text hard to read for visitors with low vision.
    """
    if not is_hex_colour(value):
        return  # hex_colour reports the format; one error per problem is enough
    if not has_readable_text(value):
        raise ValidationError(
            _(
                "Warna %(value)s kurang kontras: teks putih maupun teks gelap (%(dark)s) di "
                "atasnya tidak mencapai rasio 4,5:1 yang dibutuhkan agar mudah dibaca. "
                "Pilih warna yang lebih gelap atau lebih terang."
            ),
            code="low_contrast",
            params={"value": value, "dark": DARK_TEXT},
        )


@register_setting(icon="site")
class VillageIdentity(BaseSiteSetting):
    """Name, logo, colours and contact details shown in the shared theme."""

    display_name = models.CharField(_("nama tampilan"), max_length=255, blank=True)
    tagline = models.CharField(_("slogan"), max_length=255, blank=True)
    logo = models.ForeignKey(
        "assets.VillageImage",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    primary_colour = models.CharField(
        _("warna utama"),
        max_length=7,
        default="#1f6f43",
        validators=[hex_colour, readable_colour],
        help_text=_(
            "Latar kepala halaman dan warna tautan. Warna teks di atasnya dipilih otomatis."
        ),
    )
    secondary_colour = models.CharField(
        _("warna kedua"),
        max_length=7,
        default="#f2b705",
        validators=[hex_colour, readable_colour],
        help_text=_("Warna aksen: garis bawah kepala halaman dan label."),
    )
    address = models.TextField(_("alamat kantor"), blank=True)
    phone = models.CharField(
        _("telepon"),
        max_length=32,
        blank=True,
        validators=[validate_phone],
        help_text=_("Contoh: (0356) 321456"),
    )
    # A mobile number: the footer links it to a WhatsApp chat (wa.me).
    whatsapp = models.CharField(
        _("WhatsApp"),
        max_length=32,
        blank=True,
        validators=[validate_whatsapp],
        help_text=_("Nomor HP, contoh: 0812-3456-7890"),
    )
    email = models.EmailField(_("email"), blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    instagram_url = models.URLField(_("Instagram"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)
    tiktok_url = models.URLField(_("TikTok"), blank=True)
    x_url = models.URLField(_("X (Twitter)"), blank=True)
    footer_text = models.TextField(_("teks kaki halaman"), blank=True)

    base_form_class = TenantModelForm

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("display_name"),
                FieldPanel("tagline"),
                FieldPanel("logo", widget=LogoChooser()),
            ],
            heading=_("Identitas"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("primary_colour", widget=ColourInput()),
                FieldPanel("secondary_colour", widget=ColourInput()),
            ],
            heading=_("Warna"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("phone"),
                FieldPanel("whatsapp"),
                FieldPanel("email"),
            ],
            heading=_("Kontak"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("facebook_url"),
                FieldPanel("instagram_url"),
                FieldPanel("youtube_url"),
                FieldPanel("tiktok_url"),
                FieldPanel("x_url"),
            ],
            heading=_("Media sosial"),
        ),
        FieldPanel("footer_text"),
    ]

    class Meta:
        verbose_name = _("identitas desa")
        verbose_name_plural = _("identitas desa")

    @property
    def social_links(self) -> list[tuple[str, str]]:
        pairs = [
            ("Facebook", self.facebook_url),
            ("Instagram", self.instagram_url),
            ("YouTube", self.youtube_url),
            ("TikTok", self.tiktok_url),
            ("X", self.x_url),
        ]
        return [(label, url) for label, url in pairs if url]


class PageLinkBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label=_("halaman"))
    title = blocks.CharBlock(
        label=_("judul"), required=False, help_text=_("Kosongkan untuk memakai judul halaman.")
    )

    class Meta:
        icon = "doc-empty"
        label = _("tautan halaman")


class ExternalLinkBlock(blocks.StructBlock):
    url = blocks.URLBlock(label=_("alamat (URL)"))
    title = blocks.CharBlock(label=_("judul"))

    class Meta:
        icon = "link"
        label = _("tautan luar")


@register_setting(icon="list-ul")
class NavigationSettings(BaseSiteSetting):
    """The main menu of one village site."""

    main_menu = StreamField(
        [("page", PageLinkBlock()), ("external", ExternalLinkBlock())],
        verbose_name=_("menu utama"),
        blank=True,
    )

    panels = [FieldPanel("main_menu")]
    base_form_class = TenantModelForm

    class Meta:
        verbose_name = _("navigasi")
        verbose_name_plural = _("navigasi")
