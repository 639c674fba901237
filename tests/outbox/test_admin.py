"""The "Email keluar" page: each regency admin sees the mail of their own regency, and sends
again only their own failed emails."""

from django.core import mail
from django.urls import reverse

import pytest

from outbox import services
from outbox.models import OutboundEmail, Status
from tests import factories

pytestmark = pytest.mark.django_db

LIST = "/admin/email-keluar/"


def failed_email(region, subject, address="warga@contoh.test"):
    with services.about(region):
        mail.EmailMessage(subject, "Isi rahasia", to=[address]).send()
    email = OutboundEmail.objects.get(subject=subject)
    OutboundEmail.objects.filter(pk=email.pk).update(
        status=Status.FAILED, attempts=5, last_error="SMTPServerDisconnected: hilang"
    )
    return email


@pytest.fixture
def emails(refusing_mail_server, village_a, village_other_regency):
    return (
        failed_email(village_a.region, "Surat Kebonharjo"),
        failed_email(village_other_regency.region, "Surat Sembung"),
    )


def test_the_regency_admin_sees_their_regency_mail_only(client_for, emails, regency):
    response = client_for(factories.regency_admin_of(regency)).get(LIST, {"status": "failed"})

    assert response.status_code == 200
    text = response.content.decode()
    assert "Surat Kebonharjo" in text
    assert "Surat Sembung" not in text
    # Masked, and never the body.
    assert "w***@contoh.test" in text
    assert "warga@contoh.test" not in text
    assert "Isi rahasia" not in text
    assert "Kirim ulang" in text
    assert "Gagal (1)" in text


def test_operators_and_editors_have_no_outbox(client_for, emails, village_a, operator_a):
    assert client_for(operator_a).get(LIST).status_code == 404
    editor = factories.district_editor_of(factories.tenant("35.23.02"))
    assert client_for(editor).get(LIST).status_code == 404


def test_a_superuser_sees_everything(client_for, emails, superuser):
    text = client_for(superuser).get(LIST).content.decode()
    assert "Surat Kebonharjo" in text
    assert "Surat Sembung" in text


def test_send_again_delivers_a_failed_email(
    client_for, settings, emails, regency, django_capture_on_commit_callbacks
):
    kebonharjo, _ = emails
    settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    client = client_for(factories.regency_admin_of(regency))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("outbox_send_again", args=[kebonharjo.pk]))

    assert response.status_code == 302
    kebonharjo.refresh_from_db()
    assert kebonharjo.status == Status.SENT
    assert [m.subject for m in mail.outbox] == ["Surat Kebonharjo"]
    assert mail.outbox[0].body == "Isi rahasia"


def test_another_regency_cannot_send_again_or_learn_of_it(
    client_for, emails, other_regency, django_capture_on_commit_callbacks
):
    kebonharjo, _ = emails
    client = client_for(factories.regency_admin_of(other_regency))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("outbox_send_again", args=[kebonharjo.pk]))

    assert response.status_code == 404
    kebonharjo.refresh_from_db()
    assert kebonharjo.status == Status.FAILED
    assert mail.outbox == []


def test_only_a_failed_email_is_sent_again(client_for, working_mail_server, village_a, regency):
    with services.about(village_a.region):
        mail.EmailMessage("Sudah terkirim", "Isi", to=["a@contoh.test"]).send()
    email = OutboundEmail.objects.get()
    client = client_for(factories.regency_admin_of(regency))

    response = client.post(reverse("outbox_send_again", args=[email.pk]), follow=True)

    assert "Hanya email yang gagal" in response.content.decode()
    assert len(mail.outbox) == 1


def test_the_admin_home_tells_the_regency_admin_of_failed_emails(client_for, emails, regency):
    text = client_for(factories.regency_admin_of(regency)).get("/admin/").content.decode()
    assert 'data-outbox="failed"' in text
    assert "1 email gagal terkirim" in text


def test_no_panel_without_failures(client_for, working_mail_server, village_a, regency):
    with services.about(village_a.region):
        mail.EmailMessage("Beres", "Isi", to=["a@contoh.test"]).send()
    text = client_for(factories.regency_admin_of(regency)).get("/admin/").content.decode()
    assert 'data-outbox="failed"' not in text
