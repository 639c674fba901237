"""import_village_data: recognises the layout, prints errors, saves nothing on --dry-run."""

import io

from django.core.management import call_command
from django.core.management.base import CommandError

import pytest
import tablib

from opendata import import_templates, importing, rollups
from opendata.models import Release

pytestmark = pytest.mark.django_db

POP = (
    "kode_wilayah,periode,statistik,kelompok,laki_laki,perempuan\n"
    "35.23.02.2001,2025-S1,agama,Islam,1210,1185\n"
    "35.23.02.2002,2025-S1,agama,Islam,10,20\n"
)


def write(tmp_path, text, name="data.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_import_saves_and_prints_a_summary(tmp_path, village_a, village_b):
    out = io.StringIO()
    call_command("import_village_data", write(tmp_path, POP), stdout=out)
    assert "2 desa, 2 versi data, 2 baris" in out.getvalue()
    assert rollups.population(village_a.region).category("agama").total == 2395


def test_dry_run_saves_nothing(tmp_path, village_a):
    out = io.StringIO()
    call_command("import_village_data", write(tmp_path, POP), "--dry-run", stdout=out)
    assert "2 baris" in out.getvalue()
    assert not Release.objects.exists()


def test_errors_are_printed_and_exit_non_zero(tmp_path, village_a):
    err = io.StringIO()
    bad = POP + "35.23.02.2001,2025-S1,agama,Islam,x,1\n"
    with pytest.raises(CommandError):
        call_command("import_village_data", write(tmp_path, bad), stderr=err)
    assert "baris 4, kolom laki_laki" in err.getvalue()
    assert not Release.objects.exists()


def test_wrong_layout_is_refused(tmp_path):
    with pytest.raises(CommandError, match="kode_wilayah,tahun,kode_rekening"):
        call_command("import_village_data", write(tmp_path, "a,b\n1,2\n"))


def test_regency_option_refuses_other_regencies(tmp_path, village_a, village_other_regency):
    text = POP + "35.24.01.2001,2025-S1,agama,Islam,1,1\n"
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_village_data", write(tmp_path, text), "--regency", "35.23", stderr=err)
    assert "baris 4, kolom kode_wilayah" in err.getvalue()
    assert not Release.objects.exists()


def test_a_filled_template_imports(tmp_path, village_a):
    data = import_templates.template_dataset(village_a.region, "apbdes")
    assert data.headers == list(importing.LAYOUTS["apbdes"].headers)
    assert {row[0] for row in data} == {"35.23.02.2001"}
    filled = tablib.Dataset(headers=data.headers)
    for row in data:
        filled.append([*row[:4], 1000, 500])
    path = tmp_path / "apbdes.xlsx"
    path.write_bytes(filled.export("xlsx"))
    call_command("import_village_data", str(path), stdout=io.StringIO())
    assert rollups.budget(village_a.region).get("4").budget > 0


def test_population_template_covers_every_village_of_a_district(village_a, village_b):
    from villages.models import Region

    district = Region.objects.get(code="35.23.02")
    data = import_templates.template_dataset(district, "population")
    assert {"35.23.02.2001", "35.23.02.2002"} <= {row[0] for row in data}
    assert ("agama", "Islam") in {(row[2], row[3]) for row in data}
    index = import_templates.template_dataset(village_a.region, "index")
    assert [row[3] for row in index] == ["skor", "iks", "ike", "ikl"]
