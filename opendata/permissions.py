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
    if user is None:
        return villages
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return villages.none()
    if user.is_superuser:
        return villages
    regions = scope.user_regions(user, WRITER_ROLES)
    return villages.filter(scope.region_code_q(regions))


def can_write(user, village: Region | None) -> bool:
    if village is None or village.level != Level.VILLAGE:
        return False
    if user is None:
        return True
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return any(
        village.code == r.code or village.code.startswith(f"{r.code}.")
        for r in scope.user_regions(user, WRITER_ROLES)
    )


def admin_regencies(user) -> QuerySet:
    """The regencies on which ``user`` is a regency admin (every regency for superusers)."""
    regencies = Region.objects.filter(level=Level.REGENCY)
    if not getattr(user, "is_authenticated", False):
        return regencies.none()
    if user.is_superuser:
        return regencies
    codes = [r.code for r in scope.user_regions(user, roles=[Role.REGENCY_ADMIN])]
    return regencies.filter(code__in=codes)
