"""End-to-end fixtures: the real site served over HTTP, driven by Debian's headless Chromium.

Why not pytest-django's ``live_server`` fixture: requesting it turns the test into a
``TransactionTestCase`` whose teardown flushes every table. That wipes not only the regions
provisioned once per session by ``tests/conftest.py`` but also the data migrations' rows (root
page, root collection, locales, the "Moderasi desa" workflow), which a re-provisioning cannot bring
back, so every later test in the same process would break. Instead we start the very same server
class (``pytest_django.live_server_helper.LiveServer``) ourselves and the tests use the ordinary
``db`` fixture: the test database is in-memory SQLite, whose connection the server thread shares,
so the server sees the provisioned data and whatever a test does is rolled back as usual.

Chromium never leaves loopback: ``--host-resolver-rules`` maps every ``*.tuban.test`` host to
127.0.0.1, and a route handler aborts any request that is not for the live server.
"""

import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP *.tuban.test 127.0.0.1, MAP tuban.test 127.0.0.1",
]
PHONE = {
    "viewport": {"width": 360, "height": 740},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
    "locale": "id-ID",
}


def _unavailable(reason):
    """No browser: a hard failure in CI (which installs it), a skip on a developer machine."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set, so end-to-end tests must run)", pytrace=False)
    pytest.skip(reason)


class SiteServer:
    """The WSGI server in a background thread, addressed by village host names."""

    def __init__(self, server):
        self.server = server
        self.port = server.thread.port

    def url(self, host, path="/"):
        return f"http://{host}:{self.port}{path}"

    def serves(self, url):
        parts = urlsplit(url)
        return (
            parts.scheme in ("http", "https")
            and parts.port == self.port
            and (
                parts.hostname == "127.0.0.1"
                or parts.hostname == "tuban.test"
                or parts.hostname.endswith(".tuban.test")
            )
        )


@pytest.fixture(scope="module")
def site_server(browser, django_db_setup, django_db_blocker):
    from pytest_django.live_server_helper import LiveServer

    # Started after the browser on purpose: while Playwright's loop runs, Django's connection
    # handler (an asgiref Local) hands the main thread a different connection object, and the
    # server thread must share exactly the one the test's ``db`` transaction is open on.
    # Bound to 127.0.0.1 explicitly: that is where the resolver rules send the village hosts.
    with django_db_blocker.unblock():
        server = LiveServer("127.0.0.1")
    yield SiteServer(server)
    server.stop()


@pytest.fixture(scope="module")
def browser():
    """One Chromium per test module (not per session, on purpose).

    While Playwright's sync API is started, its asyncio loop counts as running in the main thread,
    so Django refuses ORM calls there (SynchronousOnlyOperation) and async_to_sync() refuses to
    run. The ``db`` fixture's own transaction handling is such a call, hence
    DJANGO_ALLOW_ASYNC_UNSAFE while the browser lives; the database work really is synchronous.
    Module scope ends both (browser and the relaxed check) as soon as this module's tests are done,
    so tests of other modules running later in the same process see the normal Django behaviour.
    """
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        _unavailable(f"Chromium not found at {CHROMIUM} (install Debian's 'chromium' package)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with pytest.MonkeyPatch.context() as patch, sync_api.sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "1")
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def server_sees_test_data(db):
    """Skip a browser test that writes content when the server cannot read it.

    The live server thread shares the test's connection only for in-memory SQLite (see the
    module docstring). On PostgreSQL it has its own connection, so content a test writes
    inside its rolled-back transaction is invisible to the browser; such tests run on SQLite
    (CI runs the whole suite on both). Tests that only read the provisioned regions run on
    both databases.
    """
    from django.db import connection

    if not (connection.vendor == "sqlite" and connection.is_in_memory_db()):
        pytest.skip("the live server cannot see this test's uncommitted content on this database")


@pytest.fixture(scope="session")
def screenshot_dir(tmp_path_factory):
    configured = os.environ.get("E2E_SCREENSHOTS")
    if configured:
        path = Path(configured)
        path.mkdir(parents=True, exist_ok=True)
        return path
    return tmp_path_factory.mktemp("screenshots")


class Traffic:
    """Every request the page made and every response it got."""

    def __init__(self):
        self.requests = []
        self.responses = []
        self.blocked = []


@pytest.fixture
def traffic():
    return Traffic()


@pytest.fixture
def page(db, browser, site_server, traffic):
    """A fresh phone-sized browser tab (own context, so no cookies or cache leak between tests)."""
    context = browser.new_context(**PHONE)

    def only_live_server(route):
        if site_server.serves(route.request.url):
            route.continue_()
        else:
            traffic.blocked.append(route.request.url)
            route.abort()

    context.route("**/*", only_live_server)
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    tab.on("request", lambda request: traffic.requests.append(request.url))
    tab.on("response", lambda response: traffic.responses.append(response))
    yield tab
    context.close()
