"""Queries and time of the open-data roll-ups on a province-sized set of villages.

Builds (once, kept in ``$TMPDIR/bench/rollups.sqlite3`` or ``DATABASE_URL``; ``FRESH=1``
rebuilds) a province of ``REGENCIES`` x ``DISTRICTS`` x ``VILLAGES`` villages (8,400 by
default) with bulk_create, each village with a population release (sex, age bands,
religion), an APBDes release (every leaf account) and an IDM release, then measures
``opendata.rollups.population/budget/index`` for a village, a kecamatan, a regency and the
province: queries and milliseconds (median of ``ROUNDS``).

    python bench/opendata_rollups.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/desa_bench python bench/opendata_rollups.py
"""

import os
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
if "DATABASE_URL" not in os.environ:
    workdir = Path(tempfile.gettempdir()) / "bench"
    workdir.mkdir(exist_ok=True)
    database = workdir / "rollups.sqlite3"
    if os.environ.get("FRESH"):
        database.unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from opendata import rollups  # noqa: E402
from opendata.models import (  # noqa: E402
    Account,
    BudgetLine,
    IndexValue,
    PopulationFigure,
    Release,
    StatisticGroup,
)
from villages.models import Region  # noqa: E402
from villages.models.regions import Level  # noqa: E402

PROVINCE = "35"
REGENCIES = int(os.environ.get("REGENCIES", "20"))
DISTRICTS = int(os.environ.get("DISTRICTS", "20"))
VILLAGES = int(os.environ.get("VILLAGES", "21"))
ROUNDS = int(os.environ.get("ROUNDS", "5"))
PERIOD, YEAR = "2025-S1", "2025"
BATCH = 5000


def build():
    call_command("migrate", verbosity=0)
    if Region.objects.filter(code=PROVINCE).exists() and Release.objects.exists():
        return
    started = time.monotonic()
    province = Region.objects.create(code=PROVINCE, name="Provinsi Uji", level=Level.PROVINCE)
    regencies = Region.objects.bulk_create(
        Region(code=f"35.{r:02d}", name=f"Kabupaten {r}", level=Level.REGENCY, parent=province)
        for r in range(1, REGENCIES + 1)
    )
    regencies = list(Region.objects.filter(level=Level.REGENCY))
    Region.objects.bulk_create(
        Region(code=f"{g.code}.{d:02d}", name=f"Kecamatan {d}", level=Level.DISTRICT, parent=g)
        for g in regencies
        for d in range(1, DISTRICTS + 1)
    )
    districts = list(Region.objects.filter(level=Level.DISTRICT))
    Region.objects.bulk_create(
        (
            Region(code=f"{k.code}.{2000 + v}", name=f"Desa {v}", level=Level.VILLAGE, parent=k)
            for k in districts
            for v in range(1, VILLAGES + 1)
        ),
        batch_size=BATCH,
    )
    villages = list(Region.objects.filter(level=Level.VILLAGE))
    releases = []
    for village in villages:
        for dataset, period in (("penduduk", PERIOD), ("apbdes", YEAR), ("idm", YEAR)):
            releases.append(
                Release(
                    village=village,
                    region_code=village.code,
                    dataset=dataset,
                    period=period,
                    year=2025,
                    source="demo",
                )
            )
    Release.objects.bulk_create(releases, batch_size=BATCH)
    releases = Release.objects.values_list("pk", "dataset")
    groups = list(
        StatisticGroup.objects.filter(
            category__slug__in=["jenis_kelamin", "umur", "agama"]
        ).select_related("category")
    )
    leaves = list(Account.objects.filter(is_leaf=True))
    population, budget, index = [], [], []
    for pk, dataset in releases.iterator():
        if dataset == "penduduk":
            population += [
                PopulationFigure(
                    release_id=pk, category=g.category, group=g, male=pk % 97, female=pk % 89
                )
                for g in groups
            ]
        elif dataset == "apbdes":
            budget += [
                BudgetLine(release_id=pk, account=a, budget=10_000_000, realisation=9_000_000)
                for a in leaves
            ]
        else:
            index += [
                IndexValue(release_id=pk, dimension=d, value=Decimal("0.7"))
                for d in ("skor", "iks", "ike", "ikl")
            ]
    for model, rows in ((PopulationFigure, population), (BudgetLine, budget), (IndexValue, index)):
        model.objects.bulk_create(rows, batch_size=BATCH)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(
        f"built {len(villages)} villages, {len(population)} population figures, "
        f"{len(budget)} budget lines, {len(index)} index values in "
        f"{time.monotonic() - started:.1f} s"
    )


def measure(function, region, arg):
    function(region, arg)  # warm up
    times = []
    for _round in range(ROUNDS):
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            function(region, arg)
            times.append((time.perf_counter() - started) * 1000)
    return len(ctx.captured_queries), statistics.median(times)


def main():
    build()
    regions = {
        "village": Region.objects.get(code="35.01.01.2001"),
        "kecamatan": Region.objects.get(code="35.01.01"),
        "regency": Region.objects.get(code="35.01"),
        "province": Region.objects.get(code=PROVINCE),
    }
    total = Region.objects.filter(level=Level.VILLAGE).count()
    print(f"{connection.vendor}, {total} villages, median of {ROUNDS} rounds")
    print(f"{'roll-up':<12}{'region':<12}{'villages':>9}{'queries':>9}{'ms':>10}")
    for name, function, arg in (
        ("population", rollups.population, PERIOD),
        ("budget", rollups.budget, YEAR),
        ("index", rollups.index, "idm"),
    ):
        for level, region in regions.items():
            queries, ms = measure(function, region, arg)
            count = rollups.village_count(region)
            print(f"{name:<12}{level:<12}{count:>9}{queries:>9}{ms:>10.1f}")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "EXPLAIN ANALYZE SELECT count(*) FROM opendata_release "
                "WHERE region_code LIKE %s AND dataset='apbdes' AND is_current",
                ["35.01.%"],
            )
            print("\n".join(row[0] for row in cursor.fetchall()))


if __name__ == "__main__":
    main()
