"""The contact and complaints page (/kontak/): office details and a protected form.

Submissions are stored for the village's operators (the admin scopes them per village in
``villages.wagtail_hooks``) and emailed to them; they never appear in the page, the API or
search. A honeypot field and a per-client rate limit keep bots out.
"""

from django.db import models
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.forms.models import (
    FORM_FIELD_CHOICES,
    AbstractFormField,
    EmailFormMixin,
    FormMixin,
)
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from modelcluster.fields import ParentalKey

from villages.models import PlatformPage
from villages.phone import tel_url, validate_phone, validate_whatsapp, whatsapp_url
from villages.tenancy.forms import TenantFormPageForm

from ..forms import ContactFormBuilder
from ..ratelimit import contact_form_limit

CONTACT_FIELD_CHOICES = (*FORM_FIELD_CHOICES, ("tel", _("Nomor telepon/HP")))


class ContactFormField(AbstractFormField):
    """A field of the contact form, as operators arrange them in the admin."""

    page = ParentalKey("ContactPage", on_delete=models.CASCADE, related_name="form_fields")
    field_type = models.CharField(
        verbose_name=_("jenis isian"), max_length=16, choices=CONTACT_FIELD_CHOICES
    )


class ContactPage(EmailFormMixin, FormMixin, PlatformPage):
    """Contact details and a form whose submissions only this village's operators read."""

    base_form_class = TenantFormPageForm

    intro = RichTextField(_("pengantar"), blank=True, features=["bold", "italic", "link"])
    address = models.TextField(
        _("alamat kantor"), blank=True, help_text=_("Contoh: Jl. Raya Jatirogo No. 12, Tuban")
    )
    phone = models.CharField(
        _("telepon"),
        max_length=32,
        blank=True,
        validators=[validate_phone],
        help_text=_("Contoh: (0356) 321456"),
    )
    whatsapp = models.CharField(
        _("WhatsApp"),
        max_length=32,
        blank=True,
        validators=[validate_whatsapp],
        help_text=_("Nomor HP, contoh: 0812-3456-7890"),
    )
    public_email = models.EmailField(
        _("email kantor"), blank=True, help_text=_("Ditampilkan kepada pengunjung.")
    )
    thank_you_text = RichTextField(
        _("pesan terima kasih"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Ditampilkan setelah pesan terkirim. Kosongkan untuk teks bawaan."),
    )

    form_builder = ContactFormBuilder

    content_panels = [
        *PlatformPage.content_panels,
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("whatsapp")]),
                FieldPanel("public_email"),
            ],
            heading=_("Kontak kantor desa"),
        ),
        InlinePanel("office_hours", heading=_("Jam pelayanan"), label=_("jam pelayanan")),
        InlinePanel("form_fields", heading=_("Formulir"), label=_("isian formulir")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading=_("Email"),
            help_text=_("Tanpa alamat penerima, pesan dikirim ke semua operator aktif desa ini."),
        ),
    ]
    search_fields = [
        *PlatformPage.search_fields,
        index.SearchField("intro"),
        index.SearchField("address"),
    ]
    api_fields = [
        APIField("intro"),
        APIField("address"),
        APIField("office_hours"),
        APIField("phone"),
        APIField("whatsapp"),
        APIField("whatsapp_url"),
        APIField("public_email"),
        APIField("thank_you_text"),
        # The form's questions (labels, types, choices) are public; answers never are.
        APIField("form_fields"),
    ]

    parent_page_types = ["villages.VillageHomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("halaman kontak")
        verbose_name_plural = _("halaman kontak")

    @property
    def phone_url(self) -> str:
        return tel_url(self.phone)

    @property
    def whatsapp_url(self) -> str:
        return whatsapp_url(self.whatsapp)

    def serve(self, request, *args, **kwargs):
        if request.method != "POST":
            return super().serve(request, *args, **kwargs)
        form = self.get_form(request.POST, request.FILES, page=self, user=request.user)
        limit = contact_form_limit(self, request)
        if limit.exceeded():
            return self.render_form(request, form, rate_limited=True)
        if not form.is_valid():
            return self.render_form(request, form)
        # Counted only for complete submissions, so a visitor fixing typos is not locked out.
        if not limit.consume():
            return self.render_form(request, form, rate_limited=True)
        if form.is_spam():
            # The bot sees the usual confirmation and learns nothing.
            return self.render_landing_page(request, None, *args, **kwargs)
        submission = self.process_form_submission(form)
        return self.render_landing_page(request, submission, *args, **kwargs)

    def render_form(self, request, form, *, rate_limited: bool = False):
        """The page with the (bound) form; 429 when the sender is over the rate limit."""
        context = self.get_context(request)
        context["form"] = form
        context["rate_limited"] = rate_limited
        response = TemplateResponse(
            request, self.get_template(request), context, status=429 if rate_limited else 200
        )
        if rate_limited:
            response["Retry-After"] = str(contact_form_limit(self, request).window)
        return response

    def process_form_submission(self, form):
        """Store the submission (without the honeypot) and email it to the operators."""
        from ..services import notify_operators

        submission = self.get_submission_class().objects.create(
            form_data=form.submission_data(), page=self
        )
        notify_operators(self, form, submission)
        return submission


class ContactOfficeHours(Orderable):
    """One line of office hours, e.g. "Senin–Kamis" / "08.00–15.00 WIB"."""

    page = ParentalKey(ContactPage, on_delete=models.CASCADE, related_name="office_hours")
    days = models.CharField(_("hari"), max_length=50, help_text=_("Contoh: Senin–Kamis"))
    hours = models.CharField(
        _("jam"), max_length=50, help_text=_("Contoh: 08.00–15.00 WIB, atau Tutup")
    )

    panels = [FieldRowPanel([FieldPanel("days"), FieldPanel("hours")])]
    api_fields = [APIField("days"), APIField("hours")]

    class Meta(Orderable.Meta):
        verbose_name = _("jam pelayanan")
        verbose_name_plural = _("jam pelayanan")

    def __str__(self) -> str:
        return f"{self.days}: {self.hours}"
