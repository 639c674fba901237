"""The "Riwayat desa" report shows each reader the history of their own regions only.

One history is seeded for the module: entries in every village, district and regency of
Tuban and Lamongan, each labelled with its region's name, so a leak shows as a foreign label.
"""

from __future__ import annotations

import datetime

from django.contrib.auth.models import Permission
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from audit.models import Action
from audit.services import record
from tests import factories
from villages.models import Region

URL = reverse("audit_history")
RESULTS_URL = reverse("audit_history_results")
UTC = datetime.UTC

# label: (region code, action, UTC time)
SEED = {
    "Berita Kebonharjo": ("35.23.02.2001", Action.PAGE_PUBLISH, "2026-03-01T16:30"),
    "Rapat Kebonharjo": ("35.23.02.2001", Action.PAGE_EDIT, "2026-03-01T20:00"),
    "Terhapus Kebonharjo": ("35.23.02.2001", Action.PAGE_DELETE, "2026-03-04T03:00"),
    "Undangan Kebonharjo": ("35.23.02.2001", Action.USER_INVITE, "2026-03-05T03:00"),
    "=1+1 Kebonharjo": ("35.23.02.2001", Action.PAGE_CREATE, "2026-03-06T03:00"),
    "Berita Wangi": ("35.23.02.2002", Action.PAGE_PUBLISH, "2026-03-03T03:00"),
    "Berita Karangasem": ("35.23.12.2001", Action.PAGE_PUBLISH, "2026-03-03T03:00"),
    "Editor Jatirogo": ("35.23.02", Action.USER_ROLE_ADD, "2026-03-03T03:00"),
    "Kebijakan Tuban": ("35.23", Action.POLICY_CHANGE, "2026-03-03T03:00"),
    "Berita Sembung": ("35.24.01.2001", Action.PAGE_PUBLISH, "2026-03-03T03:00"),
    "Editor Sukorame": ("35.24.01", Action.USER_ROLE_ADD, "2026-03-03T03:00"),
    "Kebijakan Lamongan": ("35.24", Action.POLICY_CHANGE, "2026-03-03T03:00"),
}
KEBONHARJO = {label for label, (code, _a, _t) in SEED.items() if code == "35.23.02.2001"}
JATIROGO = {label for label, (code, _a, _t) in SEED.items() if code.startswith("35.23.02")}
TUBAN = {label for label, (code, _a, _t) in SEED.items() if code.startswith("35.23")}
ALL = set(SEED)
DELETED_PAGE_ID = 987654321


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The history above, written once for this module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        regions = {r.code: r for r in Region.objects.filter(code__startswith="35.2")}
        profile = factories.tenant("35.23.02.2001").page.get_children().get(slug="profil")
        actor = factories.make_user(first_name="Sari", username="sari_kebonharjo")
        for label, (code, action, when) in SEED.items():
            page = None
            if label == "Berita Kebonharjo":
                page = profile
            elif label == "Terhapus Kebonharjo":
                page = DELETED_PAGE_ID
            record(
                regions[code],
                action,
                actor=actor,
                label=label,
                page=page,
                timestamp=datetime.datetime.fromisoformat(when).replace(tzinfo=UTC),
            )
        yield {"profile": profile}
        transaction.set_rollback(True)


def labels_in(response) -> set[str]:
    text = response.content.decode()
    # No label holds a character HTML would escape, so the page shows them as written.
    return {label for label in SEED if label in text}


def region_options(response) -> list[str]:
    text = response.content.decode()
    select = text[
        text.index('name="wilayah"') : text.index("</select>", text.index('name="wilayah"'))
    ]
    return [part.split('"')[0] for part in select.split('value="')[1:] if part.split('"')[0]]


@pytest.fixture
def history(client, seeded):
    """GET the history as ``user`` with ``params``."""

    def get(user, **params):
        client.force_login(user)
        return client.get(URL, params)

    return get


# -- who reads what --------------------------------------------------------------------------


def test_operator_reads_own_village_history_only(history, operator_a):
    response = history(operator_a)
    assert response.status_code == 200
    assert labels_in(response) == KEBONHARJO
    assert region_options(response) == ["35.23.02.2001"]
    for name in ("Wangi", "Karangasem", "Sembung", "Lamongan"):
        assert name not in response.content.decode()


def test_operator_of_other_village_does_not_read_village_a(history, operator_b):
    response = history(operator_b)
    assert labels_in(response) == {"Berita Wangi"}


def test_district_editor_reads_villages_of_their_district(history):
    editor = factories.district_editor_of(factories.tenant("35.23.02"))
    response = history(editor)
    assert labels_in(response) == JATIROGO
    assert region_options(response) == ["35.23.02", "35.23.02.2001", "35.23.02.2002"]


def test_district_editor_on_the_regency_reads_the_whole_regency(history, regency):
    response = history(factories.district_editor_of(regency))
    assert labels_in(response) == TUBAN


def test_regency_admin_reads_all_of_tuban_and_nothing_of_lamongan(history, regency):
    response = history(factories.regency_admin_of(regency))
    assert labels_in(response) == TUBAN
    assert region_options(response) == [
        "35.23",
        "35.23.02",
        "35.23.02.2001",
        "35.23.02.2002",
        "35.23.12",
        "35.23.12.2001",
    ]
    for name in ("Sembung", "Sukorame", "Lamongan"):
        assert name not in response.content.decode()


def test_regency_admin_of_lamongan_does_not_read_tuban(history, other_regency):
    response = history(factories.regency_admin_of(other_regency))
    assert labels_in(response) == ALL - TUBAN


def test_superuser_reads_everything_and_any_village_by_code(history, superuser):
    assert labels_in(history(superuser)) == ALL
    response = history(superuser, wilayah="35.24.01.2001")
    assert labels_in(response) == {"Berita Sembung"}
    # Villages are reached by code; the list offers regencies and districts.
    assert "35.23.02.2002" not in region_options(response)
    assert {"35.23", "35.24.01", "35.24.01.2001"} <= set(region_options(response))


def test_contributor_is_refused(client, seeded, contributor_a):
    client.force_login(contributor_a)
    for url in (URL, RESULTS_URL, URL + "?export=csv"):
        response = client.get(url)
        assert response.status_code == 403
        assert "Kebonharjo" not in response.content.decode()
    assert "hanya dapat dibaca oleh operator desa" in client.get(URL).content.decode()


def test_user_with_admin_access_but_no_role_is_refused(client, seeded):
    user = factories.make_user()
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get(URL).status_code == 403


def test_plain_user_is_sent_away_from_the_admin(client, seeded):
    client.force_login(factories.make_user())
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def sidebar_menu(response) -> str:
    """The admin sidebar's menu (JSON the sidebar is drawn from)."""
    text = response.content.decode()
    start = text.index('id="wagtail-sidebar-props"')
    return text[start : text.index("</script>", start)]


def test_menu_offers_history_to_readers_only(client, seeded, operator_a, contributor_a):
    client.force_login(operator_a)
    menu = sidebar_menu(client.get(URL))
    assert "Riwayat desa" in menu and URL in menu
    client.force_login(contributor_a)
    menu = sidebar_menu(client.get(reverse("wagtailadmin_home")))
    assert URL not in menu and "Riwayat desa" not in menu


# -- what a row shows --------------------------------------------------------------------------


def test_rows_show_time_in_wib_actor_action_and_region(history, operator_a):
    text = history(operator_a).content.decode()
    assert "1 Mar 2026, 23:30 WIB" in text  # 16:30 UTC
    assert "Sari" in text
    assert "menerbitkan halaman" in text
    assert "mengundang pengguna" in text
    assert "<td > Desa Kebonharjo </td>" in " ".join(text.split())


def test_existing_page_links_to_its_editor_and_deleted_page_does_not(history, operator_a, seeded):
    text = history(operator_a).content.decode()
    assert reverse("wagtailadmin_pages:edit", args=[seeded["profile"].pk]) in text
    assert "Terhapus Kebonharjo" in text
    assert reverse("wagtailadmin_pages:edit", args=[DELETED_PAGE_ID]) not in text


def test_user_events_recorded_by_other_apps_appear(history, operator_a, village_a):
    contributor = factories.contributor_of(village_a, first_name="Rina")
    record(
        village_a.region,
        Action.USER_DEACTIVATE,
        actor=operator_a,
        label="Rina Kontributor",
        target_user=contributor,
    )
    text = history(operator_a, jenis="pengguna").content.decode()
    assert "Rina Kontributor" in text and "menonaktifkan akun" in text
    assert operator_a.get_username() in text


# -- filters ---------------------------------------------------------------------------------


def test_region_filter_narrows_to_one_village(history):
    editor = factories.district_editor_of(factories.tenant("35.23.02"))
    assert labels_in(history(editor, wilayah="35.23.02.2002")) == {"Berita Wangi"}


def test_region_filter_on_a_district_includes_its_villages(history, regency):
    admin = factories.regency_admin_of(regency)
    assert labels_in(history(admin, wilayah="35.23.02")) == JATIROGO


def test_region_outside_ones_scope_is_not_found_and_not_named(history, operator_a):
    for code in ("35.23.02.2002", "35.24.01.2001", "35.23", "99.99"):
        response = history(operator_a, wilayah=code)
        assert response.status_code == 404
        text = response.content.decode()
        assert "Wangi" not in text and "Sembung" not in text
        assert labels_in(response) == set()


def test_region_outside_scope_is_refused_on_results_and_export(client, seeded, operator_a):
    client.force_login(operator_a)
    for url in (RESULTS_URL, URL):
        response = client.get(url, {"wilayah": "35.23.02.2002", "export": "csv"})
        assert response.status_code == 404


def test_kind_filter(history, operator_a):
    assert labels_in(history(operator_a, jenis="pengguna")) == {"Undangan Kebonharjo"}
    assert labels_in(history(operator_a, jenis="halaman")) == KEBONHARJO - {"Undangan Kebonharjo"}
    assert labels_in(history(operator_a, jenis="moderasi")) == set()


def test_date_range_counts_whole_days_in_wib(history, operator_a):
    # 20:00 UTC on 1 March is 03:00 on 2 March in Tuban.
    march_2 = history(operator_a, tanggal_from="2026-03-02", tanggal_to="2026-03-02")
    assert labels_in(march_2) == {"Rapat Kebonharjo"}
    march_1 = history(operator_a, tanggal_from="2026-03-01", tanggal_to="2026-03-01")
    assert labels_in(march_1) == {"Berita Kebonharjo"}
    since_4 = history(operator_a, tanggal_from="2026-03-04")
    assert labels_in(since_4) == {"Terhapus Kebonharjo", "Undangan Kebonharjo", "=1+1 Kebonharjo"}


def test_invalid_date_shows_an_error_and_no_entries(history, operator_a):
    response = history(operator_a, tanggal_from="kemarin")
    assert response.status_code == 200
    assert "Masukkan tanggal yang valid" in response.content.decode()
    assert labels_in(response) == set()


def test_results_fragment_applies_the_same_scope(client, seeded, operator_a):
    client.force_login(operator_a)
    response = client.get(RESULTS_URL, {"jenis": "halaman"})
    assert response.status_code == 200
    assert labels_in(response) == KEBONHARJO - {"Undangan Kebonharjo"}


# -- export ----------------------------------------------------------------------------------


def csv_text(response) -> str:
    return b"".join(response.streaming_content).decode()


def test_csv_export_holds_the_filtered_scoped_history(client, seeded, regency):
    client.force_login(factories.regency_admin_of(regency))
    response = client.get(URL, {"export": "csv", "wilayah": "35.23.02.2001"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = csv_text(response)
    assert {label for label in SEED if label in text} == KEBONHARJO
    assert "2026-03-01 23:30:00" in text
    assert "Waktu (WIB)" in text.splitlines()[0]


def test_csv_export_writes_formulas_as_text(client, seeded, operator_a):
    client.force_login(operator_a)
    text = csv_text(client.get(URL, {"export": "csv"}))
    assert "'=1+1 Kebonharjo" in text
    assert ",=1+1" not in text


def test_xlsx_export_holds_the_scoped_history(client, seeded, operator_a):
    from io import BytesIO

    from openpyxl import load_workbook

    client.force_login(operator_a)
    response = client.get(URL, {"export": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(b"".join(response.streaming_content))).active
    labels = {row[3] for row in sheet.iter_rows(min_row=2, values_only=True)}
    # A label that would run as a formula is written as text (villages.patches).
    assert labels == {f"'{label}" if label.startswith("=") else label for label in KEBONHARJO}


# -- cost ------------------------------------------------------------------------------------


def test_history_page_query_count_is_bounded_and_constant(
    client, seeded, operator_a, village_a, django_assert_max_num_queries
):
    client.force_login(operator_a)
    client.get(URL)  # warm per-process caches (content types, site root paths)
    with CaptureQueriesContext(connection) as few:
        assert client.get(URL).status_code == 200
    page = seeded["profile"]
    for n in range(120):
        record(village_a.region, Action.PAGE_EDIT, actor=operator_a, label=f"Draf {n}", page=page)
    with django_assert_max_num_queries(len(few)):
        many = client.get(URL)
    assert "Draf 119" in many.content.decode()
    assert "Draf 69" not in many.content.decode()  # the second page of 50
    with django_assert_max_num_queries(len(few)):
        second = client.get(URL, {"p": 2})
    assert "Draf 69" in second.content.decode()
    assert len(few) <= 40
