"""Email the operators of inactive villages a reminder to update their site.

Meant for a daily cron: each regency's policy (``RegencyPolicy``) says whether reminders go
out at all, after how many days without a publication a village counts as inactive, and how
many days must pass before the same village is reminded again. Running it more often than
that changes nothing. ``--dry-run`` prints who would get what and sends or writes nothing.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from villages.models import Region
from villages.models.regions import Level

from ...reminders import plan_reminders, send_reminders


class Command(BaseCommand):
    # argparse needs a plain string here (a lazy translation breaks --help).
    help = (
        "Kirim pengingat lewat email kepada operator desa yang situsnya tidak aktif, sesuai "
        "kebijakan setiap kabupaten. Dijalankan setiap hari oleh cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_("Tampilkan siapa yang akan menerima apa, tanpa mengirim atau menyimpan."),
        )
        parser.add_argument(
            "--regency", metavar="KODE", help=_("Hanya kabupaten/kota ini, mis. 35.23")
        )

    def handle(self, *args, dry_run=False, regency=None, **options):
        self.verbosity = options["verbosity"]
        if regency and not Region.objects.filter(code=regency, level=Level.REGENCY).exists():
            raise CommandError(_("Kabupaten/kota %(code)s tidak ditemukan.") % {"code": regency})
        plan = plan_reminders(regency)

        for disabled in plan.regencies_disabled:
            self.say(1, _("%(regency)s: pengingat dimatikan.") % {"regency": disabled.name})
        if dry_run:
            self.say(0, _("Uji coba: tidak ada email yang dikirim dan tidak ada yang disimpan."))
            for reminder in plan.to_remind:
                self.describe(reminder, verb=_("akan dikirimi"), verbosity=0)
            failed = []
        else:
            result = send_reminders(plan)
            for reminder in result.sent:
                self.describe(reminder, verb=_("dikirimi"), verbosity=1)
            failed = result.failed
            for reminder, error in failed:
                self.stderr.write(
                    _("%(village)s: gagal mengirim (%(error)s); dicoba lagi pada jalan berikutnya.")
                    % {"village": self.village_label(reminder.row), "error": error}
                )

        self.summary(plan, dry_run, failed)
        if failed:
            raise CommandError(
                _("%(count)d desa gagal dikirimi pengingat.") % {"count": len(failed)}
            )

    # -- output ---------------------------------------------------------------------------------

    def say(self, verbosity: int, text: str, style=None) -> None:
        if self.verbosity >= verbosity:
            self.stdout.write(style(text) if style else text)

    @staticmethod
    def village_label(row) -> str:
        return f"{row.name} ({row.code}, {row.district_name})"

    def describe(self, reminder, *, verb: str, verbosity: int) -> None:
        row = reminder.row
        last = row.last_published_date.isoformat() if row.last_published_date else _("belum pernah")
        self.say(
            verbosity,
            _("%(village)s, terakhir terbit: %(last)s; %(verb)s %(count)d operator:")
            % {
                "village": self.village_label(row),
                "last": last,
                "verb": verb,
                "count": len(reminder.recipients),
            },
        )
        for recipient, message in zip(reminder.recipients, reminder.messages(), strict=True):
            self.say(
                verbosity,
                f"  - {recipient.user.get_username()} <{recipient.email}> "
                f"[{recipient.language}]: {message.subject}",
            )
            if self.verbosity >= 2:
                self.stdout.write(message.body)

    def summary(self, plan, dry_run: bool, failed) -> None:
        reminded = len(plan.to_remind) - len(failed)
        self.say(
            0,
            _(
                "Desa tidak aktif: %(inactive)d; %(verb)s: %(reminded)d; dilewati karena baru "
                "diingatkan: %(recent)d; dilewati karena tidak ada operator yang bisa dihubungi: "
                "%(unreachable)d."
            )
            % {
                "inactive": len(plan.inactive),
                "verb": _("akan diingatkan") if dry_run else _("diingatkan"),
                "reminded": reminded,
                "recent": len(plan.recently_reminded),
                "unreachable": len(plan.unreachable),
            },
            self.style.SUCCESS,
        )
        if plan.unreachable:
            self.say(
                0,
                _(
                    "Desa tanpa operator aktif yang punya alamat email (tambahkan operator atau "
                    "lengkapi emailnya):"
                ),
                self.style.WARNING,
            )
            for row in plan.unreachable:
                self.say(0, f"  - {self.village_label(row)}")
