"""Fixtures of the theme tests: a throwaway media folder and small content builders."""

import pytest


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    # Images and their renditions land in a throwaway folder, not the project's media/.
    settings.MEDIA_ROOT = str(tmp_path / "media")
