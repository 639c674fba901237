"""Queries and time of the freshness dashboard for regencies of different sizes.

Imports the regencies into a fresh SQLite database (or ``DATABASE_URL``), gives them
something to count (pages published through revisions, operators, a few submissions in
moderation), then measures what a regency admin's dashboard costs: the full admin page, the
results fragment the filters reload, the CSV export and the service alone. The query counts
should be the same for every regency, and the same for the first regency before and after the
others are imported; the time grows only with the villages on the page.

The database (``$TMPDIR/bench/freshness.sqlite3``) is kept between runs and regencies already
in it are measured as they are; ``FRESH=1`` starts from an empty one.

    python bench/freshness_bench.py                       # Tuban (328) and Lamongan (474)
    python bench/freshness_bench.py 35.23 11.08 ../shared/data/wilayah_kemendagri_2025.csv
                                                          # Tuban and Aceh Utara (852)
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CSV = ROOT / "villages" / "data" / "wilayah_jatim_demo.csv"
ROUNDS = int(os.environ.get("ROUNDS", "10"))

args = sys.argv[1:]
CSV = Path(args.pop()) if args and args[-1].endswith(".csv") else DEFAULT_CSV
REGENCIES = args or ["35.23", "35.24"]

sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
# Workflow notifications of the seeded submissions are not what is measured.
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.dummy.EmailBackend")
if "DATABASE_URL" not in os.environ:
    workdir = Path(tempfile.gettempdir()) / "bench"
    workdir.mkdir(exist_ok=True)
    database = workdir / "freshness.sqlite3"
    if os.environ.get("FRESH"):
        database.unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from editorial import freshness  # noqa: E402
from home.models import StandardPage  # noqa: E402
from villages.models import Region, RegionGroup, VillageHomePage  # noqa: E402
from villages.models.regions import Role  # noqa: E402


def manage(*arguments):
    subprocess.run([sys.executable, "manage.py", *arguments], cwd=ROOT, env=os.environ, check=True)


def seed(regency: Region) -> None:
    """A third of the villages publish a page, half have an operator, a tenth a submission."""
    User = get_user_model()
    villages = list(
        VillageHomePage.objects.filter(
            region__code__startswith=f"{regency.code}.", locale__language_code="id"
        ).select_related("region")
    )
    groups = {
        link.region_id: link.group
        for link in RegionGroup.objects.filter(
            region__code__startswith=f"{regency.code}.", role=Role.OPERATOR
        ).select_related("group")
    }
    for n, village in enumerate(villages):
        if n % 3 == 0:
            page = StandardPage(title="Kabar bench", slug="kabar-bench")
            village.add_child(instance=page)
            page.save_revision().publish()
        if n % 10 == 0:
            page = StandardPage(title="Usulan bench", slug="usulan-bench", live=False)
            village.add_child(instance=page)
            page.save_revision()
            page.get_workflow().start(page, None)
        if n % 2 == 0:
            user = User.objects.create_user(
                f"op-{village.region.code}", f"op-{village.region.code}@bench.test"
            )
            user.groups.add(groups[village.region_id])


def timed(callable_, rounds=ROUNDS):
    callable_()  # warm up
    reset_queries()
    with CaptureQueriesContext(connection) as ctx:
        callable_()
    timings = []
    for _ in range(rounds):
        started = time.perf_counter()
        callable_()
        timings.append((time.perf_counter() - started) * 1000)
    return {
        "queries": len(ctx.captured_queries),
        "mean_ms": round(statistics.mean(timings), 1),
        "max_ms": round(max(timings), 1),
    }


def measure(regency: Region) -> dict:
    admin, _ = get_user_model().objects.get_or_create(username=f"admin-{regency.code}")
    admin.groups.add(RegionGroup.objects.get(region=regency, role=Role.REGENCY_ADMIN).group)
    client = Client()
    client.force_login(admin)
    page_url = reverse("editorial_freshness")
    results_url = reverse("editorial_freshness_results")

    def get(url, **params):
        response = client.get(url, params)
        assert response.status_code == 200, response.status_code
        if response.streaming:
            b"".join(response.streaming_content)

    rows = freshness.village_freshness([regency])
    return {
        "regency": f"{regency.name} ({regency.code})",
        "villages": len(rows),
        "inactive": sum(row.inactive for row in rows),
        "installation_villages": Region.objects.villages().count(),
        "service": timed(lambda: freshness.village_freshness([regency])),
        "page": timed(lambda: get(page_url)),
        "results_sorted_filtered": timed(
            lambda: get(results_url, ordering="-last_published", status="tidak-aktif")
        ),
        "csv": timed(lambda: get(page_url, export="csv")),
        "home_summary": timed(lambda: freshness.summary_for_user(admin)),
    }


def main():
    settings.ALLOWED_HOSTS = ["*"]
    manage("migrate", "-v0")
    results = []
    first = None
    for code in REGENCIES:
        started = time.monotonic()
        seeded = get_user_model().objects.filter(username__startswith=f"op-{code}.").exists()
        if not seeded:  # a database kept from an earlier run is reused as it is
            domain = f"kab-{code.replace('.', '')}.desa.test"  # one portal host per regency
            manage("import_villages", str(CSV), "--region", code, "--base-domain", domain)
            seed(Region.objects.get(code=code))
            print(f"{code}: imported and seeded in {time.monotonic() - started:.0f} s", flush=True)
        regency = Region.objects.get(code=code)
        first = first or regency
        results.append(measure(regency))
        print(json.dumps(results[-1]), flush=True)
        if regency != first:
            results.append(measure(first))  # the first regency again, installation grown
            print(json.dumps(results[-1]), flush=True)
    summary = {"database": connection.vendor, "rounds": ROUNDS, "rows": results}
    print(json.dumps(summary, indent=2))
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    with open(out / "freshness.jsonl", "a") as handle:
        handle.write(json.dumps(summary) + "\n")


if __name__ == "__main__":
    main()
