"""The village map page (/peta/): own data per village, no-JS view, admin validation, API,
home preview tag and demo content."""

import json
import re
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

from django.contrib.staticfiles import finders
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import inline_formset, nested_form_data, querydict_from_html

import pytest

from maps import demo
from maps.models import MapPage, PointOfInterest
from maps.services import map_page_for

# A 0.01° square around Kebonharjo (about 122 ha) and one around Wangi, further east.
A_RING = [[111.95, -6.91], [111.96, -6.91], [111.96, -6.9], [111.95, -6.9], [111.95, -6.91]]
B_RING = [[112.05, -6.95], [112.06, -6.95], [112.06, -6.94], [112.05, -6.94], [112.05, -6.95]]


def polygon(ring):
    return {"type": "Polygon", "coordinates": [ring]}


def map_page(tenant) -> MapPage:
    return tenant.page.get_children().get(slug="peta").specific


def fill_map(tenant, ring, places, intro=""):
    """Give a village's map page a boundary and places, published."""
    page = map_page(tenant)
    page.intro = intro
    page.boundary = polygon(ring)
    page.points_of_interest = [
        PointOfInterest(
            name=name,
            category=category,
            latitude=Decimal(lat),
            longitude=Decimal(lon),
            description=description,
        )
        for name, category, lat, lon, description in places
    ]
    page.save_revision().publish()
    return MapPage.objects.get(pk=page.pk)


def fill_a(village_a):
    return fill_map(
        village_a,
        A_RING,
        [
            ("Balai Desa Kebonharjo", "kantor_desa", "-6.9050", "111.9550", "Buka Senin–Jumat."),
            ("SD Negeri Kebonharjo 1", "sekolah", "-6.9080", "111.9520", ""),
        ],
        intro="Wilayah Desa Kebonharjo.",
    )


def fill_b(village_b):
    return fill_map(
        village_b,
        B_RING,
        [("Pasar Desa Wangi", "pasar", "-6.9450", "112.0550", "Pasar pagi.")],
        intro="Wilayah Desa Wangi.",
    )


def get(client, tenant, path="/peta/"):
    response = client.get(path, HTTP_HOST=tenant.host)
    assert response.status_code == 200, response.content[:500]
    return response.text


def body_of(html):
    return html.split("<main", 1)[1].split("</main>", 1)[0]


def embedded_json(html, element_id):
    match = re.search(rf'<script id="{element_id}" type="application/json">(.*?)</script>', html)
    assert match, element_id
    return json.loads(match.group(1))


# -- provisioning and public pages ---------------------------------------------------------


def test_every_village_gets_one_map_page_at_peta(village_a, village_b):
    for tenant in (village_a, village_b):
        assert isinstance(map_page(tenant), MapPage)
        assert MapPage.objects.descendant_of(tenant.page).count() == 1
    assert not MapPage.can_create_at(village_a.page)


def test_each_village_map_page_shows_its_own_boundary_and_places_only(client, village_a, village_b):
    fill_a(village_a)
    fill_b(village_b)

    on_a = get(client, village_a)
    assert "Wilayah Desa Kebonharjo." in on_a
    assert "Balai Desa Kebonharjo" in on_a
    assert "Pasar Desa Wangi" not in on_a
    assert "Wilayah Desa Wangi" not in on_a
    assert embedded_json(on_a, "map-boundary") == polygon(A_RING)
    assert "112.05" not in on_a

    on_b = get(client, village_b)
    assert "Pasar Desa Wangi" in on_b
    assert "Balai Desa Kebonharjo" not in on_b
    assert embedded_json(on_b, "map-boundary") == polygon(B_RING)
    names = [f["properties"]["name"] for f in embedded_json(on_b, "map-points")["features"]]
    assert names == ["Pasar Desa Wangi"]


def test_map_page_without_javascript_shows_svg_area_centre_and_osm_links(client, village_a):
    fill_a(village_a)
    html = body_of(get(client, village_a))

    svg = re.search(r"<svg[^>]*>.*?</svg>", html, re.S).group(0)
    assert 'role="img"' in svg
    assert 'aria-labelledby="map-page-svg-title"' in svg
    assert (
        '<title id="map-page-svg-title">Peta Desa Kebonharjo: batas wilayah dan 2 tempat penting'
        in svg
    )
    path = re.search(r'<path class="map-svg__area" d="(M[\d .L]+Z)"', svg)
    assert path, "the boundary is drawn"
    assert svg.count("<circle") == 2
    assert ">1</text>" in svg and ">2</text>" in svg
    assert "<title>1. Balai Desa Kebonharjo</title>" in svg

    # 0.01° × 0.01° at 6.9° S: 123.09 ha × cos 6.9° = 122.2 ha (Indonesian decimal comma).
    assert "± 122,2 ha" in html
    assert "-6.90500, 111.95500" in html  # the centre, in the [lat, lon] order people use
    assert 'href="https://www.openstreetmap.org/?mlat=-6.905000&amp;mlon=111.955000' in html
    assert "Tempat Ibadah" not in html  # only categories in use are shown
    assert '<span class="badge">Kantor Desa</span>' in html
    assert html.index("Balai Desa Kebonharjo") < html.index("SD Negeri Kebonharjo 1")
    assert "Buka Senin–Jumat." in html
    places = re.findall(r'<a href="(https://www\.openstreetmap\.org/[^"]+)">Lihat ', html)
    assert places == [
        "https://www.openstreetmap.org/?mlat=-6.905000&amp;mlon=111.955000#map=18/-6.905000/111.955000",
        "https://www.openstreetmap.org/?mlat=-6.908000&amp;mlon=111.952000#map=18/-6.908000/111.952000",
    ]
    assert "style=" not in html


class AssetCollector(HTMLParser):
    """The URLs a browser would fetch on its own while loading a page (not links)."""

    FETCHED_LINKS = {"stylesheet", "icon", "preload", "modulepreload", "manifest"}

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") in self.FETCHED_LINKS:
            self.urls.append(attrs["href"])
        elif tag in ("script", "img", "iframe", "video", "audio", "source", "embed"):
            self.urls += [attrs[name] for name in ("src", "poster") if attrs.get(name)]
            for candidate in (attrs.get("srcset") or "").split(","):
                if candidate.strip():
                    self.urls.append(candidate.split()[0])


def fetched_assets(html):
    collector = AssetCollector()
    collector.feed(html)
    return collector.urls


def test_map_page_loads_only_local_assets_and_leaves_tiles_to_map_js(client, village_a):
    fill_a(village_a)
    html = get(client, village_a)

    assets = fetched_assets(html)
    assert "/static/maps/leaflet/leaflet.js" in assets
    assert "/static/maps/leaflet/leaflet.css" in assets
    assert "/static/maps/map.js" in assets
    assert all(url.startswith(("/static/", "data:")) for url in assets), assets
    assert "tile.openstreetmap.org" not in html
    for name in ("leaflet.js", "leaflet.css", "images/marker-icon.png", "LICENSE"):
        assert finders.find(f"maps/leaflet/{name}"), name
    map_js = Path(finders.find("maps/map.js")).read_text()
    assert "https://tile.openstreetmap.org/{z}/{x}/{y}.png" in map_js
    assert "https://www.openstreetmap.org/copyright" in map_js
    assert 'data-attribution="© Kontributor OpenStreetMap"' in html


def test_leaflet_is_not_loaded_outside_the_map_page(client, village_a):
    fill_a(village_a)
    for path in ("/", "/berita/", "/kontak/"):
        assert "leaflet" not in get(client, village_a, path), path


def test_empty_map_page_says_so_and_loads_no_leaflet(client, village_b):
    html = get(client, village_b)
    assert "Peta wilayah desa ini belum tersedia." in html
    assert "leaflet" not in html
    assert "<svg" not in body_of(html)


def test_map_page_with_only_places_still_draws_them(client, village_b):
    page = map_page(village_b)
    page.points_of_interest = [
        PointOfInterest(name="Pasar Desa Wangi", latitude="-6.945", longitude="112.055")
    ]
    page.save_revision().publish()
    html = body_of(get(client, village_b))
    assert html.count("<circle") == 1
    assert "map-svg__area" not in html
    assert "Luas wilayah" not in html


def test_map_page_query_count_does_not_grow_with_the_number_of_places(client, village_a):
    fill_a(village_a)
    get(client, village_a)  # warm caches shared by every page (site-root index, settings)
    with CaptureQueriesContext(connection) as two_places:
        get(client, village_a)
    page = map_page(village_a)
    page.points_of_interest = [
        PointOfInterest(name=f"Tempat {n}", latitude="-6.905", longitude="111.955")
        for n in range(30)
    ]
    page.save_revision().publish()
    get(client, village_a)
    with CaptureQueriesContext(connection) as thirty_places:
        html = get(client, village_a)
    assert html.count('<li class="card"') == 30
    assert len(thirty_places) == len(two_places)


def test_map_page_is_searchable_by_intro_and_place_names():
    indexed = {getattr(field, "field_name", None) for field in MapPage.search_fields}
    assert {"title", "intro", "points_of_interest"} <= indexed


# -- API -----------------------------------------------------------------------------------


def test_api_v2_exposes_every_map_field_for_this_village_only(client, village_a, village_b):
    page_a = fill_a(village_a)
    fill_b(village_b)

    response = client.get("/api/v2/pages/?type=maps.MapPage&fields=*", HTTP_HOST=village_a.host)
    assert response.status_code == 200
    items = response.json()["items"]
    assert [item["id"] for item in items] == [page_a.pk]
    item = items[0]
    for field in MapPage.api_fields:
        assert field.name in item, field.name
    assert item["intro"] == "Wilayah Desa Kebonharjo."
    assert item["boundary"] == polygon(A_RING)
    assert item["area_ha"] == pytest.approx(122.2, abs=0.05)
    assert item["centre"] == {"latitude": -6.905, "longitude": 111.955}
    points = item["points"]
    assert points["type"] == "FeatureCollection"
    assert [f["properties"]["name"] for f in points["features"]] == [
        "Balai Desa Kebonharjo",
        "SD Negeri Kebonharjo 1",
    ]
    first = points["features"][0]
    assert first["geometry"] == {"type": "Point", "coordinates": [111.955, -6.905]}
    assert first["properties"]["category"] == "kantor_desa"
    assert first["properties"]["category_label"] == "Kantor Desa"
    records = item["points_of_interest"]
    assert [(r["name"], r["category"]) for r in records] == [
        ("Balai Desa Kebonharjo", "kantor_desa"),
        ("SD Negeri Kebonharjo 1", "sekolah"),
    ]
    assert (records[0]["latitude"], records[0]["longitude"]) == ("-6.905000", "111.955000")
    assert records[0]["description"] == "Buka Senin–Jumat."
    assert "Wangi" not in response.text


def test_api_v2_and_v3_detail_serve_a_map_only_on_its_own_villages_host(
    client, village_a, village_b
):
    page_b = fill_b(village_b)
    for version in ("v2", "v3"):
        url = f"/api/{version}/pages/{page_b.pk}/"
        assert client.get(url, HTTP_HOST=village_a.host).status_code == 404, version
        detail = client.get(url, HTTP_HOST=village_b.host)
        assert detail.status_code == 200, version
        item = detail.json()
        for field in MapPage.api_fields:
            assert field.name in item, (version, field.name)
        assert item["boundary"] == polygon(B_RING)
        assert item["points"]["features"][0]["properties"]["name"] == "Pasar Desa Wangi"


# -- admin ---------------------------------------------------------------------------------


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def edit_form(client, page, **fields):
    response = client.get(edit_url(page))
    assert response.status_code == 200
    data = querydict_from_html(response.text, form_id="page-edit-form")
    data.update(fields)
    return data


def ring_text(ring):
    return json.dumps(polygon(ring))


SWAPPED = [[lat, lon] for lon, lat in A_RING]
INVALID_BOUNDARIES = [
    ("bad_json", '{"type": "Polygon", "coordinates": [[[111.95, -6.91]', "bukan JSON yang sah"),
    (
        "wrong_type",
        '{"type": "LineString", "coordinates": [[111.9, -6.9], [112, -6.9]]}',
        "“LineString”",
    ),
    ("unclosed_ring", ring_text([*A_RING[:-1], [111.95, -6.905]]), "tidak tertutup"),
    ("swapped", ring_text(SWAPPED), "tertukar"),
    (
        "outside_indonesia",
        ring_text([[13.4, 52.5], [13.5, 52.5], [13.5, 52.6], [13.4, 52.5]]),
        "di luar wilayah Indonesia",
    ),
    ("too_big", ring_text(A_RING) + " " * (501 * 1024), "terlalu besar"),
]


@pytest.mark.parametrize(
    ("text", "message"),
    [case[1:] for case in INVALID_BOUNDARIES],
    ids=[case[0] for case in INVALID_BOUNDARIES],
)
def test_invalid_boundary_in_admin_shows_indonesian_error_and_saves_nothing(
    client_for, operator_a, village_a, text, message
):
    page = fill_a(village_a)
    revisions = page.revisions.count()
    client = client_for(operator_a)
    data = edit_form(client, page, boundary=text, intro="Diubah")
    data["action-publish"] = "1"

    response = client.post(edit_url(page), data)

    assert response.status_code == 200
    errors = response.context["form"].errors["boundary"]
    assert any(message in error for error in errors), errors
    assert message in response.text or message.replace("“", "&ldquo;") in response.text
    page.refresh_from_db()
    assert page.boundary == polygon(A_RING)
    assert page.intro == "Wilayah Desa Kebonharjo."
    assert page.revisions.count() == revisions


def test_invalid_uploaded_boundary_file_is_refused_and_saves_nothing(
    client_for, operator_a, village_a
):
    page = fill_a(village_a)
    client = client_for(operator_a)
    data = edit_form(client, page)
    data["boundary_file"] = SimpleUploadedFile(
        "batas.geojson", ring_text(SWAPPED).encode(), "application/geo+json"
    )
    data["action-publish"] = "1"

    response = client.post(edit_url(page), data)

    assert response.status_code == 200
    assert "tertukar" in str(response.context["form"].errors["boundary_file"])
    page.refresh_from_db()
    assert page.boundary == polygon(A_RING)


def test_operator_uploads_geojson_io_file_and_adds_a_place_without_writing_json(
    client_for, operator_a, village_a
):
    page = map_page(village_a)
    client = client_for(operator_a)
    edit = client.get(edit_url(page))
    assert 'enctype="multipart/form-data"' in edit.text
    assert "geojson.io" in edit.text  # the help text says where to get a boundary
    data = edit_form(client, page)
    data.update(
        nested_form_data(
            {
                "points_of_interest": inline_formset(
                    [
                        {
                            "name": "Posyandu Melati",
                            "category": "kesehatan",
                            "latitude": "-6.9071",
                            "longitude": "111.9543",
                            "description": "Buka setiap tanggal 10.",
                        }
                    ]
                )
            }
        )
    )
    geojson_io = {
        "type": "FeatureCollection",
        "features": [{"type": "Feature", "properties": {}, "geometry": polygon(A_RING)}],
    }
    data["boundary_file"] = SimpleUploadedFile(
        "map.geojson", json.dumps(geojson_io).encode(), "application/geo+json"
    )
    data["action-publish"] = "1"

    response = client.post(edit_url(page), data)

    assert response.status_code == 302, response.context["form"].errors
    page = MapPage.objects.get(pk=page.pk)
    assert page.live
    assert page.boundary == polygon(A_RING)
    point = page.points_of_interest.get()
    assert (point.name, point.category) == ("Posyandu Melati", "kesehatan")
    assert (point.latitude, point.longitude) == (Decimal("-6.907100"), Decimal("111.954300"))


@pytest.mark.parametrize(
    ("latitude", "longitude", "field", "message"),
    [
        ("111.9543", "-6.9071", "latitude", "tertukar"),
        ("-6.9071", "11.9543", "longitude", "Bujur harus antara 94 dan 142"),
        ("-16.9", "111.9543", "latitude", "Lintang harus antara -11 dan 6,5"),
    ],
    ids=["swapped", "longitude_outside", "latitude_outside"],
)
def test_place_outside_indonesia_or_with_swapped_coordinates_is_refused(
    client_for, operator_a, village_a, latitude, longitude, field, message
):
    page = map_page(village_a)
    client = client_for(operator_a)
    data = edit_form(client, page)
    data.update(
        nested_form_data(
            {
                "points_of_interest": inline_formset(
                    [
                        {
                            "name": "Salah Ketik",
                            "category": "lainnya",
                            "latitude": latitude,
                            "longitude": longitude,
                        }
                    ]
                )
            }
        )
    )
    data["action-publish"] = "1"

    response = client.post(edit_url(page), data)

    assert response.status_code == 200
    formset = response.context["form"].formsets["points_of_interest"]
    assert message in str(formset.forms[0].errors[field])
    assert message in response.text
    assert not PointOfInterest.objects.filter(name="Salah Ketik").exists()


def test_clearing_the_boundary_text_removes_the_boundary(client_for, operator_a, village_a):
    page = fill_a(village_a)
    client = client_for(operator_a)
    data = edit_form(client, page, boundary="")
    data["action-publish"] = "1"
    assert client.post(edit_url(page), data).status_code == 302
    page.refresh_from_db()
    assert page.boundary is None


def test_operator_of_other_village_cannot_edit_this_map(client_for, operator_b, village_a):
    page = fill_a(village_a)
    response = client_for(operator_b).get(edit_url(page))
    assert response.status_code in (302, 403, 404)


# -- home page preview ---------------------------------------------------------------------


PREVIEW = Template("{% load map_tags %}{% map_preview village_page %}")


def render_preview(tenant):
    request = RequestFactory().get("/", HTTP_HOST=tenant.host)
    request._wagtail_site = tenant.site
    return PREVIEW.render(Context({"village_page": tenant.page, "request": request}))


def test_map_preview_draws_the_boundary_and_links_to_the_map_page(village_a, village_b):
    fill_a(village_a)
    fill_b(village_b)
    html = render_preview(village_a)
    assert '<a class="button button--secondary" href="/peta/">Lihat peta</a>' in html
    assert 'role="img"' in html
    assert '<title id="map-preview-title">Peta batas wilayah Desa Kebonharjo</title>' in html
    assert html.count("<circle") == 2
    assert "± 122 ha" in html
    assert "Pasar Desa Wangi" not in html
    assert "leaflet" not in html.lower()
    assert "<script" not in html


def test_map_preview_uses_at_most_two_queries_whatever_the_number_of_places(
    django_assert_max_num_queries, village_a
):
    fill_a(village_a)
    render_preview(village_a)  # warm the site-root index used to build the link
    with django_assert_max_num_queries(2):
        few = render_preview(village_a)
    page = map_page(village_a)
    page.points_of_interest = [
        PointOfInterest(name=f"Tempat {n}", latitude="-6.905", longitude="111.955")
        for n in range(30)
    ]
    page.save_revision().publish()
    with django_assert_max_num_queries(2):
        many = render_preview(village_a)
    assert few.count("<circle") == 2
    assert many.count("<circle") == 30


def test_map_preview_renders_nothing_without_a_boundary(village_b):
    page = map_page(village_b)
    page.points_of_interest = [PointOfInterest(name="Pasar", latitude="-6.9", longitude="112")]
    page.save_revision().publish()
    assert render_preview(village_b).strip() == ""


def test_map_preview_renders_nothing_for_a_private_or_unpublished_map(village_a):
    page = fill_a(village_a)
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="rahasia-desa"
    )
    assert map_page_for(village_a.page) is None
    assert render_preview(village_a).strip() == ""

    restriction.delete()
    assert map_page_for(village_a.page) == page
    page.unpublish()
    assert map_page_for(village_a.page) is None


def test_map_preview_hides_the_map_of_a_private_village_but_not_its_neighbours(
    village_a, village_b
):
    fill_a(village_a)
    page_b = fill_b(village_b)
    PageViewRestriction.objects.create(
        page=village_a.page, restriction_type=PageViewRestriction.LOGIN
    )
    assert map_page_for(village_a.page) is None
    assert map_page_for(village_b.page) == page_b


def test_map_page_for_finds_only_this_villages_map(village_a, village_b):
    page_a = fill_a(village_a)
    page_b = fill_b(village_b)
    assert map_page_for(village_a.page) == page_a
    assert map_page_for(village_b.page) == page_b
    assert map_page_for(None) is None


# -- demo ----------------------------------------------------------------------------------


def test_demo_populate_runs_twice_and_gives_each_village_its_own_plausible_map(
    client, village_a, village_b
):
    for _ in range(2):
        demo.populate(village_a.page)
        demo.populate(village_b.page)

    page_a, page_b = map_page(village_a), map_page(village_b)
    assert page_a.points_of_interest.count() == 6
    assert page_a.boundary != page_b.boundary
    for page in (page_a, page_b):
        assert page.live
        ring = page.boundary["coordinates"][0]
        assert 20 <= len(ring) - 1 <= 40
        assert 150 <= page.area_ha <= 600
        assert -7.1 < page.centre["latitude"] < -6.8
        assert 111.85 < page.centre["longitude"] < 112.15
    categories = {p.category for p in page_a.points_of_interest.all()}
    assert {"kantor_desa", "sekolah", "ibadah", "kesehatan", "pasar"} <= categories

    html = get(client, village_a)
    assert "Balai Desa Kebonharjo" in html
    assert html.count('<li class="card"') == 6
    assert "Balai Desa Wangi" not in html


def test_demo_populate_leaves_an_edited_map_alone(village_a):
    page = fill_a(village_a)
    demo.populate(village_a.page)
    page.refresh_from_db()
    assert page.boundary == polygon(A_RING)
    assert page.points_of_interest.count() == 2
