"""Forms of the team admin. Their choices always come from what the manager hands out."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from . import team


class RoleField(forms.TypedChoiceField):
    def __init__(self, manager, exclude=None, **kwargs):
        kwargs.setdefault("label", _("Peran"))
        super().__init__(coerce=int, **kwargs)
        self.choices = [("", "---------"), *team.role_choices(manager, exclude)]


class InviteForm(forms.Form):
    first_name = forms.CharField(label=_("Nama depan"), max_length=150)
    last_name = forms.CharField(label=_("Nama belakang"), max_length=150, required=False)
    email = forms.EmailField(
        label=_("Email"),
        required=False,
        help_text=_(
            "Undangan dikirim ke alamat ini. Kosongkan bila orang ini tidak punya email: "
            "tautan undangan akan ditampilkan untuk Anda sampaikan sendiri."
        ),
    )
    # No username field: usernames are made by accounts.team (a chosen one that is taken
    # would tell the manager that it exists somewhere on the platform).

    def __init__(self, *args, manager, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"] = RoleField(manager)
        self.order_fields(["role", "first_name", "last_name", "email"])


class GrantRoleForm(forms.Form):
    def __init__(self, *args, manager, member, **kwargs):
        super().__init__(*args, **kwargs)
        held = {link.pk for link in team.visible_roles(manager, member)}
        self.fields["role"] = RoleField(manager, exclude=held, label=_("Tambah peran"))


class DetailsForm(forms.ModelForm):
    class Meta:
        model = get_user_model()
        fields = ["first_name", "last_name", "email"]
        labels = {
            "first_name": _("Nama depan"),
            "last_name": _("Nama belakang"),
            "email": _("Email"),
        }


class TeamFilterForm(forms.Form):
    q = forms.CharField(label=_("Cari"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Semua")), *team.STATUS_LABELS.items()],
    )

    def __init__(self, *args, manager, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"] = forms.TypedChoiceField(
            label=_("Peran"), required=False, coerce=int, empty_value=None
        )
        self.fields["role"].choices = [("", _("Semua peran")), *team.role_choices(manager)]
