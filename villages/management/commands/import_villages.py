"""Create or update every village under a region from a Kemendagri ``code,name`` CSV."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from villages.provisioning import Provisioner, ProvisioningError
from villages.wilayah import WilayahError, read_selection


class Command(BaseCommand):
    help = (
        "Buat atau perbarui halaman, situs, koleksi media dan grup peran untuk setiap desa "
        "di bawah KODE wilayah dari berkas CSV Kemendagri (kolom code,name). Aman dijalankan "
        "ulang: menjalankan ulang dengan berkas yang sama tidak mengubah apa pun."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="Berkas CSV dengan kolom code,name")
        parser.add_argument(
            "--region", required=True, help="Kode wilayah, mis. 35.23 atau 35.23.02"
        )
        parser.add_argument(
            "--base-domain",
            default=None,
            help="Domain induk; desa menjadi <slug-desa>.<domain> (bawaan: VILLAGES_BASE_DOMAIN)",
        )
        parser.add_argument(
            "--port",
            type=int,
            default=None,
            help="Port dalam URL situs (bawaan: VILLAGES_SITE_PORT)",
        )
        parser.add_argument(
            "--portal-hostname",
            default=None,
            help="Nama host portal kabupaten (bawaan: domain induk)",
        )

    def handle(self, *args, path, region, base_domain, port, portal_hostname, **options):
        verbosity = options["verbosity"]
        started = time.monotonic()
        try:
            selection = read_selection(path, region)
        except WilayahError as exc:
            raise CommandError(self._format_errors(exc.errors)) from exc
        total = len(selection.villages)
        self.stdout.write(
            f"Mengimpor {len(selection.rows)} wilayah ({total} desa/kelurahan) di bawah {region}…"
        )
        step = max(1, total // 20)

        def progress(done, total, village):
            if verbosity and (done % step == 0 or done == total):
                elapsed = time.monotonic() - started
                self.stdout.write(
                    f"  [{done:>5}/{total}] {village.name} ({village.code}) — {elapsed:.1f} dtk"
                )

        try:
            report = Provisioner(
                base_domain=base_domain or settings.VILLAGES_BASE_DOMAIN,
                port=port if port is not None else settings.VILLAGES_SITE_PORT,
                progress=progress,
                portal_hostname=portal_hostname,
            ).run(selection)
        except ProvisioningError as exc:
            raise CommandError(self._format_errors(exc.errors)) from exc

        for line in report.lines():
            self.stdout.write(f"  {line}")
        verdict = "Selesai" if report.changed else "Tidak ada perubahan"
        self.stdout.write(
            self.style.SUCCESS(f"{verdict}: {total} desa dalam {report.seconds:.1f} detik.")
        )

    @staticmethod
    def _format_errors(errors):
        shown = errors[:50]
        more = len(errors) - len(shown)
        text = "Impor dibatalkan, tidak ada yang diubah:\n" + "\n".join(f"  - {e}" for e in shown)
        if more:
            text += f"\n  … dan {more} kesalahan lain."
        return text
