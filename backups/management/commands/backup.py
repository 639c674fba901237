from django.core.management.base import BaseCommand, CommandError

from backups.archive import BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Mencadangkan seluruh instalasi ke sebuah folder baru: basis data (pg_dump atau "
        "salinan SQLite) dan semua berkas (lokal atau S3), dengan manifest jumlah baris "
        "dan checksum."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="Folder tujuan (baru atau kosong)")

    def handle(self, folder, **options):
        try:
            manifest = create_backup(folder)
        except BackupError as error:
            raise CommandError(str(error)) from error
        files = sum(len(entries) for entries in manifest["files"].values())
        self.stdout.write(
            f"{folder}: {len(manifest['tables'])} tabel, "
            f"{sum(manifest['tables'].values())} baris, {files} berkas"
        )
