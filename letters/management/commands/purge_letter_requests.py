from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from letters.purge import purge, purgeable


class Command(BaseCommand):
    help = _(
        "Hapus data pribadi permohonan surat yang sudah ditutup lebih dari "
        "LETTER_REQUEST_RETENTION_DAYS hari (UU 27/2022). Jalankan tiap hari (cron)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help=_("Hanya hitung, tanpa hapus."))
        parser.add_argument("--days", type=int, default=None, help=_("Ganti masa simpan (hari)."))

    def handle(self, *args, dry_run, days, **options):
        days = settings.LETTER_REQUEST_RETENTION_DAYS if days is None else days
        if dry_run:
            count = purgeable(days=days).count()
            self.stdout.write(
                _("%(count)d permohonan akan dihapus data pribadinya (ditutup > %(days)d hari).")
                % {"count": count, "days": days}
            )
            return
        count = purge(days=days)
        self.stdout.write(
            _("Data pribadi %(count)d permohonan dihapus (ditutup > %(days)d hari).")
            % {"count": count, "days": days}
        )
