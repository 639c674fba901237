"""python manage.py import_village_data PATH [--dry-run] [--regency CODE]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from opendata import importing
from opendata.datasets import dataset_label
from opendata.models.releases import Source


class Command(BaseCommand):
    help = "Impor data desa (penduduk, APBDes, indeks) dari berkas CSV atau XLSX."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--dry-run", action="store_true", help="Periksa saja, tanpa menyimpan.")
        parser.add_argument("--regency", help="Hanya desa kabupaten ini, mis. 35.23.")

    def handle(self, path, dry_run=False, regency=None, **options):
        file = Path(path)
        if not file.exists():
            raise CommandError(f"Berkas {path} tidak ditemukan.")
        with file.open("rb") as handle:
            try:
                layout, records = importing.dataset_records(importing.read_file(handle, file.name))
            except importing.LayoutError as error:
                raise CommandError(str(error)) from error
        plan = importing.plan_records(records, layout=layout)
        if regency:
            prefix = f"{regency.strip()}."
            for n, record in enumerate(records, start=2):
                code = importing._text((record or {}).get(importing.CODE))
                if record and code and not code.startswith(prefix):
                    plan.error(n, importing.CODE, f"desa {code} bukan desa kabupaten {regency}")
            plan.errors.sort(key=lambda e: e.row)
            if plan.errors:
                plan.releases = []
        if plan.errors:
            for error in plan.errors:
                self.stderr.write(str(error))
            raise CommandError(f"{len(plan.errors)} kesalahan; tidak ada yang disimpan.")
        summary = plan.summary()
        self.stdout.write(f"Tata letak: {layout.slug}")
        for item in summary:
            replaces = f" (menggantikan versi {item['replaces']})" if item["replaces"] else ""
            self.stdout.write(
                f"  {item['village'].code} {item['village'].name}: "
                f"{dataset_label(item['dataset'])} {item['period']}, {item['rows']} baris{replaces}"
            )
        self.stdout.write(
            f"{len(plan.villages)} desa, {len(plan.releases)} versi data, {plan.rows} baris."
        )
        if dry_run:
            self.stdout.write("Uji coba (--dry-run): tidak ada yang disimpan.")
            return
        importing.apply_plan(plan, source=Source.IMPORT, filename=file.name)
        self.stdout.write(self.style.SUCCESS("Tersimpan."))
