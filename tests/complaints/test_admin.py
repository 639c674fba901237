"""The admin's complaints: the operators' queue and detail (answer, publish, keep private),
the photo, the district editors' overdue list; each village sees and touches only its own."""

from __future__ import annotations

import datetime
import re

from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from audit.models import Action, RegionLogEntry
from complaints.models import Complaint, NameShown, Status
from letters.personal import encrypt_bytes
from tests import factories

from .helpers import image_bytes, make

pytestmark = pytest.mark.django_db

QUEUE = "complaints_queue"
OVERDUE = "complaints_overdue"


def detail_url(complaint) -> str:
    return reverse("complaints_detail", args=[complaint.pk])


def photo_url(complaint) -> str:
    return reverse("complaints_photo", args=[complaint.pk])


def act(client, complaint, action, follow=False, **data):
    return client.post(detail_url(complaint), {"action": action, **data}, follow=follow)


def aged(complaint, days: float) -> Complaint:
    created = timezone.now() - datetime.timedelta(days=days)
    Complaint.objects.filter(pk=complaint.pk).update(created_at=created)
    return Complaint.objects.get(pk=complaint.pk)


def with_photo(complaint, data: bytes) -> Complaint:
    from django.core.files.base import ContentFile

    complaint.photo.save("foto", ContentFile(encrypt_bytes(data)), save=False)
    complaint.photo_type = "image/png"
    complaint.save()
    return complaint


# -- the queue -------------------------------------------------------------------------------


def test_queue_shows_own_village_waiting_first_oldest_on_top(
    client_for, operator_a, village_a, village_b
):
    old = aged(make(village_a, message="Jembatan retak di Dusun Krajan."), 9)
    new = aged(make(village_a, message="Lampu jalan mati di RT 02."), 1)
    done = make(village_a, message="Sudah dijawab: sampah.", status=Status.ANSWERED)
    make(village_b, message="Pengaduan warga Wangi.")

    client = client_for(operator_a)
    waiting = client.get(reverse(QUEUE))
    assert waiting.status_code == 200
    assert [c.pk for c in waiting.context["complaints"]] == [old.pk, new.pk]
    assert "menunggu 9 hari" in waiting.text
    assert "Wangi" not in waiting.text
    assert "Budi" not in waiting.text  # names only in the detail

    everything = client.get(reverse(QUEUE), {"status": ""})
    assert [c.pk for c in everything.context["complaints"]] == [old.pk, new.pk, done.pk]
    answered = client.get(reverse(QUEUE), {"status": "dijawab"})
    assert [c.pk for c in answered.context["complaints"]] == [done.pk]


def test_queue_costs_the_same_queries_for_2_and_20_complaints(
    client_for, operator_a, village_a, django_assert_max_num_queries
):
    client = client_for(operator_a)
    for n in range(2):
        make(village_a, message=f"Pengaduan awal nomor {n}.")
    client.get(reverse(QUEUE))

    def measure():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse(QUEUE)).status_code == 200
        return len(ctx.captured_queries)

    two = measure()
    for n in range(18):
        make(village_a, message=f"Pengaduan lanjutan nomor {n}.", status=Status.IN_PROGRESS)
    assert measure() == two
    print(f"queue: {two} queries")
    with django_assert_max_num_queries(30):
        client.get(reverse(QUEUE))


def test_menu_shows_complaints_to_operators_and_editors_only(client_for, village_a, regency):
    operator = factories.operator_of(village_a)
    contributor = factories.contributor_of(village_a)
    editor = factories.district_editor_of(factories.tenant("35.23.02"))
    for user, queue, overdue in (
        (operator, True, False),
        (editor, False, True),
        (contributor, False, False),
    ):
        text = factories.logged_in(user).get(reverse("wagtailadmin_home")).text
        assert (re.search(rf'{reverse(QUEUE)}(&quot;|"|\\")', text) is not None) is queue, user
        assert (reverse(OVERDUE) in text) is overdue, user


# -- who may open what -----------------------------------------------------------------------


def test_contributors_and_editors_cannot_open_a_villages_complaints(client, village_a):
    complaint = with_photo(make(village_a), image_bytes("PNG"))
    contributor = factories.contributor_of(village_a)
    editor = factories.district_editor_of(factories.tenant("35.23.02"))
    for user in (contributor, editor):
        client.force_login(user)
        assert client.get(reverse(QUEUE)).status_code == 404
        assert client.get(detail_url(complaint)).status_code == 404
        assert client.get(photo_url(complaint)).status_code == 404
        assert act(client, complaint, "answer", answer="Jawaban palsu").status_code == 404
        assert act(client, complaint, "private").status_code == 404
    complaint.refresh_from_db()
    assert complaint.status == Status.RECEIVED and complaint.answer == ""


@pytest.mark.parametrize("victim", ["village_b", "village_c", "village_other_regency"])
def test_operator_of_another_village_gets_404_everywhere(client_for, operator_a, victim, request):
    tenant = request.getfixturevalue(victim)
    complaint = with_photo(
        make(tenant, may_publish=True, message="Rahasia desa lain tentang pasar."),
        image_bytes("PNG"),
    )
    client = client_for(operator_a)
    assert client.get(detail_url(complaint)).status_code == 404
    assert client.get(photo_url(complaint)).status_code == 404
    for action, data in (
        ("progress", {}),
        ("answer", {"answer": "Jawaban palsu"}),
        ("publish", {"name_shown": "tersamar"}),
        ("private", {}),
    ):
        assert act(client, complaint, action, **data).status_code == 404
    assert "Rahasia desa lain" not in client.get(reverse(QUEUE), {"status": ""}).text
    assert client.get(reverse(QUEUE), {"desa": tenant.region.code}).context["complaints"] == []
    complaint.refresh_from_db()
    assert complaint.status == Status.RECEIVED and not complaint.published
    assert not RegionLogEntry.objects.filter(region=tenant.region).exists()


def test_superusers_open_any_complaint(client_for, superuser, village_other_regency):
    complaint = make(village_other_regency)
    assert client_for(superuser).get(detail_url(complaint)).status_code == 200


# -- answering, publishing, keeping private --------------------------------------------------


def test_answer_is_saved_recorded_and_the_sender_told_by_email(
    client_for, operator_a, village_a, django_capture_on_commit_callbacks
):
    complaint = aged(make(village_a, may_publish=True, message="Jalan berlubang di RT 04."), 2)
    client = client_for(operator_a)

    detail = client.get(detail_url(complaint))
    assert detail.status_code == 200
    assert "Budi Santoso" in detail.text and "budi@contoh.id" in detail.text
    assert "no-store" in detail["Cache-Control"]

    assert act(client, complaint, "progress").status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == Status.IN_PROGRESS

    with django_capture_on_commit_callbacks(execute=True):
        response = act(client, complaint, "answer", answer="Sudah ditambal pada hari Senin.")
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == Status.ANSWERED
    assert complaint.answered_by == operator_a
    assert complaint.answer_delay >= datetime.timedelta(days=2)

    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["budi@contoh.id"]
    assert email.subject == "[Desa Kebonharjo] Pengaduan Anda sudah dijawab"
    assert complaint.tracking_code in email.body
    assert f"http://{village_a.host}/pengaduan/status/" in email.body
    for private in ("Budi", "berlubang", "ditambal"):
        assert private not in email.body and private not in email.subject

    entry = RegionLogEntry.objects.get(region=village_a.region)
    assert entry.action == Action.COMPLAINT_ANSWER and entry.actor == operator_a
    assert entry.object_label == f"Pengaduan #{complaint.pk} (Infrastruktur)"
    assert "Budi" not in str(entry.data) and complaint.tracking_code not in entry.object_label

    # A correction keeps the first answer's time and sends no second email.
    first_answered = complaint.answered_at
    with django_capture_on_commit_callbacks(execute=True):
        act(client, complaint, "answer", answer="Sudah ditambal dan dicat ulang.")
    complaint.refresh_from_db()
    assert complaint.answered_at == first_answered
    assert complaint.answer == "Sudah ditambal dan dicat ulang."
    assert len(mail.outbox) == 1


def test_an_empty_answer_is_refused(client_for, operator_a, village_a):
    complaint = make(village_a)
    response = act(client_for(operator_a), complaint, "answer", answer="  ")
    assert response.status_code == 200
    assert "Jawaban wajib diisi." in response.text
    complaint.refresh_from_db()
    assert complaint.status == Status.RECEIVED


def test_no_email_when_the_sender_gave_none(
    client_for, operator_a, village_a, django_capture_on_commit_callbacks
):
    complaint = make(village_a, email="")
    with django_capture_on_commit_callbacks(execute=True):
        act(client_for(operator_a), complaint, "answer", answer="Sudah ditangani.")
    assert mail.outbox == []


def test_publish_with_a_masked_name_shows_it_on_the_villages_site_only(
    client, client_for, operator_a, village_a, village_b
):
    complaint = make(village_a, may_publish=True, message="Saluran air di RT 01 meluap.")
    admin = client_for(operator_a)
    act(admin, complaint, "answer", answer="Saluran sudah dikeruk.")
    assert act(admin, complaint, "publish", name_shown=NameShown.MASKED).status_code == 302
    complaint.refresh_from_db()
    assert complaint.published and complaint.published_at
    assert RegionLogEntry.objects.filter(action=Action.COMPLAINT_PUBLISH).count() == 1

    client.logout()
    public = client.get("/pengaduan/", HTTP_HOST=village_a.host).text
    assert "Saluran air di RT 01 meluap." in public and "Saluran sudah dikeruk." in public
    assert "B**i S*****o" in public and "Budi" not in public and "budi@contoh.id" not in public
    assert "meluap" not in client.get("/pengaduan/", HTTP_HOST=village_b.host).text


def test_publish_withholding_the_name(client, client_for, operator_a, village_a):
    complaint = make(village_a, may_publish=True, message="Posyandu tutup tanpa kabar.")
    admin = client_for(operator_a)
    act(admin, complaint, "answer", answer="Posyandu buka lagi mulai pekan ini.")
    act(admin, complaint, "publish", name_shown=NameShown.WITHHELD)
    client.logout()
    public = client.get("/pengaduan/", HTTP_HOST=village_a.host).text
    assert "Posyandu tutup tanpa kabar." in public
    assert "Nama tidak ditampilkan" in public and "B**i" not in public


def test_without_the_senders_consent_nothing_is_published(
    client, client_for, operator_a, village_a
):
    complaint = make(village_a, may_publish=False, message="Tetangga membakar sampah.")
    admin = client_for(operator_a)
    act(admin, complaint, "answer", answer="Sudah ditegur.")
    response = act(admin, complaint, "publish", name_shown=NameShown.MASKED, follow=True)
    assert "pengirim tidak mengizinkannya" in response.text
    complaint.refresh_from_db()
    assert not complaint.published
    client.logout()
    assert "membakar" not in client.get("/pengaduan/", HTTP_HOST=village_a.host).text


def test_an_unanswered_complaint_cannot_be_published(client_for, operator_a, village_a):
    complaint = make(village_a, may_publish=True)
    act(client_for(operator_a), complaint, "publish", name_shown=NameShown.MASKED)
    complaint.refresh_from_db()
    assert not complaint.published


def test_keep_private_takes_a_published_answer_off_the_site(
    client, client_for, operator_a, village_a
):
    complaint = make(village_a, may_publish=True, message="Pasar becek tiap hujan.")
    admin = client_for(operator_a)
    act(admin, complaint, "answer", answer="Akan dipaving.")
    act(admin, complaint, "publish", name_shown=NameShown.MASKED)
    assert act(admin, complaint, "private").status_code == 302
    complaint.refresh_from_db()
    assert not complaint.published and complaint.status == Status.ANSWERED
    assert RegionLogEntry.objects.filter(action=Action.COMPLAINT_PRIVATE).count() == 1
    client.logout()
    assert "Pasar becek" not in client.get("/pengaduan/", HTTP_HOST=village_a.host).text


def test_closing_a_waiting_complaint_as_private(client, client_for, operator_a, village_a):
    complaint = make(village_a, may_publish=True)
    act(client_for(operator_a), complaint, "private")
    complaint.refresh_from_db()
    assert complaint.status == Status.CLOSED and complaint.closed_at
    client.logout()
    status = client.post(
        "/pengaduan/status/", {"code": complaint.tracking_code}, HTTP_HOST=village_a.host
    ).text
    assert "sudah ditutup oleh operator desa" in status


def test_an_unknown_action_is_a_bad_request(client_for, operator_a, village_a):
    complaint = make(village_a)
    assert act(client_for(operator_a), complaint, "hapus").status_code == 400


# -- the photo -------------------------------------------------------------------------------


def test_photo_is_served_decrypted_to_the_villages_operator(client_for, operator_a, village_a):
    data = image_bytes("PNG", size=(7, 5))
    complaint = with_photo(make(village_a), data)
    response = client_for(operator_a).get(photo_url(complaint))
    assert response.status_code == 200
    assert response.content == data
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert "Budi" not in response["Content-Disposition"]


def test_a_complaint_without_photo_has_no_photo_page(client_for, operator_a, village_a):
    assert client_for(operator_a).get(photo_url(make(village_a))).status_code == 404


# -- overdue complaints for the district editors ---------------------------------------------


@pytest.fixture
def overdue(village_a, village_b, village_c, village_other_regency):
    return {
        "a": aged(make(village_a, message="Kebonharjo: jembatan retak.", name="Rahmat"), 10),
        "a_new": aged(make(village_a, message="Kebonharjo: baru dua hari."), 2),
        "a_done": aged(
            make(village_a, message="Kebonharjo: sudah dijawab.", status=Status.ANSWERED), 20
        ),
        "b": aged(
            make(
                village_b,
                message="Wangi: pasar becek.",
                status=Status.IN_PROGRESS,
                name="Slamet",
                email="slamet@contoh.id",
                phone="0813-1111-2222",
            ),
            30,
        ),
        "c": aged(make(village_c, message="Karangasem: irigasi."), 15),
        "other": aged(make(village_other_regency, message="Sembung: jalan."), 15),
    }


def test_district_editor_sees_overdue_complaints_of_their_kecamatan_without_senders(
    client_for, overdue
):
    editor = factories.district_editor_of(factories.tenant("35.23.02"))
    response = client_for(editor).get(reverse(OVERDUE))
    assert response.status_code == 200
    assert [c.pk for c in response.context["complaints"]] == [overdue["b"].pk, overdue["a"].pk]
    text = response.text
    assert "Wangi: pasar becek." in text and "Kebonharjo: jembatan retak." in text
    assert "30 hari" in text and "Jatirogo" in text
    for hidden in ("baru dua hari", "sudah dijawab", "Karangasem", "Sembung"):
        assert hidden not in text
    for private in ("Slamet", "slamet@contoh.id", "0813", "Rahmat", "R****t", "S****t"):
        assert private not in text
    for complaint in overdue.values():
        assert complaint.tracking_code not in text


def test_regency_admin_sees_the_overdue_complaints_of_the_whole_regency(
    client_for, regency, overdue
):
    response = client_for(factories.regency_admin_of(regency)).get(reverse(OVERDUE))
    listed = {c.pk for c in response.context["complaints"]}
    assert listed == {overdue["a"].pk, overdue["b"].pk, overdue["c"].pk}


def test_overdue_days_come_from_the_setting(client_for, settings, overdue):
    settings.COMPLAINT_OVERDUE_DAYS = 1
    editor = factories.district_editor_of(factories.tenant("35.23.02"))
    listed = {c.pk for c in client_for(editor).get(reverse(OVERDUE)).context["complaints"]}
    assert overdue["a_new"].pk in listed


def test_operators_and_contributors_have_no_overdue_list(client, village_a, overdue):
    for user in (factories.operator_of(village_a), factories.contributor_of(village_a)):
        client.force_login(user)
        assert client.get(reverse(OVERDUE)).status_code == 404


def test_overdue_list_costs_the_same_queries_for_few_and_many(
    client_for, village_a, village_b, django_assert_max_num_queries
):
    editor = factories.district_editor_of(factories.tenant("35.23.02"))
    client = client_for(editor)
    for n in range(2):
        aged(make(village_a, message=f"Terlambat awal {n}."), 9)
    client.get(reverse(OVERDUE))

    def measure():
        with CaptureQueriesContext(connection) as ctx:
            client.get(reverse(OVERDUE))
        return len(ctx.captured_queries)

    few = measure()
    for n in range(20):
        aged(make(village_b if n % 2 else village_a, message=f"Terlambat lanjutan {n}."), 9)
    assert measure() == few
    print(f"overdue: {few} queries")
    with django_assert_max_num_queries(30):
        client.get(reverse(OVERDUE))


def test_detail_costs_a_fixed_number_of_queries(
    client_for, operator_a, village_a, django_assert_max_num_queries
):
    complaint = make(village_a)
    client = client_for(operator_a)
    client.get(detail_url(complaint))
    with CaptureQueriesContext(connection) as ctx:
        client.get(detail_url(complaint))
    print(f"detail: {len(ctx.captured_queries)} queries")
    with django_assert_max_num_queries(30):
        client.get(detail_url(complaint))


def test_history_lists_complaint_actions_under_their_own_kind_without_the_sender(
    client_for, operator_a, village_a, village_b
):
    complaint = make(village_a, may_publish=True, name="Sutrisno Hadi", email="sutrisno@contoh.id")
    admin = client_for(operator_a)
    act(admin, complaint, "answer", answer="Sudah diperbaiki.")
    act(admin, complaint, "publish", name_shown=NameShown.MASKED)
    act(admin, complaint, "private")
    act(factories.logged_in(factories.operator_of(village_b)), make(village_b), "private")

    editor = factories.logged_in(factories.district_editor_of(factories.tenant("35.23.02")))
    for client in (admin, editor):
        response = client.get(reverse("audit_history_results"), {"jenis": "pengaduan"})
        assert response.status_code == 200
        text = response.text
        assert "menjawab pengaduan" in text
        assert "menampilkan pengaduan di situs" in text
        assert "menjadikan pengaduan privat" in text
        for private in ("Sutrisno", "sutrisno@contoh.id", "S******o", complaint.tracking_code):
            assert private not in text
    own = admin.get(reverse("audit_history_results"), {"jenis": "pengaduan"}).text
    assert "Wangi" not in own


def test_admin_home_tells_operators_and_editors_what_waits(client, village_a, village_b):
    aged(make(village_a), 10)
    make(village_a)
    make(village_a, status=Status.ANSWERED)
    aged(make(village_b), 10)

    client.force_login(factories.operator_of(village_a))
    text = client.get(reverse("wagtailadmin_home")).text
    assert 'data-complaints="waiting">2 pengaduan belum dijawab</a>' in text
    assert 'data-complaints="overdue">1 lebih dari 7 hari</span>' in text

    client.force_login(factories.district_editor_of(factories.tenant("35.23.02")))
    text = client.get(reverse("wagtailadmin_home")).text
    assert 'data-complaints="overdue">2 pengaduan belum dijawab lebih dari 7 hari</a>' in text

    client.force_login(factories.contributor_of(village_a))
    assert 'data-complaints="' not in client.get(reverse("wagtailadmin_home")).text
