"""The base forms every page, snippet and setting form of the platform derives from.

Each applies ``villages.tenancy.references.check_form`` when it is cleaned: a reference to
another village's object gets an Indonesian error on its field and nothing is saved. Wagtail
builds the admin forms (and API v3 builds its write forms) from a model's
``base_form_class``, so setting it is enough; ``villages.tenancy.checks`` refuses to start
when a tenant-owned model with an admin form does not use one of these.
"""

from __future__ import annotations

from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.contrib.forms.forms import WagtailAdminFormPageForm

from .references import check_form


class TenantFormMixin:
    """Refuse references to objects of other regions (see ``villages.tenancy.references``)."""

    def clean(self):
        cleaned_data = super().clean()
        check_form(self)
        return cleaned_data


class TenantModelForm(TenantFormMixin, WagtailAdminModelForm):
    """Base of snippet and site-setting forms."""


class TenantPageForm(TenantFormMixin, WagtailAdminPageForm):
    """Base of every page form.

    A page being created opens with what each stream block offers as ``new_page_value()``
    (the content pages' body: one empty paragraph, ready to type in).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound or not self.instance._state.adding:
            return
        for name, field in self.fields.items():
            start = getattr(getattr(field, "block", None), "new_page_value", None)
            if start is not None and not self.initial.get(name):
                self.initial[name] = start()


class TenantFormPageForm(TenantFormMixin, WagtailAdminFormPageForm):
    """Base of the forms of form pages (the contact page)."""
