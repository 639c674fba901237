"""Per-request work must not grow with the number of villages."""

from pathlib import Path

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page, Site

import pytest

from tests.assets.helpers import model_add_document
from tests.factories import logged_in, operator_of, provision_regions
from villages.models import VillageHomePage
from villages.routing import site_root_index

DEMO_CSV = Path(__file__).resolve().parents[2] / "villages" / "data" / "wilayah_jatim_demo.csv"


def count_queries(client, host, path):
    client.get(path, HTTP_HOST=host)  # warm up: the site-root index is built once per process
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path, HTTP_HOST=host)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200, (host, path, response.status_code)
    return len(ctx.captured_queries)


# Four districts of Tuban, Jatirogo among them: about 80 villages, ten times the session's
# seven. Any per-village query shows as a difference; bench/request_bench.py measures the
# whole of Tuban and a province (8,598 sites).
MORE_DISTRICTS = ("35.23.02", "35.23.04", "35.23.06", "35.23.08")


def test_queries_per_public_request_are_the_same_with_seven_or_eighty_villages(
    client, village_a, regency, settings, tmp_path
):
    settings.MEDIA_ROOT = str(tmp_path)
    document = model_add_document(village_a.collection, "apbdes.pdf", b"%PDF-1.4 APBDes")
    editor = logged_in(operator_of(village_a))
    targets = [
        (village_a.host, "/"),
        (village_a.host, "/profil/"),
        (village_a.host, "/api/v2/pages/"),
        (village_a.host, "/api/v2/pages/?type=villages.VillageHomePage&fields=*"),
        ("tuban.test", "/"),
        ("tuban.test", "/jatirogo/"),
        # A download on the village's host, on the portal, and on the admin's host (signed in).
        (village_a.host, document.url),
        ("tuban.test", document.url),
    ]
    admin_download = ("admin.testserver", document.url)
    before = {target: count_queries(client, *target) for target in targets}
    before[admin_download] = count_queries(editor, *admin_download)

    for district in MORE_DISTRICTS:
        provision_regions(district, base_domain="tuban.test", path=DEMO_CSV)
    assert Site.objects.count() > 80

    after = {target: count_queries(client, *target) for target in targets}
    after[admin_download] = count_queries(editor, *admin_download)
    assert after == before
    # The village home page stays cheap in absolute terms too (one of them asks whether the
    # village published open data: its block costs six more once it has).
    assert before[(village_a.host, "/")] <= 23


def test_page_url_uses_the_deepest_site(village_a, regency):
    profile = village_a.page.get_children().get(slug="profil").specific
    assert profile.get_full_url() == "http://kebonharjo.tuban.test/profil/"
    district = village_a.page.get_parent().specific
    assert district.get_full_url() == "http://tuban.test/jatirogo/"


def test_site_hostname_change_is_seen_by_url_generation(village_a):
    assert village_a.page.get_full_url() == "http://kebonharjo.tuban.test/"
    village_a.site.hostname = "kebonharjo.desa.id"
    village_a.site.port = 443
    village_a.site.save()
    page = Page.objects.get(pk=village_a.page.pk).specific
    assert page.get_full_url() == "https://kebonharjo.desa.id/"


def test_district_slug_change_moves_village_urls(village_a, django_capture_on_commit_callbacks):
    district = village_a.page.get_parent().specific
    # Warm the index with the old paths first.
    assert district.get_full_url() == "http://tuban.test/jatirogo/"
    district.slug = "jatirogo-baru"
    # Wagtail announces slug changes once the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        district.save_revision().publish()
    village = VillageHomePage.objects.get(pk=village_a.page.pk)
    profile = village.get_children().get(slug="profil").specific
    assert village.url_path.startswith("/kabupaten-tuban/jatirogo-baru/")
    assert profile.get_full_url() == "http://kebonharjo.tuban.test/profil/"
    assert Page.objects.get(pk=district.pk).specific.get_full_url() == (
        "http://tuban.test/jatirogo-baru/"
    )


def test_index_lookup_walks_only_the_ancestors(village_a):
    index = site_root_index.for_cache_object(None)
    found = index.most_specific(village_a.page.url_path + "berita/2026/kabar/")
    assert [srp.site_id for srp in found] == [village_a.site.pk]
    assert index.most_specific("/tidak-ada/") == ()


def test_plain_page_objects_get_their_village_url(village_a):
    plain = Page.objects.get(pk=village_a.page.get_children().get(slug="profil").pk)
    assert type(plain) is Page
    assert plain.url == "http://kebonharjo.tuban.test/profil/"
    assert plain.get_url() == "http://kebonharjo.tuban.test/profil/"


@pytest.mark.parametrize("path", ["/", "/profil/", "/kontak/", "/api/v2/pages/", "/cari/?q=desa"])
def test_public_requests_never_read_the_list_of_all_sites(client, village_a, monkeypatch, path):
    """Looking at every site is what grows with the number of villages; a request must not."""

    def refuse():
        raise AssertionError("the list of all sites was read during a public request")

    monkeypatch.setattr(site_root_index, "all", refuse)
    response = client.get(path, HTTP_HOST=village_a.host)
    assert response.status_code == 200


def test_portal_requests_never_read_the_list_of_all_sites(client, regency, monkeypatch):
    monkeypatch.setattr(site_root_index, "all", lambda: pytest.fail("all sites read"))
    assert client.get("/jatirogo/", HTTP_HOST=regency.host).status_code == 200
    assert client.get("/", HTTP_HOST=regency.host).status_code == 200
