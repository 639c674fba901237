"""The village area map: boundary and points of interest as validated GeoJSON."""

from decimal import Decimal
from functools import cached_property

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.models import Orderable
from wagtail.search import index

from modelcluster.fields import ParentalKey
from rest_framework import serializers

from villages.models import PlatformPage

from . import geometry
from .forms import MapPageForm
from .svg import SvgMap, build_svg_map

# Where map.js (its TILE_URL) fetches the tiles it draws under the boundary: the one other
# origin a public page loads anything from, allowed in that page's Content-Security-Policy.
TILE_ORIGIN = "https://tile.openstreetmap.org"

PAGE_SVG_SIZE = 1000
PREVIEW_SVG_SIZE = 320


def openstreetmap_url(latitude, longitude, zoom: int = 18) -> str:
    """A place on openstreetmap.org, with a marker (numbers never localised: 6.9, not 6,9)."""
    return (
        f"https://www.openstreetmap.org/?mlat={latitude}&mlon={longitude}"
        f"#map={zoom}/{latitude}/{longitude}"
    )


def allow_map_tiles(response):
    """Add the tile server to the response's img-src (django-csp reads ``_csp_update``)."""
    update = dict(getattr(response, "_csp_update", None) or {})
    update["img-src"] = [*update.get("img-src", []), TILE_ORIGIN]
    response._csp_update = update
    return response


class MapPage(PlatformPage):
    """The village's map section (/peta/): boundary, area, centre and points of interest."""

    intro = models.TextField(_("ringkasan"), blank=True, max_length=500)
    boundary = models.JSONField(
        _("batas wilayah (GeoJSON)"),
        null=True,
        blank=True,
        validators=[geometry.validate_boundary],
    )

    content_panels = [
        *PlatformPage.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("boundary"), FieldPanel("boundary_file")],
            heading=_("Batas wilayah"),
        ),
        InlinePanel("points_of_interest", label=_("Tempat penting")),
    ]
    search_fields = [
        *PlatformPage.search_fields,
        index.SearchField("intro"),
        index.RelatedFields(
            "points_of_interest", [index.SearchField("name"), index.SearchField("description")]
        ),
    ]
    api_fields = [
        APIField("intro"),
        APIField("boundary"),
        # The same places twice: as GeoJSON for map software, and as Wagtail's plain inline
        # records (like every other page type's inlines) for everything else.
        APIField("points", serializer=serializers.JSONField(source="points_geojson")),
        APIField("points_of_interest"),
        APIField("area_ha"),
        APIField("centre"),
    ]

    base_form_class = MapPageForm
    parent_page_types = ["villages.VillageHomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("peta desa")
        verbose_name_plural = _("peta desa")

    def serve(self, request, *args, **kwargs):
        return allow_map_tiles(super().serve(request, *args, **kwargs))

    def serve_preview(self, request, mode_name):
        return allow_map_tiles(super().serve_preview(request, mode_name))

    @cached_property
    def boundary_polygons(self) -> list:
        """The boundary as polygons of ``(lon, lat)`` rings (``[]`` without a boundary)."""
        return geometry.polygons(self.boundary)

    @property
    def area_ha(self) -> float | None:
        """Area inside the boundary in hectares, rounded to 0.01 ha."""
        area = geometry.area_hectares(self.boundary_polygons)
        return None if area is None else round(area, 2)

    @property
    def centre(self) -> dict | None:
        """Centroid of the boundary: ``{"latitude": …, "longitude": …}``."""
        found = geometry.centre(self.boundary_polygons)
        if found is None:
            return None
        latitude, longitude = found
        return {"latitude": round(latitude, 6), "longitude": round(longitude, 6)}

    @cached_property
    def point_list(self) -> list["PointOfInterest"]:
        """The points of interest in their editor-given order (one query, then reused)."""
        return list(self.points_of_interest.all())

    @property
    def points_geojson(self) -> dict:
        """The points of interest as a GeoJSON FeatureCollection (what map.js and the API use)."""
        return {
            "type": "FeatureCollection",
            "features": [point.as_feature(number) for number, point in self.numbered_points()],
        }

    def numbered_points(self) -> list[tuple[int, "PointOfInterest"]]:
        """``(number, point)`` pairs; the numbers label the points on the SVG and in the list."""
        return list(enumerate(self.point_list, start=1))

    def svg_map(self, size: int = PAGE_SVG_SIZE) -> SvgMap | None:
        """The boundary and points projected for an inline SVG ``size`` units across."""
        points = [(float(p.latitude), float(p.longitude), p.name) for p in self.point_list]
        return build_svg_map(self.boundary_polygons, points, size=size)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["village_name"] = self.get_parent().title
        context["map_svg"] = self.svg_map()
        context["points"] = self.numbered_points()
        context["points_geojson"] = self.points_geojson
        context["area_ha"] = self.area_ha
        context["centre"] = centre = self.centre
        if centre:
            context["centre_url"] = openstreetmap_url(
                centre["latitude"], centre["longitude"], zoom=15
            )
        return context


class Category(models.TextChoices):
    """Kinds of places on a village map."""

    VILLAGE_OFFICE = "kantor_desa", _("Kantor Desa")
    SCHOOL = "sekolah", _("Sekolah")
    WORSHIP = "ibadah", _("Tempat Ibadah")
    HEALTH = "kesehatan", _("Puskesmas/Posyandu")
    MARKET = "pasar", _("Pasar")
    TOURISM = "wisata", _("Wisata")
    OTHER = "lainnya", _("Lainnya")


class PointOfInterest(Orderable):
    """A place on the village map (balai desa, school, mosque…), entered as two numbers."""

    page = ParentalKey(MapPage, on_delete=models.CASCADE, related_name="points_of_interest")
    name = models.CharField(_("nama"), max_length=120)
    category = models.CharField(
        _("kategori"), max_length=20, choices=Category.choices, default=Category.OTHER
    )
    latitude = models.DecimalField(
        _("lintang"),
        max_digits=9,
        decimal_places=6,
        help_text=_(
            "Angka pertama yang disalin dari Google Maps atau OpenStreetMap, mis. -6.912345 "
            "(negatif = di selatan khatulistiwa)."
        ),
    )
    longitude = models.DecimalField(
        _("bujur"),
        max_digits=9,
        decimal_places=6,
        help_text=_("Angka kedua, mis. 111.954321."),
    )
    description = models.TextField(_("keterangan"), blank=True, max_length=500)

    panels = [
        FieldPanel("name"),
        FieldPanel("category"),
        FieldPanel("latitude"),
        FieldPanel("longitude"),
        FieldPanel("description"),
    ]

    api_fields = [
        APIField("name"),
        APIField("category"),
        APIField("latitude"),
        APIField("longitude"),
        APIField("description"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("tempat penting")
        verbose_name_plural = _("tempat penting")

    def __str__(self) -> str:
        return self.name

    def clean(self):
        super().clean()
        if not isinstance(self.latitude, Decimal) or not isinstance(self.longitude, Decimal):
            return  # the field itself already reports what is missing or not a number
        latitude, longitude = float(self.latitude), float(self.longitude)
        if geometry.in_indonesia(longitude, latitude):
            return
        if geometry.in_indonesia(latitude, longitude):
            message = _(
                "Lintang dan bujur tampaknya tertukar: lintang di Indonesia antara -11 dan 6,5, "
                "bujur antara 94 dan 142."
            )
            raise ValidationError({"latitude": message, "longitude": message}, code="swapped")
        errors = {}
        if not geometry.LATITUDE_RANGE[0] <= latitude <= geometry.LATITUDE_RANGE[1]:
            errors["latitude"] = _("Lintang harus antara -11 dan 6,5 (wilayah Indonesia).")
        if not geometry.LONGITUDE_RANGE[0] <= longitude <= geometry.LONGITUDE_RANGE[1]:
            errors["longitude"] = _("Bujur harus antara 94 dan 142 (wilayah Indonesia).")
        raise ValidationError(errors, code="outside_indonesia")

    @property
    def osm_url(self) -> str:
        """This place on openstreetmap.org, with a marker."""
        return openstreetmap_url(self.latitude, self.longitude)

    def as_feature(self, number: int | None = None) -> dict:
        """This place as a GeoJSON Point feature ([longitude, latitude], like all GeoJSON)."""
        properties = {
            "name": self.name,
            "category": self.category,
            "category_label": str(self.get_category_display()),
            "description": self.description,
            "url": self.osm_url,
        }
        if number is not None:
            properties["number"] = number
        return {
            "type": "Feature",
            "geometry": {
                "type": "Point",
                "coordinates": [float(self.longitude), float(self.latitude)],
            },
            "properties": properties,
        }
