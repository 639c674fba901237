"""Who handles complaints, and who sees which.

- A village's **operators** answer, publish and keep private its complaints, and see the
  sender's name, contact details and photo. Nobody else does (superusers aside): not the
  contributors, not another village's operators, not the editors above.
- **District editors** and regency admins see the complaints of their villages that have
  waited longer than ``COMPLAINT_OVERDUE_DAYS``: village, age, category and message, never
  the sender.

Regions come from ``villages.scope``.
"""

from __future__ import annotations

from django.db.models import QuerySet

from villages import scope
from villages.models import Region
from villages.models.regions import EDITOR_ROLES, Level, Role

from .models import Complaint

HANDLER_ROLES = [Role.OPERATOR]


def handled_villages(user) -> QuerySet:
    """The villages whose complaints ``user`` handles."""
    villages = Region.objects.filter(level=Level.VILLAGE)
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return villages.none()
    if user.is_superuser:
        return villages
    regions = scope.user_regions(user, HANDLER_ROLES)
    return villages.filter(scope.region_code_q(regions)) if regions else villages.none()


def can_handle(user) -> bool:
    """Does ``user`` handle any village's complaints (the menu and the queue)?"""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or bool(scope.user_regions(user, HANDLER_ROLES))


def handled_complaints(user) -> QuerySet:
    """The complaints ``user`` may open, answer and publish."""
    complaints = Complaint.objects.all()
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return complaints.none()
    if user.is_superuser:
        return complaints
    regions = scope.user_regions(user, HANDLER_ROLES)
    if not regions:
        return complaints.none()
    return complaints.filter(scope.region_code_q(regions, "village__code"))


def overseen_regions(user) -> list[Region]:
    """The districts and regencies whose overdue complaints ``user`` follows."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    if user.is_superuser:
        return list(Region.objects.filter(level=Level.REGENCY).order_by("code"))
    return scope.user_regions(user, EDITOR_ROLES)


def can_view_overdue(user) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or bool(scope.user_regions(user, EDITOR_ROLES))
