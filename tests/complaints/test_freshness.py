"""The freshness dashboard counts each village's unanswered complaints, in one query for
every village at once."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from complaints.models import Status
from editorial import freshness
from tests import factories
from tests.editorial.test_freshness_dashboard import csv_rows, extra_villages_csv, row_html

from .helpers import make

pytestmark = pytest.mark.django_db

DASHBOARD = "editorial_freshness"
RESULTS = "editorial_freshness_results"


def test_unanswered_complaints_are_counted_per_village(
    client_for, regency, village_a, village_b, village_other_regency
):
    make(village_a)
    make(village_a, status=Status.IN_PROGRESS)
    make(village_a, status=Status.ANSWERED)
    make(village_a, status=Status.CLOSED)
    make(village_b)
    make(village_other_regency)
    client = client_for(factories.regency_admin_of(regency))

    rows = {row.code: row for row in freshness.village_freshness([regency.region])}
    assert rows[village_a.region.code].complaints_unanswered == 2
    assert rows[village_b.region.code].complaints_unanswered == 1
    assert rows["35.23.12.2001"].complaints_unanswered == 0
    assert village_other_regency.region.code not in rows

    page = client.get(reverse(RESULTS)).content.decode()
    assert 'data-label="Aduan terbuka"' in row_html(page, "Kebonharjo")
    assert 'data-total="complaints">3 pengaduan belum dijawab' in page

    csv = {r["Kode"]: r for r in csv_rows(client.get(reverse(DASHBOARD), {"export": "csv"}))}
    assert csv[village_a.region.code]["Pengaduan belum dijawab"] == "2"
    assert csv["35.23.12.2001"]["Pengaduan belum dijawab"] == "0"


def test_dashboard_sorts_by_unanswered_complaints(client_for, regency, village_a, village_b):
    for _ in range(3):
        make(village_b)
    make(village_a)
    client = client_for(factories.regency_admin_of(regency))
    rows = client.get(reverse(RESULTS), {"ordering": "-complaints"}).context["object_list"]
    assert [row.name for row in rows[:2]] == ["Wangi", "Kebonharjo"]


def test_complaint_counts_cost_the_same_queries_for_2_and_20_villages(regency, tmp_path):
    jatirogo = factories.tenant("35.23.02").region

    def measure():
        with CaptureQueriesContext(connection) as ctx:
            rows = freshness.village_freshness([jatirogo])
        return len(ctx.captured_queries), rows

    for code in ("35.23.02.2001", "35.23.02.2002"):
        make(factories.tenant(code))
    measure()
    before, rows = measure()
    assert sum(r.complaints_unanswered for r in rows) == 2

    factories.provision_regions("35.23.02", "tuban.test", path=extra_villages_csv(tmp_path, 18))
    for n in range(1, 19):
        make(factories.tenant(f"35.23.02.{2100 + n}"))
    after, rows = measure()
    assert sum(r.complaints_unanswered for r in rows) == 20
    assert after == before
