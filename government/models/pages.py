"""The government section (/pemerintahan/), institution pages and the BUMDes page.

A BUMDes is an institution with more to say (legal basis, business units), so ``BumdesPage``
extends ``InstitutionPage`` (multi-table): it keeps the officials, contact and news of every
institution, is listed with them, and news can name it like any other institution. Its kind
is always BUMDes; a plain institution page may be any kind but BUMDes.
"""

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Orderable
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from modelcluster.fields import ParentalKey

from home.blocks import BodyBlock
from villages.models import PlatformPage, VillageHomePage
from villages.tenancy.forms import TenantPageForm

from ..validators import validate_year
from .base import (
    LOGO_RENDITION,
    PHOTO_RENDITION,
    OfficialBase,
    PhoneContact,
    officials_with_photos,
    split_serving,
)

LATEST_NEWS = 5

OFFICIAL_SEARCH_FIELDS = [index.SearchField("name"), index.SearchField("position")]


class InstitutionKind(models.TextChoices):
    """Kinds of village institutions (lembaga desa); the section lists them in this order."""

    BPD = "bpd", _("BPD (Badan Permusyawaratan Desa)")
    LPMD = "lpmd", _("LPMD (Lembaga Pemberdayaan Masyarakat Desa)")
    PKK = "pkk", _("PKK (Pemberdayaan Kesejahteraan Keluarga)")
    KARANG_TARUNA = "karang_taruna", _("Karang Taruna")
    BUMDES = "bumdes", _("BUMDes (Badan Usaha Milik Desa)")
    POSYANDU = "posyandu", _("Posyandu")
    LINMAS = "linmas", _("Linmas (Perlindungan Masyarakat)")
    RT_RW = "rt_rw", _("RT/RW")
    OTHER = "lainnya", _("Lembaga lainnya")


class GovernmentIndexPage(PlatformPage):
    """The village's government section: its officials, then its institutions by kind."""

    intro = models.TextField(_("ringkasan"), blank=True, max_length=500)

    content_panels = [
        *PlatformPage.content_panels,
        FieldPanel("intro"),
        InlinePanel("officials", label=_("perangkat desa")),
    ]
    search_fields = [
        *PlatformPage.search_fields,
        index.SearchField("intro"),
        index.RelatedFields("officials", OFFICIAL_SEARCH_FIELDS),
    ]
    api_fields = [APIField("intro"), APIField("officials")]

    parent_page_types = ["villages.VillageHomePage"]
    subpage_types = ["government.InstitutionPage", "government.BumdesPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("indeks pemerintahan")
        verbose_name_plural = _("indeks pemerintahan")

    def institution_groups(self) -> list[tuple[str, list]]:
        """Live child institutions as (kind label, institutions), kinds in their fixed order
        and institutions in the operators' (tree) order."""
        institutions = (
            InstitutionPage.objects.child_of(self)
            .live()
            .public()
            .select_related("logo")
            .prefetch_related("logo__renditions")
            .order_by("path")
        )
        by_kind = defaultdict(list)
        for institution in institutions:
            by_kind[institution.kind].append(institution)
        return [
            (kind.label, by_kind[kind.value]) for kind in InstitutionKind if kind.value in by_kind
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["officials"], context["former_officials"] = split_serving(
            officials_with_photos(self.officials)
        )
        context["institution_groups"] = self.institution_groups()
        return context


class Official(OfficialBase):
    """An official (perangkat desa) of the village government."""

    page = ParentalKey(GovernmentIndexPage, on_delete=models.CASCADE, related_name="officials")

    class Meta(OfficialBase.Meta):
        verbose_name = _("perangkat desa")
        verbose_name_plural = _("perangkat desa")


class InstitutionPageForm(TenantPageForm):
    """A plain institution page is never a BUMDes: that has its own page type."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "kind" in self.fields:
            self.fields["kind"].choices = [
                choice
                for choice in self.fields["kind"].choices
                if choice[0] != InstitutionKind.BUMDES
            ]


# Shared by InstitutionPage and BumdesPage (Wagtail binds a copy of each panel per model).
ABOUT_PANELS = [FieldPanel("logo"), FieldPanel("intro"), FieldPanel("body")]
PEOPLE_AND_CONTACT_PANELS = [
    InlinePanel("officials", label=_("pengurus")),
    MultiFieldPanel(
        [
            FieldPanel("address"),
            FieldPanel("phone"),
            FieldPanel("whatsapp"),
            FieldPanel("email"),
        ],
        heading=_("Kontak sekretariat"),
    ),
]


class InstitutionPage(PhoneContact, PlatformPage):
    """A village institution (BPD, PKK, Karang Taruna, posyandu…) with its officials,
    public contact and news."""

    kind = models.CharField(
        _("jenis lembaga"),
        max_length=20,
        choices=InstitutionKind.choices,
        default=InstitutionKind.OTHER,
    )
    logo = models.ForeignKey(
        "assets.VillageImage",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    intro = models.TextField(_("deskripsi singkat"), blank=True, max_length=500)
    body = StreamField(BodyBlock(), verbose_name=_("isi"), blank=True)
    address = models.TextField(_("alamat sekretariat"), blank=True, max_length=300)
    email = models.EmailField(_("email"), blank=True)

    content_panels = [
        *PlatformPage.content_panels,
        FieldPanel("kind"),
        *ABOUT_PANELS,
        *PEOPLE_AND_CONTACT_PANELS,
    ]
    search_fields = [
        *PlatformPage.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("kind"),
        index.RelatedFields("officials", OFFICIAL_SEARCH_FIELDS),
    ]
    api_fields = [
        APIField("kind"),
        APIField("kind_label"),
        APIField("logo", serializer=ImageRenditionField(LOGO_RENDITION)),
        APIField("intro"),
        APIField("body"),
        APIField("officials"),
        APIField("address"),
        APIField("phone"),
        APIField("whatsapp"),
        APIField("email"),
    ]
    # Phone numbers are the same in every language: copied to translations, never translated.
    override_translatable_fields = [SynchronizedField("phone"), SynchronizedField("whatsapp")]

    base_form_class = InstitutionPageForm
    parent_page_types = ["government.GovernmentIndexPage"]
    subpage_types: list[str] = []

    # Set by page types that stand for one kind only (BumdesPage).
    fixed_kind: str | None = None

    class Meta:
        verbose_name = _("lembaga desa")
        verbose_name_plural = _("lembaga desa")

    @property
    def kind_label(self) -> str:
        return str(self.get_kind_display())

    def clean(self):
        super().clean()
        if self.fixed_kind:
            self.kind = self.fixed_kind
        elif self.kind == InstitutionKind.BUMDES:
            raise ValidationError(
                {
                    "kind": _(
                        "Untuk BUMDes gunakan jenis halaman “BUMDes”, yang memuat unit usahanya."
                    )
                }
            )

    def published_news(self):
        """Live news naming this institution, newest first, from this institution's village.

        Matched on the translation key: a translated news item keeps pointing at the
        Indonesian institution (wagtail-localize copies page links as they are), and so still
        shows on the translated institution page, which lives in the same language tree.
        """
        from news.models import NewsPage

        village = VillageHomePage.objects.ancestor_of(self).first()
        if village is None:
            return NewsPage.objects.none()
        return (
            NewsPage.objects.descendant_of(village)
            .live()
            .public()
            .filter(institution__translation_key=self.translation_key)
            .order_by("-date", "-first_published_at", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["officials"], context["former_officials"] = split_serving(
            officials_with_photos(self.officials)
        )
        context["news_items"] = self.published_news()[:LATEST_NEWS]
        return context


class InstitutionOfficial(OfficialBase):
    """An official (pengurus) of a village institution."""

    page = ParentalKey(InstitutionPage, on_delete=models.CASCADE, related_name="officials")

    class Meta(OfficialBase.Meta):
        verbose_name = _("pengurus lembaga")
        verbose_name_plural = _("pengurus lembaga")


class BumdesPage(InstitutionPage):
    """The village-owned enterprise (Badan Usaha Milik Desa) and its business units."""

    legal_basis = models.CharField(
        _("dasar hukum"),
        max_length=255,
        blank=True,
        help_text=_(
            "Misalnya Peraturan Desa Kebonharjo Nomor 4 Tahun 2017 tentang Pendirian BUMDes."
        ),
    )
    year_founded = models.PositiveSmallIntegerField(
        _("tahun berdiri"), null=True, blank=True, validators=[validate_year]
    )

    content_panels = [
        *PlatformPage.content_panels,
        *ABOUT_PANELS,
        MultiFieldPanel(
            [FieldPanel("legal_basis"), FieldPanel("year_founded")], heading=_("Badan hukum")
        ),
        InlinePanel("units", label=_("unit usaha")),
        *PEOPLE_AND_CONTACT_PANELS,
    ]
    search_fields = [
        *InstitutionPage.search_fields,
        index.SearchField("legal_basis"),
        index.RelatedFields(
            "units",
            [
                index.SearchField("name"),
                index.SearchField("description"),
                index.SearchField("services"),
            ],
        ),
    ]
    api_fields = [
        *InstitutionPage.api_fields,
        APIField("legal_basis"),
        APIField("year_founded"),
        APIField("units"),
    ]

    parent_page_types = ["government.GovernmentIndexPage"]
    subpage_types: list[str] = []
    fixed_kind = InstitutionKind.BUMDES

    class Meta:
        verbose_name = _("BUMDes")
        verbose_name_plural = _("BUMDes")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["units"] = (
            self.units.all().select_related("photo").prefetch_related("photo__renditions")
        )
        return context


class BumdesUnit(PhoneContact, Orderable):
    """A business unit of the BUMDes (simpan pinjam, air bersih, wisata…)."""

    page = ParentalKey(BumdesPage, on_delete=models.CASCADE, related_name="units")
    name = models.CharField(_("nama unit"), max_length=120)
    description = models.TextField(_("keterangan"), blank=True, max_length=500)
    services = models.TextField(
        _("layanan"),
        blank=True,
        max_length=1000,
        help_text=_("Satu layanan per baris, misalnya “Pinjaman modal usaha mulai Rp500.000”."),
    )
    photo = models.ForeignKey(
        "assets.VillageImage",
        verbose_name=_("foto"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("services"),
        FieldPanel("phone"),
        FieldPanel("whatsapp"),
        FieldPanel("photo"),
    ]
    api_fields = [
        APIField("name"),
        APIField("description"),
        APIField("services"),
        APIField("phone"),
        APIField("whatsapp"),
        APIField("photo", serializer=ImageRenditionField(PHOTO_RENDITION)),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("unit usaha")
        verbose_name_plural = _("unit usaha")

    def __str__(self) -> str:
        return self.name

    @property
    def service_list(self) -> list[str]:
        return [line.strip() for line in self.services.splitlines() if line.strip()]
