"""Time and peak memory of importing a region into a fresh database, then of re-running it."""

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CSV = ROOT / "villages" / "data" / "wilayah_jatim_demo.csv"


def run(args, env):
    started = time.monotonic()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return time.monotonic() - started, max(before, after) / 1024


def main():
    region = sys.argv[1] if len(sys.argv) > 1 else "35.23"
    csv_path = Path(sys.argv[2]) if len(sys.argv) > 2 else DEFAULT_CSV
    workdir = Path(tempfile.gettempdir()) / "bench"
    workdir.mkdir(exist_ok=True)
    env = dict(os.environ)
    if "DATABASE_URL" not in env:
        db = workdir / f"import-{region}.sqlite3"
        db.unlink(missing_ok=True)
        env["DATABASE_URL"] = f"sqlite:///{db}"
    env.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    run(["migrate", "-v0"], env)
    args = ["import_villages", str(csv_path), "--region", region, "--base-domain", "desa.test"]
    first_seconds, first_rss = run(args, env)
    second_seconds, _ = run(args, env)
    result = {
        "region": region,
        "database": env["DATABASE_URL"].split(":", 1)[0],
        "first_import_seconds": round(first_seconds, 1),
        "peak_rss_mib": round(first_rss),
        "rerun_seconds": round(second_seconds, 1),
    }
    print(json.dumps(result))
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    with open(results / "import.jsonl", "a") as handle:
        handle.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
