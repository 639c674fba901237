"""Model fields of the products app."""

from django import forms
from django.db import models

from .validators import http_url_validator


class WebAddressFormField(forms.URLField):
    """Only http(s) addresses, with one clear message; ``toko.contoh.id`` gets ``https://``."""

    default_validators = [http_url_validator]
    default_error_messages = {"invalid": http_url_validator.message}

    def __init__(self, **kwargs):
        kwargs.setdefault("assume_scheme", "https")
        super().__init__(**kwargs)


class WebAddressField(models.URLField):
    """A link buyers follow: http or https only (never ``javascript:`` or ``ftp:``)."""

    default_validators = [http_url_validator]

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": WebAddressFormField, **kwargs})
