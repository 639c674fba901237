"""Which villages may a user write open data for?

``None`` as the user is the system (the management command): every village. A superuser
writes every village; a regency admin the villages of their regency; a village operator only
their own village. Regions come from ``villages.scope``.
"""

from __future__ import annotations

from django.db.models import QuerySet

from villages import scope
from villages.models import Region
from villages.models.regions import Level, Role

WRITER_ROLES = [Role.OPERATOR, Role.REGENCY_ADMIN]


def writable_villages(user) -> QuerySet:
    villages = Region.objects.filter(level=Level.VILLAGE)
    if user is None or user.is_superuser:
        return villages
    if not user.is_authenticated or not user.is_active:
        return villages.none()
    regions = scope.user_regions(user, WRITER_ROLES)
    return villages.filter(scope.region_code_q(regions))


def can_write(user, village: Region | None) -> bool:
    if village is None or village.level != Level.VILLAGE:
        return False
    if user is None or user.is_superuser:
        return True
    return any(
        village.code == r.code or village.code.startswith(f"{r.code}.")
        for r in scope.user_regions(user, WRITER_ROLES)
    )


def admin_regencies(user) -> QuerySet:
    """The regencies on which ``user`` is a regency admin (every regency for superusers)."""
    regencies = Region.objects.filter(level=Level.REGENCY)
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return regencies.none()
    if user.is_superuser:
        return regencies
    codes = [r.code for r in scope.user_regions(user, roles=[Role.REGENCY_ADMIN])]
    return regencies.filter(code__in=codes)


def writing_regions(user) -> list[Region]:
    """The regions (villages, regencies) on which ``user`` holds a writing role."""
    if user.is_superuser:
        return list(Region.objects.filter(level=Level.REGENCY).order_by("code"))
    return scope.user_regions(user, WRITER_ROLES)


def writes_any_village(user) -> bool:
    """Whether ``user`` may write some village's data (the menu and the entry views)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return scope.remembered(user, ("opendata", "writes"), lambda: writable_villages(user).exists())


def is_regency_admin(user) -> bool:
    """Whether ``user`` administers some regency (or is a superuser)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return scope.remembered(
        user, ("opendata", "regency_admin"), lambda: admin_regencies(user).exists()
    )
