"""The freshness dashboard: right figures, only the user's own villages, sortable, filterable,
exported as CSV, and a fixed number of queries however many villages there are."""

import csv
import io
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from editorial import freshness
from editorial.models import RegencyPolicy
from tests import factories
from tests.editorial.helpers import (
    days_ago,
    operator,
    publish_page,
    submit_for_moderation,
)
from villages.timezones import WIB

DASHBOARD = "editorial_freshness"
RESULTS = "editorial_freshness_results"
CSV_HEADER = [
    "Kode",
    "Desa",
    "Jenis",
    "Kecamatan",
    "Kabupaten/kota",
    "Situs",
    "Terakhir terbit",
    "Terbit 30 hari",
    "Terbit 90 hari",
    "Menunggu moderasi",
    "Menunggu di peninjau tanpa email",
    "Pengaduan belum dijawab",
    "Operator aktif",
    "Operator masuk 90 hari",
    "Status",
    "Pengingat terakhir",
    "APBDes tahun ini diisi",
    "Statistik penduduk periode ini diisi",
]


@pytest.fixture
def figures(village_a, village_b, village_c, village_other_regency, contributor_a):
    """Kebonharjo published 10 and 60 days ago and has a submission waiting; Wangi published
    45 days ago; Karangasem never; Sembung (Lamongan) today. Operators in various states."""
    recent = publish_page(village_a, "Kabar Panen", at=days_ago(10))
    publish_page(village_a, "Sejarah Desa", at=days_ago(60))
    submit_for_moderation(village_a, "Usulan Karang Taruna", contributor_a)
    operator(village_a, logged_in_days_ago=5)
    operator(village_a)  # active, never logged in
    operator(village_a, logged_in_days_ago=1, is_active=False)

    publish_page(village_b, "Kerja Bakti", at=days_ago(45))
    operator(village_b, logged_in_days_ago=100)

    publish_page(village_other_regency, "Kabar Sembung")
    operator(village_other_regency, logged_in_days_ago=1)
    return {"recent": recent}


def names(response) -> list[str]:
    """The village names of the dashboard table, in order."""
    assert response.status_code == 200, response.content[:500]
    cells = re.findall(
        r'<td class="[^"]*\btitle"[^>]*>\s*<div class="title-wrapper">'
        r'\s*<a href="[^"]*">\s*([^<]+?)\s*</a>',
        response.text,
    )
    return cells


def row_html(text: str, name: str) -> str:
    """The table row of the village called ``name``."""
    start = re.search(rf">\s*{name}\s*</a>", text).start()
    return text[start:].split("</tr>")[0]


def csv_rows(response) -> list[dict]:
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    assert content.startswith("\ufeff".encode())  # Excel reads UTF-8 only with the BOM
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def get(client, name=RESULTS, **params):
    return client.get(reverse(name), params)


# -- figures ------------------------------------------------------------------------------------


def test_figures_of_two_villages_count_their_own_pages_operators_and_submissions(
    figures, regency, village_a, village_b, village_c
):
    rows = {row.code: row for row in freshness.village_freshness([regency.region])}

    kebonharjo = rows[village_a.region.code]
    assert kebonharjo.last_published_at == figures["recent"].last_published_at
    assert (kebonharjo.published_30, kebonharjo.published_90) == (1, 2)
    assert kebonharjo.pending_moderation == 1
    assert (kebonharjo.operators, kebonharjo.operators_recent) == (2, 1)
    assert not kebonharjo.inactive

    wangi = rows[village_b.region.code]
    assert (wangi.published_30, wangi.published_90) == (0, 1)
    assert wangi.pending_moderation == 0
    assert (wangi.operators, wangi.operators_recent) == (1, 0)
    assert wangi.inactive  # 45 days without publishing; the default policy says 30

    karangasem = rows[village_c.region.code]
    assert karangasem.last_published_at is None  # provisioning does not count
    assert (karangasem.published_30, karangasem.published_90, karangasem.operators) == (0, 0, 0)
    assert karangasem.inactive


def test_regency_policy_decides_after_how_many_days_a_village_is_inactive(
    figures, regency, village_b
):
    RegencyPolicy.objects.create(region=regency.region, inactive_after_days=50)

    rows = {row.code: row for row in freshness.village_freshness([regency.region])}

    assert not rows[village_b.region.code].inactive
    assert rows[village_b.region.code].inactive_after_days == 50


def test_dashboard_table_shows_the_figures_and_totals(client_for, figures, regency):
    response = get(client_for(factories.regency_admin_of(regency)), DASHBOARD)

    assert names(response) == ["Karangasem", "Kebonharjo", "Wangi"]
    text = response.text
    assert re.search(r'data-total="villages">\s*3 desa', text)
    assert re.search(r'data-total="inactive">\s*2 tidak aktif', text)
    assert re.search(r'data-total="pending">\s*1 menunggu moderasi', text)
    kebonharjo = row_html(text, "Kebonharjo")
    assert "1/2</span>" in kebonharjo
    assert 'href="http://kebonharjo.tuban.test"' in kebonharjo
    assert "Belum pernah" in row_html(text, "Karangasem")
    assert "Unduh CSV" in text
    # Each row leads to the village's history, which the same reader may open.
    history = "/admin/riwayat/?wilayah=35.23.02.2001"
    assert f'href="{history}"' in kebonharjo
    assert "Kebonharjo" in client_for(factories.regency_admin_of(regency)).get(history).text


# -- who sees what ------------------------------------------------------------------------------


def test_district_editor_sees_only_the_villages_of_their_district(client_for, figures, village_a):
    jatirogo = factories.tenant("35.23.02")
    client = client_for(factories.district_editor_of(jatirogo))

    response = get(client, DASHBOARD)

    assert names(response) == ["Kebonharjo", "Wangi"]
    assert "Karangasem" not in response.text and "Sembung" not in response.text
    # The district filter offers their own district only.
    assert '<option value="35.23.02">Jatirogo</option>' in response.text
    assert "Jenu" not in response.text and "Sukorame" not in response.text
    # Asking for another district's villages shows none of them.
    assert "Karangasem" not in get(client, district="35.23.12").text
    assert "Sembung" not in get(client, regency="35.24").text


def test_regency_level_district_editor_and_regency_admin_see_the_whole_regency_only(
    client_for, figures, regency
):
    for user in (factories.district_editor_of(regency), factories.regency_admin_of(regency)):
        rows = csv_rows(get(client_for(user), DASHBOARD, export="csv"))
        assert [row["Desa"] for row in rows] == ["Karangasem", "Kebonharjo", "Wangi"]


def test_regency_admin_of_lamongan_sees_no_tuban_village(client_for, figures, other_regency):
    client = client_for(factories.regency_admin_of(other_regency))

    assert names(get(client)) == ["Sembung"]
    assert names(get(client, regency="35.23")) == ["Sembung"]


@pytest.mark.parametrize("role", ["operator", "contributor"])
def test_operators_and_contributors_cannot_open_the_dashboard(client_for, village_a, role):
    user = getattr(factories, f"{role}_of")(village_a)
    client = client_for(user)

    for name in (DASHBOARD, RESULTS):
        assert get(client, name).status_code == 404
    assert get(client, DASHBOARD, export="csv").status_code == 404


def test_dashboard_is_not_in_the_menu_or_home_of_an_operator(client_for, operator_a):
    response = client_for(operator_a).get(reverse("wagtailadmin_home"))

    assert response.status_code == 200
    assert reverse(DASHBOARD) not in response.text


def test_anonymous_visitor_is_sent_to_the_login(client, db):
    response = client.get(reverse(DASHBOARD))

    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response["Location"]


def test_superuser_looks_at_one_regency_at_a_time(client_for, figures, superuser):
    client = client_for(superuser)

    assert names(get(client)) == ["Karangasem", "Kebonharjo", "Wangi"]  # the first regency
    assert names(get(client, regency="35.24")) == ["Sembung"]
    rows = csv_rows(get(client, DASHBOARD, regency="35.24", export="csv"))
    assert [row["Kode"] for row in rows] == ["35.24.01.2001"]


# -- sorting, filters, search -----------------------------------------------------------------


@pytest.fixture
def regency_admin_client(client_for, regency):
    return client_for(factories.regency_admin_of(regency))


def test_rows_sort_by_any_column_with_name_as_tie_breaker(regency_admin_client, figures):
    client = regency_admin_client

    assert names(get(client, ordering="last_published")) == ["Karangasem", "Wangi", "Kebonharjo"]
    assert names(get(client, ordering="-last_published")) == ["Kebonharjo", "Wangi", "Karangasem"]
    assert names(get(client, ordering="-pending")) == ["Kebonharjo", "Karangasem", "Wangi"]
    assert names(get(client, ordering="operators")) == ["Karangasem", "Wangi", "Kebonharjo"]
    assert names(get(client, ordering="-name")) == ["Wangi", "Kebonharjo", "Karangasem"]
    assert names(get(client, ordering="bukan-kolom")) == ["Karangasem", "Kebonharjo", "Wangi"]


def test_every_column_is_sortable(regency_admin_client, figures):
    response = get(regency_admin_client, DASHBOARD)

    for key in freshness.SORT_KEYS:
        assert f"ordering={key}" in response.text or f"ordering=-{key}" in response.text


def test_district_status_filters_and_name_search(regency_admin_client, figures):
    client = regency_admin_client

    assert names(get(client, district="35.23.02")) == ["Kebonharjo", "Wangi"]
    assert names(get(client, status="tidak-aktif")) == ["Karangasem", "Wangi"]
    assert names(get(client, status="aktif")) == ["Kebonharjo"]
    assert names(get(client, status="tidak-aktif", district="35.23.02")) == ["Wangi"]
    assert names(get(client, q="WANG")) == ["Wangi"]
    # Totals follow the filters.
    response = get(client, district="35.23.12")
    assert re.search(r'data-total="villages">\s*1 desa', response.text)


# -- CSV ---------------------------------------------------------------------------------------


def test_csv_has_indonesian_headers_codes_iso_dates_and_the_filtered_sorted_rows(
    regency_admin_client, figures, village_a
):
    response = get(regency_admin_client, DASHBOARD, export="csv", ordering="-published")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    assert next(csv.reader(io.StringIO(content))) == CSV_HEADER
    rows = list(csv.DictReader(io.StringIO(content)))
    assert [row["Kode"] for row in rows] == ["35.23.02.2001", "35.23.02.2002", "35.23.12.2001"]
    kebonharjo = rows[0]
    local_date = figures["recent"].last_published_at.astimezone(WIB).date()
    assert kebonharjo["Terakhir terbit"] == local_date.isoformat()
    assert kebonharjo["Terbit 30 hari"] == "1"
    assert kebonharjo["Terbit 90 hari"] == "2"
    assert kebonharjo["Menunggu moderasi"] == "1"
    assert (kebonharjo["Operator aktif"], kebonharjo["Operator masuk 90 hari"]) == ("2", "1")
    assert kebonharjo["Status"] == "Aktif"
    assert kebonharjo["Situs"] == "http://kebonharjo.tuban.test"
    assert kebonharjo["Kecamatan"] == "Jatirogo"
    assert rows[2]["Terakhir terbit"] == ""  # never published

    filtered = csv_rows(get(regency_admin_client, DASHBOARD, export="csv", status="tidak-aktif"))
    assert [row["Desa"] for row in filtered] == ["Karangasem", "Wangi"]


def test_csv_of_a_district_editor_holds_only_their_district(client_for, figures):
    editor = factories.district_editor_of(factories.tenant("35.23.02"))

    rows = csv_rows(get(client_for(editor), DASHBOARD, export="csv", district="35.23.12"))

    assert [row["Desa"] for row in rows] == ["Kebonharjo", "Wangi"]


def test_csv_link_keeps_the_filters_and_drops_the_page_number(regency_admin_client, figures):
    response = get(regency_admin_client, DASHBOARD, status="aktif", p="1")

    link = re.search(r'href="([^"]*export=csv[^"]*)"', response.text).group(1)
    assert "status=aktif" in link and "p=1" not in link


# -- home panel ----------------------------------------------------------------------------------


def test_home_panel_counts_inactive_villages_and_waiting_submissions(client_for, figures):
    editor = factories.district_editor_of(factories.tenant("35.23.02"))

    response = client_for(editor).get(reverse("wagtailadmin_home"))

    assert response.status_code == 200
    assert re.search(r'data-freshness="inactive">\s*1 desa tidak aktif', response.text)
    assert re.search(r'data-freshness="pending">\s*1 kiriman menunggu moderasi', response.text)
    assert reverse(DASHBOARD) in response.text


# -- queries -----------------------------------------------------------------------------------


def extra_villages_csv(tmp_path, count):
    lines = ["code,name", "35,Jawa Timur", "35.23,Kabupaten Tuban", "35.23.02,Jatirogo"]
    lines += [f"35.23.02.{2100 + n},Desa Uji {n}" for n in range(1, count + 1)]
    path = tmp_path / "tambahan.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def count_queries(callable_):
    with CaptureQueriesContext(connection) as ctx:
        result = callable_()
    return len(ctx.captured_queries), result


def test_queries_do_not_grow_with_the_number_of_villages(
    client_for, figures, regency, tmp_path, django_assert_max_num_queries
):
    admin = factories.regency_admin_of(regency)
    editor = factories.district_editor_of(factories.tenant("35.23.02"))
    client = client_for(admin)
    get(client)  # warm up what Wagtail caches per process

    def measure():
        results, response = count_queries(lambda: get(client, ordering="-pending"))
        csv_export, _ = count_queries(lambda: csv_rows(get(client, DASHBOARD, export="csv")))
        summary, _ = count_queries(lambda: freshness.summary_for_user(editor))
        return (results, csv_export, summary), len(names(response))

    before, shown = measure()
    assert shown == 3

    factories.provision_regions("35.23.02", "tuban.test", path=extra_villages_csv(tmp_path, 20))
    extra = factories.tenant("35.23.02.2101")
    publish_page(extra, "Kabar Desa Uji", at=days_ago(3))
    operator(extra, logged_in_days_ago=2)
    editor = factories.district_editor_of(factories.tenant("35.23.02"))  # fresh scope cache

    after, shown = measure()
    print(f"queries (results view, CSV, home summary): {before} with 3 villages, {after} with 23")
    assert shown == 23
    assert after == before
    with django_assert_max_num_queries(30):
        get(client)
