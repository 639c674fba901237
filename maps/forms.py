"""Admin form of the map page: the boundary is pasted as GeoJSON text or uploaded as a file."""

import json

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from villages.tenancy.forms import TenantPageForm

from .geometry import check_size, parse_boundary

BOUNDARY_HELP = _(
    "Tempel GeoJSON batas desa: satu Polygon atau MultiPolygon (boleh di dalam Feature atau "
    "FeatureCollection), koordinat WGS84 dengan urutan [bujur, lintang], mis. [111.95, -6.9]. "
    "Berkasnya bisa diminta dari kantor kecamatan, atau digambar sendiri di geojson.io lalu "
    "disimpan lewat menu Save → GeoJSON. Kosongkan untuk menghapus batas."
)
BOUNDARY_FILE_HELP = _(
    "Atau unggah berkas .geojson / .json (paling besar 500 KB); isinya menggantikan teks di atas."
)


class BoundaryField(forms.JSONField):
    """GeoJSON text in, a validated and normalised boundary geometry out."""

    def to_python(self, value):
        if isinstance(value, dict):
            return value
        return parse_boundary(value)

    def prepare_value(self, value):
        if isinstance(value, dict):
            # Compact: a detailed boundary is long enough without indentation.
            return json.dumps(value, separators=(",", ":"))
        return super().prepare_value(value)


def read_uploaded_boundary(upload) -> dict | None:
    """Parse an uploaded GeoJSON file (size checked before it is read)."""
    check_size(upload.size)
    try:
        text = upload.read().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(
            _("Berkas tidak dapat dibaca sebagai teks UTF-8; pastikan berkasnya GeoJSON."),
            code="encoding",
        ) from exc
    if not text.strip():
        raise ValidationError(_("Berkas yang diunggah kosong."), code="empty_file")
    return parse_boundary(text)


class MapPageForm(TenantPageForm):
    """Validates the boundary (pasted or uploaded) before anything is saved."""

    boundary = BoundaryField(
        label=_("Batas wilayah (GeoJSON)"),
        required=False,
        help_text=BOUNDARY_HELP,
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
    )
    boundary_file = forms.FileField(
        label=_("Unggah berkas GeoJSON"),
        required=False,
        help_text=BOUNDARY_FILE_HELP,
        widget=forms.FileInput(
            attrs={"accept": ".geojson,.json,application/geo+json,application/json"}
        ),
    )

    def clean(self):
        cleaned_data = super().clean()
        upload = cleaned_data.get("boundary_file")
        if upload:
            try:
                cleaned_data["boundary"] = read_uploaded_boundary(upload)
            except ValidationError as error:
                self.add_error("boundary_file", error)
        return cleaned_data
