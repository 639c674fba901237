"""The public contact form: fields from the form builder plus a honeypot against bots."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.forms.forms import BaseForm, FormBuilder

from villages.phone import validate_phone

# Bots fill in anything that looks like a website field. The hyphen keeps the name apart
# from every form-builder field, whose names are snake_case.
HONEYPOT_FIELD = "website-url"


class ContactForm(BaseForm):
    """The builder's fields with Indonesian error messages and a hidden honeypot field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages["required"] = _("%(label)s wajib diisi.") % {"label": field.label}
            if isinstance(field, forms.EmailField):
                field.error_messages["invalid"] = _(
                    "Alamat email tidak sah. Contoh: nama@contoh.id"
                )
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            label=_("Jangan isi kolom ini"),
            required=False,
            widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
        )

    def public_fields(self):
        """The bound fields people fill in (everything but the honeypot)."""
        return [self[name] for name in self.fields if name != HONEYPOT_FIELD]

    @property
    def honeypot(self):
        return self[HONEYPOT_FIELD]

    def is_spam(self) -> bool:
        """Did a bot fill in the field no person can see? (Call after is_valid().)"""
        return bool(self.cleaned_data.get(HONEYPOT_FIELD))

    def submission_data(self) -> dict:
        """What is stored and emailed: the builder's fields only."""
        return {k: v for k, v in self.cleaned_data.items() if k != HONEYPOT_FIELD}


class ContactFormBuilder(FormBuilder):
    """Wagtail's builder with a telephone field type and the contact form as base."""

    def create_tel_field(self, field, options):
        options["max_length"] = 32
        options["validators"] = [validate_phone]
        options.setdefault(
            "widget",
            forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
        )
        return forms.CharField(**options)

    def get_form_class(self):
        return type("ContactPageForm", (ContactForm,), self.formfields)
