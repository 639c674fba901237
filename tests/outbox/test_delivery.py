"""Every email goes through the outbox: stored encrypted, delivered by the task, retried with
backoff, given up on visibly, and sent again from the admin by the right regency only."""

import datetime
import re

from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from outbox import services
from outbox.models import OutboundEmail, Status
from tests import factories

pytestmark = pytest.mark.django_db

LINK = re.compile(r"http://admin\.testserver/admin/password_reset/confirm/\S+/")


def request_reset(email):
    return Client().post(reverse("wagtailadmin_password_reset"), {"email": email})


def test_a_password_reset_is_queued_delivered_and_forgotten(village_a):
    operator = factories.operator_of(village_a, email="siti@desa.test")

    response = request_reset(operator.email)

    assert response.status_code == 302
    email = OutboundEmail.objects.get()
    assert email.status == Status.SENT
    assert email.attempts == 1
    assert email.sent_at is not None
    # The row belongs to the operator's village, and keeps no address and no body.
    assert email.region_id == village_a.region.pk
    assert email.recipients_masked == "s***@desa.test"
    assert bytes(email.payload) == b""
    # The delivered message is the one Django composed, link included.
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["siti@desa.test"]
    assert LINK.search(mail.outbox[0].body)


def test_a_queued_message_is_encrypted_and_rebuilt_whole(settings, village_a):
    settings.OUTBOX_DELIVERY_BACKEND = "tests.outbox.backends.RefusingBackend"
    message = mail.EmailMultiAlternatives(
        "Rapat desa",
        "NIK 3523010101900001 rahasia",
        "desa@contoh.test",
        ["warga@contoh.test"],
        cc=["camat@contoh.test"],
        bcc=["arsip@contoh.test"],
        reply_to=["balas@contoh.test"],
        headers={"X-Desa": "kebonharjo"},
    )
    message.attach_alternative("<p>NIK rahasia</p>", "text/html")
    message.attach("surat.pdf", b"%PDF-1.4 isi", "application/pdf")
    with services.about(village_a.region):
        message.send()

    email = OutboundEmail.objects.get()
    assert b"3523010101900001" not in bytes(email.payload)
    assert b"warga@contoh.test" not in bytes(email.payload)
    assert email.region_id == village_a.region.pk
    assert email.recipient_count == 3
    rebuilt = services.message_of(email)
    assert rebuilt.subject == "Rapat desa"
    assert rebuilt.body == "NIK 3523010101900001 rahasia"
    assert rebuilt.from_email == "desa@contoh.test"
    assert (rebuilt.to, rebuilt.cc, rebuilt.bcc) == (
        ["warga@contoh.test"],
        ["camat@contoh.test"],
        ["arsip@contoh.test"],
    )
    assert rebuilt.reply_to == ["balas@contoh.test"]
    assert rebuilt.extra_headers == {"X-Desa": "kebonharjo"}
    assert rebuilt.alternatives[0][:2] == ("<p>NIK rahasia</p>", "text/html")
    assert rebuilt.attachments[0][:3] == ("surat.pdf", b"%PDF-1.4 isi", "application/pdf")


def test_a_refused_email_is_retried_with_backoff_then_failed(
    settings, refusing_mail_server, village_a
):
    settings.OUTBOX_MAX_ATTEMPTS = 3
    operator = factories.operator_of(village_a, email="budi@desa.test")
    start = timezone.now()

    request_reset(operator.email)

    email = OutboundEmail.objects.get()
    assert email.status == Status.RETRYING
    assert email.attempts == 1
    # The mail server named the address; the admin sees it masked.
    assert "SMTPRecipientsRefused" in email.last_error
    assert "budi@desa.test" not in email.last_error
    assert "b***@desa.test" in email.last_error
    first_wait = (email.next_attempt_at - start).total_seconds()
    assert 59 <= first_wait <= 61 + 5
    assert mail.outbox == []

    # Not due yet: the periodic job leaves it alone.
    assert services.requeue_due(now=start + datetime.timedelta(seconds=30)) == 0
    email.refresh_from_db()
    assert email.attempts == 1

    assert services.requeue_due(now=start + datetime.timedelta(minutes=2)) == 1
    email.refresh_from_db()
    assert (email.status, email.attempts) == (Status.RETRYING, 2)
    # The second wait is four times the first.
    assert services.backoff_seconds(2) == 4 * services.backoff_seconds(1) == 240

    assert services.requeue_due(now=start + datetime.timedelta(hours=1)) == 1
    email.refresh_from_db()
    assert (email.status, email.attempts) == (Status.FAILED, 3)
    assert email.next_attempt_at is None
    # Still there, to be sent again: the payload is kept until delivery.
    assert bytes(email.payload)
    assert services.requeue_due(now=start + datetime.timedelta(days=1)) == 0


def test_a_worker_that_died_mid_delivery_is_taken_over(working_mail_server, village_a):
    email = services.store(mail.EmailMessage("Subjek", "Isi", to=["a@contoh.test"]))
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    # As if a worker had claimed it an hour ago and died.
    OutboundEmail.objects.filter(pk=email.pk).update(
        status=Status.SENDING, attempts=1, last_attempt_at=long_ago
    )
    # A fresh claim in progress is not taken over.
    assert services.requeue_due(now=long_ago + datetime.timedelta(minutes=5)) == 0

    assert services.requeue_due() == 1

    email.refresh_from_db()
    assert email.status == Status.SENT
    assert len(mail.outbox) == 1


def test_an_email_is_delivered_once_however_often_it_is_handed_over(village_a):
    with services.about(village_a.region):
        mail.EmailMessage("Subjek", "Isi", to=["a@contoh.test"]).send()
    email = OutboundEmail.objects.get()

    assert services.attempt(email.pk) is None
    services.dispatch(email.pk)

    assert len(mail.outbox) == 1
    email.refresh_from_db()
    assert email.attempts == 1


def test_delivered_emails_are_forgotten_after_the_keep_days(settings, village_a):
    settings.OUTBOX_KEEP_DAYS = 30
    with services.about(village_a.region):
        mail.EmailMessage("Lama", "Isi", to=["a@contoh.test"]).send()
        mail.EmailMessage("Baru", "Isi", to=["a@contoh.test"]).send()
    old = OutboundEmail.objects.get(subject="Lama")
    OutboundEmail.objects.filter(pk=old.pk).update(
        sent_at=timezone.now() - datetime.timedelta(days=31)
    )

    assert services.purge_delivered() == 1

    assert list(OutboundEmail.objects.values_list("subject", flat=True)) == ["Baru"]


class TestWhichRegion:
    def test_the_named_region_wins(self, village_a, village_b):
        operator = factories.operator_of(village_b)
        with services.about(village_a.region.pk):
            mail.EmailMessage("S", "B", to=[operator.email]).send()
        assert OutboundEmail.objects.get().region_id == village_a.region.pk

    def test_operators_of_two_villages_share_their_kecamatan(self, village_a, village_b):
        a = factories.operator_of(village_a)
        b = factories.operator_of(village_b)
        mail.EmailMessage("S", "B", bcc=[a.email, b.email.upper()]).send()
        # Kebonharjo and Wangi are both in Jatirogo.
        assert OutboundEmail.objects.get().region.code == "35.23.02"

    def test_an_address_of_no_account_belongs_to_the_installation(self, db):
        mail.EmailMessage("S", "B", to=["siapa@contoh.test"]).send()
        assert OutboundEmail.objects.get().region_id is None

    def test_a_contact_form_email_belongs_to_its_village(self, village_a):
        from home.services import village_region_id

        region_id = village_region_id(village_a.page)
        assert region_id == village_a.region.pk
