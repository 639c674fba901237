"""Build the freshness figures of a village the way people do: publish pages through
revisions (at a chosen moment), submit pages to moderation, add operators."""

from __future__ import annotations

import contextlib
import datetime
import itertools
from unittest import mock

from django.utils import timezone

from home.models import StandardPage
from tests import factories

_slugs = itertools.count(1)


@contextlib.contextmanager
def clock(when: datetime.datetime):
    """Every reader of ``django.utils.timezone.now`` (Wagtail's publish, villages.timezones)
    sees ``when``."""
    with mock.patch("django.utils.timezone.now", return_value=when):
        yield


def days_ago(days: float) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


def publish_page(tenant, title: str, *, at: datetime.datetime | None = None) -> StandardPage:
    """A standard page of the village, published through a revision at ``at`` (default now)."""
    page = StandardPage(title=title, slug=f"halaman-{next(_slugs)}", live=False)
    tenant.page.add_child(instance=page)
    with clock(at or timezone.now()):
        page.save_revision().publish()
    page.refresh_from_db()
    return page


def submit_for_moderation(tenant, title: str, author) -> StandardPage:
    """A draft of ``author``'s in ``tenant``, submitted to the village's moderation workflow."""
    page = StandardPage(title=title, slug=f"usulan-{next(_slugs)}", live=False, owner=author)
    tenant.page.add_child(instance=page)
    page.save_revision(user=author)
    page.get_workflow().start(page, author)
    return page


def operator(tenant, *, logged_in_days_ago: float | None = None, **fields):
    """An operator of ``tenant`` who last logged in ``logged_in_days_ago`` days ago (never
    when None)."""
    user = factories.operator_of(tenant, **fields)
    if logged_in_days_ago is not None:
        user.last_login = days_ago(logged_in_days_ago)
        user.save(update_fields=["last_login"])
    return user
