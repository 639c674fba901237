"""Queries and mean latency of public requests against an already imported database.

Run it against a small and a large import (e.g. Tuban and Jawa Tengah) and compare: the
numbers should not grow with the number of villages. Each page is measured rendered (page
cache off) and served from the page cache, beside a bare view through the same middleware
stack (``bench/floor_urls.py``; the floor: no query of its own, no template), in the same
process and run.
"""

import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from wagtail.models import Site  # noqa: E402

from villages.models import Region  # noqa: E402

ROUNDS = int(os.environ.get("ROUNDS", "50"))


def measure(client, host, path, *, cached=False):
    settings.PAGE_CACHE_ENABLED = cached
    client.get(path, HTTP_HOST=host)
    client.get(path, HTTP_HOST=host)
    # Django empties the query log when a request starts; start from empty so the count holds.
    reset_queries()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path, HTTP_HOST=host)
    timings = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        client.get(path, HTTP_HOST=host)
        timings.append((time.perf_counter() - started) * 1000)
    return {
        "host": host,
        "path": path,
        "page_cache": response.get("X-Page-Cache", "off"),
        "status": response.status_code,
        "queries": len(ctx.captured_queries),
        "mean_ms": round(statistics.mean(timings), 1),
        "p95_ms": round(sorted(timings)[int(len(timings) * 0.95) - 1], 1),
    }


def main():
    settings.ALLOWED_HOSTS = ["*"]
    settings.ROOT_URLCONF = "bench.floor_urls"
    # BENCH_VILLAGE=35.23.02.2001 (Kebonharjo, filled in the demo); else the last village.
    villages = Region.objects.villages().filter(site__isnull=False)
    code = os.environ.get("BENCH_VILLAGE")
    village = villages.get(code=code) if code else villages.order_by("code").last()
    portal = Region.objects.filter(level="regency", site__isnull=False).order_by("code").last()
    client = Client()
    targets = [
        (village.site.hostname, "/"),
        (village.site.hostname, "/profil/"),
        (village.site.hostname, "/berita/"),
        (village.site.hostname, "/api/v2/pages/"),
        (portal.site.hostname, "/"),
    ]
    rows = [measure(client, village.site.hostname, "/_bench/floor/")]
    for host, path in targets:
        rows.append(measure(client, host, path))
        rows.append(measure(client, host, path, cached=True))
    floor = rows[0]["mean_ms"]
    for row in rows:
        row["times_floor"] = round(row["mean_ms"] / floor, 1)
    summary = {"sites": Site.objects.count(), "rows": rows}
    print(json.dumps(summary, indent=2))
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    with open(results / "requests.jsonl", "a") as handle:
        handle.write(json.dumps(summary) + "\n")


if __name__ == "__main__":
    main()
