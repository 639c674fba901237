"""The admin import flow (token, session, re-validation on confirm) against a stand-in importer.

``opendata.importing`` is written on another branch; these tests replace it with a minimal
stand-in of the agreed interface (``plan_file``, ``Plan.errors``/``summary()``, ``apply_plan``)
so the view's own guarantees are checked now: the file kept for the same user only, validated
again on confirm, nothing saved when a row is wrong.
"""

import csv
import io
import sys
import types
from dataclasses import dataclass, field

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest

from opendata.models import PopulationFigure, Release, StatisticGroup
from opendata.periods import parse_period
from opendata.permissions import writable_villages
from opendata.releases import NewRelease, publish_many
from tests import factories

pytestmark = pytest.mark.django_db

URL = "opendata_import"
HEADER = "kode_wilayah,periode,statistik,kelompok,laki_laki,perempuan\n"


@dataclass
class RowError:
    row: int
    column: str
    message: str


@dataclass
class Plan:
    errors: list = field(default_factory=list)
    releases: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.errors

    def summary(self):
        return [
            {
                "village": r.village.name,
                "dataset": r.dataset,
                "period": str(r.period),
                "rows": len(r.figures),
                "replaces": None,
            }
            for r in self.releases
        ]


def plan_file(fileobj, filename, *, user=None):
    plan = Plan()
    villages = {v.code: v for v in writable_villages(user)}
    by_key = {}
    rows = csv.DictReader(io.StringIO(fileobj.read().decode()))
    for number, row in enumerate(rows, start=2):
        village = villages.get(row["kode_wilayah"])
        if village is None:
            plan.errors.append(RowError(number, "kode_wilayah", "Desa ini bukan wilayah Anda."))
            continue
        try:
            male, female = int(row["laki_laki"]), int(row["perempuan"])
        except ValueError:
            plan.errors.append(RowError(number, "laki_laki", "Bukan bilangan."))
            continue
        group = StatisticGroup.objects.select_related("category").get(
            category__slug=row["statistik"], label=row["kelompok"]
        )
        key = (village.code, row["periode"])
        if key not in by_key:
            by_key[key] = NewRelease(village, "penduduk", parse_period(row["periode"]), [])
        by_key[key].figures.append(
            PopulationFigure(category=group.category, group=group, male=male, female=female)
        )
    plan.releases = list(by_key.values())
    return plan


def apply_plan(plan, *, source, user=None, filename=""):
    assert not plan.errors
    return publish_many(plan.releases, source=source, user=user, filename=filename)


@pytest.fixture(autouse=True)
def stand_in_importer(monkeypatch):
    module = types.ModuleType("opendata.importing")
    module.plan_file, module.apply_plan = plan_file, apply_plan
    monkeypatch.setitem(sys.modules, "opendata.importing", module)


def upload(client, body, name="data.csv"):
    file = SimpleUploadedFile(name, (HEADER + body).encode(), content_type="text/csv")
    return client.post(reverse(URL), {"file": file})


ROW_A = "35.23.02.2001,2025-S1,agama,Islam,1210,1185\n"
ROW_B = "35.23.02.2002,2025-S1,agama,Islam,1,1\n"


def test_preview_lists_the_changes_then_confirm_saves(client_for, operator_a, village_a):
    client = client_for(operator_a)
    preview = upload(client, ROW_A)
    assert 'id="import-preview"' in preview.text and "Kebonharjo" in preview.text
    assert not Release.objects.exists()
    response = client.post(reverse(URL), {"token": preview.context["token"]})
    assert response.status_code == 302 and response.url == reverse("opendata_history")
    release = Release.objects.get()
    assert release.village == village_a.region
    assert (release.source, release.filename) == ("import", "data.csv")
    assert client.post(reverse(URL), {"token": preview.context["token"]}).status_code == 404


def test_errors_table_and_nothing_saved(client_for, operator_a):
    response = upload(client_for(operator_a), ROW_A + ROW_B)
    assert 'id="import-errors"' in response.text
    assert "<td>3</td><td>kode_wilayah</td>" in response.text.replace("\n", "")
    assert response.context["token"] is None
    assert not Release.objects.exists()


def test_token_of_another_user_is_404(client_for, operator_a, operator_b):
    client = client_for(operator_a)
    token = upload(client, ROW_A).context["token"]
    other = client_for(operator_b)
    assert other.post(reverse(URL), {"token": token}).status_code == 404
    assert other.post(reverse(URL), {"token": "made-up"}).status_code == 404
    assert not Release.objects.exists()


def test_confirm_validates_again(client_for, village_a):
    operator = factories.operator_of(village_a)
    client = client_for(operator)
    token = upload(client, ROW_A).context["token"]
    # The operator is made an operator elsewhere before confirming: the file is refused now.
    operator.groups.clear()
    factories.operator_of(village_a)  # someone else keeps the village
    from villages.models import RegionGroup
    from villages.models.regions import Role

    other = factories.tenant("35.23.02.2002").region
    operator.groups.add(RegionGroup.objects.get(region=other, role=Role.OPERATOR).group)
    response = client.post(reverse(URL), {"token": token})
    assert response.status_code == 200
    assert response.context["errors"]
    assert not Release.objects.exists()


def test_import_refused_without_a_writing_role(client_for, village_a):
    client = client_for(factories.contributor_of(village_a))
    assert upload(client, ROW_A).status_code in (302, 403)
    assert not Release.objects.exists()
