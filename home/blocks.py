"""StreamField blocks shared by the content pages."""

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.images.blocks import ImageBlock

PARAGRAPH = "paragraph"


def is_empty_paragraph(child) -> bool:
    """A paragraph block with no text in it (an untouched editor posts ``""`` or ``<p></p>``).

    The paragraph's features (bold, italic, links, lists, small headings) hold nothing but
    text, so a paragraph without text shows nothing.
    """
    if child.block_type != PARAGRAPH:
        return False
    source = getattr(child.value, "source", child.value) or ""
    return not strip_tags(source).replace("&nbsp;", "").replace("\xa0", "").strip()


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(label=_("judul bagian"), form_classname="title", icon="title")
    paragraph = blocks.RichTextBlock(
        label=_("paragraf"), features=["bold", "italic", "link", "ol", "ul", "h3", "h4"]
    )
    image = ImageBlock(label=_("gambar"))
    quote = blocks.BlockQuoteBlock(label=_("kutipan"))

    class Meta:
        label = _("isi")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Wagtail's ImageBlock leaves its chooser unlabelled, so the editor shows the field name,
        # "Image", in English. Set on the instance, so the migrations' block definitions stay.
        self.child_blocks["image"].child_blocks["image"].label = _("gambar")

    def new_page_value(self):
        """What a new page's body starts with in the editor: one empty paragraph, so the
        operator types at once instead of ⊕ → "paragraf" → a click into the box. Set by
        ``villages.tenancy.forms.TenantPageForm`` for a page that is being created; a page
        made in code (demo, provisioning, API) starts empty as before."""
        return self.to_python([{"type": PARAGRAPH, "value": ""}])

    def clean(self, value):
        # Empty paragraphs are dropped, not refused: the paragraph a new page starts with may
        # be left untouched (a news item of photos only) or emptied again, and saving must
        # neither fail on it ("wajib diisi") nor store a block that shows nothing. Errors of
        # the other blocks keep the positions they have in the editor.
        kept = [i for i, child in enumerate(value) if not is_empty_paragraph(child)]
        if len(kept) == len(value):
            return super().clean(value)
        children = list(value)
        trimmed = blocks.StreamValue(
            self,
            [(children[i].block_type, children[i].value, children[i].id) for i in kept],
            is_lazy=False,
        )
        try:
            return super().clean(trimmed)
        except StreamBlockValidationError as error:
            raise StreamBlockValidationError(
                block_errors={kept[i]: e for i, e in error.block_errors.items()},
                non_block_errors=error.non_block_errors,
            ) from error
