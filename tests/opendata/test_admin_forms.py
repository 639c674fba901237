"""Admin entry forms: Indonesian errors at the field, nothing half-saved, own village only."""

from django.urls import reverse

import pytest

from opendata.models import BudgetLine, PopulationFigure, Release, StatisticGroup
from tests import factories
from tests.opendata.test_rollups import population_release

pytestmark = pytest.mark.django_db


def url(dataset, **params):
    from urllib.parse import urlencode

    base = reverse("opendata_entry", args=[dataset])
    return f"{base}?{urlencode(params)}" if params else base


def groups(slug):
    return list(StatisticGroup.objects.filter(category__slug=slug).order_by("order", "pk"))


def population_post(village, period, slug, counts, **extra):
    data = {"village": village.code, "period": period, "statistik": slug, **extra}
    for group in groups(slug):
        if group.label in counts:
            data[f"male_{group.pk}"], data[f"female_{group.pk}"] = counts[group.label]
    return data


def field_errors(response, name):
    return [str(e) for e in response.context["form"].errors.get(name, [])]


def test_population_form_saves_a_new_version_keeping_other_categories(
    client_for, operator_a, village_a
):
    population_release(
        village_a.region,
        "2025-S1",
        {("agama", "Islam"): (100, 90), ("jenis_kelamin", "Jumlah penduduk"): (120, 110)},
    )
    client = client_for(operator_a)
    code = village_a.region.code
    page = client.get(url("penduduk", statistik="agama", desa=code, periode="2025-S1"))
    assert page.status_code == 200
    assert 'value="100"' in page.text
    response = client.post(
        url("penduduk"),
        population_post(village_a.region, "2025-S1", "agama", {"Islam": (120, 110)}),
    )
    assert response.status_code == 302, response.context["form"].errors
    current = Release.objects.get(village=village_a.region, dataset="penduduk", is_current=True)
    assert current.version == 2 and current.source == "form" and current.created_by == operator_a
    islam = current.population.get(group__label="Islam")
    assert (islam.male, islam.female) == (120, 110)
    assert current.population.filter(category__slug="jenis_kelamin").exists()
    old = Release.objects.get(village=village_a.region, dataset="penduduk", version=1)
    assert old.population.get(group__label="Islam").male == 100


def test_population_total_check_at_the_field(client_for, operator_a, village_a):
    client = client_for(operator_a)
    data = population_post(
        village_a.region, "2025-S1", "agama", {"Islam": (10, 10)}, total_male="11"
    )
    response = client.post(url("penduduk"), data)
    assert response.status_code == 200
    assert "tidak sama dengan jumlah 11" in field_errors(response, "total_male")[0]
    negative = population_post(village_a.region, "2025-S1", "agama", {"Islam": (-1, 10)})
    response = client.post(url("penduduk"), negative)
    islam = groups("agama")[0]
    assert field_errors(response, f"male_{islam.pk}")
    assert not Release.objects.filter(village=village_a.region).exists()


def test_covers_population_checked_against_sex_statistic(client_for, operator_a, village_a):
    from opendata.models import StatisticCategory

    covering = StatisticCategory.objects.get(slug="agama")
    assert covering.covers_population
    population_release(village_a.region, "2025", {("jenis_kelamin", "Jumlah penduduk"): (10, 0)})
    first = covering.groups.first()
    data = population_post(village_a.region, "2025", covering.slug, {first.label: (3, 0)})
    response = client_for(operator_a).post(url("penduduk"), data)
    assert response.status_code == 200
    assert "mencakup seluruh penduduk" in " ".join(
        field_errors(response, "total_male") + field_errors(response, "total_female")
    )
    assert Release.objects.filter(village=village_a.region).count() == 1


def test_foreign_village_refused_and_nothing_saved(client_for, operator_a, village_b):
    data = population_post(village_b.region, "2025-S1", "agama", {"Islam": (1, 1)})
    response = client_for(operator_a).post(url("penduduk"), data)
    assert response.status_code == 200
    assert "bukan wilayah Anda" in field_errors(response, "village")[0]
    assert not Release.objects.filter(village=village_b.region).exists()
    # The choice list offers the operator's own village only.
    page = client_for(operator_a).get(url("apbdes"))
    assert village_b.region.code not in page.text


def test_other_regency_admin_refused_regency_admin_allowed(
    client_for, regency, other_regency, village_b
):
    data = population_post(village_b.region, "2025-S1", "agama", {"Islam": (1, 1)})
    outsider = client_for(factories.regency_admin_of(other_regency))
    assert "bukan wilayah Anda" in field_errors(outsider.post(url("penduduk"), data), "village")[0]
    insider = client_for(factories.regency_admin_of(regency))
    assert insider.post(url("penduduk"), data).status_code == 302
    assert Release.objects.filter(village=village_b.region, is_current=True).count() == 1


def budget_post(village, year, lines):
    data = {
        "village": village.code,
        "period": year,
        "baris-TOTAL_FORMS": str(len(lines)),
        "baris-INITIAL_FORMS": "0",
        "baris-MIN_NUM_FORMS": "0",
        "baris-MAX_NUM_FORMS": "1000",
    }
    for i, (code, description, budget, realisation) in enumerate(lines):
        data.update(
            {
                f"baris-{i}-account": code,
                f"baris-{i}-description": description,
                f"baris-{i}-budget": budget,
                f"baris-{i}-realisation": realisation,
            }
        )
    return data


def test_budget_form_saves_and_validates_lines(client_for, operator_a, village_a):
    client = client_for(operator_a)
    bad = budget_post(
        village_a.region,
        "2025",
        [("4.2.1", "Dana Desa", "1000", "-5"), ("9.9.9", "", "10", "0"), ("4.2", "", "1", "0")],
    )
    response = client.post(url("apbdes"), bad)
    assert response.status_code == 200
    lines = response.context["form"].lines.forms
    assert "Realisasi tidak boleh negatif." in lines[0].errors["realisation"]
    assert "tidak ada di bagan akun" in lines[1].errors["account"][0]
    assert "induk" in lines[2].errors["account"][0]
    assert not Release.objects.filter(village=village_a.region).exists()
    good = budget_post(
        village_a.region,
        "2025",
        [("4.2.1", "Dana Desa", "1012000000", "987500000"), ("", "", "", "")],
    )
    assert client.post(url("apbdes"), good).status_code == 302
    line = BudgetLine.objects.get(release__village=village_a.region)
    assert (line.account.code, line.budget, line.realisation) == ("4.2.1", 1012000000, 987500000)
    assert client.get(url("apbdes", desa=village_a.region.code, periode="2025")).status_code == 200


def test_budget_year_must_be_a_year(client_for, operator_a, village_a):
    data = budget_post(village_a.region, "2025-S1", [("4.2.1", "", "1", "0")])
    response = client_for(operator_a).post(url("apbdes"), data)
    assert "Tahun 2025-S1 tidak sah" in field_errors(response, "period")[0]


def test_idm_form_checks_mean_and_derives_status(client_for, operator_a, village_a):
    client = client_for(operator_a)
    base = {"village": village_a.region.code, "period": "2024"}
    wrong = {**base, "skor": "0.9000", "iks": "0.7000", "ike": "0.7000", "ikl": "0.7000"}
    response = client.post(url("idm"), wrong)
    assert "bukan rata-rata" in field_errors(response, "skor")[0]
    out_of_range = {**base, "skor": "0.7", "iks": "1.5", "ike": "0.7", "ikl": "0.7"}
    assert field_errors(client.post(url("idm"), out_of_range), "iks")
    assert not Release.objects.filter(village=village_a.region).exists()
    good = {**base, "skor": "0.7000", "iks": "0.6000", "ike": "0.7000", "ikl": "0.8000"}
    response = client.post(url("idm"), good)
    assert response.status_code == 302
    detail = client.get(response.url)
    assert "Berkembang" in detail.text
    assert PopulationFigure.objects.count() == 0


def test_entry_refused_to_users_without_a_writing_role(client_for, village_a):
    contributor = factories.contributor_of(village_a)
    assert client_for(contributor).get(url("idm")).status_code in (302, 403)
