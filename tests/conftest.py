"""Shared fixtures: two regencies (Tuban and Lamongan) provisioned once per test session.

Villages: ``village_a`` (Kebonharjo) and ``village_b`` (Wangi) share the district Jatirogo of
Tuban; ``village_c`` (Karangasem) is in Jenu, Tuban; ``village_other_regency`` (Sembung) is in
Sukorame, Lamongan.
"""

from django.conf import settings
from django.core.cache import cache
from django.utils import translation

import pytest

from tests import factories


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        factories.provision_regions("35.23", base_domain="tuban.test")
        factories.provision_regions("35.24", base_domain="lamongan.test")


@pytest.fixture(autouse=True)
def _default_language():
    # A request to an /en/ page leaves English active in the thread; every test starts in
    # the default language, as every request does.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fresh_cache():
    # The site-root index and Wagtail keep state in the cache; each test starts clean.
    from pagecache.invalidation import discard_pending

    cache.clear()
    discard_pending()
    yield
    cache.clear()
    discard_pending()


@pytest.fixture(autouse=True)
def _queued_email(settings):
    # Django's test set-up swaps EMAIL_BACKEND for its in-memory one: every test sends
    # through the outbox instead, which delivers (eagerly) to that same in-memory outbox.
    settings.EMAIL_BACKEND = "outbox.backends.QueuedEmailBackend"
    settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def regency(db):
    return factories.tenant("35.23")


@pytest.fixture
def other_regency(db):
    return factories.tenant("35.24")


@pytest.fixture
def village_a(db):
    return factories.tenant("35.23.02.2001")


@pytest.fixture
def village_b(db):
    return factories.tenant("35.23.02.2002")


@pytest.fixture
def village_c(db):
    return factories.tenant("35.23.12.2001")


@pytest.fixture
def village_other_regency(db):
    return factories.tenant("35.24.01.2001")


@pytest.fixture
def operator_a(village_a):
    return factories.operator_of(village_a)


@pytest.fixture
def operator_b(village_b):
    return factories.operator_of(village_b)


@pytest.fixture
def contributor_a(village_a):
    return factories.contributor_of(village_a)


@pytest.fixture
def superuser(db):
    return factories.make_user(is_superuser=True, is_staff=True)


@pytest.fixture
def client_for(client):
    """Log a user in on the test client: ``client_for(user)``."""

    def login(user):
        client.force_login(user)
        return client

    return login
