"""The admin's sign-in form: Wagtail's, with the password field labelled in the user's language.

Wagtail's LoginForm redeclares the password field without a label, so Django derives "Password"
from the field name, untranslated.
"""

from django.utils.translation import gettext_lazy

from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm


class LoginForm(WagtailLoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = gettext_lazy("Sandi")
