"""Every URL pattern of the installation, requested by each role of village A with the ids of
other villages' objects: nothing of theirs may show, nothing of theirs may change.

The world (``tests.sweep.world``) is built once for the module inside a transaction that is
rolled back at the end; each request runs in a savepoint of its own (``tests.sweep.runner``).
Run with ``-s`` to see the numbers (patterns, requests, time).
"""

from __future__ import annotations

from django.db import transaction
from django.test import override_settings

import pytest

from .patterns import all_targets
from .runner import Sweep
from .world import build_world

# Patterns the sweep does not request, each with its reason. Keep this short: a pattern left
# out is a surface nobody checks.
SKIPPED = {
    "wagtailadmin_logout": "logs the attacker out: every later request would be anonymous",
    "wagtailadmin_error_test": "raises on purpose, to show the admin's error page",
    "^media/(?P<path>.*)$": (
        "serves MEDIA_ROOT for the demo and the browser tests; production serves media "
        "from the web server or S3"
    ),
}

# Patterns asked once, by A's operator, with no variants: each with its reason.
ASKED_ONCE = {
    "wagtailapi_v3:openapi-json": (
        "builds the whole API schema on every request (seconds); it describes types, never objects"
    ),
}


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    media_root = tmp_path_factory.mktemp("sweep-media")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=str(media_root)),
        transaction.atomic(),
    ):
        yield build_world()
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def sweep(world, django_db_blocker):
    with django_db_blocker.unblock():
        patterns, targets = all_targets(world, SKIPPED, ASKED_ONCE)
        return Sweep(world, patterns, targets)


def report(findings) -> str:
    lines = [str(f) for f in findings[:200]]
    if len(findings) > 200:
        lines.append(f"… and {len(findings) - 200} more")
    return f"{len(findings)} findings:\n" + "\n".join(lines)


def test_every_url_pattern_is_swept_or_skipped_with_a_reason(sweep, db):
    swept = {t.pattern.route for t in sweep.targets}
    routes_seen = set()
    missing = []
    for pattern in sweep.patterns:
        if pattern.route in routes_seen:
            continue  # another operation on the same path (django-ninja)
        routes_seen.add(pattern.route)
        if pattern.name in SKIPPED or pattern.route in SKIPPED:
            continue
        if pattern.route not in swept:
            missing.append(f"{pattern.name} ({pattern.route}, parameters {pattern.params})")
    assert not missing, "patterns the sweep cannot fill:\n" + "\n".join(missing)
    unused = [key for key in SKIPPED if not any(key in (p.name, p.route) for p in sweep.patterns)]
    assert not unused, f"skipped patterns that no longer exist: {unused}"


def test_no_role_of_village_a_reads_another_villages_objects_anywhere(sweep, db):
    findings, stats = sweep.read_pass()
    print(stats.summary("read pass"))
    for error in stats.server_errors[:30]:
        print("  server error:", error)
    # The sweep sees real pages: village A's own objects show up in its users' responses.
    assert stats.own_markers_seen > 100, stats.summary("read pass")
    assert not findings, report(findings)


def test_no_write_of_village_a_changes_another_villages_data(sweep, db):
    findings, stats = sweep.write_pass()
    print(stats.summary("write pass"))
    for error in stats.server_errors[:30]:
        print("  server error:", error)
    assert not findings, report(findings)
