"""The shared layout: landmarks, navigation state, breadcrumbs, search, error pages."""

from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.views.defaults import server_error

import pytest

from news.models import NewsPage
from tests.api.helpers import add_page, section

from .helpers import link_href, meta, tags

STANDARD_SECTIONS = [
    "profil",
    "pemerintahan",
    "berita",
    "pengumuman",
    "agenda",
    "galeri",
    "dokumen",
    "produk",
    "peta",
    "statistik",
    "apbdes",
    "pembangunan",
    "idm",
    "layanan",
    "pengaduan",
    "kontak",
]


def get(client, tenant, path="/", status=200):
    response = client.get(path, HTTP_HOST=tenant.host)
    assert response.status_code == status, response.content[:300]
    return response.text


def nav_links(html):
    """(href, aria-current) of the main menu's links."""
    start = html.index('<nav class="main-nav"')
    menu = html[start : html.index("</nav>", start)]
    return [(found["href"], found.get("aria-current")) for found in tags(menu, "a")]


@pytest.fixture
def news_item(village_a):
    item = NewsPage(title="Posyandu balita bulan Mei", slug="posyandu-mei")
    section(village_a, "berita").add_child(instance=item)
    item.save_revision().publish()
    return item


def test_every_page_has_the_landmarks_and_a_skip_link_to_main(client, village_a):
    html = get(client, village_a, "/profil/")

    for landmark in ("<header", "<nav", "<main", "<footer"):
        assert landmark in html
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html
    assert html.count("<h1") == 1


def test_menu_marks_the_current_section_page(client, village_a):
    links = dict(nav_links(get(client, village_a, "/profil/")))

    assert links["/profil/"] == "page"
    assert all(current is None for href, current in links.items() if href != "/profil/")
    assert len(links) == len(STANDARD_SECTIONS)


def test_menu_marks_the_section_holding_a_news_item(client, village_a, news_item):
    links = dict(nav_links(get(client, village_a, "/berita/posyandu-mei/")))

    assert links["/berita/"] == "true"
    assert links["/profil/"] is None


def test_home_page_marks_no_section_as_current(client, village_a):
    assert all(current is None for _href, current in nav_links(get(client, village_a)))


def test_breadcrumbs_lead_from_home_to_a_news_item(client, village_a, news_item):
    html = get(client, village_a, "/berita/posyandu-mei/")

    start = html.index('<nav class="breadcrumbs"')
    trail = html[start : html.index("</nav>", start)]
    assert [found["href"] for found in tags(trail, "a")] == ["/", "/berita/"]
    assert '<span aria-current="page">Posyandu balita bulan Mei</span>' in trail


def test_breadcrumbs_follow_nested_pages(client, village_a):
    history = add_page(village_a.page, "Sejarah Desa", "sejarah")
    add_page(history, "Masa Kolonial", "masa-kolonial")

    html = get(client, village_a, "/sejarah/masa-kolonial/")

    start = html.index('<nav class="breadcrumbs"')
    trail = html[start : html.index("</nav>", start)]
    assert [found["href"] for found in tags(trail, "a")] == ["/", "/sejarah/"]


def test_section_pages_have_no_breadcrumbs(client, village_a):
    assert 'class="breadcrumbs"' not in get(client, village_a, "/profil/")
    assert 'class="breadcrumbs"' not in get(client, village_a)


def test_header_search_form_is_labelled_and_works_without_javascript(client, village_a):
    html = get(client, village_a, "/profil/")

    form = tags(html, "form", role="search")[0]
    assert form["action"] == "/cari/"
    assert form["method"] == "get"
    field = tags(html, "input", name="q")[0]
    assert tags(html, "label", **{"for": field["id"]})
    assert "<script" not in html


@pytest.mark.parametrize("path", ["/", *(f"/{slug}/" for slug in STANDARD_SECTIONS)])
def test_pages_carry_no_inline_style_attributes(client, village_a, path):
    html = get(client, village_a, path)

    assert ' style="' not in html
    # The village colours as CSS custom properties, with the CSP nonce (tests/villages/test_csp.py).
    assert html.count("<style") == 1
    assert '<style nonce="' in html


def test_home_page_loads_nothing_from_other_hosts(client, village_a):
    html = get(client, village_a)

    addresses = [found["href"] for found in tags(html, "link")]
    addresses += [found["src"] for found in tags(html, "img") + tags(html, "script")]
    assert addresses
    for address in addresses:
        assert address.startswith(("/", "data:", "http://kebonharjo.tuban.test/")), address


def test_missing_page_shows_the_themed_not_found_page_of_that_village(client, village_a, village_b):
    html = get(client, village_a, "/tidak-ada/", status=404)

    assert "<title>Halaman tidak ditemukan · Desa Kebonharjo</title>" in html
    assert "/static/css/site.css" in html
    assert '<nav class="main-nav"' in html
    assert tags(html, "form", role="search", action="/cari/")
    assert tags(html, "a", href="/", **{"class": "button"})
    assert meta(html, "robots") == "noindex"
    assert link_href(html, "canonical") == []
    assert "Wangi" not in html
    assert "Desa Wangi" in get(client, village_b, "/tidak-ada/", status=404)


@pytest.mark.django_db
def test_server_error_page_renders_without_database_or_context(django_assert_num_queries):
    request = RequestFactory().get("/")

    with django_assert_num_queries(0):
        response = server_error(request)

    html = response.content.decode()
    assert response.status_code == 500
    assert "Terjadi kesalahan" in html
    assert "/static/css/site.css" in html
    assert tags(html, "form", role="search", action="/cari/")
    assert tags(html, "a", href="/")


def render_pagination(path, number, pages=12, per_page=10):
    page_obj = Paginator(list(range(pages * per_page)), per_page).get_page(number)
    request = RequestFactory().get(path)
    return render_to_string("includes/pagination.html", {"page_obj": page_obj}, request=request)


def test_pagination_keeps_the_filters_and_marks_the_current_page():
    html = render_pagination("/berita/?kategori=pertanian&page=5", 5)

    nav = tags(html, "nav", **{"class": "pagination"})[0]
    assert nav["aria-label"]
    assert tags(html, "a", rel="prev")[0]["href"] == "?kategori=pertanian&page=4"
    assert tags(html, "a", rel="next")[0]["href"] == "?kategori=pertanian&page=6"
    current = tags(html, "a", **{"aria-current": "page"})
    assert [found["href"] for found in current] == ["?kategori=pertanian&page=5"]
    hrefs = [found["href"] for found in tags(html, "a")]
    # The first page is the filtered list itself, without ?page=1.
    assert "?kategori=pertanian" in hrefs
    assert "?kategori=pertanian&page=12" in hrefs
    assert "?kategori=pertanian&page=9" not in hrefs  # far pages collapse into a gap
    assert "…" in html


def test_pagination_has_no_previous_link_on_the_first_page():
    html = render_pagination("/berita/", 1)

    assert tags(html, "a", rel="prev") == []
    assert tags(html, "a", rel="next")[0]["href"] == "?page=2"


def test_pagination_is_empty_for_a_single_page():
    assert render_pagination("/berita/", 1, pages=1).strip() == ""
