"""Keep the admin's Indonesian complete across Wagtail upgrades.

python manage.py translations missing     # what the installed Wagtail has that we lack
python manage.py translations update      # add those to locale/id/*.po (empty), then
                                          # translate them following locale/id/glossary.csv
python manage.py translations compile     # write the .mo files Django reads
"""

from django.core.management.base import BaseCommand, CommandError

from translations import catalogues


class Command(BaseCommand):
    help = "Lists, adds and compiles the Indonesian texts of Wagtail's admin that we complete."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["missing", "update", "compile"])
        parser.add_argument(
            "--check", action="store_true", help="missing: exit with an error if any is missing"
        )

    def handle(self, *args, action, check=False, **options):
        if action == "missing":
            self.missing(check)
        elif action == "update":
            for domain in catalogues.DOMAINS:
                added, retired = catalogues.update_overlay(domain)
                self.stdout.write(f"{domain}: {added} added, {retired} retired")
        else:
            for domain in catalogues.DOMAINS:
                catalogues.compile_overlay(domain)
                self.stdout.write(f"{domain}: compiled")

    def missing(self, check):
        total_missing = 0
        for domain in catalogues.DOMAINS:
            result = catalogues.coverage(domain)
            total_missing += len(result.missing)
            self.stdout.write(
                f"{domain}: {result.translated} of {result.total} translated "
                f"({result.percent:.1f}%), {len(result.missing)} missing"
            )
            for message in result.missing:
                where = message.occurrences[0][0] if message.occurrences else message.source
                context = f" [{message.msgctxt}]" if message.msgctxt else ""
                self.stdout.write(f"  {message.msgid!r}{context}  ({where})")
        if check and total_missing:
            raise CommandError(f"{total_missing} texts have no Indonesian translation")
