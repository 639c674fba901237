"""The browser fixtures of the end-to-end suite, for the map page's JavaScript test."""

from tests.e2e.conftest import browser, page, site_server, traffic  # noqa: F401
