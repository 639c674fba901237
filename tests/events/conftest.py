"""Fixtures for the agenda and announcement tests: a fixed clock and a village in WITA."""

import datetime
from pathlib import Path

import pytest

from tests import factories
from villages import timezones

BALI_CSV = Path(__file__).parent / "data" / "bali.csv"
# 10:00 WIB, 11:00 WITA on Friday 20 November 2026: the "now" of every test here unless a
# test moves the clock.
FIXED_NOW = datetime.datetime(2026, 11, 20, 3, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    # Uploaded images and documents land in a throwaway folder, not the project's media/.
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    """The instant the site believes it is; ``clock.set(aware_datetime)`` moves it."""

    class Clock:
        now = FIXED_NOW

        def set(self, instant: datetime.datetime) -> None:
            self.now = instant

    fixed = Clock()
    monkeypatch.setattr(timezones, "now", lambda: fixed.now)
    return fixed


@pytest.fixture
def village_wita(db):
    """Sumberklampok (Buleleng, Bali): a village in WITA, provisioned for this test only."""
    factories.provision_regions("51", base_domain="buleleng.test", path=BALI_CSV)
    return factories.tenant("51.08.01.2001")
