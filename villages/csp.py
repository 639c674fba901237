"""Content-Security-Policy: django-csp's middleware, plus what only the running site knows.

The policy itself is ``CONTENT_SECURITY_POLICY`` in ``cms/settings/base.py``. This module adds
two things a static setting cannot say:

- ``img-src`` gets the origin media files are served from when that is not our own (an S3
  bucket or its custom domain, a CDN in ``MEDIA_URL``), read from the storage itself, so every
  way of configuring S3 is covered.
- In the Wagtail admin (``/admin/``), ``style-src`` allows inline styles. Wagtail's bundled
  editor libraries (``wagtailadmin/js/vendor.js``, behind Draftail and the page editor) and
  wagtail-localize's React translation editor insert ``<style>`` elements at run time, which
  carry no nonce: with the public site's strict ``style-src``, Chromium refuses them in the
  page editor and the translation editor does not render at all (measured with Wagtail 8.0.1
  and wagtail-localize 1.14.5; tests/e2e/test_admin_csp.py would show it). A nonce cannot be
  combined with ``'unsafe-inline'`` (browsers then ignore the latter), so the admin's
  ``style-src`` is ``'self' 'unsafe-inline'``. Styles run no code: scripts stay nonce-only in
  the admin too. The public site keeps the strict ``style-src`` (its one ``<style>`` carries
  the nonce).

Public pages may be kept for a few minutes by shared caches (``PublicCacheControlMiddleware``)
with their header and their nonce together, so a cached copy stays consistent; the nonce
guards against injected markup, which a cached page does not gain.

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
