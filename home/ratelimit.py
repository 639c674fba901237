"""Fixed-window rate limits kept in Django's cache.

The counters live in the shared cache (Redis in production), so every web process sees the
same count; locmem works too, per process, for development and tests. Settings, all optional:

``CONTACT_FORM_RATE_LIMIT``
    Submissions one client may send to one contact page per window (default 5).
``CONTACT_FORM_RATE_WINDOW``
    The window in seconds (default 3600).
``CONTACT_FORM_TRUSTED_PROXIES``
    How many reverse proxies in front of the application append to ``X-Forwarded-For``
    (default 0: the header is ignored and ``REMOTE_ADDR`` is the client). Anyone can send
    that header, so it is only read when a proxy we run is known to set it.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache

DEFAULT_LIMIT = 5
DEFAULT_WINDOW = 3600


def client_ip(request) -> str:
    """The address of the client, trusting ``X-Forwarded-For`` only as far as configured."""
    trusted = getattr(settings, "CONTACT_FORM_TRUSTED_PROXIES", 0)
    if trusted:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        # Each proxy appends the address it received the request from: the client is the
        # entry the outermost trusted proxy wrote, ``trusted`` places from the right.
        if len(forwarded) >= trusted:
            return forwarded[-trusted]
    return request.META.get("REMOTE_ADDR", "")


def client_key(request) -> str:
    """The client's address hashed: rate-limit keys hold no visitor addresses in the clear."""
    return hashlib.sha256(client_ip(request).encode()).hexdigest()[:32]


class RateLimit:
    """At most ``limit`` hits per ``window`` seconds for one key."""

    def __init__(self, key: str, limit: int, window: int):
        self.key = key
        self.limit = limit
        self.window = window

    def exceeded(self) -> bool:
        """Has the limit already been reached (without counting this call)?"""
        return (cache.get(self.key) or 0) >= self.limit

    def consume(self) -> bool:
        """Count one hit; False when it goes over the limit."""
        # add() starts the window only if no counter exists; incr() is atomic in Redis.
        cache.add(self.key, 0, self.window)
        try:
            count = cache.incr(self.key)
        except ValueError:  # the counter expired between add() and incr()
            cache.set(self.key, 1, self.window)
            count = 1
        return count <= self.limit


def contact_form_limit(page, request) -> RateLimit:
    """The limit for one client on one contact page."""
    client = client_key(request)
    return RateLimit(
        f"home:contact-form:{page.pk}:{client}",
        getattr(settings, "CONTACT_FORM_RATE_LIMIT", DEFAULT_LIMIT),
        getattr(settings, "CONTACT_FORM_RATE_WINDOW", DEFAULT_WINDOW),
    )
