"""The administrative hierarchy (Kemendagri codes) and what each region owns on the platform."""

import re

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.models import Collection, Site

# PP, PP.RR, PP.RR.DD, PP.RR.DD.VVVV
CODE_PATTERN = re.compile(r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$")


class Level(models.TextChoices):
    PROVINCE = "province", _("Provinsi")
    REGENCY = "regency", _("Kabupaten/Kota")
    DISTRICT = "district", _("Kecamatan")
    VILLAGE = "village", _("Desa/Kelurahan")


LEVEL_BY_PARTS = {1: Level.PROVINCE, 2: Level.REGENCY, 3: Level.DISTRICT, 4: Level.VILLAGE}


class VillageKind(models.TextChoices):
    KELURAHAN = "kelurahan", _("Kelurahan")
    DESA = "desa", _("Desa")
    DESA_ADAT = "desa_adat", _("Desa adat")


# The first digit of a village's own part of the code says what kind of village it is.
KIND_BY_FIRST_DIGIT = {
    "1": VillageKind.KELURAHAN,
    "2": VillageKind.DESA,
    "3": VillageKind.DESA_ADAT,
}


def validate_region_code(code: str) -> None:
    if not CODE_PATTERN.match(code or ""):
        raise ValidationError(
            _(
                "Kode wilayah %(code)s tidak sah: gunakan format PP, PP.RR, PP.RR.DD "
                "atau PP.RR.DD.VVVV."
            ),
            params={"code": code},
            code="invalid_region_code",
        )
    parts = code.split(".")
    if len(parts) == 4 and parts[3][0] not in KIND_BY_FIRST_DIGIT:
        raise ValidationError(
            _("Kode desa %(code)s tidak sah: digit pertama bagian desa harus 1, 2 atau 3."),
            params={"code": code},
            code="invalid_village_code",
        )


def level_for_code(code: str) -> str:
    return LEVEL_BY_PARTS[len(code.split("."))]


def parent_code(code: str) -> str | None:
    parts = code.split(".")
    return ".".join(parts[:-1]) if len(parts) > 1 else None


class RegionQuerySet(models.QuerySet):
    def villages(self):
        return self.filter(level=Level.VILLAGE)


class Region(models.Model):
    """A province, regency, district or village, keyed by its Kemendagri code.

    Pages, sites, collections and groups hang off regions, so a region's rights are granted
    once on its page and collection and inherited by everything below.
    """

    code = models.CharField(
        _("kode Kemendagri"), max_length=13, unique=True, validators=[validate_region_code]
    )
    name = models.CharField(_("nama"), max_length=255)
    level = models.CharField(_("tingkat"), max_length=10, choices=Level.choices, db_index=True)
    village_kind = models.CharField(
        _("jenis desa"), max_length=10, choices=VillageKind.choices, blank=True
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("wilayah induk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # The DNS label a village (or a regency portal in a province install) answers on.
    slug = models.SlugField(_("slug"), max_length=63, blank=True)
    site = models.OneToOneField(
        Site,
        verbose_name=_("situs"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="region",
    )
    collection = models.OneToOneField(
        Collection,
        verbose_name=_("koleksi media"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="region",
    )
    # When a page of the village was last published by a person (a page published through a
    # revision). Kept up to date by villages.signals; provisioning does not count.
    last_published_at = models.DateTimeField(_("terakhir terbit"), null=True, blank=True)
    # Set by the regency (Diskominfo) on its policy page; the "Lupa sandi?" pages name it
    # for people whose account has no email address. Only a regency's value is read.
    support_contact = models.CharField(
        _("kontak bantuan akun"),
        max_length=255,
        blank=True,
        help_text=_(
            "Nomor telepon/WhatsApp atau email Diskominfo untuk orang yang tidak dapat "
            "mengatur ulang sandinya sendiri (akunnya tanpa email). Ditampilkan di halaman "
            "Lupa sandi? situs desa kabupaten ini."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RegionQuerySet.as_manager()

    class Meta:
        verbose_name = _("wilayah")
        verbose_name_plural = _("wilayah")
        ordering = ["code"]

    def __str__(self):
        return f"{self.name} ({self.code})"

    @property
    def ancestor_codes(self) -> list[str]:
        parts = self.code.split(".")
        return [".".join(parts[:i]) for i in range(1, len(parts))]

    @property
    def display_name(self) -> str:
        """How people name the region: "Desa Kebonharjo", "Kecamatan Jatirogo", "Kabupaten
        Tuban" (a regency's or province's name already says what it is)."""
        if self.level in (Level.PROVINCE, Level.REGENCY):
            return self.name
        kind = self.get_village_kind_display() if self.village_kind else ""
        return f"{kind or self.get_level_display()} {self.name}"

    @property
    def regency_code(self) -> str | None:
        parts = self.code.split(".")
        return ".".join(parts[:2]) if len(parts) >= 2 else None

    def regency(self) -> "Region | None":
        """The regency this region belongs to (itself for a regency); None for a province."""
        if self.level == Level.REGENCY:
            return self
        code = self.regency_code
        return Region.objects.filter(code=code, level=Level.REGENCY).first() if code else None


class Role(models.TextChoices):
    # Village staff: approve and publish in their village, manage its contributors.
    OPERATOR = "operator", _("Operator")
    # Karang Taruna, PKK, volunteers: write drafts and submit them, never publish.
    CONTRIBUTOR = "contributor", _("Kontributor")
    # Kecamatan or regency staff: moderate every village below their region.
    DISTRICT_EDITOR = "district_editor", _("Editor kecamatan")
    # Diskominfo: creates villages and manages the people and roles of the whole regency.
    REGENCY_ADMIN = "regency_admin", _("Admin kabupaten")


# The roles provisioning creates on each level of region.
ROLES_BY_LEVEL = {
    Level.PROVINCE: [],
    Level.REGENCY: [Role.DISTRICT_EDITOR, Role.REGENCY_ADMIN],
    Level.DISTRICT: [Role.DISTRICT_EDITOR],
    Level.VILLAGE: [Role.OPERATOR, Role.CONTRIBUTOR],
}
# Roles that moderate and support every village below them.
EDITOR_ROLES = [Role.DISTRICT_EDITOR, Role.REGENCY_ADMIN]


class RegionGroup(models.Model):
    """Which Django group plays which role for which region.

    This is how the platform answers "which villages does this user belong to" without
    parsing group names.
    """

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="role_groups")
    role = models.CharField(_("peran"), max_length=20, choices=Role.choices)
    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="region_role")

    class Meta:
        verbose_name = _("grup wilayah")
        verbose_name_plural = _("grup wilayah")
        constraints = [
            models.UniqueConstraint(fields=["region", "role"], name="unique_role_per_region")
        ]

    def __str__(self):
        return f"{self.region} — {self.get_role_display()}"
