"""The demo's letter requests: one in every state in each example village, made through the
operators' own steps, and nothing new on a second run."""

import pytest

from letters.demo import fill_demo_villages
from letters.models import Letter, LetterRequest, RequestAttachment, Status
from letters.storage import PrivateFileSystemStorage
from villages.models import Region
from villages.models.regions import Level

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_media(monkeypatch, tmp_path):
    storage = PrivateFileSystemStorage(location=tmp_path / "private")
    monkeypatch.setattr(Letter._meta.get_field("pdf"), "storage", storage)
    monkeypatch.setattr(RequestAttachment._meta.get_field("file"), "storage", storage)


def test_the_demo_has_a_request_in_every_state_and_is_idempotent(village_a):
    villages = Region.objects.filter(level=Level.VILLAGE, code__startswith="35.23.")
    made = fill_demo_villages(villages)
    assert made >= 6
    statuses = set(
        LetterRequest.objects.filter(village=village_a.region).values_list("status", flat=True)
    )
    assert statuses == {
        Status.SUBMITTED,
        Status.IN_PROGRESS,
        Status.AWAITING_CAMAT,
        Status.READY,
        Status.DONE,
        Status.REJECTED,
    }
    assert Letter.objects.filter(village=village_a.region).count() == 2
    assert fill_demo_villages(villages) == 0
