"""The browser fixtures of the end-to-end suite, for the map page's JavaScript test."""

from tests.e2e.conftest import (  # noqa: F401
    browser,
    page,
    server_sees_test_data,
    site_server,
    traffic,
)
