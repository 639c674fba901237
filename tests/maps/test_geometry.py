"""Boundary validation, area, centre and SVG projection (plain functions, no database)."""

import json

from django.core.exceptions import ValidationError

import pytest

from maps import geometry
from maps.geometry import MAX_POSITIONS, area_hectares, centre, parse_boundary, polygons
from maps.svg import build_svg_map


def square(lon, lat, size=0.01):
    """A closed square ring, counter-clockwise, south-west corner at (lon, lat)."""
    east, north = round(lon + size, 6), round(lat + size, 6)
    return [[lon, lat], [east, lat], [east, north], [lon, north], [lon, lat]]


def polygon(*rings):
    return {"type": "Polygon", "coordinates": list(rings)}


def error_code(text):
    with pytest.raises(ValidationError) as caught:
        parse_boundary(text)
    return caught.value.code, str(caught.value.messages[0])


# -- area ----------------------------------------------------------------------------------


def test_hundredth_degree_square_at_the_equator_is_about_123_hectares():
    # On the WGS84 ellipsoid at the equator 0.01° of longitude is 1113.19 m and 0.01° of
    # latitude 1105.74 m: 123.09 ha (a sphere of radius 6371 km would give 123.6 ha).
    area = area_hectares(polygons(polygon(square(110.0, 0.0))))
    assert area == pytest.approx(123.09, abs=0.01)


def test_same_square_further_south_is_smaller_by_the_cosine_of_its_latitude():
    at_equator = area_hectares(polygons(polygon(square(110.0, 0.0))))
    at_tuban = area_hectares(polygons(polygon(square(111.95, -6.905))))
    assert at_tuban == pytest.approx(at_equator * 0.99276, rel=1e-3)  # cos 6.9° ≈ 0.99276


def test_area_does_not_depend_on_ring_orientation():
    ring = square(111.9, -6.9)
    assert area_hectares(polygons(polygon(ring))) == pytest.approx(
        area_hectares(polygons(polygon(ring[::-1])))
    )


def test_hole_is_subtracted_and_multipolygon_parts_are_added():
    outer = square(111.9, -6.9, 0.02)
    hole = square(111.905, -6.895, 0.01)
    with_hole = area_hectares(polygons(polygon(outer, hole)))
    full = area_hectares(polygons(polygon(outer)))
    assert with_hole == pytest.approx(full * 0.75, rel=1e-3)

    two = {
        "type": "MultiPolygon",
        "coordinates": [[square(111.9, -6.9)], [square(112.0, -6.9)]],
    }
    one = area_hectares(polygons(polygon(square(111.9, -6.9))))
    assert area_hectares(polygons(two)) == pytest.approx(2 * one, rel=1e-3)


def test_centre_is_the_centroid_and_accounts_for_holes():
    latitude, longitude = centre(polygons(polygon(square(111.9, -6.9, 0.02))))
    assert (latitude, longitude) == (pytest.approx(-6.89), pytest.approx(111.91))

    # An L shape: a 2×2 square without its north-east quarter; the centroid moves south-west.
    l_shape = polygon(
        [[0, 0], [2, 0], [2, 1], [1, 1], [1, 2], [0, 2], [0, 0]],
    )
    shifted = [[111.9 + x / 100, -6.9 + y / 100] for x, y in l_shape["coordinates"][0]]
    latitude, longitude = centre(polygons(polygon(shifted)))
    assert latitude == pytest.approx(-6.9 + 5 / 6 / 100)
    assert longitude == pytest.approx(111.9 + 5 / 6 / 100)


def test_no_boundary_has_no_area_and_no_centre():
    assert polygons(None) == []
    assert area_hectares([]) is None
    assert centre([]) is None


def test_stored_invalid_boundary_is_read_as_no_boundary():
    assert polygons({"type": "Point", "coordinates": [111.9, -6.9]}) == []


# -- parsing -------------------------------------------------------------------------------


def test_feature_collection_from_geojson_io_is_unwrapped_to_its_polygon():
    ring = square(111.9, -6.9)
    text = json.dumps(
        {
            "type": "FeatureCollection",
            "features": [{"type": "Feature", "properties": {}, "geometry": polygon(ring)}],
        }
    )
    assert parse_boundary(text) == polygon(ring)


def test_positions_are_rounded_and_altitude_dropped():
    ring = [[111.91234567, -6.9, 12.5], [111.92, -6.9, 0], [111.92, -6.91, 0]]
    ring.append(ring[0])
    parsed = parse_boundary(json.dumps(polygon(ring)))
    assert parsed["coordinates"][0][0] == [111.912346, -6.9]
    assert all(len(position) == 2 for position in parsed["coordinates"][0])


def test_empty_text_clears_the_boundary():
    assert parse_boundary("  \n") is None


INVALID = [
    ("bad_json", '{"type": "Polygon", "coordinates": [[[111.9, -6.9],]]', "invalid_json"),
    ("nan", '{"type": "Polygon", "coordinates": [[[NaN, -6.9]]]}', "invalid_json"),
    ("not_an_object", "[1, 2, 3]", "not_geojson"),
    ("point", '{"type": "Point", "coordinates": [111.9, -6.9]}', "geometry_type"),
    (
        "line_feature",
        '{"type": "Feature", "geometry": {"type": "LineString", "coordinates": []}}',
        "geometry_type",
    ),
    (
        "two_polygons",
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {"type": "Feature", "geometry": polygon(square(111.9, -6.9))},
                    {"type": "Feature", "geometry": polygon(square(112.0, -6.9))},
                ],
            }
        ),
        "feature_count",
    ),
    (
        "unclosed",
        json.dumps(polygon(square(111.9, -6.9)[:-1] + [[111.9, -6.8]])),
        "ring_not_closed",
    ),
    (
        "too_short",
        json.dumps(polygon([[111.9, -6.9], [111.91, -6.9], [111.9, -6.9]])),
        "ring_too_short",
    ),
    ("strings", json.dumps(polygon([["111.9", "-6.9"]] * 4)), "position"),
    ("swapped", json.dumps(polygon([[lat, lon] for lon, lat in square(111.9, -6.9)])), "swapped"),
    ("outside", json.dumps(polygon(square(2.35, 48.85))), "outside_indonesia"),
    ("web_mercator", json.dumps(polygon(square(12460000, -770000, 100))), "outside_indonesia"),
]


@pytest.mark.parametrize(
    ("text", "code"), [case[1:] for case in INVALID], ids=[c[0] for c in INVALID]
)
def test_invalid_boundary_is_refused_with_a_specific_reason(text, code):
    assert error_code(text)[0] == code


def test_swapped_coordinates_are_named_as_such_in_indonesian():
    text = json.dumps(polygon([[lat, lon] for lon, lat in square(111.9, -6.9)]))
    code, message = error_code(text)
    assert code == "swapped"
    assert "tertukar" in message
    assert "[bujur, lintang]" in message
    assert "[-6.9, 111.9]" in message


def test_unclosed_ring_message_shows_both_ends():
    ring = square(111.9, -6.9)[:-1] + [[111.9, -6.8]]
    _code, message = error_code(json.dumps(polygon(ring)))
    assert "[111.9, -6.8]" in message
    assert "[111.9, -6.9]" in message


def test_boundary_over_500_kb_is_refused_before_parsing():
    text = json.dumps(polygon(square(111.9, -6.9))) + " " * (500 * 1024)
    code, message = error_code(text)
    assert code == "too_large"
    assert "500 KB" in message


def test_boundary_with_too_many_positions_is_refused():
    step = 0.1 / MAX_POSITIONS
    ring = [[111.9 + i * step, -6.9] for i in range(MAX_POSITIONS)]
    ring += [[111.95, -6.85], [111.9, -6.9]]
    text = json.dumps(polygon(ring), separators=(",", ":"))
    assert len(text) < 500 * 1024  # the position count, not the size, is what is refused
    assert error_code(text)[0] == "too_many_positions"


def test_model_validator_accepts_a_stored_feature_and_refuses_a_point():
    geometry.validate_boundary({"type": "Feature", "geometry": polygon(square(111.9, -6.9))})
    with pytest.raises(ValidationError):
        geometry.validate_boundary({"type": "Point", "coordinates": [111.9, -6.9]})


# -- SVG -----------------------------------------------------------------------------------


def test_svg_map_keeps_north_up_and_everything_inside_the_view_box():
    found = polygons(polygon(square(111.9, -6.9, 0.02)))
    svg = build_svg_map(found, [(-6.885, 111.905, "Balai Desa"), (-6.895, 111.915, "Pasar")])
    assert max(svg.width, svg.height) == 1000
    north, south = svg.markers
    assert north.y < south.y  # larger latitude is higher up
    assert north.x < south.x  # smaller longitude is further left
    assert (north.number, north.name) == (1, "Balai Desa")
    for marker in svg.markers:
        assert 0 < marker.x < svg.width and 0 < marker.y < svg.height
    assert svg.paths[0].startswith("M") and svg.paths[0].endswith("Z")


def test_svg_map_of_a_square_is_square_after_scaling_longitude_by_cos_latitude():
    svg = build_svg_map(polygons(polygon(square(111.9, -6.9, 0.02))), [])
    # 0.02° of longitude is cos(6.9°) times as long as 0.02° of latitude.
    assert svg.width / svg.height == pytest.approx(0.9928, abs=0.01)


def test_svg_map_drops_positions_that_fall_on_the_same_unit():
    # 2000 positions within 0.0002° (2 m): one or two units of a 200-unit-wide drawing.
    dense = [[round(111.9 + i * 1e-7, 7), -6.9] for i in range(2000)]
    ring = [*dense, [111.92, -6.9], [111.92, -6.88], [111.9, -6.88], [111.9, -6.9]]
    svg = build_svg_map(polygons(polygon(ring)), [], size=200)
    drawn = svg.paths[0].removeprefix("M").removesuffix("Z").replace("L", " ").split()
    assert 4 <= len(drawn) // 2 <= 6


def test_svg_map_has_nothing_to_draw_without_boundary_or_points():
    assert build_svg_map([], []) is None
    lone = build_svg_map([], [(-6.9, 111.9, "Balai Desa")])
    assert lone.paths == []
    assert len(lone.markers) == 1
