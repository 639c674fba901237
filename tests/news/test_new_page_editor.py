"""The editor a new news item opens in, through the real admin views on the village's host.

A new page's body starts with one empty paragraph, ready to type in (``BodyBlock.new_page_value``);
publishing with that paragraph untouched saves the page without it and without an error; the
page-type chooser lists the types without Wagtail's "Pages using …" links
(``templates/wagtailadmin/pages/add_subpage.html``); the create view has no autosave, the edit
view keeps it (``villages.patches.create_view_autosave``).
"""

from __future__ import annotations

import json

from django.urls import reverse

from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, streamfield

import pytest
from bs4 import BeautifulSoup

from government.models import GovernmentIndexPage
from news.models import NewsIndexPage, NewsPage

# What Draftail posts for a paragraph with no text: ``null`` (its serialiser's answer for an
# empty editor), or, spelled out, one empty unstyled block.
EMPTY_DRAFTAIL = json.dumps(
    {
        "blocks": [
            {
                "key": "a1b2c",
                "text": "",
                "type": "unstyled",
                "depth": 0,
                "inlineStyleRanges": [],
                "entityRanges": [],
                "data": {},
            }
        ],
        "entityMap": {},
    }
)


TYPED_DRAFTAIL = json.dumps(
    {
        "blocks": [
            {
                "key": "d4e5f",
                "text": "Warga bergotong royong.",
                "type": "unstyled",
                "depth": 0,
                "inlineStyleRanges": [],
                "entityRanges": [],
                "data": {},
            }
        ],
        "entityMap": {},
    }
)


def news_index(tenant) -> NewsIndexPage:
    return NewsIndexPage.objects.child_of(tenant.page).get()


def add_url(tenant):
    return reverse("wagtailadmin_pages:add", args=["news", "newspage", news_index(tenant).pk])


@pytest.fixture
def operator_client(client, operator_a, village_a):
    client.force_login(operator_a)
    client.defaults["HTTP_HOST"] = village_a.host
    return client


def body_stream(page_html):
    """The body's children as the StreamField editor starts with them: the value half of the
    ``data-w-block-arguments-value`` the w-block controller builds the editor from."""
    body = BeautifulSoup(page_html, "html.parser").find("div", id="body")
    assert body is not None and body["data-controller"] == "w-block", "no body editor"
    value, _errors = json.loads(body["data-w-block-arguments-value"])
    return value


def test_new_news_page_opens_with_one_paragraph_ready(operator_client, village_a):
    response = operator_client.get(add_url(village_a))
    assert response.status_code == 200
    children = body_stream(response.text)
    assert [child["type"] for child in children] == ["paragraph"]
    # Empty, as Draftail gets it: no text in any of its blocks.
    paragraph = children[0]["value"]
    assert not paragraph or not any(block["text"] for block in json.loads(paragraph)["blocks"])


def test_edit_view_of_an_existing_page_keeps_its_own_body(operator_client, village_a):
    page = NewsPage(title="Kabar Lama", slug="kabar-lama", body=[("heading", "Judul saja")])
    news_index(village_a).add_child(instance=page)
    response = operator_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    assert [child["type"] for child in body_stream(response.text)] == ["heading"]


@pytest.mark.parametrize("untouched", ["null", EMPTY_DRAFTAIL], ids=["null", "empty-block"])
def test_publishing_with_the_untouched_paragraph_saves_without_it(
    operator_client, village_a, untouched
):
    url = add_url(village_a)
    response = operator_client.get(url)
    data = querydict_from_html(response.text, form_id="page-edit-form")
    data.update(nested_form_data({"body": streamfield([("paragraph", untouched)])}))
    data.update(
        {
            "title": "Foto Kerja Bakti",
            "slug": "foto-kerja-bakti",
            "action-publish": "action-publish",
        }
    )

    response = operator_client.post(url, data)

    assert response.status_code == 302, (
        response.context["form"].errors if response.context else response
    )
    page = NewsPage.objects.child_of(news_index(village_a)).get(slug="foto-kerja-bakti")
    assert page.live
    assert list(page.body) == []
    assert list(page.get_latest_revision_as_object().body) == []
    public = operator_client.get(page.relative_url(village_a.site))
    assert public.status_code == 200
    assert "Foto Kerja Bakti" in public.text


def test_a_typed_paragraph_is_kept_next_to_a_dropped_empty_one(operator_client, village_a):
    url = add_url(village_a)
    response = operator_client.get(url)
    data = querydict_from_html(response.text, form_id="page-edit-form")
    data.update(
        nested_form_data(
            {"body": streamfield([("paragraph", TYPED_DRAFTAIL), ("paragraph", "null")])}
        )
    )
    data.update({"title": "Kerja Bakti", "slug": "kerja-bakti", "action-publish": "action-publish"})
    assert operator_client.post(url, data).status_code == 302
    page = NewsPage.objects.child_of(news_index(village_a)).get(slug="kerja-bakti")
    assert [(child.block_type, child.value.source) for child in page.body] == [
        ("paragraph", '<p data-block-key="d4e5f">Warga bergotong royong.</p>')
    ]


def test_page_type_chooser_lists_types_without_usage_links(operator_client, village_a):
    # The government section offers two types (institution, BUMDes); with only one type,
    # Wagtail skips the chooser and opens the create view at once.
    parent = GovernmentIndexPage.objects.child_of(village_a.page).get()
    response = operator_client.get(reverse("wagtailadmin_pages:add_subpage", args=[parent.pk]))
    assert response.status_code == 200
    page_types = response.context["page_types"]
    assert len(page_types) == 2
    for _verbose_name, app_label, model_name, _description in page_types:
        add = reverse("wagtailadmin_pages:add", args=[app_label, model_name, parent.pk])
        assert f'href="{add}"' in response.text
        type_use = reverse("wagtailadmin_pages:type_use", args=[app_label, model_name])
        assert type_use not in response.text
    assert "/usage/" not in response.text
    assert "Pages using" not in response.text
    assert "Halaman yang menggunakan" not in response.text


def autosave_marks(page_html):
    soup = BeautifulSoup(page_html, "html.parser")
    form = soup.find("form", id="page-edit-form")
    assert form is not None, "no page form"
    return {
        "controller": "w-autosave" in form["data-controller"].split(),
        "interval": form.has_attr("data-w-autosave-interval-value"),
        "indicator": soup.find(id="w-autosave-indicator") is not None,
    }


def test_create_view_has_no_autosave_and_edit_view_keeps_it(operator_client, village_a):
    create = operator_client.get(add_url(village_a))
    assert create.status_code == 200
    assert autosave_marks(create.text) == {
        "controller": False,
        "interval": False,
        "indicator": False,
    }
    assert create.context["autosave_enabled"] is False

    page = NewsPage(title="Kabar Ada", slug="kabar-ada")
    news_index(village_a).add_child(instance=page)
    edit = operator_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert edit.status_code == 200
    assert autosave_marks(edit.text) == {"controller": True, "interval": True, "indicator": True}
