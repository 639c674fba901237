from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models.regions import Level, Region, validate_region_code


class VillageCreateForm(forms.Form):
    district = forms.ModelChoiceField(
        label=_("Kecamatan"),
        queryset=Region.objects.filter(level=Level.DISTRICT).order_by("code"),
        help_text=_("Kecamatan tempat desa ini berada."),
    )

    def __init__(self, *args, districts=None, **kwargs):
        super().__init__(*args, **kwargs)
        if districts is not None:
            # A regency admin creates villages in their own regency's districts only.
            self.fields["district"].queryset = districts

    code = forms.CharField(
        label=_("Kode Kemendagri desa"),
        max_length=13,
        help_text=_("Format PP.RR.DD.VVVV, misalnya 35.23.02.2019."),
    )
    name = forms.CharField(label=_("Nama desa"), max_length=255)

    def clean(self):
        cleaned = super().clean()
        district, code = cleaned.get("district"), (cleaned.get("code") or "").strip()
        if not district or not code:
            return cleaned
        try:
            validate_region_code(code)
        except ValidationError as exc:
            self.add_error("code", exc)
            return cleaned
        if len(code.split(".")) != 4 or not code.startswith(f"{district.code}."):
            self.add_error(
                "code",
                _("Kode desa harus berformat PP.RR.DD.VVVV dan berada di bawah %(code)s.")
                % {"code": district.code},
            )
        elif Region.objects.filter(code=code).exists():
            self.add_error("code", _("Desa dengan kode %(code)s sudah ada.") % {"code": code})
        cleaned["code"] = code
        return cleaned
