"""Managing the people of a village or a regency: invite, give and take roles, deactivate,
reset passwords.

Wagtail's own user and group admin is global, so regency admins and operators never get it.
They manage people here instead, within what ``villages.scope`` lets them hand out: a regency
admin every role of their regency, an operator the contributor role of their village. Every
change is written to the region's history (``audit``). The views are thin shells over these
functions, which raise ``TeamError`` with an Indonesian message when something is refused.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.password_reset import link_validity
from audit.models import Action
from audit.services import record
from villages import scope
from villages.models.regions import Level, RegionGroup, Role

User = get_user_model()


class TeamError(Exception):
    """A refused or impossible change; the message is for the person who asked."""


# -- what a manager may see and hand out ----------------------------------------------------


def role_label(link: RegionGroup) -> str:
    """A role on a region as people say it, e.g. "Operator · Desa Kebonharjo"."""
    return f"{link.get_role_display()} · {link.region.display_name}"


def grantable_links(manager) -> QuerySet:
    """The roles ``manager`` hands out, with their regions, in tree order."""
    return (
        scope.grantable_role_groups(manager)
        .select_related("region", "region__parent", "region__parent__parent")
        .order_by("region__code", "role")
    )


ROLE_ORDER = {value: index for index, value in enumerate(Role.values)}
LEVEL_ORDER = {value: index for index, value in enumerate(Level.values)}


@dataclass
class RolePicker:
    """What a manager hands out, region first: the regions (grouped by district and sorted
    by name) and, for each region, the roles it has.

    The team forms show a region select and a role select; ``link()`` turns the pair back
    into the one role group (``RegionGroup``), or None when the pair is not handed out.
    """

    region_choices: list
    role_choices: list[tuple[str, str]]
    roles_by_region: dict[int, list[str]]
    links: dict[tuple[int, str], RegionGroup]

    def __bool__(self) -> bool:
        return bool(self.links)

    def link(self, region_id, role) -> RegionGroup | None:
        return self.links.get((region_id, role))


def _regency_of(region):
    while region is not None and region.level not in (Level.REGENCY, Level.PROVINCE):
        region = region.parent
    return region


def role_picker(manager, exclude: set[int] | None = None) -> RolePicker:
    """The regions and roles ``manager`` hands out (but the role groups in ``exclude``).

    Regions stand in groups: the regencies first, then one group per district, in order of
    name; in a district's group the district itself comes first, then its villages by name.
    A manager who spans several regencies sees the regency's name on each district.
    """
    links: dict[tuple[int, str], RegionGroup] = {}
    regions: dict[int, object] = {}
    for link in grantable_links(manager):
        if exclude and link.pk in exclude:
            continue
        links[(link.region_id, link.role)] = link
        regions[link.region_id] = link.region
    regencies = {(_regency_of(region) or region).pk for region in regions.values()}
    groups: dict[tuple, tuple[str, list]] = {}
    for region in regions.values():
        if region.level in (Level.PROVINCE, Level.REGENCY):
            key = (0, "", region.code)
            label = gettext_lazy("Kabupaten/Kota")
        else:
            district = region if region.level == Level.DISTRICT else region.parent
            regency = _regency_of(district)
            key = (1, district.name.casefold(), district.code)
            label = district.display_name
            if len(regencies) > 1 and regency is not None:
                label = f"{label} · {regency.name}"
        groups.setdefault(key, (label, []))[1].append(region)
    region_choices = []
    for key in sorted(groups):
        label, members = groups[key]
        members.sort(key=lambda r: (LEVEL_ORDER[r.level], r.name.casefold(), r.code))
        region_choices.append((label, [(r.pk, r.display_name) for r in members]))
    roles_by_region: dict[int, list[str]] = {}
    for region_id, role in sorted(links, key=lambda pair: ROLE_ORDER[pair[1]]):
        roles_by_region.setdefault(region_id, []).append(role)
    kinds = sorted({role for _region, role in links}, key=ROLE_ORDER.__getitem__)
    return RolePicker(
        region_choices=region_choices,
        role_choices=[(role, Role(role).label) for role in kinds],
        roles_by_region=roles_by_region,
        links=links,
    )


def team(manager) -> QuerySet:
    """The people ``manager`` sees, with their groups (and regions) loaded in one go."""
    from django.contrib.auth.models import Group
    from django.db.models import Prefetch

    return scope.managed_users(manager).prefetch_related(
        Prefetch("groups", queryset=Group.objects.select_related("region_role__region"))
    )


def visible_roles(manager, user) -> list[RegionGroup]:
    """The roles of ``user`` that ``manager`` may see: those ``manager`` hands out.

    Works on a user from ``team()`` without further queries, given the grantable ids.
    """
    grantable = _grantable_ids(manager)
    links = []
    for group in user.groups.all():
        link = getattr(group, "region_role", None)
        if link is not None and link.pk in grantable:
            links.append(link)
    return sorted(links, key=lambda link: (link.region.code, link.role))


def _grantable_ids(manager) -> set[int]:
    """Ids of the roles ``manager`` hands out, read once per request (kept on the user)."""
    if not hasattr(manager, "_team_grantable_ids"):
        ids = scope.grantable_role_groups(manager).values_list("pk", flat=True)
        manager._team_grantable_ids = set(ids)
    return manager._team_grantable_ids


def get_member(manager, user_id) -> User:
    """A person of ``manager``'s team, or ``User.DoesNotExist`` (never someone else)."""
    return team(manager).get(pk=user_id)


def status_of(user) -> str:
    if not user.is_active:
        return "inactive"
    if not user.has_usable_password() and user.last_login is None:
        return "invited"
    return "active"


STATUS_LABELS = {
    "active": gettext_lazy("Aktif"),
    "invited": gettext_lazy("Diundang"),
    "inactive": gettext_lazy("Nonaktif"),
}


def filter_status(users: QuerySet, status: str) -> QuerySet:
    """``active``, ``invited`` (no password set yet, never logged in) or ``inactive``."""
    invited = Q(password__startswith=UNUSABLE_PASSWORD_PREFIX, last_login__isnull=True)
    if status == "inactive":
        return users.filter(is_active=False)
    if status == "invited":
        return users.filter(invited, is_active=True)
    if status == "active":
        return users.filter(is_active=True).exclude(invited)
    return users


# -- links to set a password --------------------------------------------------------------


def password_link(user, request=None, *, invitation: bool = False) -> str:
    """A single-use link where ``user`` sets a new password.

    The token is Django's password reset token: it stops working once the password changes
    or the person logs in, and after ``PASSWORD_RESET_TIMEOUT``.
    """
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    name = "accounts_invitation" if invitation else "wagtailadmin_password_reset_confirm"
    path = reverse(name, kwargs={"uidb64": uid, "token": token})
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _send(user, template: str, context: dict) -> bool:
    """Email ``user`` in their admin language; False when they have no address."""
    if not user.email:
        return False
    from wagtail.users.models import UserProfile

    language = UserProfile.get_for_user(user).get_preferred_language()
    context = {"user": user, "validity": link_validity(), **context}
    with translation.override(language):
        subject = render_to_string(f"accounts/team/{template}_subject.txt", context).strip()
        body = render_to_string(f"accounts/team/{template}.txt", context)
    send_mail(subject, body, None, [user.email])
    return True


# -- changes ------------------------------------------------------------------------------


@dataclass
class LinkResult:
    """A person and the password link made for them (shown once to the manager)."""

    user: User
    link: str
    emailed: bool


USERNAME_ALLOWED = re.compile(r"[^\w.@+-]")
# The suffix of a new username: no 0/o, 1/l/i, so it can be read out over the phone.
USERNAME_SUFFIX_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
USERNAME_SUFFIX_LENGTH = 4


def _new_username(wanted: str) -> str:
    """A username nobody has, made of ``wanted`` and a random suffix ("siti.k7m2").

    The suffix is there whether or not ``wanted`` alone is free: a username that came out
    as "siti" when free and "siti2" when taken would tell the manager that someone,
    somewhere on the platform, is called "siti".
    """
    base = USERNAME_ALLOWED.sub("", slugify(wanted).replace("-", ".")).strip(".") or "pengguna"
    base = base[: 150 - USERNAME_SUFFIX_LENGTH - 1]
    while True:
        suffix = "".join(
            secrets.choice(USERNAME_SUFFIX_ALPHABET) for _ in range(USERNAME_SUFFIX_LENGTH)
        )
        username = f"{base}.{suffix}"
        if not User.objects.filter(username__iexact=username).exists():
            return username


def _grantable_link(manager, link_id) -> RegionGroup:
    link = grantable_links(manager).filter(pk=link_id).first()
    if link is None:
        raise TeamError(_("Anda tidak dapat memberikan peran itu."))
    return link


def invite(
    manager,
    *,
    role_id: int,
    first_name: str,
    last_name: str = "",
    email: str = "",
    request=None,
) -> LinkResult:
    """Create an account holding one role and send (or hand over) its invitation link.

    The account has no password until the person follows the link; its username is made
    here (``_new_username``). An email address of someone in ``manager``'s team is refused,
    with that person named: they get the role from their own account page instead.

    Whether an account outside ``manager``'s team uses the address is never told, neither
    by a message nor by a difference in what happens: the invitation goes ahead exactly as
    for a new address, with a new account for this role. The other account is neither
    named, nor given the role, nor changed. Password reset by email reaches every account
    of an address, each email naming its username.
    """
    link = _grantable_link(manager, role_id)
    email = (email or "").strip()
    if email:
        colleague = scope.managed_users(manager).filter(email__iexact=email).first()
        if colleague is not None:
            raise TeamError(
                _(
                    "Sudah ada akun dengan email ini di wilayah Anda (%(username)s): "
                    "tambahkan perannya dari halaman akun itu."
                )
                % {"username": colleague.get_username()}
            )
    username = _new_username(email.split("@")[0] if email else f"{first_name} {last_name}")

    with transaction.atomic():
        user = User(
            username=username,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            email=email,
            is_active=True,
        )
        user.set_unusable_password()
        user.save()
        user.groups.add(link.group)
        _record(
            link.region,
            Action.USER_INVITE,
            manager,
            user,
            {"role": link.role, "username": user.get_username()},
        )
    url = password_link(user, request, invitation=True)
    emailed = _send(
        user,
        "invitation",
        {"link": url, "role": role_label(link), "inviter": manager, "region": link.region},
    )
    return LinkResult(user=user, link=url, emailed=emailed)


def resend_invitation(manager, user, request=None) -> LinkResult:
    """A fresh invitation link for someone who has not set a password yet."""
    _require_account_control(manager, user)
    if user.has_usable_password() or user.last_login is not None:
        raise TeamError(_("Orang ini sudah memakai akunnya; gunakan atur ulang sandi."))
    links = visible_roles(manager, user)
    url = password_link(user, request, invitation=True)
    emailed = _send(
        user,
        "invitation",
        {
            "link": url,
            "role": ", ".join(role_label(link) for link in links),
            "inviter": manager,
            "region": links[0].region if links else None,
        },
    )
    for region in {link.region for link in links}:
        _record(region, Action.USER_INVITE, manager, user, {"resent": True})
    return LinkResult(user=user, link=url, emailed=emailed)


def grant_role(manager, user, role_id: int) -> RegionGroup:
    """Give ``user`` (a member of ``manager``'s team) one more role ``manager`` hands out."""
    link = _grantable_link(manager, role_id)
    if user.groups.filter(pk=link.group_id).exists():
        raise TeamError(_("Orang ini sudah memegang peran itu."))
    if user.is_superuser and not manager.is_superuser:
        raise TeamError(_("Anda tidak dapat mengubah akun ini."))
    with transaction.atomic():
        user.groups.add(link.group)
        _record(link.region, Action.USER_ROLE_ADD, manager, user, {"role": link.role})
    return link


def revoke_role(manager, user, role_id: int) -> RegionGroup:
    """Take one role from ``user``. The last role is never taken: deactivate instead."""
    link = _grantable_link(manager, role_id)
    if not user.groups.filter(pk=link.group_id).exists():
        raise TeamError(_("Orang ini tidak memegang peran itu."))
    if user.pk == manager.pk:
        raise TeamError(_("Anda tidak dapat mencabut peran Anda sendiri."))
    if user.groups.count() <= 1:
        raise TeamError(
            _(
                "Ini peran terakhir orang ini. Bila ia tidak lagi bertugas, nonaktifkan "
                "akunnya; perannya tetap tercatat."
            )
        )
    with transaction.atomic():
        user.groups.remove(link.group)
        _record(link.region, Action.USER_ROLE_REMOVE, manager, user, {"role": link.role})
    return link


def _require_account_control(manager, user) -> None:
    if user.pk == manager.pk:
        raise TeamError(_("Ubah akun Anda sendiri lewat halaman Akun."))
    if not scope.can_manage_account(manager, user):
        raise TeamError(
            _(
                "Akun ini juga bertugas di luar wilayah yang Anda kelola. Hubungi admin "
                "kabupaten atau admin platform."
            )
        )


def _record(region, action: str, manager, user, data: dict | None = None) -> None:
    """Write a change to ``user``'s account into ``region``'s history."""
    record(
        region,
        action,
        actor=manager,
        label=user.get_full_name() or user.get_username(),
        target_user=user,
        data=data,
    )


def _record_for_each_region(manager, user, action: str, data: dict | None = None) -> None:
    for region in {link.region for link in visible_roles(manager, user)}:
        _record(region, action, manager, user, data)


def set_active(manager, user, active: bool) -> None:
    """Deactivate (or reactivate) an account. A deactivated person cannot log in and every
    session of theirs ends at once; their roles stay, for the history and a later return."""
    _require_account_control(manager, user)
    if user.is_active == active:
        return
    with transaction.atomic():
        user.is_active = active
        user.save(update_fields=["is_active"])
        action = Action.USER_REACTIVATE if active else Action.USER_DEACTIVATE
        _record_for_each_region(manager, user, action)


def update_details(manager, user, *, first_name: str, last_name: str, email: str) -> None:
    """Correct a person's name or email address (for a password reset that reaches them)."""
    _require_account_control(manager, user)
    email = (email or "").strip()
    # As in invite(): only an account the manager sees is named; whether one outside
    # their team uses the address is not told.
    in_team = scope.managed_users(manager).filter(email__iexact=email).exclude(pk=user.pk)
    if email and in_team.exists():
        raise TeamError(_("Email ini sudah dipakai akun lain di wilayah Anda."))
    changed = {
        name: value
        for name, value in (
            ("first_name", first_name.strip()),
            ("last_name", last_name.strip()),
            ("email", email),
        )
        if getattr(user, name) != value
    }
    if not changed:
        return
    with transaction.atomic():
        for name, value in changed.items():
            setattr(user, name, value)
        user.save(update_fields=list(changed))
        _record_for_each_region(manager, user, Action.USER_UPDATE, {"fields": list(changed)})


def check_reset(manager, user) -> None:
    """Raise ``TeamError`` when ``manager`` may not reset ``user``'s password (asked before
    the confirmation page is shown, and again by ``reset_password``)."""
    _require_account_control(manager, user)
    if not user.is_active:
        raise TeamError(_("Aktifkan akun ini dulu sebelum mengatur ulang sandinya."))


def reset_password(manager, user, request=None) -> LinkResult:
    """End the current password and every session, and make a link to set a new one.

    The link goes to the person's email when they have one, and is shown to the manager
    once, to hand over by other means (WhatsApp, in person) when email does not reach them.
    """
    check_reset(manager, user)
    with transaction.atomic():
        user.set_unusable_password()
        user.save(update_fields=["password"])
        _record_for_each_region(manager, user, Action.USER_PASSWORD_RESET)
    _clear_lockouts(user)
    url = password_link(user, request)
    emailed = _send(user, "password_reset", {"link": url, "manager": manager})
    return LinkResult(user=user, link=url, emailed=emailed)


def _clear_lockouts(user) -> None:
    try:
        from accounts.throttling import clear_lockouts
    except ImportError:  # login throttling not installed
        return
    clear_lockouts(user)


def search(users: QuerySet, query: str) -> QuerySet:
    query = (query or "").strip()[:100]
    if not query:
        return users
    return users.filter(
        Q(username__icontains=query)
        | Q(first_name__icontains=query)
        | Q(last_name__icontains=query)
        | Q(email__icontains=query)
    )


def managed_roles(manager) -> list[str]:
    """The kinds of role ``manager`` hands out (for the role filter)."""
    if manager.is_superuser:
        return list(Role.values)
    return sorted(set(scope.grantable_role_groups(manager).values_list("role", flat=True)))


def after_password_set(user) -> None:
    """A person chose a new password (invitation or reset): earlier lockouts no longer apply."""
    _clear_lockouts(user)
