"""Prepare the local demo: every village of one regency on localhost, and an admin account.

Safe to run again: the import changes nothing the second time, and the admin account only
gets a new password. The password is random on every run and is only printed, never stored
in a file, so no two checkouts share a known login.
"""

import secrets
import string
import time
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from villages.models import Region
from villages.models.regions import Level, VillageKind
from villages.provisioning import ProvisioningError, provision
from villages.sections import all_sections
from villages.wilayah import WilayahError, read_selection

DEMO_CSV = Path(__file__).resolve().parents[2] / "data" / "wilayah_jatim_demo.csv"
DEMO_REGION = "35.23"  # Kabupaten Tuban
BASE_DOMAIN = "localhost"
PORT = 8000
ADMIN_USERNAME = "admin"
PASSWORD_LENGTH = 16
# Shown as examples when present: Kebonharjo (Jatirogo), Karangasem and Jenu (Jenu).
EXAMPLE_VILLAGES = ["35.23.02.2001", "35.23.12.2001", "35.23.12.2016"]
EXAMPLE_COUNT = 3


def reset_admin(username: str = ADMIN_USERNAME) -> str:
    """Create the superuser ``username`` or reset its password; return the new password."""
    password = random_password()
    user, _created = get_user_model().objects.get_or_create(username=username)
    user.is_active = user.is_staff = user.is_superuser = True
    user.set_password(password)
    user.save()
    return password


def random_password() -> str:
    alphabet = string.ascii_letters + string.digits
    return "".join(secrets.choice(alphabet) for _position in range(PASSWORD_LENGTH))


def reset_demo_people(village: Region) -> tuple[str, list[tuple[str, str]]]:
    """One account per role around ``village`` (operator, contributor, kecamatan editor,
    regency admin), all with one new random password; returns it and (username, role)."""
    from villages.models import RegionGroup
    from villages.models.regions import Role

    district, regency = village.parent, village.parent.parent
    slug = village.slug or village.code.replace(".", "")
    people = [
        (f"operator.{slug}", village, Role.OPERATOR),
        (f"kontributor.{slug}", village, Role.CONTRIBUTOR),
        (f"editor.{district.code.replace('.', '')}", district, Role.DISTRICT_EDITOR),
        (f"diskominfo.{regency.code.replace('.', '')}", regency, Role.REGENCY_ADMIN),
    ]
    password = random_password()
    accounts = []
    for username, region, role in people:
        link = RegionGroup.objects.filter(region=region, role=role).select_related("group").first()
        if link is None:
            continue
        user, _created = get_user_model().objects.get_or_create(username=username)
        user.is_active = True
        user.set_password(password)
        user.save()
        user.groups.add(link.group)
        accounts.append((username, f"{Role(role).label} — {region.name}"))
    return password, accounts


def example_villages(codes: list[str]) -> list[Region]:
    """Up to three villages of ``codes`` that have a site, the preferred examples first."""
    villages = Region.objects.filter(
        code__in=codes, level=Level.VILLAGE, site__isnull=False
    ).select_related("site", "parent")
    by_code = {village.code: village for village in villages}
    ordered = [by_code[code] for code in EXAMPLE_VILLAGES if code in by_code]
    ordered += [by_code[code] for code in sorted(by_code) if code not in EXAMPLE_VILLAGES]
    return ordered[:EXAMPLE_COUNT]


def example_village_pages(codes: list[str]):
    """The home pages (Indonesian) of the example villages, in the preferred order."""
    from villages.models import VillageHomePage

    regions = example_villages(codes)
    pages = {
        page.region_id: page
        for page in VillageHomePage.objects.filter(
            region__in=regions, locale__language_code="id"
        ).select_related("region__collection", "region__site")
    }
    return [pages[region.pk] for region in regions if region.pk in pages]


def site_url(site) -> str:
    return f"{site.root_url}/"


class Command(BaseCommand):
    help = (
        "Siapkan demo lokal: impor semua desa Kabupaten Tuban (35.23) dari "
        "villages/data/wilayah_jatim_demo.csv sebagai <slug-desa>.localhost:8000, lalu buat "
        "pengguna admin dengan sandi acak baru. Aman dijalankan ulang."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--region",
            default=DEMO_REGION,
            help=f"Kode wilayah yang diimpor (bawaan: {DEMO_REGION}, Kabupaten Tuban)",
        )

    def fill_examples(self, codes: list[str]) -> None:
        """Realistic content for the example villages, so the first run looks lived in."""
        from villages.demo.content import populate_village

        for page in example_village_pages(codes):
            self.stdout.write(_("Mengisi konten contoh: %(name)s…") % {"name": page.title})
            populate_village(page)

    def fill_every_village(self, codes: list[str]) -> None:
        """What sections fill for every demo village at once (the open data's figures)."""
        villages = Region.objects.filter(code__in=codes, level=Level.VILLAGE)
        for section in all_sections():
            if section.demo_villages is None:
                continue
            made = section.demo_villages(villages)
            self.stdout.write(
                _("Data contoh %(section)s: %(count)d catatan baru.")
                % {"section": section.slug, "count": made}
            )

    def handle(self, *args, region, **options):
        verbosity = options["verbosity"]
        try:
            selection = read_selection(DEMO_CSV, region)
        except WilayahError as exc:
            raise CommandError("\n".join(exc.errors)) from exc

        total = len(selection.villages)
        self.stdout.write(
            _("Mengimpor %(count)d desa/kelurahan di bawah %(region)s…")
            % {"count": total, "region": region}
        )
        started = time.monotonic()
        step = max(1, total // 10)

        def progress(done, total, village):
            if verbosity and (done % step == 0 or done == total):
                self.stdout.write(
                    f"  [{done:>4}/{total}] {village.name} — {time.monotonic() - started:.1f} dtk"
                )

        try:
            report = provision(selection, base_domain=BASE_DOMAIN, port=PORT, progress=progress)
        except ProvisioningError as exc:
            raise CommandError("\n".join(exc.errors)) from exc
        verdict = _("Selesai") if report.changed else _("Tidak ada perubahan")
        self.stdout.write(f"{verdict} ({report.seconds:.1f} dtk).")

        codes = [row.code for row in selection.rows]
        self.fill_examples(codes)
        self.fill_every_village(codes)
        password = reset_admin()
        portal = (
            Region.objects.filter(code__in=codes, level=Level.REGENCY, site__isnull=False)
            .select_related("site")
            .first()
        )

        lines = [
            "",
            _("Demo siap."),
            f"  {_('Admin')}:     http://{BASE_DOMAIN}:{PORT}/admin/",
            f"  {_('Pengguna')}:  {ADMIN_USERNAME}",
            f"  {_('Sandi')}:     {password}",
            "               " + _("(acak, dibuat ulang setiap kali perintah ini dijalankan)"),
        ]
        if portal:
            lines.append(f"  {_('Portal')}:    {site_url(portal.site)}")
        examples = example_villages(codes)
        if examples:
            people_password, accounts = reset_demo_people(examples[0])
            lines.append(f"  {_('Akun peran')} ({_('sandi')}: {people_password}):")
            for username, role in accounts:
                lines.append(f"    {username:<28} {role}")
        lines.append(f"  {_('Contoh desa')}:")
        for village in examples:
            lines.append(
                f"    {site_url(village.site):<42} "
                f"{VillageKind(village.village_kind).label} {village.name}, "
                + _("Kecamatan %(name)s")
                % {"name": village.parent.name}
            )
        self.stdout.write(self.style.SUCCESS("\n".join(lines)))
