"""Letter numbers: the village's format, per year and series, and no duplicate or gap even
when operators approve at the same instant (threads with real transactions, PostgreSQL)."""

import datetime
import threading

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

import pytest

from letters.models import IssuedNumber, LetterSequence
from letters.numbering import DEFAULT_FORMAT, format_number, issue_number, validate_number_format
from villages.models import Region

DAY = datetime.date(2026, 12, 4)


@pytest.mark.django_db
def test_numbers_follow_the_format_and_restart_each_year(village_a, village_b):
    first = issue_number(village_a.region, date=DAY, classification="470")
    second = issue_number(village_a.region, date=DAY, classification="474")
    assert first.formatted == "470/001/35.23.02.2001/XII/2026"
    assert second.formatted == "474/002/35.23.02.2001/XII/2026"
    # Another village has its own sequence; a new year starts again at 1.
    assert issue_number(village_b.region, date=DAY, classification="470").number == 1
    new_year = issue_number(village_a.region, date=datetime.date(2027, 1, 2), classification="470")
    assert new_year.formatted == "470/001/35.23.02.2001/I/2027"
    # Per-type numbering: a series of its own.
    own = issue_number(village_a.region, date=DAY, classification="470", series="domisili")
    assert own.number == 1
    assert issue_number(village_a.region, date=DAY, classification="470").number == 3


@pytest.mark.django_db
def test_a_failed_approval_gives_its_number_back(village_a):
    issue_number(village_a.region, date=DAY, classification="470")
    with pytest.raises(RuntimeError), transaction.atomic():
        issue_number(village_a.region, date=DAY, classification="470")
        raise RuntimeError("the approval failed after the number was taken")
    assert issue_number(village_a.region, date=DAY, classification="470").number == 2


@pytest.mark.django_db
def test_the_database_refuses_a_duplicate_number(village_a):
    issued = issue_number(village_a.region, date=DAY, classification="470")
    with pytest.raises(IntegrityError), transaction.atomic():
        IssuedNumber.objects.create(
            village=village_a.region, year=2026, series="", number=issued.number, formatted="x"
        )


@pytest.mark.parametrize(
    ("template", "code"),
    [
        ("{nomor.__class__}", "placeholder"),
        ("{nomor[0]}", "placeholder"),
        ("{rahasia}/{nomor}", "placeholder"),
        ("{nomor!r}", "placeholder"),
        ("{kode_desa:>99}/{nomor}", "spec"),
        ("{nomor:.2f}", "spec"),
        ("{kode_klasifikasi}/{tahun}", "no_number"),
        ("{nomor", "format"),
    ],
)
def test_a_format_can_only_use_the_known_placeholders(template, code):
    with pytest.raises(ValidationError) as error:
        validate_number_format(template)
    assert error.value.code == code


def test_the_default_format_is_valid_and_months_are_roman():
    validate_number_format(DEFAULT_FORMAT)
    months = [
        format_number(
            "{bulan_romawi}-{nomor}",
            number=1,
            classification="",
            village_code="",
            date=datetime.date(2026, m, 1),
        )
        for m in (1, 4, 9, 12)
    ]
    assert months == ["I-1", "IV-1", "IX-1", "XII-1"]


def in_own_connection(work):
    """Run ``work`` in a thread of its own, hence on a database connection of its own whose
    transactions really commit (the test's connection stays in its rolled-back transaction)."""
    outcome = {}

    def run():
        try:
            outcome["value"] = work()
        except Exception as exc:  # noqa: BLE001 - re-raised in the caller
            outcome["error"] = exc
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


@pytest.mark.django_db
def test_concurrent_approvals_get_every_number_once_without_gaps(village_a):
    if connection.vendor != "postgresql":
        pytest.skip("row locks under real concurrency: PostgreSQL (CI runs the suite on it)")
    # The provisioned village is committed (the session's setup): the threads see it. What
    # they write they commit, so it is removed again at the end, committed too.
    village_pk = village_a.region.pk
    threads, per_thread = 8, 6
    barrier = threading.Barrier(threads)
    errors = []

    def approve(worker):
        try:
            village = Region.objects.get(pk=village_pk)
            barrier.wait()
            for n in range(per_thread):
                try:
                    with transaction.atomic():
                        issue_number(village, date=DAY, classification="470")
                        if (worker + n) % 5 == 0:
                            raise RuntimeError("approval failed")  # its number comes back
                except RuntimeError:
                    pass
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    def committed_numbers():
        rows = IssuedNumber.objects.filter(village_id=village_pk).values_list("number", flat=True)
        last = LetterSequence.objects.filter(village_id=village_pk).values_list(
            "last_number", flat=True
        )
        return sorted(rows), list(last)

    def clean_up():
        IssuedNumber.objects.filter(village_id=village_pk).delete()
        LetterSequence.objects.filter(village_id=village_pk).delete()

    try:
        workers = [threading.Thread(target=approve, args=(w,)) for w in range(threads)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        assert not errors
        failed = sum(1 for w in range(threads) for n in range(per_thread) if (w + n) % 5 == 0)
        numbers, last = in_own_connection(committed_numbers)
        assert numbers == list(range(1, threads * per_thread - failed + 1))
        assert last == [numbers[-1]]
    finally:
        in_own_connection(clean_up)


@pytest.mark.django_db
def test_concurrent_approvals_through_the_service_issue_one_letter_each(
    village_a, monkeypatch, tmp_path
):
    """Operators approving at the same instant (threads, real transactions): every request
    gets one letter, the numbers run 1..n with no duplicate and no gap, and two operators
    approving the same request at once make one letter, not two."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks under real concurrency: PostgreSQL (CI runs the suite on it)")
    from audit.models import RegionLogEntry
    from letters.models import Letter, LetterRequest, RequestEvent
    from letters.processing import approve as approve_request
    from letters.storage import PrivateFileSystemStorage
    from tests.letters.test_requests import make_request

    monkeypatch.setattr(
        Letter._meta.get_field("pdf"), "storage", PrivateFileSystemStorage(location=tmp_path)
    )
    village_pk = village_a.region.pk
    count = 5
    pks = in_own_connection(lambda: [make_request(village_a).pk for _ in range(count)])
    # Each request once, and the first one by two more operators at the same instant.
    jobs = [*pks, pks[0], pks[0]]
    barrier = threading.Barrier(len(jobs))
    outcomes = []

    def work(pk):
        try:
            item = LetterRequest.objects.select_related("village").get(pk=pk)
            barrier.wait()
            letter = approve_request(item, None, signer_name="Suparno", signer_position="Kades")
            outcomes.append(("letter", letter.number.number))
        except Exception as exc:  # noqa: BLE001 - counted below
            outcomes.append(("refused", type(exc).__name__))
        finally:
            connection.close()

    def committed():
        letters = Letter.objects.filter(village_id=village_pk)
        return (
            sorted(letters.values_list("number__number", flat=True)),
            sorted(letters.values_list("request_id", flat=True)),
        )

    def clean_up():
        Letter.objects.filter(village_id=village_pk).delete()
        IssuedNumber.objects.filter(village_id=village_pk).delete()
        LetterSequence.objects.filter(village_id=village_pk).delete()
        RequestEvent.objects.filter(village_id=village_pk).delete()
        LetterRequest.objects.filter(village_id=village_pk).delete()
        RegionLogEntry.objects.filter(region_id=village_pk, action__startswith="letter.").delete()

    try:
        threads = [threading.Thread(target=work, args=(pk,)) for pk in jobs]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        numbers, requests = in_own_connection(committed)
        assert numbers == list(range(1, count + 1))
        assert requests == sorted(pks)
        assert sorted(kind for kind, _ in outcomes) == ["letter"] * count + ["refused"] * 2
        assert {detail for kind, detail in outcomes if kind == "refused"} == {"ValidationError"}
    finally:
        in_own_connection(clean_up)
