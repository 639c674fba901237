"""Free-form pages."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.search import index

from villages.models import PlatformPage

from ..blocks import BodyBlock


class StandardPage(PlatformPage):
    """A page with a free-form body: profile, history, anything else."""

    intro = models.TextField(_("ringkasan"), blank=True, max_length=500)
    body = StreamField(BodyBlock(), verbose_name=_("isi"), blank=True)

    content_panels = [*PlatformPage.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *PlatformPage.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    api_fields = [APIField("intro"), APIField("body")]

    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("halaman standar")
        verbose_name_plural = _("halaman standar")
