"""Content-Security-Policy: django-csp's middleware, plus what only the running site knows.

The policy itself is ``CONTENT_SECURITY_POLICY`` in ``cms/settings/base.py``. This module adds
two things a static setting cannot say:

- ``img-src`` gets the origin media files are served from when that is not our own (an S3
  bucket or its custom domain, a CDN in ``MEDIA_URL``), read from the storage itself, so every
  way of configuring S3 is covered.
- In the Wagtail admin (``/admin/``), ``style-src`` allows inline styles. Wagtail's templates
  and its JavaScript (Draftail, the sidebar, tooltips, the StreamField and image editors) set
  ``style="…"`` attributes all over, which cannot carry a nonce; and a nonce in ``style-src``
  would make browsers ignore ``'unsafe-inline'``. Styles cannot run code, so scripts stay
  nonce-only there too. The public site keeps the strict ``style-src`` (its one ``<style>``
  carries the nonce).

Code that renders HTML without a request (Wagtail's form widgets) gets the nonce of the
response being built from ``request_nonce()``.
"""

from __future__ import annotations

import contextvars
import functools
from urllib.parse import urlsplit

from django.core.files.storage import default_storage
from django.core.signals import setting_changed
from django.dispatch import receiver

from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware

ADMIN_PREFIX = "/admin/"

_request: contextvars.ContextVar = contextvars.ContextVar("csp_request", default=None)


def request_nonce() -> str:
    """The CSP nonce of the response being built, or "" outside a request (nothing to match)."""
    request = _request.get()
    nonce = getattr(request, "csp_nonce", None)
    return str(nonce) if nonce is not None else ""


@functools.cache
def media_origin() -> str | None:
    """The scheme and host media URLs point at, when that is another origin than ours."""
    parts = urlsplit(default_storage.url("csp-origin-probe"))
    if parts.scheme and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    return None


@receiver(setting_changed)
def _forget_media_origin(setting, **kwargs):
    if setting in ("STORAGES", "MEDIA_URL"):
        media_origin.cache_clear()


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with the media origin, the admin's styles and ``request_nonce``."""

    def __call__(self, request):
        token = _request.set(request)
        try:
            return super().__call__(request)
        finally:
            _request.reset(token)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        origin = media_origin()
        if origin:
            parts.update = {**(parts.update or {})}
            parts.update["img-src"] = [*parts.update.get("img-src", []), origin]
        if request.path_info.startswith(ADMIN_PREFIX):
            parts.replace = {**(parts.replace or {}), "style-src": [SELF, UNSAFE_INLINE]}
        return parts
