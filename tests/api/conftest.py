"""Fixtures for the API tests: bearer tokens and a throwaway media folder."""

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
