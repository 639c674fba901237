"""Every page of a village site says when that village was last updated, on its own clock."""

import datetime
import re

from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from tests.editorial.helpers import publish_page
from villages.middleware import find_site_for_host

# 18:30 UTC on 2 November is 01:30 on 3 November in Jawa Timur (WIB, UTC+7).
PUBLISHED_AT = datetime.datetime(2026, 11, 2, 18, 30, tzinfo=datetime.UTC)


def footer(response) -> str:
    assert response.status_code == 200, response.content[:300]
    return response.text[response.text.index("<footer") :]


def test_each_village_footer_shows_its_own_last_update(client, village_a, village_b):
    publish_page(village_a, "Kabar Kebonharjo", at=PUBLISHED_AT)

    for path in ("/", "/profil/", "/berita/"):
        a = footer(client.get(path, HTTP_HOST=village_a.host))
        assert re.search(
            r'Terakhir diperbarui\s*<time datetime="2026-11-03T01:30:00\+07:00">3 November 2026'
            r"</time>",
            a,
        ), path
        b = footer(client.get(path, HTTP_HOST=village_b.host))
        assert "Belum ada pembaruan" in b
        assert "<time" not in b and "3 November 2026" not in b


def test_later_publication_moves_the_date_only_on_its_own_site(client, village_a, village_b):
    publish_page(village_a, "Kabar Kebonharjo", at=PUBLISHED_AT)
    publish_page(village_b, "Kabar Wangi", at=PUBLISHED_AT)

    publish_page(village_a, "Kabar Baru", at=PUBLISHED_AT + datetime.timedelta(days=20))

    assert ">23 November 2026</time>" in footer(client.get("/", HTTP_HOST=village_a.host))
    assert ">3 November 2026</time>" in footer(client.get("/", HTTP_HOST=village_b.host))


def test_regency_portal_footer_shows_no_village_date(client, regency, village_a):
    publish_page(village_a, "Kabar Kebonharjo", at=PUBLISHED_AT)

    portal = footer(client.get("/", HTTP_HOST=regency.host))

    assert "Terakhir diperbarui" not in portal and "Belum ada pembaruan" not in portal


def test_last_updated_costs_no_query_once_the_site_is_found(village_a):
    publish_page(village_a, "Kabar Kebonharjo", at=PUBLISHED_AT)
    request = RequestFactory().get("/", HTTP_HOST=village_a.host)
    request._wagtail_site = find_site_for_host(request)  # as the site middleware does
    template = Template("{% load freshness_tags %}{% village_last_updated as u %}{{ u.iso }}")

    with CaptureQueriesContext(connection) as ctx:
        rendered = template.render(Context({"request": request}))

    assert rendered == "2026-11-03T01:30:00+07:00"
    assert ctx.captured_queries == []
