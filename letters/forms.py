"""The public request form, built from a letter type's fields, and the forms of the status
page. Errors are in Indonesian and name the field; nothing is saved unless every field and
every attachment is valid."""

from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from assets.private_uploads import check_private_upload, max_bytes_setting
from home.forms import HONEYPOT_FIELD
from villages.phone import validate_whatsapp

from .codes import normalise_tracking_code
from .letter_types import LetterType
from .nik import parse_nik

MAX_TEXT = 200
MAX_TEXTAREA = 1000
ACCEPT = "image/jpeg,image/png,image/webp,application/pdf"


def _clean_text(value: str) -> str:
    # Control characters (other than line breaks) have no place in a letter.
    return "".join(c for c in value if c in "\n\t" or c.isprintable()).strip()


class AttachmentField(forms.FileField):
    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget", forms.ClearableFileInput(attrs={"accept": ACCEPT, "capture": "environment"})
        )
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload:
            upload.content_type_checked = check_private_upload(upload)
        return upload


def attachment_field(label, required: bool) -> AttachmentField:
    return AttachmentField(
        label=label,
        required=required,
        help_text=_("Foto (JPG, PNG, WebP) atau PDF, paling besar %(size)s MB.")
        % {"size": max_bytes_setting() // (1024 * 1024)},
        error_messages={"required": _("%(label)s wajib dilampirkan.") % {"label": label}},
    )


class RequestForm(forms.Form):
    """The fields of ``kind`` (the common ones first), contact details, attachments, the
    resident's statement that the data is true, and a honeypot."""

    def __init__(self, kind: LetterType, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        for spec in kind.fields:
            self.fields[spec.name] = self._field(spec)
        self.fields["email"] = forms.EmailField(
            label=_("Email (jika ingin diberi kabar)"),
            required=False,
            max_length=254,
            widget=forms.EmailInput(attrs={"autocomplete": "email"}),
            error_messages={"invalid": _("Alamat email tidak sah. Contoh: nama@contoh.id")},
        )
        self.fields["phone"] = forms.CharField(
            label=_("Nomor WhatsApp"),
            required=False,
            max_length=32,
            validators=[validate_whatsapp],
            widget=forms.TextInput(
                attrs={"type": "tel", "inputmode": "tel", "autocomplete": "tel"}
            ),
        )
        for attachment in kind.attachments:
            self.fields[f"lampiran_{attachment.slug}"] = attachment_field(
                gettext(attachment.label), attachment.required
            )
        self.fields["pernyataan"] = forms.BooleanField(
            label=_("Saya menyatakan data di atas benar dan milik saya atau keluarga saya."),
            error_messages={"required": _("Centang pernyataan bahwa data ini benar.")},
        )
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            label=_("Jangan isi kolom ini"),
            required=False,
            widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
        )
        self.fields["nik"].widget.attrs.update(inputmode="numeric", autocomplete="off")
        self.fields["nama"].widget.attrs.update(autocomplete="name")

    def _field(self, spec):
        label = gettext(spec.label)  # the shipped texts are in the catalogue (type_labels)
        required_message = _("%(label)s wajib diisi.") % {"label": label}
        common = {
            "label": label,
            "required": spec.required,
            "error_messages": {"required": required_message},
        }
        if spec.kind == "date":
            return forms.DateField(
                widget=forms.DateInput(attrs={"type": "date"}),
                input_formats=["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"],
                error_messages={
                    **common["error_messages"],
                    "invalid": _("%(label)s bukan tanggal yang sah.") % {"label": label},
                },
                label=label,
                required=spec.required,
            )
        if spec.kind == "choice":
            return forms.ChoiceField(
                choices=[("", "—"), *[(c, gettext(c)) for c in spec.choices]],
                error_messages={
                    **common["error_messages"],
                    "invalid_choice": _("Pilih salah satu pilihan %(label)s.") % {"label": label},
                },
                label=label,
                required=spec.required,
            )
        if spec.kind == "textarea":
            return forms.CharField(
                widget=forms.Textarea(attrs={"rows": 3}), max_length=MAX_TEXTAREA, **common
            )
        return forms.CharField(max_length=MAX_TEXT, **common)

    def public_fields(self):
        return [self[name] for name in self.fields if name != HONEYPOT_FIELD]

    @property
    def honeypot(self):
        return self[HONEYPOT_FIELD]

    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get(HONEYPOT_FIELD))

    def clean_nik(self):
        self.nik_info = parse_nik(self.cleaned_data["nik"])
        return self.nik_info.nik

    def clean_no_kk(self):
        value = "".join(c for c in self.cleaned_data.get("no_kk", "") if not c.isspace())
        if value and (not value.isdigit() or len(value) != 16):
            raise ValidationError(_("Nomor KK harus 16 digit angka."), code="family_card")
        return value

    def clean(self):
        cleaned = super().clean()
        for name, value in list(cleaned.items()):
            if isinstance(value, str):
                cleaned[name] = _clean_text(value)
        info = getattr(self, "nik_info", None)
        birth = cleaned.get("tanggal_lahir")
        if info is not None and isinstance(birth, datetime.date) and birth != info.birth_date:
            self.add_error(
                "tanggal_lahir",
                ValidationError(
                    _(
                        "Tanggal lahir tidak sesuai dengan NIK (digit ke-7 sampai ke-12). "
                        "Periksa kembali keduanya."
                    ),
                    code="birth_date_mismatch",
                ),
            )
        today = timezone.localdate()
        for spec in self.kind.fields:
            value = cleaned.get(spec.name)
            if spec.kind == "date" and isinstance(value, datetime.date) and value > today:
                self.add_error(
                    spec.name,
                    ValidationError(
                        _("%(label)s tidak boleh di masa depan.") % {"label": spec.label},
                        code="future",
                    ),
                )
        return cleaned

    def answers(self) -> dict:
        """The type's own fields (and the place of birth) as stored in ``answers``."""
        data = self.cleaned_data
        skip = {"nik", "no_kk", "tanggal_lahir", "alamat"}
        return {
            spec.name: data[spec.name].isoformat()
            if isinstance(data.get(spec.name), datetime.date)
            else data.get(spec.name, "")
            for spec in self.kind.fields
            if spec.name not in skip and data.get(spec.name) not in (None, "")
        }

    def attachments(self) -> dict:
        return {
            a.slug: self.cleaned_data[f"lampiran_{a.slug}"]
            for a in self.kind.attachments
            if self.cleaned_data.get(f"lampiran_{a.slug}")
        }


class StatusForm(forms.Form):
    kode = forms.CharField(
        label=_("Kode permohonan"),
        max_length=20,
        help_text=_("Contoh: K7QX-9M2T-HW4R. Huruf besar atau kecil sama saja."),
        error_messages={"required": _("Isi kode permohonan Anda.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )

    def clean_kode(self):
        code = normalise_tracking_code(self.cleaned_data["kode"])
        if code is None:
            raise ValidationError(
                _("Kode permohonan terdiri dari 12 huruf dan angka, mis. K7QX-9M2T-HW4R."),
                code="code",
            )
        return code


class MissingAttachmentsForm(forms.Form):
    """The attachments the operators asked for, sent from the status page."""

    def __init__(self, kind: LetterType, slugs, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for attachment in kind.attachments:
            if attachment.slug in slugs:
                self.fields[attachment.slug] = attachment_field(gettext(attachment.label), True)
