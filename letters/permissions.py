"""Who may open letter requests, the most personal data the installation holds.

- A village's operators process its requests (and see its whole queue).
- The district editors of a kecamatan (a role on the kecamatan itself) see the requests of
  its villages that wait for the camat's endorsement, or that they endorsed.
- Superusers (the installation's own administrators) see every request.
- Nobody else: not contributors, not another village's operators, not regency admins (they
  configure the service, they do not read residents' data), not a district editor of
  another kecamatan.

Every view asks here; the admin object guard (``villages.tenancy.guard``) stands behind it
for ids in URLs.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from villages import scope
from villages.models import Region
from villages.models.regions import Level, Role

from .models import LetterRequest, Status


def _active(user) -> bool:
    return getattr(user, "is_authenticated", False) and user.is_active


def _operator_regions(user) -> list[Region]:
    return [r for r in scope.user_regions(user, [Role.OPERATOR]) if r.level == Level.VILLAGE]


def operator_villages(user) -> QuerySet:
    villages = Region.objects.filter(level=Level.VILLAGE)
    if not _active(user):
        return villages.none()
    if user.is_superuser:
        return villages
    return villages.filter(pk__in=[r.pk for r in _operator_regions(user)])


def operates_a_village(user) -> bool:
    """Whether ``user`` is a village's operator (the menu; no query beyond the user's
    roles, which every admin page loads anyway)."""
    return _active(user) and (user.is_superuser or bool(_operator_regions(user)))


def endorsing_districts(user) -> list[Region]:
    if not _active(user):
        return []
    return [
        r for r in scope.user_regions(user, [Role.DISTRICT_EDITOR]) if r.level == Level.DISTRICT
    ]


def _endorsement_q(districts) -> Q:
    if not districts:
        return Q(pk__in=[])
    return scope.region_code_q(districts, "village__code") & (
        Q(status=Status.AWAITING_CAMAT) | Q(endorsed_at__isnull=False)
    )


def requests_for(user) -> QuerySet:
    """The requests ``user`` may open."""
    requests = LetterRequest.objects.all()
    if not _active(user):
        return requests.none()
    if user.is_superuser:
        return requests
    villages = list(operator_villages(user).values_list("pk", flat=True))
    return requests.filter(Q(village_id__in=villages) | _endorsement_q(endorsing_districts(user)))


def can_use_queue(user) -> bool:
    if not _active(user):
        return False
    return scope.remembered(
        user,
        ("letters", "queue"),
        lambda: (
            user.is_superuser or operator_villages(user).exists() or bool(endorsing_districts(user))
        ),
    )


def can_process(user, letter_request: LetterRequest) -> bool:
    """The village's operators act on a request (superusers too)."""
    return operator_villages(user).filter(pk=letter_request.village_id).exists()


def can_endorse(user, letter_request: LetterRequest) -> bool:
    if not _active(user) or letter_request.status != Status.AWAITING_CAMAT:
        return False
    if user.is_superuser:
        return True
    code = letter_request.village.code
    return any(code.startswith(f"{d.code}.") for d in endorsing_districts(user))


def admin_regencies(user) -> QuerySet:
    """The regencies whose letter format ``user`` configures (regency admins)."""
    regencies = Region.objects.filter(level=Level.REGENCY)
    if not _active(user):
        return regencies.none()
    if user.is_superuser:
        return regencies
    codes = [r.code for r in scope.user_regions(user, [Role.REGENCY_ADMIN])]
    return regencies.filter(code__in=codes)


def configures_regency(user) -> bool:
    if not _active(user):
        return False
    return scope.remembered(user, ("letters", "regency"), lambda: admin_regencies(user).exists())
