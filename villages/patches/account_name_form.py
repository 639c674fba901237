"""The account page's name form accepts a person with one name, and one without email.

Replaces ``wagtail.admin.views.account.NameEmailSettingsPanel.form_class`` (checked against
Wagtail 8.0.1). Wagtail's ``NameEmailForm`` requires a first name, a last name and an email
address, and the account page saves all its panels together, so a person known by one name
(common in Indonesia: "Sutrisno") or invited without an email address could not save
anything on their account page, not even a new sandi or language. ``AccountView.get_panels``
builds the panel itself; ``register_account_settings_panel`` only adds panels, and no setting
names the form. The replacement is Wagtail's form with the last name and the email optional.
"""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms.account import NameEmailForm as WagtailNameEmailForm
from wagtail.admin.views.account import NameEmailSettingsPanel

from .base import Patch


class NameEmailForm(WagtailNameEmailForm):
    """Wagtail's account name form; only the first name is required."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].label = _("Nama depan")
        last_name = self.fields["last_name"]
        last_name.required = False
        last_name.label = _("Nama belakang")
        last_name.help_text = _("Kosongkan bila nama Anda hanya satu kata.")
        if "email" in self.fields:
            self.fields["email"].required = False
            self.fields["email"].help_text = _(
                "Tanpa email, sandi yang terlupa hanya dapat diatur ulang oleh pengelola Anda."
            )


PATCH = Patch(NameEmailSettingsPanel, "form_class", NameEmailForm, "(*args, **kwargs)")
