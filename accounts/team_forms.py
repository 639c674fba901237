"""Forms of the team admin. Their choices always come from what the manager hands out."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from villages.models.regions import Role

from . import team

OUT_OF_SCOPE = _("Wilayah itu tidak termasuk wilayah yang Anda kelola. Pilih wilayah dari daftar.")


class RegionRoleFields:
    """A region select, then a role select, for a form that gives one role on one region.

    Only the regions where ``manager`` hands out a role are offered (``team.role_picker``),
    sorted; a region or a pair posted from outside them is refused. The cleaned data gets
    ``link``, the role group (``RegionGroup``) of the pair. With a single region or role,
    it is chosen already (no empty choice). The template adds a small script that keeps the
    role select to the roles of the chosen region; without it, the form says which roles the
    region has.
    """

    def add_region_role_fields(self, manager, *, exclude=None, region_label=None):
        self.picker = team.role_picker(manager, exclude)
        regions = self.picker.region_choices
        single_region = len(regions) == 1 and len(regions[0][1]) == 1
        self.fields["region"] = forms.TypedChoiceField(
            label=region_label or _("Wilayah"),
            coerce=int,
            choices=regions if single_region else [("", _("Pilih wilayah…")), *regions],
            error_messages={"invalid_choice": OUT_OF_SCOPE},
        )
        roles = self.picker.role_choices
        self.fields["role"] = forms.ChoiceField(
            label=_("Peran"),
            choices=roles if len(roles) == 1 else [("", _("Pilih peran…")), *roles],
            error_messages={"invalid_choice": _("Pilih peran dari daftar.")},
        )
        if single_region:
            self.fields["region"].initial = regions[0][1][0][0]
        if len(roles) == 1:
            self.fields["role"].initial = roles[0][0]
        self.fields["region"].widget.attrs["data-team-region"] = ""
        self.fields["role"].widget.attrs["data-team-role"] = ""

    def clean_region_role(self, cleaned_data):
        region_id, role = cleaned_data.get("region"), cleaned_data.get("role")
        if region_id is None or not role:
            return cleaned_data
        link = self.picker.link(region_id, role)
        if link is None:
            held = self.picker.roles_by_region.get(region_id, [])
            self.add_error(
                "role",
                _("Peran %(role)s tidak ada di wilayah itu. Pilih salah satu: %(roles)s.")
                % {
                    "role": Role(role).label,
                    "roles": ", ".join(str(Role(value).label) for value in held),
                },
            )
        else:
            cleaned_data["link"] = link
        return cleaned_data


class InviteForm(RegionRoleFields, forms.Form):
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
        self.add_region_role_fields(manager)
        self.order_fields(["region", "role", "first_name", "last_name", "email"])

    def clean(self):
        return self.clean_region_role(super().clean())


class GrantRoleForm(RegionRoleFields, forms.Form):
    def __init__(self, *args, manager, member, **kwargs):
        super().__init__(*args, **kwargs)
        held = {link.pk for link in team.visible_roles(manager, member)}
        self.add_region_role_fields(manager, exclude=held, region_label=_("Tambah peran di"))

    def clean(self):
        return self.clean_region_role(super().clean())


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
        self.picker = team.role_picker(manager)
        self.fields["region"] = forms.TypedChoiceField(
            label=_("Wilayah"),
            required=False,
            coerce=int,
            empty_value=None,
            choices=[("", _("Semua wilayah")), *self.picker.region_choices],
        )
        self.fields["role"] = forms.ChoiceField(
            label=_("Peran"),
            required=False,
            choices=[("", _("Semua peran")), *self.picker.role_choices],
        )

    def links(self):
        """The role groups the filter asks for (None: no filter by role or region)."""
        region_id, role = self.cleaned_data.get("region"), self.cleaned_data.get("role")
        if region_id is None and not role:
            return None
        return [
            link
            for (link_region, link_role), link in self.picker.links.items()
            if region_id in (None, link_region) and role in ("", None, link_role)
        ]
