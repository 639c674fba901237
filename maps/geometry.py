"""Village boundaries as GeoJSON: validation with messages operators understand, area and centre.

Only what a village map needs, in plain Python: a boundary is one Polygon or MultiPolygon
(optionally wrapped in a Feature or a FeatureCollection holding exactly one), with positions in
[longitude, latitude] order inside Indonesia. Validation errors name the problem and how to fix
it, in Indonesian, because the people pasting the GeoJSON are village operators.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Limits that keep a map page light on a phone; a village boundary needs far fewer positions.
MAX_BOUNDARY_BYTES = 500 * 1024
MAX_POSITIONS = 20_000
# Six decimals of a degree are about 0.1 m: more precision only makes the page heavier.
COORDINATE_DECIMALS = 6

# Indonesia's bounding box (with a margin for its outermost islands).
LONGITUDE_RANGE = (94.0, 142.0)
LATITUDE_RANGE = (-11.0, 6.5)

POLYGONAL_TYPES = ("Polygon", "MultiPolygon")

# WGS84 ellipsoid.
SEMI_MAJOR_AXIS = 6_378_137.0
FLATTENING = 1 / 298.257223563
ECCENTRICITY_SQUARED = FLATTENING * (2 - FLATTENING)
ECCENTRICITY = math.sqrt(ECCENTRICITY_SQUARED)

Position = tuple[float, float]
Ring = list[Position]


def in_indonesia(longitude: float, latitude: float) -> bool:
    """Whether a position lies inside Indonesia's bounding box."""
    return (
        LONGITUDE_RANGE[0] <= longitude <= LONGITUDE_RANGE[1]
        and LATITUDE_RANGE[0] <= latitude <= LATITUDE_RANGE[1]
    )


def format_position(position) -> str:
    """A position as an operator would see it in the file: ``[111.95, -6.9]``."""
    return "[" + ", ".join(str(value) for value in position) + "]"


# -- parsing and validation ----------------------------------------------------------------


def parse_boundary(text: str) -> dict | None:
    """Parse pasted or uploaded GeoJSON text into a normalised boundary geometry.

    Returns ``None`` for empty text. Raises ``ValidationError`` (in Indonesian) when the text
    is too large, is not JSON, or is not a usable village boundary.
    """
    if text is None or not text.strip():
        return None
    check_size(len(text.encode("utf-8")))
    try:
        value = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise ValidationError(
            _(
                "Isian bukan JSON yang sah (baris %(line)s, kolom %(column)s): periksa tanda "
                "kurung, koma dan tanda kutip."
            ),
            code="invalid_json",
            params={"line": exc.lineno, "column": exc.colno},
        ) from exc
    return normalise_boundary(value)


def check_size(size: int) -> None:
    """Refuse a boundary of more than ``MAX_BOUNDARY_BYTES`` bytes of GeoJSON."""
    if size > MAX_BOUNDARY_BYTES:
        raise ValidationError(
            _(
                "GeoJSON batas wilayah terlalu besar (%(size)s KB; batasnya %(limit)s KB). "
                "Sederhanakan garis batasnya dulu, mis. di mapshaper.org."
            ),
            code="too_large",
            params={"size": math.ceil(size / 1024), "limit": MAX_BOUNDARY_BYTES // 1024},
        )


def _reject_constant(name: str):
    # Python's json accepts NaN and Infinity, which are not JSON and not coordinates.
    raise json.JSONDecodeError(f"{name} is not allowed", name, 0)


def normalise_boundary(value) -> dict | None:
    """The boundary geometry held by ``value``, validated, as ``{"type", "coordinates"}``.

    Accepts a Polygon or MultiPolygon geometry, a Feature with one, or a FeatureCollection
    with exactly one such feature. Positions are trimmed to [longitude, latitude] and rounded
    to six decimals. Raises ``ValidationError`` with the first problem found.
    """
    if value is None:
        return None
    geometry = _polygonal_geometry(value)
    counter = _PositionCounter()
    coordinates = geometry.get("coordinates")
    if geometry["type"] == "Polygon":
        normalised = _polygon(coordinates, counter)
    else:
        if not isinstance(coordinates, list) or not coordinates:
            raise _structure_error()
        normalised = [_polygon(polygon, counter) for polygon in coordinates]
    return {"type": geometry["type"], "coordinates": normalised}


def validate_boundary(value) -> None:
    """Model field validator: ``value`` must be a usable boundary (see ``normalise_boundary``)."""
    if value is None:
        return
    check_size(len(json.dumps(value, separators=(",", ":"))))
    normalise_boundary(value)


def _polygonal_geometry(value) -> dict:
    if not isinstance(value, dict) or not isinstance(value.get("type"), str):
        raise ValidationError(
            _('GeoJSON harus berupa objek dengan kunci "type", mis. {"type": "Polygon", ...}.'),
            code="not_geojson",
        )
    kind = value["type"]
    if kind == "FeatureCollection":
        features = value.get("features")
        if not isinstance(features, list):
            raise _structure_error()
        geometries = [_feature_geometry(feature) for feature in features]
        wrong = [g for g in geometries if g.get("type") not in POLYGONAL_TYPES]
        if wrong:
            raise _wrong_type_error(wrong[0].get("type"))
        if len(geometries) != 1:
            raise ValidationError(
                _(
                    "FeatureCollection harus berisi tepat satu batas wilayah, bukan "
                    "%(count)s. Simpan batas desa ini saja."
                ),
                code="feature_count",
                params={"count": len(geometries)},
            )
        return geometries[0]
    if kind == "Feature":
        value = _feature_geometry(value)
        kind = value.get("type")
    if kind not in POLYGONAL_TYPES:
        raise _wrong_type_error(kind)
    return value


def _feature_geometry(feature) -> dict:
    geometry = feature.get("geometry") if isinstance(feature, dict) else None
    if not isinstance(geometry, dict):
        raise _wrong_type_error(None)
    return geometry


def _wrong_type_error(kind) -> ValidationError:
    return ValidationError(
        _(
            "Jenis geometri “%(type)s” tidak dapat dipakai sebagai batas wilayah: gunakan "
            "Polygon atau MultiPolygon. Tempat penting (titik) diisi di daftar “Tempat "
            "penting”."
        ),
        code="geometry_type",
        params={"type": kind if isinstance(kind, str) else _("kosong")},
    )


def _structure_error() -> ValidationError:
    return ValidationError(
        _(
            "Koordinat batas wilayah tidak tersusun dengan benar: poligon adalah daftar cincin, "
            "dan setiap cincin adalah daftar titik [bujur, lintang]."
        ),
        code="structure",
    )


class _PositionCounter:
    """Counts positions while walking, so an oversized boundary stops early."""

    def __init__(self):
        self.count = 0

    def add(self, count: int) -> None:
        self.count += count
        if self.count > MAX_POSITIONS:
            raise ValidationError(
                _(
                    "Batas wilayah berisi lebih dari %(limit)s titik koordinat. "
                    "Sederhanakan garis batasnya dulu, mis. di mapshaper.org."
                ),
                code="too_many_positions",
                params={"limit": f"{MAX_POSITIONS:,}".replace(",", ".")},
            )


def _polygon(rings, counter: _PositionCounter) -> list:
    if not isinstance(rings, list) or not rings:
        raise _structure_error()
    return [_ring(ring, counter) for ring in rings]


def _ring(ring, counter: _PositionCounter) -> list:
    if not isinstance(ring, list):
        raise _structure_error()
    counter.add(len(ring))
    if len(ring) < 4:
        raise ValidationError(
            _(
                "Setiap cincin poligon harus memiliki sedikitnya 4 titik (titik pertama diulang "
                "di akhir); ditemukan %(count)s."
            ),
            code="ring_too_short",
            params={"count": len(ring)},
        )
    positions = [_position(position) for position in ring]
    if positions[0] != positions[-1]:
        raise ValidationError(
            _(
                "Cincin poligon tidak tertutup: titik terakhir %(last)s harus sama dengan titik "
                "pertama %(first)s."
            ),
            code="ring_not_closed",
            params={"first": format_position(ring[0]), "last": format_position(ring[-1])},
        )
    return [
        [round(lon, COORDINATE_DECIMALS), round(lat, COORDINATE_DECIMALS)] for lon, lat in positions
    ]


def _is_number(value) -> bool:
    # bool is an int in Python, but true/false are not coordinates.
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _position(position) -> Position:
    if (
        not isinstance(position, list)
        or len(position) not in (2, 3)
        or not all(_is_number(value) for value in position)
    ):
        raise ValidationError(
            _("Setiap titik harus berupa dua angka [bujur, lintang]; ditemukan %(value)s."),
            code="position",
            params={"value": json.dumps(position)[:80]},
        )
    longitude, latitude = float(position[0]), float(position[1])
    if not in_indonesia(longitude, latitude):
        if in_indonesia(latitude, longitude):
            raise ValidationError(
                _(
                    "Urutan koordinat tampaknya tertukar: titik %(value)s tertulis sebagai "
                    "[lintang, bujur]. GeoJSON memakai urutan [bujur, lintang], "
                    "mis. [111.95, -6.9]."
                ),
                code="swapped",
                params={"value": format_position(position)},
            )
        raise ValidationError(
            _(
                "Titik %(value)s berada di luar wilayah Indonesia (bujur 94 s.d. 142, lintang "
                "-11 s.d. 6,5). Periksa koordinat dan sistem koordinatnya (harus WGS84 / "
                "EPSG:4326)."
            ),
            code="outside_indonesia",
            params={"value": format_position(position)},
        )
    return longitude, latitude


# -- reading a stored boundary -------------------------------------------------------------


def polygons(boundary) -> list[list[Ring]]:
    """The polygons (each a list of rings: outer first, then holes) of a boundary.

    Anything unusable (nothing stored, or data that bypassed validation) gives ``[]``, so a
    page never fails to render because of a bad boundary.
    """
    try:
        geometry = normalise_boundary(boundary)
    except ValidationError:
        return []
    if geometry is None:
        return []
    coordinates = geometry["coordinates"]
    found = [coordinates] if geometry["type"] == "Polygon" else coordinates
    return [[[(lon, lat) for lon, lat in ring] for ring in polygon] for polygon in found]


def positions(rings_of_polygons: Iterable[list[Ring]]) -> list[Position]:
    """Every position of the given polygons."""
    return [position for polygon in rings_of_polygons for ring in polygon for position in ring]


# -- area and centre -----------------------------------------------------------------------


def _authalic_q(latitude: float) -> float:
    """The ``q`` function of the WGS84 ellipsoid (Snyder, Map Projections, eq. 3-12)."""
    s = math.sin(math.radians(latitude))
    e = ECCENTRICITY
    return (1 - ECCENTRICITY_SQUARED) * (
        s / (1 - ECCENTRICITY_SQUARED * s * s) - (1 / (2 * e)) * math.log((1 - e * s) / (1 + e * s))
    )


def ring_area_m2(ring: Ring) -> float:
    """Area of a ring on the WGS84 ellipsoid in square metres (always positive).

    The ring is projected with the Lambert cylindrical equal-area projection of the
    ellipsoid (x = a·λ, y = a·q(φ)/2), which keeps areas exact, and measured with the
    shoelace formula. Edges are straight in that projection rather than geodesics; over a
    village the difference is far below the accuracy of any boundary file.
    """
    if len(ring) < 4:
        return 0.0
    origin = ring[0][0]
    projected = [
        (SEMI_MAJOR_AXIS * math.radians(lon - origin), SEMI_MAJOR_AXIS * _authalic_q(lat) / 2)
        for lon, lat in ring
    ]
    twice_area = sum(
        x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(projected, projected[1:], strict=False)
    )
    return abs(twice_area) / 2


def area_m2(rings_of_polygons: Iterable[list[Ring]]) -> float:
    """Total area of polygons in square metres: outer rings minus their holes."""
    total = 0.0
    for outer, *holes in rings_of_polygons:
        total += ring_area_m2(outer) - sum(ring_area_m2(hole) for hole in holes)
    return max(total, 0.0)


def area_hectares(rings_of_polygons: list[list[Ring]]) -> float | None:
    """Area of polygons (see ``polygons()``) in hectares, or ``None`` when there are none."""
    if not rings_of_polygons:
        return None
    return area_m2(rings_of_polygons) / 10_000


def _ring_centroid(ring: Ring) -> tuple[float, float, float]:
    """Unsigned area (in square degrees) and centroid of a ring, in plain lon/lat."""
    # The centroid commutes with the affine equirectangular projection, so plain degrees
    # give the same centre as projected metres over the extent of a village.
    origin_lon, origin_lat = ring[0]
    twice_area = cx = cy = 0.0
    for (lon1, lat1), (lon2, lat2) in zip(ring, ring[1:], strict=False):
        x1, y1, x2, y2 = lon1 - origin_lon, lat1 - origin_lat, lon2 - origin_lon, lat2 - origin_lat
        cross = x1 * y2 - x2 * y1
        twice_area += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    if twice_area == 0:
        return 0.0, origin_lon, origin_lat
    return (
        abs(twice_area) / 2,
        origin_lon + cx / (3 * twice_area),
        origin_lat + cy / (3 * twice_area),
    )


def centre(rings_of_polygons: list[list[Ring]]) -> Position | None:
    """The centroid of polygons (see ``polygons()``) as ``(latitude, longitude)``, or ``None``.

    Holes are subtracted; polygons without area fall back to the mean of their positions.
    """
    found = rings_of_polygons
    if not found:
        return None
    weight = sum_lon = sum_lat = 0.0
    for outer, *holes in found:
        for ring, sign in [(outer, 1), *((hole, -1) for hole in holes)]:
            area, lon, lat = _ring_centroid(ring)
            weight += sign * area
            sum_lon += sign * area * lon
            sum_lat += sign * area * lat
    if weight <= 0:
        every = positions(found)
        return (
            sum(lat for _lon, lat in every) / len(every),
            sum(lon for lon, _lat in every) / len(every),
        )
    return sum_lat / weight, sum_lon / weight
