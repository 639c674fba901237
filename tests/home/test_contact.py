"""The contact page (/kontak/): office details, the complaints form, its protection and privacy."""

from django.core import mail
from django.test import override_settings
from django.urls import reverse

from wagtail.contrib.forms.models import FormSubmission

import pytest

from home.forms import HONEYPOT_FIELD
from home.models import ContactOfficeHours, ContactPage
from tests import factories
from villages.models.regions import Role

from .helpers import contact_of, edit_form

MESSAGE = {
    "nama": "Sri Wahyuni",
    "email": "sri.wahyuni@contoh.id",
    "nomor_hp": "0812-3456-7890",
    "kategori": "Pengaduan",
    "pesan": "Lampu jalan di Dusun Krajan mati sejak seminggu.",
}


def post(client, tenant, data=None, **extra):
    return client.post(
        "/kontak/", data if data is not None else MESSAGE, HTTP_HOST=tenant.host, **extra
    )


def fill_contact(tenant, **fields):
    page = contact_of(tenant)
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


# -- provisioning ------------------------------------------------------------------------


def test_new_village_contact_form_has_the_standard_fields(village_a):
    fields = list(contact_of(village_a).form_fields.order_by("sort_order"))
    assert [(f.label, f.clean_name, f.field_type, f.required) for f in fields] == [
        ("Nama", "nama", "singleline", True),
        ("Email", "email", "email", False),
        ("Nomor HP/WhatsApp", "nomor_hp", "tel", False),
        ("Kategori", "kategori", "dropdown", True),
        ("Pesan", "pesan", "multiline", True),
    ]
    assert fields[3].choices.splitlines() == ["Pertanyaan", "Pengaduan", "Aspirasi", "Lainnya"]


# -- the page ----------------------------------------------------------------------------


def test_contact_page_shows_each_villages_own_office_details(client, village_a, village_b):
    page = fill_contact(
        village_a,
        address="Jl. Raya Jatirogo No. 12\nKebonharjo",
        phone="(0356) 321456",
        whatsapp="0812-3456-7890",
        public_email="pemdes@kebonharjo.example",
    )
    ContactOfficeHours.objects.create(page=page, days="Senin–Jumat", hours="08.00–15.00 WIB")
    fill_contact(village_b, address="Jl. Wangi Indah No. 3", phone="(0356) 999888")

    text = client.get("/kontak/", HTTP_HOST=village_a.host).text
    assert "<address>Jl. Raya Jatirogo No. 12<br>Kebonharjo</address>" in text
    assert "<dt>Senin–Jumat</dt><dd>08.00–15.00 WIB</dd>" in text
    assert '<a href="tel:+62356321456">(0356) 321456</a>' in text
    assert 'href="https://wa.me/6281234567890"' in text
    assert 'href="mailto:pemdes@kebonharjo.example"' in text
    assert "Jl. Wangi Indah" not in text and "999888" not in text

    other = client.get("/kontak/", HTTP_HOST=village_b.host).text
    assert "Jl. Wangi Indah No. 3" in other
    assert "Jatirogo No. 12" not in other


def test_contact_form_renders_labels_and_a_hidden_honeypot(client, village_a):
    text = client.get("/kontak/", HTTP_HOST=village_a.host).text
    for label in ("Nama", "Email", "Nomor HP/WhatsApp", "Kategori", "Pesan"):
        assert f">{label}" in text
    assert 'type="tel"' in text
    assert '<option value="Pengaduan">Pengaduan</option>' in text
    trap = text.split('class="contact-form__trap"', 1)[1].split("</div>", 1)[0]
    assert 'aria-hidden="true"' in trap
    assert f'name="{HONEYPOT_FIELD}"' in trap
    assert 'tabindex="-1"' in trap
    assert 'autocomplete="off"' in trap
    assert "css/home.css" in text
    assert "style=" not in text.split("</head>")[1]


# -- submitting --------------------------------------------------------------------------


def test_submission_is_stored_and_emailed_to_own_operators_only(
    client, village_a, village_b, operator_a, operator_b
):
    second_operator_a = factories.operator_of(village_a, email="sekdes@kebonharjo.example")
    factories.operator_of(village_a, email="pensiun@kebonharjo.example", is_active=False)
    factories.operator_of(village_a, email="")
    factories.contributor_of(village_a, email="karangtaruna@kebonharjo.example")
    factories.district_editor_of(factories.tenant("35.23"), email="kabupaten@tuban.example")

    response = post(client, village_a)

    assert response.status_code == 200
    assert "Pesan Anda sudah kami terima" in response.text
    submission = FormSubmission.objects.get(page=contact_of(village_a))
    assert submission.form_data == MESSAGE
    assert not FormSubmission.objects.filter(page=contact_of(village_b)).exists()

    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert sorted(email.to) == sorted([operator_a.email, second_operator_a.email])
    assert operator_b.email not in email.to + email.cc + email.bcc
    assert email.reply_to == ["sri.wahyuni@contoh.id"]
    assert email.subject == "[Desa Kebonharjo] Pengaduan baru dari formulir kontak"
    assert "Pesan baru masuk melalui formulir kontak situs Desa Kebonharjo." in email.body
    assert "Pesan:\nLampu jalan di Dusun Krajan mati sejak seminggu." in email.body
    assert "Nomor HP/WhatsApp:\n0812-3456-7890" in email.body
    assert reverse("wagtailforms:list_submissions", args=[submission.page_id]) in email.body
    assert HONEYPOT_FIELD not in email.body


def test_submission_to_village_b_reaches_b_operators_never_a(
    client, village_a, village_b, operator_a, operator_b
):
    post(client, village_b)
    assert [m.to for m in mail.outbox] == [[operator_b.email]]
    assert FormSubmission.objects.filter(page=contact_of(village_b)).count() == 1
    assert not FormSubmission.objects.filter(page=contact_of(village_a)).exists()


def test_submission_goes_to_the_pages_own_address_when_set(client, village_a, operator_a):
    fill_contact(village_a, to_address="kades@kebonharjo.example, bpd@kebonharjo.example")
    post(client, village_a)
    assert mail.outbox[0].to == ["kades@kebonharjo.example", "bpd@kebonharjo.example"]


def test_email_without_sender_address_has_no_reply_to(client, village_a, operator_a):
    post(client, village_a, {**MESSAGE, "email": ""})
    assert mail.outbox[0].reply_to == []


def test_mail_failure_still_stores_and_confirms(client, village_a, operator_a, monkeypatch):
    def broken_send(self, fail_silently=False):
        raise ConnectionRefusedError("SMTP tidak menjawab")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", broken_send)
    response = post(client, village_a)
    assert response.status_code == 200
    assert "Pesan Anda sudah kami terima" in response.text
    assert FormSubmission.objects.filter(page=contact_of(village_a)).count() == 1


def test_confirmation_says_what_happens_next(client, village_a, operator_a):
    text = post(client, village_a).text
    assert "<h1>Pesan Anda sudah kami terima</h1>" in text
    assert "Apa yang terjadi selanjutnya?" in text
    assert "Operator desa membaca pesan Anda" in text
    assert MESSAGE["pesan"] not in text


# -- invalid input -----------------------------------------------------------------------


def test_missing_fields_and_bad_email_rerender_with_indonesian_errors(
    client, village_a, operator_a
):
    data = {**MESSAGE, "nama": "", "pesan": "", "email": "sri-at-contoh", "nomor_hp": "12345"}
    response = post(client, village_a, data)

    assert response.status_code == 200
    text = response.text
    assert "Nama wajib diisi." in text
    assert "Pesan wajib diisi." in text
    assert "Alamat email tidak sah. Contoh: nama@contoh.id" in text
    assert "Nomor telepon tidak sah." in text
    assert "Periksa kembali isian yang ditandai" in text
    assert 'value="sri-at-contoh"' in text
    assert 'value="12345"' in text
    assert '<option value="Pengaduan" selected>' in text
    assert 'aria-invalid="true"' in text
    assert not FormSubmission.objects.exists()
    assert mail.outbox == []


def test_unknown_category_is_refused(client, village_a):
    response = post(client, village_a, {**MESSAGE, "kategori": "Iklan"})
    assert response.status_code == 200
    assert "Iklan" in response.context["form"].errors["kategori"][0]
    assert not FormSubmission.objects.exists()


# -- spam protection ---------------------------------------------------------------------


def test_filled_honeypot_stores_and_sends_nothing_but_confirms(client, village_a, operator_a):
    response = post(client, village_a, {**MESSAGE, HONEYPOT_FIELD: "http://obat-murah.example"})
    assert response.status_code == 200
    assert "Pesan Anda sudah kami terima" in response.text
    assert not FormSubmission.objects.exists()
    assert mail.outbox == []


def test_sixth_submission_within_the_hour_is_refused_with_429(client, village_a, operator_a):
    for _n in range(5):
        assert post(client, village_a).status_code == 200
    assert FormSubmission.objects.count() == 5

    refused = post(client, village_a, {**MESSAGE, "pesan": "Pesan keenam"})

    assert refused.status_code == 429
    assert refused["Retry-After"] == "3600"
    assert "Pesan belum terkirim." in refused.text
    assert "terlalu banyak pesan" in refused.text
    assert "Pesan keenam</textarea>" in refused.text
    assert FormSubmission.objects.count() == 5
    assert len(mail.outbox) == 5


def test_rate_limit_counts_bots_caught_by_the_honeypot(client, village_a):
    for _n in range(5):
        post(client, village_a, {**MESSAGE, HONEYPOT_FIELD: "spam"})
    assert post(client, village_a).status_code == 429
    assert not FormSubmission.objects.exists()


def test_invalid_attempts_do_not_use_up_the_limit(client, village_a):
    for _n in range(6):
        post(client, village_a, {**MESSAGE, "nama": ""})
    assert post(client, village_a).status_code == 200
    assert FormSubmission.objects.count() == 1


def test_rate_limit_is_per_client_address_and_per_page(client, village_a, village_b):
    for _n in range(5):
        post(client, village_a, REMOTE_ADDR="10.0.0.1")
    assert post(client, village_a, REMOTE_ADDR="10.0.0.1").status_code == 429
    assert post(client, village_a, REMOTE_ADDR="10.0.0.2").status_code == 200
    assert post(client, village_b, REMOTE_ADDR="10.0.0.1").status_code == 200


def test_forwarded_for_header_is_ignored_by_default(client, village_a):
    for n in range(5):
        post(client, village_a, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    response = post(client, village_a, HTTP_X_FORWARDED_FOR="192.0.2.99")
    assert response.status_code == 429


@override_settings(CONTACT_FORM_TRUSTED_PROXIES=1)
def test_forwarded_for_header_names_the_client_behind_a_trusted_proxy(client, village_a):
    for _n in range(5):
        post(client, village_a, HTTP_X_FORWARDED_FOR="spoofed, 203.0.113.7")
    assert post(client, village_a, HTTP_X_FORWARDED_FOR="203.0.113.7").status_code == 429
    # The forged first entry changes nothing: the proxy's own entry names another client.
    assert post(client, village_a, HTTP_X_FORWARDED_FOR="spoofed, 203.0.113.8").status_code == 200


@override_settings(CONTACT_FORM_RATE_LIMIT=2, CONTACT_FORM_RATE_WINDOW=600)
def test_rate_limit_follows_settings(client, village_a):
    assert post(client, village_a).status_code == 200
    assert post(client, village_a).status_code == 200
    response = post(client, village_a)
    assert response.status_code == 429
    assert response["Retry-After"] == "600"


# -- nothing is public -------------------------------------------------------------------


def test_submissions_appear_nowhere_public(client, village_a, operator_a):
    post(client, village_a)
    secret = "Lampu jalan di Dusun Krajan"
    contact = contact_of(village_a)
    urls = [
        "/kontak/",
        f"/api/v2/pages/{contact.pk}/?fields=*",
        "/api/v2/pages/?type=home.ContactPage&fields=*",
        f"/api/v3/pages/{contact.pk}/",
        "/cari/?q=Lampu+jalan+Krajan",
        "/cari/?q=Wahyuni",
    ]
    for url in urls:
        response = client.get(url, HTTP_HOST=village_a.host)
        assert response.status_code == 200, url
        assert secret not in response.text, url
        assert "sri.wahyuni" not in response.text, url


def test_api_exposes_contact_details(client, village_a, village_b):
    page = fill_contact(
        village_a,
        address="Jl. Raya Jatirogo No. 12",
        phone="(0356) 321456",
        whatsapp="+62 812 3456 7890",
        public_email="pemdes@kebonharjo.example",
    )
    ContactOfficeHours.objects.create(page=page, days="Senin–Jumat", hours="08.00–15.00 WIB")
    fill_contact(village_b, address="Jl. Wangi Indah No. 3")

    response = client.get("/api/v2/pages/?type=home.ContactPage&fields=*", HTTP_HOST=village_a.host)
    items = response.json()["items"]
    assert [item["id"] for item in items] == [page.pk]
    item = items[0]
    for field in ContactPage.api_fields:
        assert field.name in item, field.name
    assert item["address"] == "Jl. Raya Jatirogo No. 12"
    assert item["whatsapp_url"] == "https://wa.me/6281234567890"
    assert item["office_hours"][0]["days"] == "Senin–Jumat"
    assert item["office_hours"][0]["hours"] == "08.00–15.00 WIB"
    assert "Wangi Indah" not in response.text
    assert [f["label"] for f in item["form_fields"]] == [
        "Nama",
        "Email",
        "Nomor HP/WhatsApp",
        "Kategori",
        "Pesan",
    ]


def test_contact_page_is_searchable_by_its_address_not_its_submissions():
    names = {field.field_name for field in ContactPage.search_fields}
    assert {"title", "intro", "address"} <= names
    assert not any("submission" in name or "form" in name for name in names)


# -- admin -------------------------------------------------------------------------------


def test_operator_b_cannot_list_or_export_village_a_submissions(
    client_for, village_a, operator_a, operator_b
):
    client = client_for(operator_a)
    post(client, village_a)
    page = contact_of(village_a)
    own = client.get(reverse("wagtailforms:list_submissions", args=[page.pk]))
    assert own.status_code == 200
    assert "Lampu jalan di Dusun Krajan" in own.text

    client = client_for(operator_b)
    index = client.get(reverse("wagtailforms:index"))
    assert reverse("wagtailforms:list_submissions", args=[page.pk]) not in index.text
    for params in ({}, {"export": "csv"}, {"export": "xlsx"}):
        response = client.get(reverse("wagtailforms:list_submissions", args=[page.pk]), params)
        assert response.status_code in (302, 403, 404), params
        body = b"".join(response) if response.streaming else response.content
        assert b"Lampu jalan" not in body


def test_admin_refuses_invalid_phone_and_whatsapp_and_saves_nothing(
    client_for, village_a, operator_a
):
    client = client_for(operator_a)
    page = contact_of(village_a)
    revisions = page.revisions.count()
    data = edit_form(client, page, phone="12345", whatsapp="(0356) 321456")
    response = client.post(f"/admin/pages/{page.pk}/edit/", data)

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["phone"] == [
        "Nomor telepon tidak sah. Tulis nomor Indonesia, misalnya (0356) 321456 "
        "atau 0812-3456-7890."
    ]
    assert errors["whatsapp"][0].startswith("Nomor WhatsApp harus nomor HP Indonesia")
    assert page.revisions.count() == revisions
    page.refresh_from_db()
    assert page.phone == "" and page.whatsapp == ""


def test_admin_saves_valid_numbers_and_office_hours(client_for, village_a, operator_a):
    client = client_for(operator_a)
    page = contact_of(village_a)
    data = edit_form(
        client,
        page,
        phone="0356-321456",
        whatsapp="+62 (0) 812-3456-7890",
        address="Jl. Raya Jatirogo No. 12",
        **{
            "office_hours-TOTAL_FORMS": "1",
            "office_hours-0-days": "Senin–Jumat",
            "office_hours-0-hours": "08.00–15.00 WIB",
            "office_hours-0-ORDER": "1",
            "office_hours-0-id": "",
            "office_hours-0-DELETE": "",
        },
    )
    data["action-publish"] = "action-publish"
    response = client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 302, response.context["form"].errors
    page = ContactPage.objects.get(pk=page.pk)
    assert page.whatsapp_url == "https://wa.me/6281234567890"
    assert page.phone_url == "tel:+62356321456"
    assert [(h.days, h.hours) for h in page.office_hours.all()] == [
        ("Senin–Jumat", "08.00–15.00 WIB")
    ]


def test_operators_are_looked_up_through_the_village_operator_group(village_a, operator_a):
    from home.services import contact_recipients

    assert contact_recipients(contact_of(village_a)) == [operator_a.email]
    village_a.group(Role.OPERATOR).user_set.remove(operator_a)
    assert contact_recipients(contact_of(village_a)) == []


@pytest.mark.parametrize("path", ["/kontak/"])
def test_contact_page_of_unknown_host_is_not_served(db, client, path):
    assert client.post(path, MESSAGE, HTTP_HOST="tidakada.tuban.test").status_code == 404
    assert not FormSubmission.objects.exists()
