"""The village profile (/profil/): history, vision and mission, geography, hamlets."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index
from wagtail.signals import page_published

from modelcluster.fields import ParentalKey

from villages.models import PlatformPage

from ..blocks import BodyBlock

BORDER_HELP = _("Contoh: Desa Wangi, Kecamatan Jatirogo")


class MissionBlock(blocks.StreamBlock):
    """The mission (misi) as a numbered list of statements."""

    item = blocks.TextBlock(label=_("butir misi"), icon="list-ol")

    class Meta:
        label = _("misi")


class ProfilePage(PlatformPage):
    """The village profile (/profil/): history, vision and mission, geography."""

    intro = models.TextField(_("ringkasan"), blank=True, max_length=500)
    history = StreamField(BodyBlock(), verbose_name=_("sejarah"), blank=True)
    vision = models.TextField(
        _("visi"),
        blank=True,
        help_text=_("Contoh: Terwujudnya Desa Kebonharjo yang maju, mandiri dan sejahtera."),
    )
    mission = StreamField(MissionBlock(), verbose_name=_("misi"), blank=True)
    area_ha = models.DecimalField(
        _("luas wilayah (hektare)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0, message=_("Luas wilayah tidak boleh negatif."))],
    )
    altitude = models.IntegerField(
        _("ketinggian (mdpl)"),
        null=True,
        blank=True,
        help_text=_("Meter di atas permukaan laut."),
        validators=[
            MinValueValidator(-100, message=_("Ketinggian paling rendah -100 mdpl.")),
            MaxValueValidator(5000, message=_("Ketinggian paling tinggi 5.000 mdpl.")),
        ],
    )
    border_north = models.CharField(
        _("batas utara"), max_length=255, blank=True, help_text=BORDER_HELP
    )
    border_south = models.CharField(
        _("batas selatan"), max_length=255, blank=True, help_text=BORDER_HELP
    )
    border_east = models.CharField(
        _("batas timur"), max_length=255, blank=True, help_text=BORDER_HELP
    )
    border_west = models.CharField(
        _("batas barat"), max_length=255, blank=True, help_text=BORDER_HELP
    )
    body = StreamField(BodyBlock(), verbose_name=_("isi lainnya"), blank=True)

    content_panels = [
        *PlatformPage.content_panels,
        FieldPanel("intro"),
        FieldPanel("history"),
        MultiFieldPanel([FieldPanel("vision"), FieldPanel("mission")], heading=_("Visi dan misi")),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("area_ha"), FieldPanel("altitude")]),
                FieldRowPanel([FieldPanel("border_north"), FieldPanel("border_south")]),
                FieldRowPanel([FieldPanel("border_east"), FieldPanel("border_west")]),
            ],
            heading=_("Geografi"),
        ),
        InlinePanel("hamlets", heading=_("Dusun"), label=_("dusun")),
        FieldPanel("body"),
    ]
    search_fields = [
        *PlatformPage.search_fields,
        index.SearchField("intro"),
        index.SearchField("history"),
        index.SearchField("vision"),
        index.SearchField("mission"),
        index.SearchField("border_north"),
        index.SearchField("border_south"),
        index.SearchField("border_east"),
        index.SearchField("border_west"),
        index.SearchField("body"),
        index.RelatedFields("hamlets", [index.SearchField("name")]),
    ]
    api_fields = [
        APIField("intro"),
        APIField("history"),
        APIField("vision"),
        APIField("mission"),
        APIField("area_ha"),
        APIField("altitude"),
        APIField("border_north"),
        APIField("border_south"),
        APIField("border_east"),
        APIField("border_west"),
        APIField("hamlets"),
        APIField("body"),
    ]

    parent_page_types = ["villages.VillageHomePage"]
    subpage_types = ["home.StandardPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("profil desa")
        verbose_name_plural = _("profil desa")

    @property
    def borders(self) -> list[tuple[str, str]]:
        """(direction, neighbour) pairs that are filled in, north first."""
        pairs = [
            (_("Utara"), self.border_north),
            (_("Selatan"), self.border_south),
            (_("Timur"), self.border_east),
            (_("Barat"), self.border_west),
        ]
        return [(direction, text) for direction, text in pairs if text]


class ProfileHamlet(Orderable):
    """A hamlet (dusun) of the village, with its head and its RT/RW counts."""

    page = ParentalKey(ProfilePage, on_delete=models.CASCADE, related_name="hamlets")
    name = models.CharField(_("nama dusun"), max_length=100)
    head_name = models.CharField(_("kepala dusun"), max_length=100, blank=True)
    rw_count = models.PositiveSmallIntegerField(_("jumlah RW"), null=True, blank=True)
    rt_count = models.PositiveSmallIntegerField(_("jumlah RT"), null=True, blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("head_name"),
        FieldRowPanel([FieldPanel("rw_count"), FieldPanel("rt_count")]),
    ]
    api_fields = [
        APIField("name"),
        APIField("head_name"),
        APIField("rw_count"),
        APIField("rt_count"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("dusun")
        verbose_name_plural = _("dusun")

    def __str__(self) -> str:
        return self.name


@receiver(page_published, sender=ProfilePage)
def index_hamlets_after_publishing(sender, instance, **kwargs):
    """Index the profile again once its hamlets are saved, so dusun names are found.

    The search index is written when the page row is saved, before the page's inline rows
    (the hamlets) are; without this a new dusun name is only found after the next save.
    """
    index.insert_or_update_object(instance)
