"""Wagtail's user admin (Pengaturan > Pengguna, for superusers) without a required last name.

Wagtail's ``UserCreationForm`` and ``UserEditForm`` require a last name, which a person
known by one name ("Sutrisno") does not have. Wagtail's supported way to change them is a
``UserViewSet`` whose ``get_form_class`` returns other forms; ``accounts.wagtail_users``
names it as the ``user_viewset`` of the app config that replaces ``wagtail.users``.
"""

from django.utils.translation import gettext_lazy as _

from wagtail.users.forms import UserCreationForm as WagtailUserCreationForm
from wagtail.users.forms import UserEditForm as WagtailUserEditForm
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet


def _one_name_allowed(form) -> None:
    last_name = form.fields["last_name"]
    last_name.required = False
    last_name.help_text = _("Kosongkan bila orang ini hanya punya satu nama.")


class UserCreationForm(WagtailUserCreationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _one_name_allowed(self)


class UserEditForm(WagtailUserEditForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _one_name_allowed(self)


class UserViewSet(WagtailUserViewSet):
    def get_form_class(self, for_update=False):
        return UserEditForm if for_update else UserCreationForm
