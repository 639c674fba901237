"""The admin user of the request being answered, for code that is handed no request.

Set by the admin object guard (``villages.tenancy.guard``) for the duration of each admin
request. Only read where Wagtail gives no other way to know who is looking (the chooser
widgets, ``villages.patches.chooser_widgets``).
"""

from __future__ import annotations

import contextvars

_admin_user: contextvars.ContextVar = contextvars.ContextVar("tenancy_admin_user", default=None)


def admin_user():
    """The logged-in user of the current admin request, or None outside one."""
    return _admin_user.get()


def set_admin_user(user):
    return _admin_user.set(user)


def reset(token) -> None:
    _admin_user.reset(token)
