"""StreamField blocks of the village home page: key figures and quick links."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks

from .models.settings import ExternalLinkBlock, PageLinkBlock


class KeyFigureBlock(blocks.StructBlock):
    """One number residents look for first: population, area, hamlets, families…"""

    label = blocks.CharBlock(label=_("keterangan"), max_length=60, help_text=_("Mis. Penduduk"))
    value = blocks.CharBlock(label=_("angka"), max_length=30, help_text=_("Mis. 4.215"))
    unit = blocks.CharBlock(
        label=_("satuan"), max_length=30, required=False, help_text=_("Mis. jiwa, ha, KK")
    )

    class Meta:
        icon = "order"
        label = _("angka penting")


class KeyFiguresBlock(blocks.StreamBlock):
    figure = KeyFigureBlock()

    class Meta:
        max_num = 8


class QuickLinksBlock(blocks.StreamBlock):
    page = PageLinkBlock()
    external = ExternalLinkBlock()

    class Meta:
        max_num = 12
