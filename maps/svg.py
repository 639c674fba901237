"""A village boundary and its points projected into an inline SVG (no JavaScript, no tiles).

The projection is equirectangular with longitudes scaled by cos(latitude) at the middle of
the map, which is true to shape over the size of a village. Coordinates are rounded to whole
units of the viewBox and repeated units dropped, so even a detailed boundary stays a few
kilobytes of markup.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from .geometry import Position, Ring

# The smallest extent drawn (in degrees, about 500 m), so one lone point still gets a map.
MIN_SPAN = 0.005


@dataclass(frozen=True)
class Marker:
    """A point of interest placed on the SVG, numbered like the list beside the map."""

    x: int
    y: int
    number: int
    name: str


@dataclass(frozen=True)
class SvgMap:
    """What a template needs to draw the map: viewBox size, boundary paths and markers."""

    width: int
    height: int
    paths: list[str] = field(default_factory=list)
    markers: list[Marker] = field(default_factory=list)
    marker_radius: int = 10

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"

    @property
    def font_size(self) -> int:
        return round(self.marker_radius * 1.3)


def build_svg_map(
    rings_of_polygons: list[list[Ring]],
    points: list[tuple[float, float, str]],
    size: int = 1000,
) -> SvgMap | None:
    """Project polygons and ``(latitude, longitude, name)`` points into an SVG ``size`` wide
    or high (whichever side is longer). ``None`` when there is nothing to draw.
    """
    every: list[Position] = [
        pos for polygon in rings_of_polygons for ring in polygon for pos in ring
    ]
    every += [(lon, lat) for lat, lon, _name in points]
    if not every:
        return None
    min_lon = min(lon for lon, _lat in every)
    max_lon = max(lon for lon, _lat in every)
    min_lat = min(lat for _lon, lat in every)
    max_lat = max(lat for _lon, lat in every)
    x_scale = math.cos(math.radians((min_lat + max_lat) / 2))
    span_x = max((max_lon - min_lon) * x_scale, MIN_SPAN)
    span_y = max(max_lat - min_lat, MIN_SPAN)
    padding = size // 20
    scale = (size - 2 * padding) / max(span_x, span_y)
    width = round(span_x * scale) + 2 * padding
    height = round(span_y * scale) + 2 * padding
    # Centre the drawing when MIN_SPAN made the box larger than the data.
    offset_x = padding + (span_x - (max_lon - min_lon) * x_scale) * scale / 2
    offset_y = padding + (span_y - (max_lat - min_lat)) * scale / 2

    def project(lon: float, lat: float) -> tuple[int, int]:
        return (
            round(offset_x + (lon - min_lon) * x_scale * scale),
            round(offset_y + (max_lat - lat) * scale),
        )

    paths = []
    for polygon in rings_of_polygons:
        drawn = [_ring_path([project(lon, lat) for lon, lat in ring]) for ring in polygon]
        if drawn[0]:
            paths.append(" ".join(d for d in drawn if d))
    markers = [
        Marker(*project(lon, lat), number=number, name=name)
        for number, (lat, lon, name) in enumerate(points, start=1)
    ]
    return SvgMap(width, height, paths, markers, marker_radius=max(size // 50, 4))


def _ring_path(projected: list[tuple[int, int]]) -> str:
    """SVG path data of one ring, without consecutive repeats; empty if it collapsed."""
    kept = [projected[0]]
    for point in projected[1:]:
        if point != kept[-1]:
            kept.append(point)
    if kept[-1] == kept[0]:
        kept.pop()
    if len(kept) < 3:
        return ""
    (first_x, first_y), rest = kept[0], kept[1:]
    return f"M{first_x} {first_y}L" + " ".join(f"{x} {y}" for x, y in rest) + "Z"
