"""The four roles, provisioned per region, and what each may do in the admin.

Two villages in two regencies: Kebonharjo and Wangi (Jatirogo, Tuban), Karangasem (Jenu,
Tuban), Sembung (Sukorame, Lamongan).
"""

from django.urls import reverse

from wagtail.models import Page

import pytest

from audit.models import Action, RegionLogEntry
from tests import factories
from tests.factories import logged_in
from villages.models import Region, RegionGroup
from villages.models.regions import Role


def can(user, page, action: str) -> bool:
    permissions = Page.objects.get(pk=page.pk).permissions_for_user(user)
    return getattr(permissions, f"can_{action}")()


@pytest.mark.parametrize(
    "code, roles",
    [
        ("35.23", {Role.DISTRICT_EDITOR, Role.REGENCY_ADMIN}),
        ("35.23.02", {Role.DISTRICT_EDITOR}),
        ("35.23.02.2001", {Role.OPERATOR, Role.CONTRIBUTOR}),
        ("35", set()),
    ],
)
def test_provisioning_creates_the_roles_of_each_level(db, code, roles):
    assert set(RegionGroup.objects.filter(region__code=code).values_list("role", flat=True)) == {
        str(role) for role in roles
    }


def test_role_groups_are_named_for_people(db):
    group = RegionGroup.objects.get(region__code="35.23.02", role=Role.DISTRICT_EDITOR).group
    assert group.name == "Jatirogo (35.23.02) · Editor kecamatan"


def test_kecamatan_editor_reaches_own_district_villages_only(village_a, village_b, village_c):
    editor = factories.district_editor_of(factories.tenant("35.23.02"))
    for village in (village_a, village_b):
        assert can(editor, village.page, "publish")
        assert can(editor, village.page, "edit")
    assert not can(editor, village_c.page, "edit")


def test_regency_level_roles_reach_every_village_of_the_regency(
    regency, village_a, village_c, village_other_regency
):
    for user in (factories.district_editor_of(regency), factories.regency_admin_of(regency)):
        assert can(user, village_a.page, "publish")
        assert can(user, village_c.page, "publish")
        assert not can(user, village_other_regency.page, "edit")


def test_contributor_adds_drafts_but_never_publishes(village_a, village_b):
    contributor = factories.contributor_of(village_a)
    assert can(contributor, village_a.page, "add_subpage")
    assert not can(contributor, village_a.page, "publish")
    assert not can(contributor, village_b.page, "add_subpage")


def test_operator_publishes_in_own_village_only(village_a, village_b, village_other_regency):
    operator = factories.operator_of(village_a)
    assert can(operator, village_a.page, "publish")
    assert not can(operator, village_b.page, "edit")
    assert not can(operator, village_other_regency.page, "edit")


def test_regency_admin_explorer_shows_own_regency_only(regency, other_regency):
    admin = factories.regency_admin_of(regency)
    client = logged_in(admin)
    html = client.get(reverse("wagtailadmin_explore", args=[regency.page.pk])).text
    assert "Jatirogo" in html
    response = client.get(reverse("wagtailadmin_explore", args=[other_regency.page.pk]))
    assert "Sukorame" not in response.text


# -- creating villages -------------------------------------------------------------------


def test_regency_admin_creates_a_village_in_own_regency(regency, village_a):
    admin = factories.regency_admin_of(regency)
    district = Region.objects.get(code="35.23.02")
    response = logged_in(admin).post(
        reverse("villages_add"),
        {"district": district.pk, "code": "35.23.02.2011", "name": "Sekaran"},
    )
    assert response.status_code == 302
    village = Region.objects.get(code="35.23.02.2011")
    assert village.site.hostname == "sekaran.tuban.test"
    assert RegionLogEntry.objects.filter(
        region=village, action=Action.VILLAGE_CREATE, actor=admin
    ).exists()
    # The new village is the admin's to staff at once.
    html = logged_in(admin).get(reverse("accounts_team:invite")).text
    assert f'<option value="{village.pk}">Desa Sekaran</option>' in html


def test_regency_admin_cannot_create_a_village_in_another_regency(regency, other_regency):
    admin = factories.regency_admin_of(regency)
    client = logged_in(admin)
    form = client.get(reverse("villages_add")).text
    assert "Jatirogo" in form and "Sukorame" not in form
    sukorame = Region.objects.get(code="35.24.01")
    response = client.post(
        reverse("villages_add"),
        {"district": sukorame.pk, "code": "35.24.01.2009", "name": "Penyusup"},
    )
    assert response.status_code == 200
    assert not Region.objects.filter(code="35.24.01.2009").exists()


@pytest.mark.parametrize(
    "maker, code",
    [
        ("operator_of", "35.23.02.2001"),
        ("contributor_of", "35.23.02.2001"),
        ("district_editor_of", "35.23.02"),
        ("district_editor_of", "35.23"),
    ],
)
def test_only_regency_admins_and_superusers_create_villages(db, maker, code):
    user = getattr(factories, maker)(factories.tenant(code))
    response = logged_in(user).get(reverse("villages_add"))
    assert response.status_code in (302, 403)
    assert response.get("Location") in (None, reverse("wagtailadmin_home"))
