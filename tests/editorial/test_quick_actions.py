"""The admin home page offers a village's daily tasks directly ("Tulis berita", "Tambah
agenda", "Unggah dokumen", "Ubah identitas desa"), each a link to the user's own village,
only when the user may do it, and the links really open the views they name."""

import re
from urllib.parse import parse_qs, urlsplit

from django.urls import reverse

import pytest

from events.models import AgendaIndexPage
from news.models import NewsIndexPage
from tests import factories
from villages.models.regions import Role

LABELS = {
    "news": "Tulis berita",
    "event": "Tambah agenda",
    "documents": "Unggah dokumen",
    "identity": "Ubah identitas desa",
}


def home(client):
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.text


def actions(html):
    """{region code: {action key: (href, label)}} of the quick-action panels."""
    found = {}
    for code, body in re.findall(
        r'<div class="quick-actions[^"]*" data-region="([\d.]+)">(.*?)</div>', html, re.S
    ):
        links = re.findall(
            r'<a [^>]*href="([^"]+)" data-quick-action="(\w+)">(.*?)</a>', body, re.S
        )
        found[code] = {
            key: (href.replace("&amp;", "&"), re.sub(r"<[^>]+>", "", label).strip())
            for href, key, label in links
        }
    return found


def news_add_url(tenant):
    index = NewsIndexPage.objects.child_of(tenant.page).get()
    return reverse("wagtailadmin_pages:add", args=["news", "newspage", index.pk])


def event_add_url(tenant):
    index = AgendaIndexPage.objects.child_of(tenant.page).get()
    return reverse("wagtailadmin_pages:add", args=["events", "eventpage", index.pk])


def identity_url(tenant):
    return reverse("wagtailsettings:edit", args=["villages", "villageidentity", tenant.site.pk])


def documents_url(tenant):
    return f"{reverse('wagtaildocs:add_multiple')}?collection_id={tenant.collection.pk}"


def test_operator_gets_the_four_actions_on_their_own_village(client_for, village_a, village_b):
    html = home(client_for(factories.operator_of(village_a)))
    found = actions(html)
    assert list(found) == [village_a.region.code]
    own = found[village_a.region.code]
    assert {key: label for key, (_href, label) in own.items()} == LABELS
    assert own["news"][0] == news_add_url(village_a)
    assert own["event"][0] == event_add_url(village_a)
    assert own["documents"][0] == documents_url(village_a)
    assert own["identity"][0] == identity_url(village_a)
    assert "Tindakan cepat" in html
    # Nothing of the neighbouring village of the same district.
    for url in (news_add_url(village_b), event_add_url(village_b), identity_url(village_b)):
        assert url not in html
    assert f"collection_id={village_b.collection.pk}" not in html


def test_every_link_opens_its_view_for_the_operator(client_for, village_a):
    client = client_for(factories.operator_of(village_a))
    own = actions(home(client))[village_a.region.code]
    for key, (href, _label) in own.items():
        response = client.get(href)
        assert response.status_code == 200, key
    # The upload form preselects the village's own collection.
    upload = client.get(own["documents"][0])
    assert parse_qs(urlsplit(own["documents"][0]).query)["collection_id"] == [
        str(village_a.collection.pk)
    ]
    assert upload.context["selected_collection_id"] == str(village_a.collection.pk)
    # The news and agenda links open the editor itself, not the page-type chooser.
    assert client.get(own["news"][0]).context["page_class"].__name__ == "NewsPage"
    assert client.get(own["event"][0]).context["page_class"].__name__ == "EventPage"


def test_contributor_gets_only_what_a_contributor_may_do(client_for, village_a):
    html = home(client_for(factories.contributor_of(village_a)))
    own = actions(html)[village_a.region.code]
    # Contributors write drafts and upload; the identity is the operator's.
    assert set(own) == {"news", "event", "documents"}
    assert identity_url(village_a) not in html


def test_user_of_two_villages_gets_each_villages_own_actions(client_for, village_a, village_c):
    user = factories.operator_of(village_a)
    user.groups.add(village_c.group(Role.CONTRIBUTOR))
    html = home(client_for(user))
    found = actions(html)
    assert set(found) == {village_a.region.code, village_c.region.code}
    assert found[village_a.region.code]["news"][0] == news_add_url(village_a)
    assert found[village_c.region.code]["news"][0] == news_add_url(village_c)
    assert found[village_c.region.code]["documents"][0] == documents_url(village_c)
    # Operator of A, only contributor of C: C's identity is not theirs to change, even though
    # the identity permission comes with A's operator group.
    assert "identity" in found[village_a.region.code]
    assert "identity" not in found[village_c.region.code]
    assert "Tindakan cepat: Kebonharjo" in html
    assert f"Tindakan cepat: {village_c.region.name}" in html


@pytest.mark.parametrize(
    ("role", "code"), [("district_editor", "35.23.02"), ("regency_admin", "35.23")]
)
def test_editors_above_a_village_get_no_quick_actions(client_for, village_a, role, code):
    # They reach hundreds of villages; their home page is the freshness dashboard.
    user = getattr(factories, f"{role}_of")(factories.tenant(code))
    assert actions(home(client_for(user))) == {}


def test_operator_of_b_sees_none_of_a(client_for, village_a, village_b):
    html = home(client_for(factories.operator_of(village_b)))
    found = actions(html)
    assert list(found) == [village_b.region.code]
    assert found[village_b.region.code]["news"][0] == news_add_url(village_b)
    for url in (news_add_url(village_a), event_add_url(village_a), identity_url(village_a)):
        assert url not in html
