"""StreamField blocks shared by the content pages."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.images.blocks import ImageBlock


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(label=_("judul bagian"), form_classname="title", icon="title")
    paragraph = blocks.RichTextBlock(
        label=_("paragraf"), features=["bold", "italic", "link", "ol", "ul", "h3", "h4"]
    )
    image = ImageBlock(label=_("gambar"))
    quote = blocks.BlockQuoteBlock(label=_("kutipan"))

    class Meta:
        label = _("isi")
