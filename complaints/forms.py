"""The public complaint form, the tracking-code form and the operator's answer form."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from assets.private_uploads import check_private_upload
from home.forms import HONEYPOT_FIELD
from letters.codes import normalise_tracking_code
from villages.phone import validate_phone

from .models import Category, Kind, NameShown

MESSAGE_MIN_LENGTH = 10
MESSAGE_MAX_LENGTH = 2000
ANSWER_MAX_LENGTH = 4000
PHOTO_KINDS = ("jpeg", "png", "webp")


class ComplaintForm(forms.Form):
    """What a resident sends, plus a hidden honeypot field (see ``home.forms``)."""

    kind = forms.ChoiceField(
        label=_("Jenis"), choices=Kind.choices, initial=Kind.COMPLAINT, widget=forms.RadioSelect
    )
    category = forms.ChoiceField(
        label=_("Kategori"), choices=[("", _("Pilih kategori")), *Category.choices]
    )
    message = forms.CharField(
        label=_("Isi pengaduan atau aspirasi"),
        min_length=MESSAGE_MIN_LENGTH,
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Tulis apa, di mana dan sejak kapan. Paling banyak 2.000 karakter."),
    )
    photo = forms.FileField(
        label=_("Foto (boleh dikosongkan)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        help_text=_("JPG, PNG atau WebP, paling besar 5 MB. Hanya operator desa yang melihatnya."),
    )
    name = forms.CharField(
        label=_("Nama"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Email (boleh dikosongkan)"),
        required=False,
        max_length=254,
        help_text=_("Kami mengabari Anda lewat email bila pengaduan sudah dijawab."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Nomor HP/WhatsApp (boleh dikosongkan)"),
        required=False,
        max_length=32,
        validators=[validate_phone],
        help_text=_("Contoh: 0812-3456-7890. Hanya untuk operator desa."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
    )
    may_publish = forms.BooleanField(
        label=_(
            "Pengaduan dan jawabannya boleh ditampilkan di situs desa (nama Anda disamarkan "
            "atau tidak ditampilkan; kontak dan foto tidak pernah ditampilkan)."
        ),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages["required"] = _("%(label)s wajib diisi.") % {"label": field.label}
        self.fields["email"].error_messages["invalid"] = _(
            "Alamat email tidak sah. Contoh: nama@contoh.id"
        )
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            label=_("Jangan isi kolom ini"),
            required=False,
            widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
        )
        self.photo_type = ""

    def public_fields(self):
        """The bound fields people fill in (everything but the honeypot)."""
        return [self[name] for name in self.fields if name != HONEYPOT_FIELD]

    @property
    def honeypot(self):
        return self[HONEYPOT_FIELD]

    def is_spam(self) -> bool:
        """Did a bot fill in the field no person can see? (Call after is_valid().)"""
        return bool(self.cleaned_data.get(HONEYPOT_FIELD))

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean_message(self):
        # Line breaks kept, other control characters (a pasted NUL, escape codes) dropped.
        text = self.cleaned_data["message"].replace("\r\n", "\n")
        return "".join(c for c in text if c in "\n\t" or c.isprintable()).strip()

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if photo:
            # Judged by its bytes, never by its name or the browser's Content-Type.
            self.photo_type = check_private_upload(photo, kinds=PHOTO_KINDS)
        return photo


class TrackingForm(forms.Form):
    """The code a resident was given, typed however they like (case, spaces, dashes)."""

    code = forms.CharField(
        label=_("Kode lacak"),
        max_length=40,
        help_text=_("Contoh: K7QX-9M2T-HW4R"),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
        error_messages={"required": _("Kode lacak wajib diisi.")},
    )

    def clean_code(self):
        code = normalise_tracking_code(self.cleaned_data["code"])
        if code is None:
            raise forms.ValidationError(
                _("Kode lacak terdiri dari 12 huruf dan angka, contoh: K7QX-9M2T-HW4R.")
            )
        return code


class AnswerForm(forms.Form):
    """The operator's answer; sending it marks the complaint answered."""

    answer = forms.CharField(
        label=_("Jawaban"),
        max_length=ANSWER_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Dibaca pengirim di halaman status, dan di situs bila pengaduan ditampilkan. "
            "Jangan tulis data pribadi."
        ),
        error_messages={"required": _("Jawaban wajib diisi.")},
    )


class PublishForm(forms.Form):
    """How the sender's name shows on the public list."""

    name_shown = forms.ChoiceField(
        label=_("Nama pengirim di situs"),
        choices=NameShown.choices,
        initial=NameShown.MASKED,
        widget=forms.RadioSelect,
    )
