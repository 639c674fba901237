"""Content pages inside a village site."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from modelcluster.fields import ParentalKey

from villages.models import PlatformPage

from .blocks import BodyBlock


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


class ProfilePage(PlatformPage):
    """The village profile (/profil/): history, vision and mission, geography."""

    intro = models.TextField(_("ringkasan"), blank=True, max_length=500)
    body = StreamField(BodyBlock(), verbose_name=_("isi"), blank=True)

    content_panels = [*PlatformPage.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *PlatformPage.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    api_fields = [APIField("intro"), APIField("body")]

    parent_page_types = ["villages.VillageHomePage"]
    subpage_types = ["home.StandardPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("profil desa")
        verbose_name_plural = _("profil desa")


class ContactFormField(AbstractFormField):
    page = ParentalKey("ContactPage", on_delete=models.CASCADE, related_name="form_fields")


class ContactPage(AbstractEmailForm):
    """Contact details and a form whose submissions only this village's operators read."""

    intro = RichTextField(_("pengantar"), blank=True, features=["bold", "italic", "link"])
    thank_you_text = RichTextField(
        _("pesan terima kasih"), blank=True, features=["bold", "italic", "link"]
    )

    content_panels = [
        *AbstractEmailForm.content_panels,
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("isian formulir")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading=_("Email"),
        ),
    ]
    search_fields = [*AbstractEmailForm.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro"), APIField("thank_you_text")]

    parent_page_types = ["villages.VillageHomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("halaman kontak")
        verbose_name_plural = _("halaman kontak")
