"""Time of rendering a letter PDF (WeasyPrint) with its QR code.

    python bench/letters_pdf.py [N]      # default 50 letters

Prints the first render (fonts and WeasyPrint warming up) and the median and p95 of the next
N, in milliseconds, and appends them to bench/results/letters_pdf.jsonl.
"""

import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
    import django

    django.setup()
    from letters.pdf import render_pdf
    from letters.qr import qr_data_uri

    def letter(n):
        url = f"https://kebonharjo.desa.test/verifikasi/{'x' * 40}{n:03}/"
        body = "".join(f"<p>Baris isi surat nomor {i}.</p>" for i in range(25))
        return (
            f"<html><body><h1>SURAT KETERANGAN DOMISILI</h1><p>Nomor: 470/{n:03}/XII/2026</p>"
            f'{body}<img src="{qr_data_uri(url)}" style="width:30mm"></body></html>'
        )

    started = time.perf_counter()
    render_pdf(letter(0))
    first = (time.perf_counter() - started) * 1000
    times = []
    for n in range(1, runs + 1):
        started = time.perf_counter()
        render_pdf(letter(n))
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    result = {
        "letters": runs,
        "first_ms": round(first, 1),
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[int(len(times) * 0.95) - 1], 1),
    }
    print(json.dumps(result))
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    with open(out / "letters_pdf.jsonl", "a") as handle:
        handle.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
