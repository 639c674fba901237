"""Self-service password reset by email (Wagtail's /admin/password_reset/ views).

``PasswordResetForm`` is plugged in with ``WAGTAILADMIN_USER_PASSWORD_RESET_FORM``. Compared
with Django's form it

- also reaches invited people who have not chosen a password yet (an unusable password),
  as long as the account is active;
- sends at most ``PASSWORD_RESET_EMAIL_LIMIT`` emails per address and accepts at most
  ``PASSWORD_RESET_IP_LIMIT`` requests per client address within
  ``PASSWORD_RESET_RATE_WINDOW`` seconds, so the form cannot flood a mailbox; above a limit
  the visitor sees the usual "check your email" page and nothing is sent;
- tells the email template how long the link stays valid.

The answer never depends on whether the address belongs to an account.

A person whose account has no email address cannot be reached this way; the reset page and
its "check your email" page say whom to ask instead (``account_help``): on a village's host,
that village's operator and the regency's Diskominfo with the contact the regency set
(``Region.support_contact``), elsewhere the same advice without names. The advice is the
same for everyone on a host, so it tells nothing about any account.
"""

from __future__ import annotations

import hashlib
import logging
import unicodedata

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wagtail.admin.forms.auth import PasswordResetForm as WagtailPasswordResetForm

from home.ratelimit import RateLimit, client_ip
from villages.middleware import find_site_for_host
from villages.models.regions import Level

logger = logging.getLogger(__name__)

DEFAULT_EMAIL_LIMIT = 3
DEFAULT_IP_LIMIT = 20
DEFAULT_WINDOW = 3600


def _digest(value: str) -> str:
    # The cache holds no addresses in the clear.
    return hashlib.sha256(value.encode()).hexdigest()[:32]


def _same_email(first: str, second: str) -> bool:
    return (
        unicodedata.normalize("NFKC", first).casefold()
        == unicodedata.normalize("NFKC", second).casefold()
    )


def reset_request_allowed(request, email: str) -> bool:
    """Count one reset request from this client for ``email``; False when either the
    address or the client has used up its requests for the window."""
    window = getattr(settings, "PASSWORD_RESET_RATE_WINDOW", DEFAULT_WINDOW)
    by_client = RateLimit(
        f"accounts:password-reset:ip:{_digest(client_ip(request))}",
        getattr(settings, "PASSWORD_RESET_IP_LIMIT", DEFAULT_IP_LIMIT),
        window,
    )
    by_address = RateLimit(
        f"accounts:password-reset:email:{_digest(email.strip().casefold())}",
        getattr(settings, "PASSWORD_RESET_EMAIL_LIMIT", DEFAULT_EMAIL_LIMIT),
        window,
    )
    # A client over its limit does not use up the address's requests.
    return by_client.consume() and by_address.consume()


def link_validity(seconds: int | None = None) -> str:
    """How long a reset link stays valid, in words ("3 hari", "1 hari 12 jam", "30 menit")."""
    if seconds is None:
        seconds = settings.PASSWORD_RESET_TIMEOUT
    days, rest = divmod(int(seconds), 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    parts = []
    if days:
        parts.append(ngettext("%(count)d hari", "%(count)d hari", days) % {"count": days})
    if hours:
        parts.append(ngettext("%(count)d jam", "%(count)d jam", hours) % {"count": hours})
    if minutes and not days:
        parts.append(ngettext("%(count)d menit", "%(count)d menit", minutes) % {"count": minutes})
    return " ".join(parts) or _("beberapa saat")


class PasswordResetForm(WagtailPasswordResetForm):
    """Wagtail's reset form with our recipients, request limits and email context."""

    def get_users(self, email):
        """Active accounts with this address, including invited people who have not set a
        password yet; never inactive accounts."""
        User = get_user_model()
        email_field = User.get_email_field_name()
        users = User._default_manager.filter(**{f"{email_field}__iexact": email, "is_active": True})
        return (user for user in users if _same_email(email, getattr(user, email_field)))

    def save(self, *args, request=None, extra_email_context=None, **kwargs):
        email = self.cleaned_data["email"]
        if request is not None and not reset_request_allowed(request, email):
            logger.warning("Password reset request over the limit; no email sent.")
            return
        context = {
            "valid_for": link_validity(),
            "platform_name": settings.WAGTAIL_SITE_NAME,
            **(extra_email_context or {}),
        }
        super().save(*args, request=request, extra_email_context=context, **kwargs)


def account_help(request) -> dict:
    """Whom a person without an email address asks for a new password, for this host.

    ``village``: the village of the host (None on a regency portal or an unknown host);
    ``regency``: the host's regency (None on an unknown host); ``contact``: the regency's
    ``support_contact`` ("" when it set none).
    """
    site = find_site_for_host(request) if request is not None else None
    region = getattr(site, "region", None) if site is not None else None
    regency = region.regency() if region is not None else None
    return {
        "village": region if region is not None and region.level == Level.VILLAGE else None,
        "regency": regency,
        "contact": regency.support_contact if regency is not None else "",
    }
