from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from complaints.purge import purge, purgeable


class Command(BaseCommand):
    help = _(
        "Hapus nama, kontak dan foto pengirim pengaduan yang sudah selesai lebih dari "
        "COMPLAINT_RETENTION_DAYS hari (UU 27/2022). Jalankan tiap hari (cron)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help=_("Hanya hitung, tanpa hapus."))
        parser.add_argument("--days", type=int, default=None, help=_("Ganti masa simpan (hari)."))

    def handle(self, *args, dry_run, days, **options):
        days = settings.COMPLAINT_RETENTION_DAYS if days is None else days
        if dry_run:
            count = purgeable(days=days).count()
            self.stdout.write(
                _("%(count)d pengaduan akan dihapus data pribadinya (selesai > %(days)d hari).")
                % {"count": count, "days": days}
            )
            return
        count = purge(days=days)
        self.stdout.write(
            _("Data pribadi %(count)d pengaduan dihapus (selesai > %(days)d hari).")
            % {"count": count, "days": days}
        )
