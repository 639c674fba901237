"""Version stamps: what a cached page depends on, and how a change makes it stale.

Every region code has two stamps:

- ``own``: bumped when something belonging to that region itself changes (a regency's
  letter settings, a district page, a village's news item);
- ``tree``: bumped when anything at or below it changes.

A page of a site depends on the ``own`` stamps of the regions above its site's region (a
village page shows its regency's and kecamatan's data), on the ``tree`` stamp of its site's
region (a portal lists everything below it), and on one ``global`` stamp for what belongs
to no region (hostnames, locales). A change in a village therefore makes its own pages and
the portals above it stale, and nothing in other villages or other regencies.

Stamps are random tokens, never counters: a stamp the cache lost is re-created with a new
token, so an entry stored before the loss can never match again.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable

from django.conf import settings
from django.core.cache import caches

GLOBAL = "pc:v:global"


def cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def _ancestors(code: str) -> list[str]:
    parts = code.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


def keys_for_region(code: str | None) -> list[str]:
    """The stamps a page of a site of region ``code`` depends on (only ``global`` for a site
    that belongs to no region)."""
    if not code:
        return [GLOBAL]
    return [GLOBAL, *(f"pc:v:own:{c}" for c in _ancestors(code)), f"pc:v:tree:{code}"]


def keys_to_bump(codes: Iterable[str | None]) -> set[str]:
    """The stamps that go stale when something of each of ``codes`` changes (None: something
    that belongs to no region, which makes every page stale)."""
    keys: set[str] = set()
    for code in codes:
        if not code:
            keys.add(GLOBAL)
            continue
        keys.add(f"pc:v:own:{code}")
        keys.add(f"pc:v:tree:{code}")
        keys.update(f"pc:v:tree:{c}" for c in _ancestors(code))
    return keys


def bump(codes: Iterable[str | None]) -> None:
    keys = keys_to_bump(codes)
    if keys:
        cache().set_many({key: secrets.token_hex(8) for key in keys}, timeout=None)


def ensure(keys: list[str], found: dict) -> tuple:
    """The current tokens of ``keys``, creating the ones the cache does not hold."""
    missing = [key for key in keys if found.get(key) is None]
    for key in missing:
        # add(): when two requests create the same stamp at once, both then read the winner.
        cache().add(key, secrets.token_hex(8), timeout=None)
    if missing:
        found = {**found, **cache().get_many(missing)}
    return tuple(found.get(key) for key in keys)
