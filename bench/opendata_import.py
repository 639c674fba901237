"""Time of importing open village data: a regency-sized population file (every village of the
region × every category group) and an APBDes file (every village × every leaf account).

    python bench/opendata_import.py [REGION]      # default 35.23 (Kabupaten Tuban, demo CSV)

Builds a fresh SQLite database (or uses DATABASE_URL), provisions the region's villages with
import_villages, then times reading + validating (plan) and saving (apply), twice (the second
import makes version 2 of every release).
"""

import io
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CSV = ROOT / "villages" / "data" / "wilayah_jatim_demo.csv"


def prepare(region, env):
    for args in (
        ["migrate", "-v0"],
        ["import_villages", str(DEFAULT_CSV), "--region", region, "--base-domain", "desa.test"],
    ):
        subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )


def timed(label, fn, results):
    started = time.perf_counter()
    value = fn()
    results[label] = round(time.perf_counter() - started, 2)
    return value


def main():
    region = sys.argv[1] if len(sys.argv) > 1 else "35.23"
    workdir = Path(tempfile.gettempdir()) / "bench"
    workdir.mkdir(exist_ok=True)
    env = dict(os.environ)
    if "DATABASE_URL" not in env:
        db = workdir / f"opendata-import-{region}.sqlite3"
        if not db.exists():
            env["DATABASE_URL"] = f"sqlite:///{db}"
            prepare(region, env)
        env["DATABASE_URL"] = f"sqlite:///{db}"
    env.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection

    from opendata import import_templates, importing
    from opendata.models import StatisticGroup
    from villages.models import Region

    target = Region.objects.get(code=region)
    villages = import_templates.villages_of(target)
    groups = list(
        StatisticGroup.objects.filter(category__regency__isnull=True).select_related("category")
    )
    pop = io.StringIO()
    pop.write(",".join(importing.LAYOUTS["population"].headers) + "\n")
    # Consistent figures, as a register gives them: a category that covers the population
    # adds up to the sex statistic (the import checks it), the rest on its first group.
    first = {}
    for group in groups:
        first.setdefault(group.category_id, group.pk)
    for village in villages:
        for group in groups:
            category = group.category
            if not category.covers_population:
                male, female = 7, 8
            elif first[category.pk] == group.pk:
                male, female = 700, 800
            else:
                male, female = 0, 0
            pop.write(f"{village.code},2025-S1,{category.slug},{group.label},{male},{female}\n")
    budget = import_templates.template_dataset(target, "apbdes")
    budget_csv = "\n".join(
        [",".join(budget.headers)]
        + [f'{r[0]},{r[1]},{r[2]},"{r[3]}",100000000,50000000' for r in budget]
    )
    results = {
        "region": region,
        "database": connection.vendor,
        "villages": len(villages),
        "population_rows": len(villages) * len(groups),
        "apbdes_rows": len(budget),
    }
    data = pop.getvalue().encode()
    for run in (1, 2):
        plan = timed(
            f"population_plan_s_{run}",
            lambda: importing.plan_file(io.BytesIO(data), "penduduk.csv"),
            results,
        )
        assert plan.ok, plan.errors[:5]
        timed(f"population_apply_s_{run}", lambda p=plan: importing.apply_plan(p), results)
    plan = timed(
        "apbdes_plan_s",
        lambda: importing.plan_file(io.BytesIO(budget_csv.encode()), "apbdes.csv"),
        results,
    )
    assert plan.ok, plan.errors[:5]
    timed("apbdes_apply_s", lambda: importing.apply_plan(plan), results)
    print(json.dumps(results))
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    with open(out / "opendata_import.jsonl", "a") as handle:
        handle.write(json.dumps(results) + "\n")


if __name__ == "__main__":
    main()
