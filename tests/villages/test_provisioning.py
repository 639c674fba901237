"""Provisioning: the region tree, its sites, collections and role groups; idempotence; bad input."""

from io import StringIO
from pathlib import Path

from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse

from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    GroupSitePermission,
    Page,
    PageLogEntry,
    Revision,
    Site,
)

import pytest

from tests.factories import TWO_REGENCIES
from villages.models import Region, RegionGroup
from villages.models.regions import Role
from villages.provisioning import Provisioner, ProvisioningError
from villages.wilayah import read_selection


def snapshot():
    """Row counts of everything provisioning writes."""
    return {
        model.__name__: model.objects.count()
        for model in (
            Region,
            Page,
            Site,
            Collection,
            Group,
            RegionGroup,
            GroupPagePermission,
            GroupCollectionPermission,
            GroupSitePermission,
            Revision,
            PageLogEntry,
        )
    }


def run_import(*args):
    out = StringIO()
    call_command("import_villages", *args, stdout=out)
    return out.getvalue()


def write_csv(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "wilayah.csv"
    path.write_text(text, encoding="utf-8")
    return path


# -- the tree ------------------------------------------------------------------------


def test_village_page_sits_under_its_district_under_its_regency(village_a, regency):
    district_page = village_a.page.get_parent().specific
    assert district_page.region.code == "35.23.02"
    assert district_page.get_parent().specific == regency.page
    assert regency.page.get_parent().depth == 1


def test_every_village_is_its_own_site_on_its_slug(village_a, village_b):
    assert village_a.site.hostname == "kebonharjo.tuban.test"
    assert village_a.site.root_page_id == village_a.page.pk
    assert village_b.site.hostname == "wangi.tuban.test"


def test_regency_portal_is_a_site_on_the_base_domain(regency, other_regency):
    assert regency.site.hostname == "tuban.test"
    assert regency.site.root_page_id == regency.page.pk
    assert other_regency.site.hostname == "lamongan.test"


def test_village_kind_follows_the_code(village_a):
    assert village_a.region.village_kind == "desa"
    assert village_a.page.title == "Desa Kebonharjo"


def test_village_collection_nests_under_district_and_regency(village_a, regency):
    district_collection = village_a.collection.get_parent()
    assert district_collection.region.code == "35.23.02"
    assert district_collection.get_parent() == regency.collection


def test_village_gets_standard_sections(village_a, village_other_regency):
    expected = [
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
    for village in (village_a, village_other_regency):
        children = village.page.get_children().specific()
        assert [child.slug for child in children] == expected
        assert all(child.live and child.show_in_menus for child in children)
    types = {child.slug: type(child).__name__ for child in village_a.page.get_children().specific()}
    assert types["profil"] == "ProfilePage"
    assert types["pemerintahan"] == "GovernmentIndexPage"
    assert types["peta"] == "MapPage"


def test_operator_rights_are_granted_on_the_village_nodes(village_a):
    group = village_a.group(Role.OPERATOR)
    page_perms = set(
        GroupPagePermission.objects.filter(group=group).values_list(
            "page_id", "permission__codename"
        )
    )
    assert {page for page, _ in page_perms} == {village_a.page.pk}
    assert {c for _, c in page_perms} >= {"add_page", "change_page", "publish_page"}
    collections = set(
        GroupCollectionPermission.objects.filter(group=group).values_list(
            "collection_id", flat=True
        )
    )
    assert collections == {village_a.collection.pk}
    sites = set(GroupSitePermission.objects.filter(group=group).values_list("site_id", flat=True))
    assert sites == {village_a.site.pk}


def test_contributor_cannot_publish_by_rights(village_a):
    group = village_a.group(Role.CONTRIBUTOR)
    codenames = set(
        GroupPagePermission.objects.filter(group=group).values_list(
            "permission__codename", flat=True
        )
    )
    assert codenames == {"add_page"}


def test_district_editor_rights_sit_on_the_regency_node_only(regency, village_a, village_c):
    group = regency.group(Role.DISTRICT_EDITOR)
    pages = set(GroupPagePermission.objects.filter(group=group).values_list("page_id", flat=True))
    assert pages == {regency.page.pk}
    collections = set(
        GroupCollectionPermission.objects.filter(group=group).values_list(
            "collection_id", flat=True
        )
    )
    assert collections == {regency.collection.pk}
    # ...and through the tree they reach every village of the regency, not the other regency.
    from tests.factories import district_editor_of

    editor = district_editor_of(regency)
    assert village_a.page.permissions_for_user(editor).can_publish()
    assert village_c.page.permissions_for_user(editor).can_publish()


def test_district_editor_cannot_act_in_other_regency(regency, village_other_regency):
    from tests.factories import district_editor_of

    editor = district_editor_of(regency)
    perms = village_other_regency.page.permissions_for_user(editor)
    assert not perms.can_edit()
    assert not perms.can_publish()


# -- idempotence ---------------------------------------------------------------------


def test_running_the_import_again_changes_nothing(db):
    before = snapshot()
    output = run_import(str(TWO_REGENCIES), "--region", "35.23", "--base-domain", "tuban.test")
    assert "Tidak ada perubahan" in output
    assert "0 dibuat, 0 diperbarui" in output
    assert snapshot() == before


def test_renamed_village_is_updated_and_keeps_its_address(db, tmp_path):
    text = TWO_REGENCIES.read_text().replace("35.23.02.2002,Wangi", "35.23.02.2002,Wangi Baru")
    path = write_csv(tmp_path, text)
    output = run_import(str(path), "--region", "35.23.02", "--base-domain", "tuban.test")
    assert "Selesai" in output
    region = Region.objects.get(code="35.23.02.2002")
    assert region.name == "Wangi Baru"
    assert region.site.hostname == "wangi.tuban.test"
    assert Page.objects.get(pk=region.site.root_page_id).title == "Desa Wangi Baru"


def test_import_of_new_villages_adds_only_them(db, tmp_path):
    path = write_csv(
        tmp_path,
        TWO_REGENCIES.read_text() + "35.23.02.2003,Ketodan\n35.23.02.1004,Sidomukti\n",
    )
    before = snapshot()
    run_import(str(path), "--region", "35.23.02", "--base-domain", "tuban.test")
    after = snapshot()
    assert after["Site"] - before["Site"] == 2
    assert after["Region"] - before["Region"] == 2
    kelurahan = Region.objects.get(code="35.23.02.1004")
    assert kelurahan.village_kind == "kelurahan"
    assert Page.objects.get(pk=kelurahan.site.root_page_id).title == "Kelurahan Sidomukti"


def test_villages_sharing_a_name_get_distinct_hostnames(db, tmp_path):
    path = write_csv(
        tmp_path,
        "code,name\n36,Banten\n36.01,Kabupaten Contoh\n36.01.01,Utara\n36.01.02,Selatan\n"
        "36.01.01.2001,Sidomulyo\n36.01.02.2001,Sidomulyo\n36.01.02.2002,Pasi Kuala Ba'u\n",
    )
    run_import(str(path), "--region", "36.01", "--base-domain", "contoh.test")
    hosts = {
        r.code: r.site.hostname for r in Region.objects.filter(code__startswith="36.01.").villages()
    }
    assert hosts == {
        "36.01.01.2001": "sidomulyo.contoh.test",
        "36.01.02.2001": "sidomulyo-selatan.contoh.test",
        "36.01.02.2002": "pasi-kuala-bau.contoh.test",
    }


def test_import_prints_progress_and_a_report(db, tmp_path):
    path = write_csv(
        tmp_path,
        "code,name\n36,Banten\n36.01,Kabupaten Contoh\n36.01.01,Utara\n"
        + "".join(f"36.01.01.20{i:02d},Desa Nomor {i}\n" for i in range(1, 6)),
    )
    output = run_import(str(path), "--region", "36.01", "--base-domain", "contoh.test")
    assert "[    5/5]" in output
    assert "situs: 6 dibuat" in output  # five villages and the portal


# -- bad input: a clear error, and nothing written ---------------------------------------


@pytest.mark.parametrize(
    ("csv_text", "message"),
    [
        ("kode,nama\n35,Jawa Timur\n", 'kepala kolom harus tepat "code,name"'),
        (
            "code,name\n35,Jawa Timur\n35.23,Kabupaten Tuban,extra\n",
            "Baris 3: harus berisi tepat 2 kolom",
        ),
        (
            "code,name\n35,Jawa Timur\n35.2x,Kabupaten Tuban\n",
            "Baris 3: Kode wilayah 35.2x tidak sah",
        ),
        ("code,name\n35,Jawa Timur\n35.23,\n", "Baris 3: nama wilayah untuk kode 35.23 kosong"),
        (
            "code,name\n35,Jawa Timur\n35.23,A\n35.23,B\n",
            "Baris 4: kode 35.23 sudah ada di baris 3",
        ),
        ("code,name\n35,Jawa Timur\n35.23,Tuban\n35.23.02.5001,X\n", "digit pertama bagian desa"),
        (
            "code,name\n35,Jawa Timur\n35.23,Tuban\n35.23.02.2001,Kebonharjo\n",
            "wilayah induk 35.23.02",
        ),
    ],
)
def test_malformed_csv_is_refused_with_the_line_and_nothing_written(
    db, tmp_path, csv_text, message
):
    path = write_csv(tmp_path, csv_text)
    before = snapshot()
    with pytest.raises(CommandError) as excinfo:
        run_import(str(path), "--region", "35", "--base-domain", "tuban.test")
    assert message in str(excinfo.value)
    assert "tidak ada yang diubah" in str(excinfo.value)
    assert snapshot() == before


def test_unknown_region_code_is_refused(db):
    before = snapshot()
    with pytest.raises(CommandError, match="Kode wilayah 35.99 tidak ada dalam berkas"):
        run_import(str(TWO_REGENCIES), "--region", "35.99")
    assert snapshot() == before


def test_invalid_region_code_is_refused(db):
    with pytest.raises(CommandError, match="tidak sah"):
        run_import(str(TWO_REGENCIES), "--region", "tuban")


def test_missing_file_is_refused(db, tmp_path):
    with pytest.raises(CommandError, match="tidak dapat dibuka"):
        run_import(str(tmp_path / "tidak-ada.csv"), "--region", "35")


def test_non_utf8_file_is_refused(db, tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes("code,name\n35,Jawa Timur\n35.23,Kabupaten Tub\xe4n\n".encode("latin-1"))
    with pytest.raises(CommandError, match="bukan CSV UTF-8"):
        run_import(str(path), "--region", "35")


def test_duplicate_portal_hostname_is_refused_and_nothing_written(db, tmp_path):
    path = write_csv(
        tmp_path,
        "code,name\n35,Jawa Timur\n35.25,Kabupaten Gresik\n35.25.01,Wringinanom\n"
        "35.25.01.2001,Sumbergede\n",
    )
    before = snapshot()
    with pytest.raises(CommandError, match="Nama host tuban.test sudah dipakai"):
        run_import(str(path), "--region", "35.25", "--base-domain", "tuban.test")
    assert snapshot() == before
    assert not Region.objects.filter(code="35.25").exists()


def test_explicit_portal_hostname_taken_by_a_village_is_refused(db, tmp_path, village_a):
    path = write_csv(
        tmp_path,
        "code,name\n35,Jawa Timur\n35.25,Kabupaten Gresik\n35.25.01,Wringinanom\n"
        "35.25.01.2001,Sumbergede\n",
    )
    with pytest.raises(CommandError, match="kebonharjo.tuban.test sudah dipakai"):
        run_import(
            str(path),
            "--region",
            "35.25",
            "--base-domain",
            "gresik.test",
            "--portal-hostname",
            "kebonharjo.tuban.test",
        )
    assert not Region.objects.filter(code="35.25").exists()


def test_invalid_base_domain_is_refused(db):
    with pytest.raises(CommandError, match="tidak sah"):
        run_import(str(TWO_REGENCIES), "--region", "35.23", "--base-domain", "bukan domain!")


def test_failure_halfway_leaves_the_database_as_it_was(db, tmp_path, monkeypatch):
    path = write_csv(
        tmp_path,
        "code,name\n36,Banten\n36.01,Kabupaten Contoh\n36.01.01,Utara\n"
        "36.01.01.2001,Satu\n36.01.01.2002,Dua\n",
    )
    before = snapshot()
    original = Provisioner._sections
    calls = []

    def fail_on_second(self, page, level="village"):
        if level == "village":  # regency and district pages get their sections too
            calls.append(page)
        if len(calls) == 2:
            raise RuntimeError("disk penuh")
        return original(self, page, level)

    monkeypatch.setattr(Provisioner, "_sections", fail_on_second)
    with pytest.raises(RuntimeError):
        Provisioner(base_domain="contoh.test", port=80).run(read_selection(path, "36.01"))
    assert snapshot() == before


def test_provisioner_reports_all_hostname_problems_at_once(db):
    with pytest.raises(ProvisioningError) as excinfo:
        Provisioner(base_domain="-salah-", port=80)
    assert "tidak sah" in str(excinfo.value)


# -- admin: a village can be created from the admin ------------------------------------------


def test_superuser_creates_a_village_from_the_admin(client, superuser, village_a):
    district = Region.objects.get(code="35.23.02")
    client.force_login(superuser)
    response = client.post(
        reverse("villages_add"),
        {"district": district.pk, "code": "35.23.02.2010", "name": "Wotsogo"},
    )
    assert response.status_code == 302
    region = Region.objects.get(code="35.23.02.2010")
    assert region.site.hostname == "wotsogo.tuban.test"
    assert RegionGroup.objects.filter(region=region).count() == 2
    assert client.get("/", HTTP_HOST="wotsogo.tuban.test").status_code == 200


def test_admin_village_form_refuses_a_code_outside_the_district(client, superuser, village_a):
    district = Region.objects.get(code="35.23.02")
    client.force_login(superuser)
    before = snapshot()
    response = client.post(
        reverse("villages_add"), {"district": district.pk, "code": "35.23.12.2010", "name": "X"}
    )
    assert response.status_code == 200
    assert "harus berformat PP.RR.DD.VVVV dan berada di bawah 35.23.02" in response.text
    assert snapshot() == before


def test_admin_village_form_refuses_an_existing_code(client, superuser, village_a):
    client.force_login(superuser)
    response = client.post(
        reverse("villages_add"),
        {"district": village_a.region.parent_id, "code": "35.23.02.2001", "name": "Kebonharjo"},
    )
    assert "sudah ada" in response.text


def test_operator_cannot_open_the_create_village_form(client, operator_a):
    client.force_login(operator_a)
    response = client.get(reverse("villages_add"))
    assert response.status_code in (302, 403)


def test_contact_form_of_a_new_village_has_working_fields(client, village_a):
    from home.models import ContactPage

    contact = ContactPage.objects.child_of(village_a.page).get()
    assert list(contact.form_fields.values_list("clean_name", flat=True)) == [
        "nama",
        "email",
        "nomor_hp",
        "kategori",
        "pesan",
    ]
    response = client.get("/kontak/", HTTP_HOST=village_a.host)
    assert 'name="pesan"' in response.text


def _analyzed(queries) -> set[str]:
    return {
        q["sql"].split()[1].strip('"') for q in queries if q["sql"].upper().startswith("ANALYZE")
    }


def test_an_import_that_writes_ends_with_fresh_planner_statistics(db, tmp_path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    path = write_csv(tmp_path, TWO_REGENCIES.read_text() + "35.23.02.2003,Ketodan\n")
    with CaptureQueriesContext(connection) as written:
        run_import(str(path), "--region", "35.23.02", "--base-domain", "tuban.test")
    analyzed = _analyzed(written.captured_queries)
    assert {"wagtailcore_page", "wagtailcore_site", "villages_region"} <= analyzed
    assert "villages_villagehomepage" in analyzed
    # A re-run that changes nothing does not pay for it.
    with CaptureQueriesContext(connection) as unchanged:
        run_import(str(path), "--region", "35.23.02", "--base-domain", "tuban.test")
    assert _analyzed(unchanged.captured_queries) == set()
