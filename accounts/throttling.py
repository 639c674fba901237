"""Login throttling (django-axes): who is locked out, what they see, and how a lock ends.

Axes counts failed sign-ins per username *and* client address (see ``AXES_LOCKOUT_PARAMETERS``
in the settings for why both). This module holds our side of it:

- ``LoginThrottleBackend``, the first authentication backend, which refuses a locked pair
  before any password is checked;
- ``client_ip_address``, the address axes counts, read the same way as the contact forms'
  rate limit (``CONTACT_FORM_TRUSTED_PROXIES``);
- ``lockout_response``, the Indonesian 429 page;
- ``clear_lockouts``, which the regency admin's password reset and a new password call;
- the receivers that write a lockout into the audit trail and clear lockouts when a password
  changes (connected in ``AccountsConfig.ready``).
"""

from __future__ import annotations

import ipaddress
import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_client_username, get_cool_off, get_failure_limit
from axes.signals import user_locked_out
from axes.utils import reset as reset_attempts

from audit.models import Action
from audit.services import record
from home.ratelimit import client_ip
from villages import scope

logger = logging.getLogger(__name__)

DEFAULT_COOL_OFF = timedelta(minutes=15)


class LoginThrottleBackend(AxesStandaloneBackend):
    """Refuse sign-ins of a locked-out username from the same address (then ModelBackend
    checks the password).

    Every sign-in form passes the request. Authentication without one (``manage.py shell``,
    the test client's ``login()``) comes from no client address that could be counted, so it
    goes through to the next backend instead of failing outright as axes' own backend does.
    This backend has no ``get_user``: sessions (and ``Client.force_login``) belong to
    ModelBackend.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def client_ip_address(request) -> str | None:
    """The address axes counts failures against: the same client address the contact forms'
    rate limit uses, so one setting (``CONTACT_FORM_TRUSTED_PROXIES``) covers both."""
    address = client_ip(request)
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        # A forwarded value that is no address (a misconfigured proxy): fall back to the
        # connection's own address rather than storing garbage.
        return request.META.get("REMOTE_ADDR") or None


def cool_off(request=None) -> timedelta:
    """How long a lockout lasts."""
    return get_cool_off(request) or DEFAULT_COOL_OFF


def cool_off_minutes(request=None) -> int:
    return max(1, round(cool_off(request).total_seconds() / 60))


def lockout_response(request, original_response=None, credentials=None):
    """The page a locked-out sign-in gets: 429, in the admin's look, with a way out."""
    duration = cool_off(request)
    response = render(
        request,
        "accounts/lockout.html",
        {
            "minutes": cool_off_minutes(request),
            "username": get_client_username(request, credentials) or "",
            "password_reset_url": reverse("wagtailadmin_password_reset"),
            "login_url": reverse("wagtailadmin_login"),
        },
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
    response["Retry-After"] = str(int(duration.total_seconds()))
    add_never_cache_headers(response)
    return response


def clear_lockouts(user) -> int:
    """Forget every failed sign-in for ``user``'s username, from every address.

    Called when the person gets a new password (a completed reset, an admin's reset), since
    the failures were guesses at a password that no longer exists. Returns how many records
    were removed.
    """
    return reset_attempts(username=user.get_username())


# -- receivers (connected in AccountsConfig.ready) -------------------------------------------


@receiver(user_locked_out, dispatch_uid="accounts.record_lockout")
def record_lockout(sender, request=None, username=None, **kwargs):
    """Write a lockout into the history of every region where the account holds a role.

    Only real accounts are recorded (a guessed username is nobody's business), never the
    password tried, and never the address (the history is read by village staff).
    """
    # Axes signals again for each refused attempt during a lockout; only the failure that
    # reached the limit starts one.
    if request is None:
        return
    failures = getattr(request, "axes_failures_since_start", None)
    if failures != get_failure_limit(request, getattr(request, "axes_credentials", None)):
        return
    if not username:
        return
    User = get_user_model()
    user = User._default_manager.filter(**{User.USERNAME_FIELD: username}).first()
    if user is None:
        return
    data = {"cooloff_minutes": cool_off_minutes(request)}
    for region in scope.user_regions(user):
        record(region, Action.USER_LOCKED_OUT, target_user=user, label=username, data=data)


@receiver(pre_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="accounts.password_change")
def clear_lockouts_on_password_change(sender, instance, raw=False, update_fields=None, **kwargs):
    """A new password (reset link, account page, admin) ends the lockouts of the old one."""
    if raw or instance._state.adding or instance.pk is None:
        return
    if update_fields is not None and "password" not in update_fields:
        return  # e.g. last_login on every sign-in: no query
    stored = (
        sender._default_manager.filter(pk=instance.pk).values_list("password", flat=True).first()
    )
    if stored is not None and stored != instance.password:
        clear_lockouts(instance)
