"""Fixtures for the API tests: bearer tokens and a throwaway media folder."""

import sys
from collections import Counter

from wagtail.models import APIToken

import pytest


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    # Uploaded images and documents land in a throwaway folder, not the project's media/.
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def bearer():
    """Headers authenticating as ``user`` with a real API token: ``bearer(user)``."""

    def headers(user):
        _token, plaintext = APIToken.create_token(user=user, name="uji")
        return {"HTTP_AUTHORIZATION": f"Bearer {plaintext}"}

    return headers


def pytest_terminal_summary(terminalreporter):
    """Say how many requests the API v3 fuzzing sent, when this process ran it."""
    fuzz = sys.modules.get("tests.api.test_v3_fuzz")
    runs = list(fuzz.RUNS.values()) if fuzz else []
    if runs:
        statuses = sum((run.statuses for run in runs), Counter())
        terminalreporter.write_line(
            f"API v3 fuzzing: {sum(run.cases for run in runs)} cases in {len(runs)} runs, "
            f"{sum(run.seconds for run in runs):.0f} s; statuses {dict(sorted(statuses.items()))}"
        )
