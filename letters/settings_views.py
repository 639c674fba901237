"""Configuring the letter service in the admin.

- The village's operators choose the letter types their village serves and who signs.
- The regency's admins set the letterhead, the numbering format, numbering per type, the
  paper, the types a new village serves, and the wording of each type (placeholders only,
  ``letters.wording``). Every change is in the regency's history; a preview renders the
  wording as a PDF with sample data, so nothing reaches a resident unseen.
"""

from __future__ import annotations

import datetime

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from audit.models import Action
from audit.services import record
from villages.models import Region
from villages.models.regions import Level

from .configuration import regency_settings, standard_wording, village_service, wording_for
from .letter_types import get_type, standard_types
from .models import (
    IssuedNumber,
    Letter,
    LetterRequest,
    LetterTemplate,
    RegencyLetterSettings,
    VillageLetterService,
)
from .numbering import format_number
from .pdf import render_pdf
from .permissions import admin_regencies, operator_villages
from .wording import (
    LETTERHEAD_PLACEHOLDERS,
    SIGNATURE_PLACEHOLDERS,
    allowed_names,
    validate_wording,
)


def _type_choices():
    return [(slug, kind.name) for slug, kind in standard_types().items()]


class VillageServiceForm(forms.ModelForm):
    enabled_types = forms.MultipleChoiceField(
        label=gettext_lazy("Jenis surat yang dilayani"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = VillageLetterService
        fields = ["enabled_types", "signer_name", "signer_position"]
        help_texts = {"signer_name": gettext_lazy("Misalnya nama Kepala Desa beserta gelarnya.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enabled_types"].choices = _type_choices()
        self.fields["signer_name"].required = True


def _chosen(queryset, code):
    regions = list(queryset.order_by("code"))
    if not regions:
        raise PermissionDenied
    if code:
        for region in regions:
            if region.code == code:
                return region, regions
        raise Http404
    return regions[0], regions


class VillageSettingsView(WagtailAdminTemplateMixin, FormView):
    template_name = "letters/admin/village_settings.html"
    form_class = VillageServiceForm
    page_title = gettext_lazy("Pengaturan layanan surat desa")
    header_icon = "cog"

    def dispatch(self, request, *args, **kwargs):
        self.village, self.villages = _chosen(
            operator_villages(request.user), request.GET.get("desa", "")
        )
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = village_service(self.village)
        return kwargs

    def form_valid(self, form):
        service = form.save(commit=False)
        service.village = self.village
        service.save()
        record(
            self.village,
            Action.LETTER_SETTINGS,
            actor=self.request.user,
            label=str(_("Layanan surat desa")),
            data={"enabled_types": service.enabled_types},
        )
        messages.success(self.request, _("Pengaturan layanan surat disimpan."))
        return HttpResponseRedirect(f"{self.request.path}?desa={self.village.code}")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            village=self.village,
            villages=self.villages if len(self.villages) <= 500 else [],
        )
        return context


class RegencySettingsForm(forms.ModelForm):
    default_types = forms.MultipleChoiceField(
        label=gettext_lazy("Jenis surat bawaan desa baru"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=gettext_lazy("Tidak dicentang satu pun berarti semua jenis surat standar."),
    )

    class Meta:
        model = RegencyLetterSettings
        fields = [
            "letterhead",
            "signature_block",
            "number_format",
            "number_per_type",
            "paper",
            "default_types",
        ]
        widgets = {
            "letterhead": forms.Textarea(attrs={"rows": 4}),
            "signature_block": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["default_types"].choices = _type_choices()

    def clean_letterhead(self):
        text = self.cleaned_data["letterhead"]
        validate_wording(text, LETTERHEAD_PLACEHOLDERS)
        if len([line for line in text.splitlines() if line.strip()]) > 6:
            raise forms.ValidationError(_("Kop surat paling banyak 6 baris."))
        return text

    def clean_signature_block(self):
        text = self.cleaned_data["signature_block"]
        validate_wording(text, SIGNATURE_PLACEHOLDERS)
        if len([line for line in text.splitlines() if line.strip()]) > 4:
            raise forms.ValidationError(_("Blok tanda tangan paling banyak 4 baris."))
        return text

    def clean_number_format(self):
        template = self.cleaned_data["number_format"]
        # The longest plausible number must fit: a year's thousandth letter in December.
        format_number(
            template,
            number=9999,
            classification="400.10.2",
            village_code="35.23.02.2001",
            date=datetime.date(2026, 12, 31),
        )
        return template


class RegencyMixin:
    def dispatch(self, request, *args, **kwargs):
        self.regency, self.regencies = _chosen(
            admin_regencies(request.user), request.GET.get("kabupaten", "")
        )
        return super().dispatch(request, *args, **kwargs)

    def regency_query(self) -> str:
        return f"?kabupaten={self.regency.code}"


class RegencySettingsView(RegencyMixin, WagtailAdminTemplateMixin, FormView):
    template_name = "letters/admin/regency_settings.html"
    form_class = RegencySettingsForm
    page_title = gettext_lazy("Format surat kabupaten")
    header_icon = "cog"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = regency_settings(self.regency)
        return kwargs

    def form_valid(self, form):
        settings = form.save(commit=False)
        settings.regency = self.regency
        settings.updated_by = self.request.user
        settings.save()
        record(
            self.regency,
            Action.LETTER_SETTINGS,
            actor=self.request.user,
            label=str(_("Format surat kabupaten")),
            data={"number_format": settings.number_format, "paper": settings.paper},
        )
        messages.success(self.request, _("Format surat kabupaten disimpan."))
        return HttpResponseRedirect(self.request.path + self.regency_query())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        templates = {t.letter_type: t for t in LetterTemplate.objects.filter(regency=self.regency)}
        context.update(
            regency=self.regency,
            regencies=self.regencies,
            kinds=[(kind, slug in templates) for slug, kind in standard_types().items()],
            query=self.regency_query(),
        )
        return context


class TemplateForm(forms.ModelForm):
    class Meta:
        model = LetterTemplate
        fields = ["title", "opening", "statement", "closing"]
        widgets = {
            "opening": forms.Textarea(attrs={"rows": 3}),
            "statement": forms.Textarea(attrs={"rows": 6}),
            "closing": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, kind, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.allowed = allowed_names(kind)
        for name in self.Meta.fields:
            self.fields[name].max_length = 200 if name == "title" else 4000

    def _checked(self, name):
        text = self.cleaned_data[name]
        validate_wording(text, self.allowed)
        return text

    def clean_title(self):
        return self._checked("title")

    def clean_opening(self):
        return self._checked("opening")

    def clean_statement(self):
        return self._checked("statement")

    def clean_closing(self):
        return self._checked("closing")


class TemplateEditView(RegencyMixin, WagtailAdminTemplateMixin, FormView):
    template_name = "letters/admin/template_edit.html"
    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        self.kind = get_type(kwargs["letter_type"])
        if self.kind is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Templat %(name)s") % {"name": self.kind.name}

    def get_form(self, form_class=None):
        instance = LetterTemplate.objects.filter(
            regency=self.regency, letter_type=self.kind.slug
        ).first()
        if instance is None:
            wording = standard_wording(self.kind)
            instance = LetterTemplate(
                regency=self.regency,
                letter_type=self.kind.slug,
                title=wording.title,
                opening=wording.opening,
                statement=wording.statement,
                closing=wording.closing,
            )
        return TemplateForm(self.kind, **{**self.get_form_kwargs(), "instance": instance})

    def post(self, request, *args, **kwargs):
        if "reset" in request.POST:
            LetterTemplate.objects.filter(regency=self.regency, letter_type=self.kind.slug).delete()
            messages.success(request, _("Templat dikembalikan ke bentuk standar."))
            return HttpResponseRedirect(request.path + self.regency_query())
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        if "preview" in self.request.POST:
            template = form.save(commit=False)
            return preview_response(self.regency, self.kind, template)
        template = form.save(commit=False)
        template.regency = self.regency
        template.letter_type = self.kind.slug
        template.updated_by = self.request.user
        template.save()
        record(
            self.regency,
            Action.LETTER_SETTINGS,
            actor=self.request.user,
            label=_("Templat %(name)s") % {"name": self.kind.name},
            data={"letter_type": self.kind.slug},
        )
        messages.success(self.request, _("Templat disimpan."))
        return HttpResponseRedirect(self.request.path + self.regency_query())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            kind=self.kind,
            regency=self.regency,
            placeholders=[f"{{{{ {name} }}}}" for name in allowed_names(self.kind)],
            back=reverse("letters_regency_settings") + self.regency_query(),
            customised=wording_for(self.regency, self.kind).customised,
        )
        return context


SAMPLE = {
    "name": "Budi Santoso",
    "nik": "3523020101900001",
    "family_card": "3523020101080001",
    "birth_date": datetime.date(1990, 1, 1),
    "address": "Dusun Krajan RT 01 RW 01",
}


def preview_response(regency, kind, template) -> HttpResponse:
    """The wording rendered as a PDF with sample data and a sample number: nothing saved."""
    from .issuing import TEMPLATE, letter_context

    village = (
        Region.objects.filter(level=Level.VILLAGE, code__startswith=f"{regency.code}.")
        .order_by("code")
        .first()
    )
    if village is None:
        raise Http404
    settings = regency_settings(regency)
    today = datetime.date.today()
    sample_request = LetterRequest(village=village, letter_type=kind.slug, **SAMPLE)
    personal = ("nama", "nik", "no_kk", "tanggal_lahir", "alamat")
    sample_request.answer_values = {
        f.name: f"[{f.label}]" for f in kind.fields if f.name not in personal
    }
    number = IssuedNumber(
        village=village,
        year=today.year,
        number=1,
        formatted=format_number(
            settings.number_format,
            number=1,
            classification=kind.classification,
            village_code=village.code,
            date=today,
        ),
    )
    letter = Letter(
        village=village,
        number=number,
        letter_type=kind.slug,
        issued_on=today,
        valid_until=today + datetime.timedelta(days=kind.validity_days),
        signer_name="Nama Kepala Desa",
        signer_position="Kepala Desa",
        token="pratinjau-bukan-surat-asli",  # noqa: S106 (a preview's QR leads nowhere)
        holder_masked="B***i S*****o",
    )
    with translation.override("id"):
        context = letter_context(letter, sample_request, kind, wording=template)
        html = render_to_string(TEMPLATE, context)
    pdf = render_pdf(html, paper=settings.paper or "A4")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="pratinjau.pdf"'
    response["Cache-Control"] = "no-store, private"
    return response
