"""Importing village figures from CSV and XLSX: all rows validated first, nothing half-saved."""

import io
from decimal import Decimal

import pytest
import tablib

from opendata import importing, rollups
from opendata.models import Release, StatisticCategory, StatisticGroup
from tests import factories

pytestmark = pytest.mark.django_db

POP_HEADER = "kode_wilayah,periode,statistik,kelompok,laki_laki,perempuan\n"
BUDGET_HEADER = "kode_wilayah,tahun,kode_rekening,uraian,anggaran,realisasi\n"


def csv_file(text):
    return io.BytesIO(text.encode("utf-8"))


def plan_csv(text, user=None):
    return importing.plan_file(csv_file(text), "data.csv", user=user)


def test_a_good_csv_is_saved_and_read_back_through_rollups(village_a, superuser):
    plan = plan_csv(
        POP_HEADER
        + "35.23.02.2001,2025-S1,agama,Islam,1210,1185\n"
        + "35.23.02.2001,2025-S1,agama,Kristen,3,4\n",
        user=superuser,
    )
    assert plan.ok, plan.errors
    assert plan.summary()[0]["rows"] == 2 and plan.summary()[0]["replaces"] is None
    importing.apply_plan(plan, user=superuser, filename="data.csv")
    table = rollups.population(village_a.region, "2025-S1")
    assert table.category("agama").total == 1210 + 1185 + 7


def test_a_good_xlsx_budget_is_saved(village_a):
    data = tablib.Dataset(headers=importing.LAYOUTS["apbdes"].headers)
    data.append(["35.23.02.2001", 2025, "4.2.1", "Dana Desa", 1012000000, 987500000])
    data.append(["35.23.02.2001", 2025, "5.2.3", "Jalan", 900000000, ""])
    plan = importing.plan_file(io.BytesIO(data.export("xlsx")), "apbdes.xlsx")
    assert plan.ok, plan.errors
    importing.apply_plan(plan)
    table = rollups.budget(village_a.region, "2025")
    assert table.get("4").budget == 1012000000
    assert table.get("5.2.3").realisation == 0


def test_one_bad_row_saves_nothing_and_names_row_and_column(village_a):
    plan = plan_csv(
        POP_HEADER
        + "35.23.02.2001,2025-S1,agama,Islam,1210,1185\n"
        + "35.23.02.2001,2025-S1,agama,Kristen,-3,4\n"
        + "35.23.02.2001,2025-S3,agama,Hindu,1,1\n"
        + "35.23.02.9999,2025-S1,agama,Hindu,1,1\n"
        + "35.23.02.2001,2025-S1,agama,Jedi,1,1\n"
        + "35.23.02.2001,2025-S1,agama,Islam,1,1\n"
    )
    cells = [(e.row, e.column) for e in plan.errors]
    assert cells == [
        (3, "laki_laki"),
        (4, "periode"),
        (5, "kode_wilayah"),
        (6, "kelompok"),
        (7, "kelompok"),
    ]
    assert "baris 3, kolom laki_laki" in str(plan.errors[0])
    with pytest.raises(ValueError):
        importing.apply_plan(plan)
    assert not Release.objects.filter(village=village_a.region).exists()


def test_budget_rejects_unknown_and_parent_accounts(village_a):
    plan = plan_csv(
        BUDGET_HEADER
        + "35.23.02.2001,2025,9.9.9,X,1,0\n"
        + "35.23.02.2001,2025,4.2,Dana,1,0\n"
        + "35.23.02.2001,2025-S1,4.2.1,Dana,1.5,0\n"
    )
    assert [(e.row, e.column) for e in plan.errors] == [
        (2, "kode_rekening"),
        (3, "kode_rekening"),
        (4, "tahun"),
        (4, "anggaran"),
    ]


def test_an_unknown_header_is_one_clear_error():
    plan = plan_csv("kode,periode,jumlah\n35.23.02.2001,2025,3\n")
    assert len(plan.errors) == 1
    assert plan.errors[0].row == 1
    assert "kode_wilayah,periode,statistik,kelompok,laki_laki,perempuan" in plan.errors[0].message


def test_index_dimensions_range_and_mean(village_a):
    header = "kode_wilayah,tahun,indeks,dimensi,nilai\n"
    bad = plan_csv(
        header
        + "35.23.02.2001,2025,idm,iks,0.8\n"
        + "35.23.02.2001,2025,idm,ike,0.6\n"
        + "35.23.02.2001,2025,idm,ikl,0.7\n"
        + "35.23.02.2001,2025,idm,skor,0.9\n"
        + "35.23.02.2001,2025,idm,xyz,0.5\n"
        + "35.23.02.2001,2025,idm,iks,1.5\n"
    )
    assert [(e.row, e.column) for e in bad.errors] == [(5, "nilai"), (6, "dimensi"), (7, "nilai")]
    good = plan_csv(
        header
        + "35.23.02.2001,2025,idm,iks,0.8\n"
        + "35.23.02.2001,2025,idm,ike,0.6\n"
        + "35.23.02.2001,2025,idm,ikl,0.7\n"
        + "35.23.02.2001,2025,idm,skor,0.7\n"
    )
    assert good.ok, good.errors
    importing.apply_plan(good)
    assert rollups.index(village_a.region).latest.values["skor"] == Decimal("0.7000")


def test_an_operator_may_not_import_another_villages_rows(village_a, village_b, operator_a):
    plan = plan_csv(
        POP_HEADER
        + "35.23.02.2001,2025-S1,agama,Islam,1,1\n"
        + "35.23.02.2002,2025-S1,agama,Islam,1,1\n",
        user=operator_a,
    )
    assert [(e.row, e.column) for e in plan.errors] == [(3, "kode_wilayah")]
    assert not plan.releases
    assert not Release.objects.exists()


def test_a_regency_admin_imports_two_villages_but_not_another_regency(
    regency, village_a, village_c, village_other_regency
):
    admin = factories.regency_admin_of(regency)
    text = (
        POP_HEADER
        + "35.23.02.2001,2025-S1,agama,Islam,1,1\n"
        + "35.23.12.2001,2025-S1,agama,Islam,2,2\n"
    )
    plan = plan_csv(text, user=admin)
    assert plan.ok, plan.errors
    importing.apply_plan(plan, user=admin)
    assert rollups.population(regency.region, "2025-S1").category("agama").total == 6

    refused = plan_csv(text + "35.24.01.2001,2025-S1,agama,Islam,1,1\n", user=admin)
    assert [(e.row, e.column) for e in refused.errors] == [(4, "kode_wilayah")]


def test_a_regency_category_counts_only_in_its_regency(village_a, village_other_regency):
    category = StatisticCategory.objects.create(
        slug="nelayan", name="Nelayan", regency=factories.tenant("35.23").region
    )
    StatisticGroup.objects.create(category=category, label="Nelayan tangkap")
    plan = plan_csv(
        POP_HEADER
        + "35.23.02.2001,2025,nelayan,Nelayan tangkap,5,1\n"
        + "35.24.01.2001,2025,nelayan,Nelayan tangkap,5,1\n"
    )
    assert [(e.row, e.column) for e in plan.errors] == [(3, "statistik")]


def test_reimport_makes_version_two_and_keeps_version_one(village_a):
    text = POP_HEADER + "35.23.02.2001,2025-S1,agama,Islam,1,1\n"
    importing.apply_plan(plan_csv(text))
    second = plan_csv(text.replace("1,1", "5,5"))
    assert second.summary()[0]["replaces"] == 1
    [release] = importing.apply_plan(second)
    assert release.version == 2
    versions = Release.objects.filter(village=village_a.region).values_list("version", "is_current")
    assert sorted(versions) == [(1, False), (2, True)]
    assert rollups.population(village_a.region).category("agama").total == 10


def test_tens_of_thousands_of_rows_with_bounded_queries(
    village_a, village_b, village_c, django_assert_max_num_queries
):
    lines = [POP_HEADER]
    periods = ["2023", "2023-S1", "2023-S2", "2024", "2024-S1", "2024-S2", "2025", "2025-S1"]
    codes = ["35.23.02.2001", "35.23.02.2002", "35.23.12.2001"]
    for code in codes:
        for period in periods:
            lines.extend(
                f"{code},{period},{slug},{label},{male},{female}\n"
                for slug, label, male, female in whole_population_rows(30, 40)
            )
    assert len(lines) > 4000
    text = "".join(lines) * 1
    with django_assert_max_num_queries(8):
        plan = plan_csv(text)
    assert plan.ok, plan.errors[:3]
    assert plan.rows == len(lines) - 1
    releases = len(codes) * len(periods)
    # Written in batches: a few statements, and one UPDATE per period (not per release).
    with django_assert_max_num_queries(len(periods) + 10):
        importing.apply_plan(plan)
    assert Release.objects.filter(is_current=True).count() == releases
    assert rollups.population(village_a.region).category("agama").total == 70


def whole_population_rows(male: int, female: int):
    """Every standard group: a category that covers the population adds up to ``male`` and
    ``female`` (the rest on its first group), the others a few people per group."""
    categories = StatisticCategory.objects.filter(regency__isnull=True).prefetch_related("groups")
    for category in categories:
        for index, group in enumerate(category.groups.all()):
            if not category.covers_population:
                yield category.slug, group.label, 3, 4
            elif index == 0:
                yield category.slug, group.label, male, female
            else:
                yield category.slug, group.label, 0, 0


def test_a_category_covering_the_population_must_match_the_sex_statistic(village_a):
    text = POP_HEADER + (
        "35.23.02.2001,2025-S1,jenis_kelamin,Jumlah penduduk,10,12\n"
        "35.23.02.2001,2025-S1,agama,Islam,9,12\n"
        "35.23.02.2001,2025-S1,agama,Kristen,0,0\n"
        "35.23.02.2001,2025-S1,disabilitas,Disabilitas Fisik,1,0\n"
    )
    plan = plan_csv(text)
    assert [(e.row, e.column) for e in plan.errors] == [(3, "laki_laki")]
    assert "agama" in plan.errors[0].message and "(10 dan 12)" in plan.errors[0].message
    with pytest.raises(ValueError):
        importing.apply_plan(plan)
    assert not Release.objects.exists()
    # Corrected, it imports; a category that does not cover everyone is never summed.
    fixed = plan_csv(text.replace("agama,Islam,9,12", "agama,Islam,10,12"))
    assert fixed.ok, fixed.errors
    importing.apply_plan(fixed)
    assert rollups.population(village_a.region).category("agama").total == 22
