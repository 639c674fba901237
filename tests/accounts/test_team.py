"""Scoped user management: regency admins manage their regency's people, operators their
village's contributors, and nobody sees or touches anyone outside their scope.

Everything goes through the real admin views (``accounts_team:*``) and the invitation link.
"""

import re
from html.parser import HTMLParser

from django import forms
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse

import pytest

from audit.models import Action, RegionLogEntry
from tests import factories
from tests.factories import logged_in
from villages.models.regions import Role

User = get_user_model()
STRONG = "Gotong-royong-Kali-2026"
REFUSED = (302, 403, 404)


@pytest.fixture
def admin_tuban(regency):
    return factories.regency_admin_of(regency, username="admin_tuban", first_name="Dinas")


@pytest.fixture
def admin_lamongan(other_regency):
    return factories.regency_admin_of(other_regency, username="admin_lamongan")


@pytest.fixture
def people(village_a, village_b, village_other_regency):
    """One person per role and village, named so a leak shows up in the HTML."""
    return {
        "operator_a": factories.operator_of(village_a, username="op_kebonharjo"),
        "contributor_a": factories.contributor_of(village_a, username="pkk_kebonharjo"),
        "operator_b": factories.operator_of(village_b, username="op_wangi"),
        "contributor_b": factories.contributor_of(village_b, username="kt_wangi"),
        "operator_sembung": factories.operator_of(village_other_regency, username="op_sembung"),
    }


def link_id(tenant, role) -> int:
    return tenant.region.role_groups.get(role=role).pk


def pick(tenant, role) -> dict:
    """The region and role fields of an invitation or a role grant."""
    return {"region": tenant.region.pk, "role": role}


def invite(client, **data):
    return client.post(reverse("accounts_team:invite"), data)


def assert_refused(response):
    """Wagtail answers a refused admin view with a redirect to the dashboard."""
    assert response.status_code in REFUSED, response.status_code
    if response.status_code == 302:
        assert response["Location"] == reverse("wagtailadmin_home")


def link_in(text: str) -> str:
    pattern = r"https?://[^\s\"<]+/admin/(?:undangan|password_reset/confirm)/[^\s\"<]+"
    match = re.search(pattern, text)
    assert match, text[:2000]
    return match.group(0)


# -- who sees whom ---------------------------------------------------------------------------


def test_regency_admin_lists_people_of_own_regency_only(admin_tuban, people, superuser):
    html = logged_in(admin_tuban).get(reverse("accounts_team:index")).text
    for username in ("op_kebonharjo", "pkk_kebonharjo", "op_wangi", "kt_wangi"):
        assert username in html
    assert "op_sembung" not in html
    assert superuser.username not in html


def test_operator_lists_only_own_village_contributors(people):
    html = logged_in(people["operator_a"]).get(reverse("accounts_team:index")).text
    assert "pkk_kebonharjo" in html
    for username in ("op_wangi", "kt_wangi", "op_sembung"):
        assert username not in html


def test_contributors_cannot_open_team_admin(people):
    client = logged_in(people["contributor_a"])
    assert_refused(client.get(reverse("accounts_team:index")))
    assert_refused(client.get(reverse("accounts_team:invite")))
    member = reverse("accounts_team:member", args=[people["operator_a"].pk])
    assert_refused(client.post(member, {"action": "deactivate"}))
    people["operator_a"].refresh_from_db()
    assert people["operator_a"].is_active
    assert '"url": "/admin/tim/"' not in client.get(reverse("wagtailadmin_home")).text


def test_district_editor_cannot_open_team_admin(village_a):
    district = factories.tenant("35.23.02")
    editor = factories.district_editor_of(district)
    assert_refused(logged_in(editor).get(reverse("accounts_team:index")))


def test_team_menu_item_shown_to_managers(admin_tuban, people):
    for user in (admin_tuban, people["operator_a"]):
        assert '"url": "/admin/tim/"' in logged_in(user).get(reverse("wagtailadmin_home")).text


def test_member_pages_outside_scope_are_not_found(admin_tuban, admin_lamongan, people):
    url = reverse("accounts_team:member", args=[people["operator_sembung"].pk])
    assert logged_in(admin_tuban).get(url).status_code == 404
    url = reverse("accounts_team:member", args=[people["contributor_b"].pk])
    assert logged_in(people["operator_a"]).get(url).status_code == 404
    url = reverse("accounts_team:member", args=[people["operator_a"].pk])
    response = logged_in(admin_lamongan).post(url, {"action": "deactivate"})
    assert response.status_code == 404
    people["operator_a"].refresh_from_db()
    assert people["operator_a"].is_active


def test_operator_cannot_open_fellow_operator(village_a, people):
    colleague = factories.operator_of(village_a, username="op2_kebonharjo")
    url = reverse("accounts_team:member", args=[colleague.pk])
    assert logged_in(people["operator_a"]).get(url).status_code == 404


class SelectOptions(HTMLParser):
    """The options of one ``<select>`` of a page: (group label, value, text, selected)."""

    def __init__(self, name):
        super().__init__()
        self.name, self.inside, self.group, self.current = name, False, "", None
        self.options = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "select":
            self.inside = attrs.get("name") == self.name
        elif self.inside and tag == "optgroup":
            self.group = attrs.get("label", "")
        elif self.inside and tag == "option":
            self.current = [self.group, attrs.get("value", ""), "", "selected" in attrs]

    def handle_data(self, data):
        if self.current is not None:
            self.current[2] += data

    def handle_endtag(self, tag):
        if tag == "option" and self.current is not None:
            self.options.append(tuple(self.current))
            self.current = None
        elif tag == "optgroup":
            self.group = ""
        elif tag == "select":
            self.inside = False


def options(html: str, name: str) -> list[tuple]:
    parser = SelectOptions(name)
    parser.feed(html)
    return parser.options


@pytest.fixture
def more_of_tuban(db, tmp_path):
    """A village and a district whose names sort before their codes: Kelurahan Adirejo
    (after Wangi by code) and Kecamatan Bancar (after Jenu by code)."""
    csv = tmp_path / "tuban.csv"
    csv.write_text(
        "code,name\n35,Jawa Timur\n35.23,Kabupaten Tuban\n35.23.02,Jatirogo\n"
        "35.23.02.1003,Adirejo\n35.23.13,Bancar\n35.23.13.2001,Sukoharjo\n"
    )
    factories.provision_regions("35.23", base_domain="tuban.test", path=csv)


def test_invite_picks_region_then_role_from_own_scope_sorted(admin_tuban, more_of_tuban):
    html = logged_in(admin_tuban).get(reverse("accounts_team:invite")).text
    regions = [(group, text) for group, value, text, _selected in options(html, "region") if value]
    assert regions == [
        ("Kabupaten/Kota", "Kabupaten Tuban"),
        ("Kecamatan Bancar", "Kecamatan Bancar"),
        ("Kecamatan Bancar", "Desa Sukoharjo"),
        ("Kecamatan Jatirogo", "Kecamatan Jatirogo"),
        ("Kecamatan Jatirogo", "Kelurahan Adirejo"),
        ("Kecamatan Jatirogo", "Desa Kebonharjo"),
        ("Kecamatan Jatirogo", "Desa Wangi"),
        ("Kecamatan Jenu", "Kecamatan Jenu"),
        ("Kecamatan Jenu", "Desa Karangasem"),
    ]
    roles = [text for _group, value, text, _selected in options(html, "role") if value]
    assert roles == ["Operator", "Kontributor", "Editor kecamatan", "Admin kabupaten"]
    assert "Sembung" not in html and "Lamongan" not in html and "Sukorame" not in html
    # The script that keeps the role select to the chosen region's roles carries the nonce.
    assert re.search(r'<script nonce="[^"]+">\s*\(function', html)


def test_operator_invite_has_own_village_and_contributor_chosen_already(people, village_a):
    html = logged_in(people["operator_a"]).get(reverse("accounts_team:invite")).text
    assert options(html, "region") == [
        ("Kecamatan Jatirogo", str(village_a.region.pk), "Desa Kebonharjo", True)
    ]
    assert options(html, "role") == [("", "contributor", "Kontributor", True)]
    assert "Wangi" not in html and "Operator" not in html.split('name="role"')[1][:300]


@pytest.mark.parametrize(
    "manager, tenant_code, role",
    [
        ("admin_tuban", "35.24.01.2001", Role.OPERATOR),  # a village of another regency
        ("admin_tuban", "35.24", Role.REGENCY_ADMIN),  # another regency
        ("operator_a", "35.23.02.2002", Role.CONTRIBUTOR),  # a neighbouring village
    ],
)
def test_invitation_to_region_outside_scope_is_refused_in_indonesian(
    admin_tuban, people, manager, tenant_code, role
):
    user = admin_tuban if manager == "admin_tuban" else people[manager]
    before = User.objects.count()
    response = invite(
        logged_in(user),
        **pick(factories.tenant(tenant_code), role),
        first_name="Penyusup",
        email="penyusup@contoh.test",
    )
    assert response.status_code == 200
    assert "Wilayah itu tidak termasuk wilayah yang Anda kelola" in response.text
    assert User.objects.count() == before
    assert not RegionLogEntry.objects.filter(action=Action.USER_INVITE).exists()
    assert not mail.outbox


def test_invitation_to_a_role_the_region_does_not_have_says_which_it_has(admin_tuban, village_a):
    before = User.objects.count()
    response = invite(
        logged_in(admin_tuban), **pick(village_a, Role.REGENCY_ADMIN), first_name="Salah"
    )
    assert response.status_code == 200
    assert "Pilih salah satu: Operator, Kontributor." in response.text
    assert User.objects.count() == before


def test_team_listing_queries_do_not_grow_with_people(
    admin_tuban, village_a, django_assert_max_num_queries
):
    client = logged_in(admin_tuban)
    url = reverse("accounts_team:index")
    client.get(url)
    for n in range(3):
        factories.contributor_of(village_a, username=f"awal{n}")
    with django_assert_max_num_queries(30) as few:
        assert client.get(url).status_code == 200
    for n in range(25):
        factories.contributor_of(village_a, username=f"banyak{n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert "banyak24" in client.get(url).text


def test_team_listing_filters_by_role_status_and_name(admin_tuban, village_a, village_b, people):
    client = logged_in(admin_tuban)
    url = reverse("accounts_team:index")
    html = client.get(url, pick(village_a, Role.CONTRIBUTOR)).text
    assert "pkk_kebonharjo" in html and "op_kebonharjo" not in html
    html = client.get(url, {"region": village_b.region.pk}).text
    assert "op_wangi" in html and "kt_wangi" in html and "op_kebonharjo" not in html
    html = client.get(url, {"role": Role.OPERATOR}).text
    assert "op_wangi" in html and "op_kebonharjo" in html and "pkk_kebonharjo" not in html
    html = client.get(url, {"q": "wangi"}).text
    assert "op_wangi" in html and "op_kebonharjo" not in html
    people["operator_b"].is_active = False
    people["operator_b"].save()
    html = client.get(url, {"status": "inactive"}).text
    assert "op_wangi" in html and "op_kebonharjo" not in html


# -- invitations -------------------------------------------------------------------------


def test_regency_admin_invites_operator_who_sets_password_and_logs_in(admin_tuban, village_a):
    response = invite(
        logged_in(admin_tuban),
        **pick(village_a, Role.OPERATOR),
        first_name="Siti",
        last_name="Aminah",
        email="siti@kebonharjo.test",
    )
    assert response.status_code == 200
    user = User.objects.get(email="siti@kebonharjo.test")
    assert re.fullmatch(r"siti\.[a-z2-9]{4}", user.username)
    assert not user.has_usable_password()
    assert user.groups.filter(region_role__region=village_a.region, region_role__role="operator")

    [message] = mail.outbox
    assert message.to == ["siti@kebonharjo.test"]
    assert "Operator · Desa Kebonharjo" in message.subject
    assert f"Nama pengguna Anda: {user.username}" in message.body
    link = link_in(message.body)
    assert link in response.text  # also shown once to the admin

    entry = RegionLogEntry.objects.get(action=Action.USER_INVITE, target_user=user)
    assert entry.region == village_a.region
    assert entry.actor == admin_tuban

    newcomer = Client()
    landing = newcomer.get(link)
    assert landing.status_code == 302  # the token leaves the URL before the form is shown
    form_url = landing["Location"]
    page = newcomer.get(form_url)
    assert "Selamat datang, Siti Aminah" in page.text
    assert "Operator · Desa Kebonharjo" in page.text

    weak = newcomer.post(form_url, {"new_password1": "12345678", "new_password2": "12345678"})
    assert weak.status_code == 200
    user.refresh_from_db()
    assert not user.has_usable_password()

    done = newcomer.post(form_url, {"new_password1": STRONG, "new_password2": STRONG})
    assert done.status_code == 302
    assert done["Location"] == reverse("wagtailadmin_home")
    assert newcomer.get(reverse("wagtailadmin_home")).status_code == 200
    assert Client().login(username=user.username, password=STRONG)

    # Single use: the same link no longer opens the form.
    again = Client().get(link, follow=True)
    assert "Tautan tidak berlaku" in again.text


def test_invitation_without_email_shows_link_to_hand_over(admin_tuban, village_a):
    response = invite(
        logged_in(admin_tuban),
        **pick(village_a, Role.CONTRIBUTOR),
        first_name="Pak",
        last_name="Darmo",
    )
    assert response.status_code == 200
    assert not mail.outbox
    assert "tidak memiliki email" in response.text
    user = User.objects.get(first_name="Pak", last_name="Darmo")
    assert re.fullmatch(r"pak\.darmo\.[a-z2-9]{4}", user.username)
    assert Client().get(link_in(response.text)).status_code == 302


def test_operator_invites_contributor_of_own_village(people, village_a):
    response = invite(
        logged_in(people["operator_a"]),
        **pick(village_a, Role.CONTRIBUTOR),
        first_name="Karang",
        email="kt@kebonharjo.test",
    )
    assert response.status_code == 200
    user = User.objects.get(email="kt@kebonharjo.test")
    assert list(user.groups.values_list("region_role__role", flat=True)) == ["contributor"]


def test_operator_cannot_invite_an_operator_of_own_village(people, village_a):
    before = User.objects.count()
    response = invite(
        logged_in(people["operator_a"]), **pick(village_a, Role.OPERATOR), first_name="Naik"
    )
    assert response.status_code == 200
    assert "Pilih peran dari daftar." in response.text
    assert User.objects.count() == before
    assert not mail.outbox


def invitation_outcome(response) -> str:
    """What the manager sees after inviting, with the parts that differ per person and
    request (the new account's id, username, address and link; CSRF tokens) taken out."""
    assert response.status_code == 200
    result = response.context["result"]
    text = response.text
    for value, placeholder in (
        (result.link, "<link>"),
        (result.user.get_username(), "<username>"),
        (result.user.email, "<email>"),
        (f"/admin/tim/{result.user.pk}/", "/admin/tim/<id>/"),
    ):
        text = text.replace(value, placeholder)
    return re.sub(r"(csrfmiddlewaretoken\" value=\"|\"CSRF_TOKEN\": \")[^\"]+", r"\1", text)


def test_invitation_with_email_of_account_outside_scope_looks_like_a_new_address(
    people, village_a, village_b
):
    """Operator of Kebonharjo invites the address of Wangi's operator: the same visible
    outcome as for an address nobody uses, and Wangi's operator is neither added nor
    changed."""
    wangi = people["operator_b"]
    wangi.email = "sri@wangi.test"
    wangi.save()
    before = (wangi.username, wangi.password, set(wangi.groups.values_list("pk", flat=True)))
    client = logged_in(people["operator_a"])
    contributor = pick(village_a, Role.CONTRIBUTOR)

    fresh = invite(client, **contributor, first_name="Sri", email="baru@contoh.test")
    taken = invite(client, **contributor, first_name="Sri", email="SRI@wangi.test")

    assert invitation_outcome(taken) == invitation_outcome(fresh)
    assert "op_wangi" not in taken.text and "Wangi" not in taken.text
    # Each address got its own invitation, to a new account with its own username.
    assert [m.to for m in mail.outbox] == [["baru@contoh.test"], ["SRI@wangi.test"]]
    assert "op_wangi" not in mail.outbox[1].body
    invited = taken.context["result"].user
    assert invited.pk != wangi.pk
    assert list(invited.groups.values_list("pk", flat=True)) == [village_a.group("contributor").pk]

    wangi.refresh_from_db()
    assert (wangi.username, wangi.password, set(wangi.groups.values_list("pk", flat=True))) == (
        before
    )
    assert not wangi.groups.filter(region_role__region=village_a.region).exists()
    # Following the link sets the password of the new account, never of Wangi's.
    newcomer = Client()
    form_url = newcomer.get(link_in(mail.outbox[1].body))["Location"]
    newcomer.post(form_url, {"new_password1": STRONG, "new_password2": STRONG})
    assert Client().login(username=invited.username, password=STRONG)
    assert not Client().login(username="op_wangi", password=STRONG)
    assert Client().login(username="op_wangi", password=factories.PASSWORD)


def test_invitation_with_email_of_someone_in_own_team_names_them(admin_tuban, village_a, people):
    people["operator_b"].email = "dipakai@contoh.test"
    people["operator_b"].save()
    response = invite(
        logged_in(admin_tuban),
        **pick(village_a, Role.OPERATOR),
        first_name="Dobel",
        email="DIPAKAI@contoh.test",
    )
    assert "Sudah ada akun dengan email ini di wilayah Anda (op_wangi)" in response.text
    assert not User.objects.filter(first_name="Dobel").exists()
    assert not mail.outbox


def test_invite_form_has_no_username_to_probe(people):
    html = logged_in(people["operator_a"]).get(reverse("accounts_team:invite")).text
    assert 'name="username"' not in html


def test_usernames_of_invited_people_never_show_whether_a_name_is_taken(people, village_a):
    """ "budi" exists in another regency; two invited Budis get names of the same shape."""
    factories.operator_of(factories.tenant("35.24.01.2001"), username="budi")
    client = logged_in(people["operator_a"])
    names = []
    for _ in range(2):
        response = invite(client, **pick(village_a, Role.CONTRIBUTOR), first_name="Budi")
        names.append(response.context["result"].user.username)
    assert all(re.fullmatch(r"budi\.[a-z2-9]{4}", name) for name in names), names
    assert len(set(names)) == 2


def test_details_correction_to_address_of_account_outside_scope_is_not_told(admin_tuban, people):
    people["operator_sembung"].email = "sembung@lamongan.test"
    people["operator_sembung"].save()
    person = people["operator_b"]
    url = reverse("accounts_team:member", args=[person.pk])
    response = logged_in(admin_tuban).post(
        url,
        {
            "action": "details",
            "first_name": "Wulan",
            "last_name": "",
            "email": "sembung@lamongan.test",
        },
        follow=True,
    )
    assert "Data akun disimpan" in response.text
    assert "sudah dipakai" not in response.text
    people["operator_sembung"].refresh_from_db()
    assert people["operator_sembung"].first_name != "Wulan"


def test_invitation_needs_a_role_and_a_name(admin_tuban):
    response = invite(logged_in(admin_tuban), email="x@contoh.test")
    assert response.status_code == 200
    required = str(forms.Field.default_error_messages["required"])
    assert response.text.count(required) == 3  # region, role and first name
    assert not User.objects.filter(email="x@contoh.test").exists()


def test_resending_an_invitation_makes_a_new_link(admin_tuban, village_a):
    client = logged_in(admin_tuban)
    invite(client, **pick(village_a, Role.OPERATOR), first_name="Budi", email="b@c.test")
    user = User.objects.get(email="b@c.test")
    url = reverse("accounts_team:member", args=[user.pk])
    assert "Kirim ulang undangan" in client.get(url).text
    response = client.post(url, {"action": "resend"})
    assert response.status_code == 200
    assert len(mail.outbox) == 2
    assert link_in(mail.outbox[1].body) in response.text


# -- roles -------------------------------------------------------------------------------


def test_regency_admin_changes_roles_within_regency(admin_tuban, village_a, village_b, people):
    client = logged_in(admin_tuban)
    person = people["contributor_a"]
    url = reverse("accounts_team:member", args=[person.pk])
    assert client.post(url, {"action": "grant", **pick(village_b, Role.OPERATOR)})
    client.post(url, {"action": "revoke", "role": link_id(village_a, Role.CONTRIBUTOR)})
    roles = set(person.groups.values_list("region_role__region__code", "region_role__role"))
    assert roles == {("35.23.02.2002", "operator")}
    actions = set(
        RegionLogEntry.objects.filter(target_user=person).values_list("region__code", "action")
    )
    assert actions == {
        ("35.23.02.2002", Action.USER_ROLE_ADD),
        ("35.23.02.2001", Action.USER_ROLE_REMOVE),
    }


def test_last_role_is_not_revoked(admin_tuban, village_a, people):
    person = people["contributor_a"]
    url = reverse("accounts_team:member", args=[person.pk])
    response = logged_in(admin_tuban).post(
        url, {"action": "revoke", "role": link_id(village_a, Role.CONTRIBUTOR)}, follow=True
    )
    assert "peran terakhir" in response.text
    assert person.groups.count() == 1


def test_role_from_other_regency_cannot_be_granted(admin_tuban, village_other_regency, people):
    person = people["contributor_a"]
    url = reverse("accounts_team:member", args=[person.pk])
    logged_in(admin_tuban).post(
        url, {"action": "grant", **pick(village_other_regency, Role.OPERATOR)}
    )
    assert person.groups.count() == 1


def test_operator_cannot_promote_contributor_to_operator(people, village_a):
    person = people["contributor_a"]
    url = reverse("accounts_team:member", args=[person.pk])
    logged_in(people["operator_a"]).post(url, {"action": "grant", **pick(village_a, Role.OPERATOR)})
    assert not person.groups.filter(region_role__role="operator").exists()


# -- deactivation and password reset -----------------------------------------------------


def test_deactivation_ends_the_persons_sessions(admin_tuban, people, village_a):
    person = people["operator_a"]
    their_client = logged_in(person)
    assert their_client.get(reverse("wagtailadmin_home")).status_code == 200

    url = reverse("accounts_team:member", args=[person.pk])
    logged_in(admin_tuban).post(url, {"action": "deactivate"})
    person.refresh_from_db()
    assert not person.is_active
    assert their_client.get(reverse("wagtailadmin_home")).status_code == 302
    assert not Client().login(username=person.username, password=factories.PASSWORD)
    assert RegionLogEntry.objects.filter(
        action=Action.USER_DEACTIVATE, target_user=person, region=village_a.region
    ).exists()

    logged_in(admin_tuban).post(url, {"action": "reactivate"})
    assert Client().login(username=person.username, password=factories.PASSWORD)


def test_account_serving_another_regency_is_not_locked_by_this_one(
    admin_tuban, village_a, village_other_regency
):
    person = factories.operator_of(village_a, username="dua_kabupaten")
    person.groups.add(village_other_regency.region.role_groups.get(role=Role.OPERATOR).group)
    url = reverse("accounts_team:member", args=[person.pk])
    client = logged_in(admin_tuban)
    page = client.get(url).text
    assert "Sembung" not in page
    assert "Nonaktifkan akun" not in page
    response = client.post(url, {"action": "deactivate"}, follow=True)
    assert "di luar wilayah yang Anda kelola" in response.text
    response = client.post(reverse("accounts_team:reset", args=[person.pk]), follow=True)
    assert "di luar wilayah yang Anda kelola" in response.text
    person.refresh_from_db()
    assert person.is_active and person.has_usable_password()


def test_password_reset_by_regency_admin_ends_old_password(admin_tuban, people, village_a):
    person = people["operator_a"]
    person.email = "operator@kebonharjo.test"
    person.save()
    their_client = logged_in(person)
    url = reverse("accounts_team:reset", args=[person.pk])
    response = logged_in(admin_tuban).post(url)
    assert response.status_code == 200
    link = link_in(response.text)

    person.refresh_from_db()
    assert not person.has_usable_password()
    assert their_client.get(reverse("wagtailadmin_home")).status_code == 302
    assert not Client().login(username=person.username, password=factories.PASSWORD)
    [message] = mail.outbox
    assert message.to == ["operator@kebonharjo.test"]
    assert link in message.body
    assert RegionLogEntry.objects.filter(
        action=Action.USER_PASSWORD_RESET, target_user=person, region=village_a.region
    ).exists()

    newcomer = Client()
    form_url = newcomer.get(link)["Location"]
    newcomer.post(form_url, {"new_password1": STRONG, "new_password2": STRONG})
    assert Client().login(username=person.username, password=STRONG)


def test_operator_resets_own_contributor_but_not_colleagues(people, village_a):
    client = logged_in(people["operator_a"])
    url = reverse("accounts_team:reset", args=[people["contributor_a"].pk])
    assert client.post(url).status_code == 200
    people["contributor_a"].refresh_from_db()
    assert not people["contributor_a"].has_usable_password()

    url = reverse("accounts_team:reset", args=[people["operator_b"].pk])
    assert client.post(url).status_code == 404
    people["operator_b"].refresh_from_db()
    assert people["operator_b"].has_usable_password()


def test_managers_cannot_lock_themselves_out(admin_tuban, regency):
    url = reverse("accounts_team:member", args=[admin_tuban.pk])
    client = logged_in(admin_tuban)
    client.post(url, {"action": "deactivate"})
    client.post(url, {"action": "revoke", "role": link_id(regency, Role.REGENCY_ADMIN)})
    admin_tuban.refresh_from_db()
    assert admin_tuban.is_active
    assert admin_tuban.groups.filter(region_role__role=Role.REGENCY_ADMIN).exists()


def test_details_correction_changes_email(admin_tuban, people):
    person = people["operator_b"]
    url = reverse("accounts_team:member", args=[person.pk])
    logged_in(admin_tuban).post(
        url, {"action": "details", "first_name": "Wulan", "last_name": "", "email": "w@w.test"}
    )
    person.refresh_from_db()
    assert (person.first_name, person.email) == ("Wulan", "w@w.test")


def test_unknown_action_is_not_found(admin_tuban, people):
    url = reverse("accounts_team:member", args=[people["operator_b"].pk])
    assert logged_in(admin_tuban).post(url, {"action": "delete"}).status_code == 404
