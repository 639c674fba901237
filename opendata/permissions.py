"""Who may enter village figures: operators of their village, regency admins of their regency.

Reading the history follows the tenancy registration (``villages.tenancy.ownership.visible``):
whoever holds a role on a region sees its villages' releases. Writing is narrower: only an
operator (their own village) or a regency admin (every village of their regency).
"""

from __future__ import annotations

from django.db.models import QuerySet

from villages import scope
from villages.models import Region
from villages.models.regions import Level, Role

WRITING_ROLES = (Role.OPERATOR, Role.REGENCY_ADMIN)


def writable_villages(user) -> QuerySet:
    """The villages whose figures ``user`` may enter or import."""
    villages = Region.objects.filter(level=Level.VILLAGE)
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return villages.none()
    if user.is_superuser:
        return villages
    regions = scope.user_regions(user, roles=WRITING_ROLES)
    if not regions:
        return villages.none()
    return villages.filter(scope.region_code_q(regions))


def can_write(user, village) -> bool:
    if village is None:
        return False
    return writable_villages(user).filter(pk=village.pk).exists()


def admin_regencies(user) -> QuerySet:
    """The regencies on which ``user`` is a regency admin (every regency for superusers)."""
    regencies = Region.objects.filter(level=Level.REGENCY)
    if not getattr(user, "is_authenticated", False):
        return regencies.none()
    if user.is_superuser:
        return regencies
    codes = [r.code for r in scope.user_regions(user, roles=[Role.REGENCY_ADMIN])]
    return regencies.filter(code__in=codes)
