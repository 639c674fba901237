"""A new operator's first-steps checklist on the admin home page ticks itself off from the
village's real content, and disappears once everything is done."""

import re

from django.test import Client
from django.urls import reverse

from wagtail.images.tests.utils import get_test_image_file

import pytest

from assets.models import VillageImage
from editorial import onboarding
from news.models import NewsPage
from tests import factories
from tests.api.helpers import section
from tests.government.helpers import official, publish_officials
from villages.models import VillageIdentity


def home_html(user) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.text


def steps_done(html: str) -> dict[str, bool]:
    return {
        key: done == "true"
        for key, done in re.findall(r'data-step="(\w+)" data-done="(true|false)"', html)
    }


def do_identity(tenant):
    identity = VillageIdentity.for_site(tenant.site)
    identity.logo = VillageImage.objects.create(
        title="Logo", file=get_test_image_file("logo.png"), collection=tenant.collection
    )
    identity.primary_colour = "#0b4f8a"
    identity.save()


def do_profile(tenant):
    profile = section(tenant, "profil")
    profile.vision = "Desa mandiri dan sejahtera"
    profile.save_revision().publish()


def do_news(tenant):
    index = section(tenant, "berita")
    news = NewsPage(title="Kerja bakti", slug="kerja-bakti", live=False)
    index.add_child(instance=news)
    news.save_revision().publish()


def test_new_operator_sees_all_five_steps_open(village_a):
    html = home_html(factories.operator_of(village_a))
    assert "Langkah pertama" in html
    assert "Situs desa Kebonharjo: 0 dari 5 langkah selesai." in html
    assert steps_done(html) == dict.fromkeys(
        ["identity", "profile", "officials", "news", "contributor"], False
    )
    assert reverse("accounts_team:invite") in html
    assert (
        reverse("wagtailsettings:edit", args=["villages", "villageidentity", village_a.site.pk])
        in html
    )
    # The guide of the first day is one click from the checklist.
    assert f'<a href="{reverse("guide_operator")}" data-guide-link>' in html


def test_steps_tick_off_from_real_content_and_the_panel_goes_away(village_a):
    operator = factories.operator_of(village_a)
    do_identity(village_a)
    do_profile(village_a)
    assert steps_done(home_html(operator)) == {
        "identity": True,
        "profile": True,
        "officials": False,
        "news": False,
        "contributor": False,
    }
    publish_officials(village_a, official("Sutrisno", "Kepala Desa"))
    do_news(village_a)
    factories.contributor_of(village_a)
    html = home_html(operator)
    assert "Langkah pertama" not in html
    assert onboarding.checklists_for(operator) == []


def test_a_draft_or_a_default_colour_does_not_count(village_a):
    operator = factories.operator_of(village_a)
    identity = VillageIdentity.for_site(village_a.site)
    identity.logo = VillageImage.objects.create(
        title="Logo", file=get_test_image_file("logo.png"), collection=village_a.collection
    )
    identity.save()  # logo but the platform's default colours
    section(village_a, "profil").save_revision()  # saved, never published
    done = steps_done(home_html(operator))
    assert done["identity"] is False and done["profile"] is False


def test_checklist_counts_only_the_operators_own_village(village_a, village_b):
    do_identity(village_b)
    do_news(village_b)
    factories.contributor_of(village_b)
    html = home_html(factories.operator_of(village_a))
    assert "Wangi" not in html
    assert not any(steps_done(html).values())


@pytest.mark.parametrize(
    "maker, code", [("contributor_of", "35.23.02.2001"), ("district_editor_of", "35.23")]
)
def test_people_who_run_no_village_see_no_checklist(db, maker, code):
    user = getattr(factories, maker)(factories.tenant(code))
    assert "Langkah pertama" not in home_html(user)


def test_checklist_costs_a_fixed_number_of_queries(village_a, django_assert_max_num_queries):
    operator = factories.operator_of(village_a)
    with django_assert_max_num_queries(10):
        [checklist] = onboarding.checklists_for(operator)
    assert len(checklist.steps) == 5
