from django.core.management.base import BaseCommand, CommandError

from backups.archive import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Memulihkan cadangan dari `manage.py backup` ke basis data kosong (DATABASE_URL) "
        "dan penyimpanan berkas, lalu mencocokkan jumlah baris dan checksum dengan manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="Folder cadangan")

    def handle(self, folder, **options):
        try:
            report = restore_backup(folder)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{report.tables} tabel, {report.rows} baris, {report.files} berkas")
        if not report.ok:
            for problem in report.problems:
                self.stderr.write(problem)
            raise CommandError(f"{len(report.problems)} perbedaan dengan cadangan")
