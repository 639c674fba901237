"""Builders for the government tests: officials, institutions, BUMDes and news naming them."""

import datetime

from django.urls import reverse
from django.utils.text import slugify

from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, streamfield

from government.models import (
    BumdesPage,
    BumdesUnit,
    GovernmentIndexPage,
    InstitutionKind,
    InstitutionOfficial,
    InstitutionPage,
    Official,
)
from news.models import NewsPage
from tests.api.helpers import section


def gov_index(tenant) -> GovernmentIndexPage:
    return section(tenant, "pemerintahan")


def official(name, position, start=2019, end=None, **fields) -> dict:
    return {"name": name, "position": position, "period_start": start, "period_end": end, **fields}


def publish_officials(tenant, *officials: dict) -> GovernmentIndexPage:
    index = gov_index(tenant)
    index.officials = [Official(**spec) for spec in officials]
    index.save_revision().publish()
    return index


def add_institution(
    tenant,
    title,
    kind=InstitutionKind.BPD,
    *,
    model=InstitutionPage,
    officials=(),
    units=(),
    live=True,
    **fields,
):
    """An institution page (or BUMDes page) under the village's government section."""
    page = model(
        title=title,
        slug=slugify(title),
        kind=kind,
        live=live,
        officials=[InstitutionOfficial(**spec) for spec in officials],
        **fields,
    )
    if units:
        page.units = [BumdesUnit(**unit) for unit in units]
    gov_index(tenant).add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
    return page


def add_bumdes(tenant, title="BUMDes Makmur", kind=InstitutionKind.BUMDES, **fields) -> BumdesPage:
    return add_institution(tenant, title, kind, model=BumdesPage, **fields)


def publish_news(tenant, title, institution=None, *, days_ago=0, live=True) -> NewsPage:
    page = NewsPage(
        title=title,
        slug=slugify(title),
        date=datetime.date(2026, 11, 1) - datetime.timedelta(days=days_ago),
        institution=institution,
        live=live,
    )
    section(tenant, "berita").add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
    return page


def edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def add_url(parent, model) -> str:
    return reverse(
        "wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk]
    )


def page_form(client, url, streamfields=(), **fields):
    """The admin page form at ``url`` as the browser would post it, with ``fields`` changed."""
    response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    data = querydict_from_html(response.text, form_id="page-edit-form")
    for name in streamfields:
        data.update(nested_form_data({name: streamfield([])}))
    for name, value in fields.items():
        data[name] = value
    return data
