"""Development projects (/pembangunan/): editor validation, public pages, roll-ups by
kecamatan, tenancy and API v2."""

from datetime import date
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

import pytest

from opendata.models import Account
from opendata.vocabularies import sync_vocabularies
from projects import demo
from projects.models import ProgressUpdate, ProjectIndexPage, ProjectPage
from tests import factories
from tests.api.helpers import make_image
from tests.page_editor import editor_form


def index_of(tenant) -> ProjectIndexPage:
    return ProjectIndexPage.objects.child_of(tenant.page).get()


def add_project(tenant, title, updates=(), **fields):
    index = index_of(tenant)
    page = ProjectPage(title=title, year=2026, budget=Decimal("1000000"), **fields)
    for order, (day, percentage, note) in enumerate(updates):
        page.progress_updates.add(
            ProgressUpdate(sort_order=order, date=day, percentage=percentage, note=note)
        )
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def add_url(tenant):
    return reverse("wagtailadmin_pages:add", args=["projects", "projectpage", index_of(tenant).pk])


def post_new_project(client, tenant, updates=(), **fields):
    url = add_url(tenant)
    data, _form = editor_form(client, url)
    data.update(
        {
            "title": "Jalan usaha tani",
            "slug": "jalan-usaha-tani",
            "year": "2026",
            "budget": "50000000",
            "fund_source": "dana_desa",
            "action-publish": "1",
        }
    )
    data.update({k: str(v) for k, v in fields.items()})
    data.update(
        nested_form_data(
            {
                "progress_updates": inline_formset(
                    [
                        {
                            "date": update[0],
                            "percentage": str(update[1]),
                            "note": update[2],
                            # Photos (image ids), where the update has a fourth item.
                            "photos": streamfield(
                                [("photo", pk) for pk in (update[3] if len(update) > 3 else ())]
                            ),
                        }
                        for update in updates
                    ]
                )
            }
        )
    )
    return client.post(url, data)


def test_every_village_district_and_regency_gets_pembangunan(village_a, regency):
    district = factories.tenant("35.23.02")
    for tenant in (village_a, district, regency):
        assert ProjectIndexPage.objects.child_of(tenant.page).get().slug == "pembangunan"


def test_valid_project_is_saved_through_the_editor(client_for, operator_a, village_a):
    client = client_for(operator_a)
    photos = [make_image(village_a.collection, f"Pengecoran {n}").pk for n in (1, 2)]
    response = post_new_project(
        client,
        village_a,
        updates=[("2026-05-01", 20, "Galian"), ("2026-06-01", 70, "Pengecoran", photos)],
        start_date="2026-04-01",
        end_date="2026-07-01",
        latitude="-6.905",
        longitude="111.955",
    )
    assert response.status_code == 302, response.context["form"].errors
    page = ProjectPage.objects.get(slug="jalan-usaha-tani")
    assert page.latest_progress == 70
    latest = page.progress_updates.get(percentage=70)
    assert [block.value.pk for block in latest.photos] == photos
    shown = client.get(page.url, HTTP_HOST=village_a.host).content.decode()
    assert shown.count('class="timeline__photo"') == 2


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (
            {"start_date": "2026-07-01", "end_date": "2026-06-01"},
            "end_date",
            "Tanggal selesai tidak boleh sebelum tanggal mulai.",
        ),
        ({"latitude": "10.5", "longitude": "111.9"}, "latitude", "Lintang harus antara -11"),
        ({"latitude": "-6.9", "longitude": "150.0"}, "longitude", "Bujur harus antara 94"),
        ({"budget": "-5"}, "budget", "Anggaran tidak boleh negatif."),
    ],
    ids=["end_before_start", "latitude_outside", "longitude_outside", "negative_budget"],
)
def test_bad_fields_get_indonesian_errors_at_the_field(
    client_for, operator_a, village_a, fields, field, message
):
    client = client_for(operator_a)
    response = post_new_project(client, village_a, **fields)
    assert response.status_code == 200
    assert message in str(response.context["form"].errors[field])
    assert not ProjectPage.objects.filter(slug="jalan-usaha-tani").exists()


def test_parent_account_is_refused_at_the_field(client_for, operator_a, village_a):
    sync_vocabularies()
    parent = Account.objects.filter(is_leaf=False).first()
    leaf = Account.objects.filter(is_leaf=True).first()
    client = client_for(operator_a)
    response = post_new_project(client, village_a, account=parent.pk)
    assert response.status_code == 200
    assert "account" in response.context["form"].errors
    assert not ProjectPage.objects.filter(slug="jalan-usaha-tani").exists()
    response = post_new_project(client, village_a, account=leaf.pk)
    assert response.status_code == 302
    assert ProjectPage.objects.get(slug="jalan-usaha-tani").account == leaf


def test_direct_clean_refuses_parent_account(village_a):
    sync_vocabularies()
    page = ProjectPage(title="x", account=Account.objects.filter(is_leaf=False).first())
    with pytest.raises(Exception) as caught:
        page.clean()
    assert "rekening rincian" in str(caught.value)


def test_percentage_going_down_is_refused_at_the_field(client_for, operator_a, village_a):
    client = client_for(operator_a)
    response = post_new_project(
        client, village_a, updates=[("2026-05-01", 60, ""), ("2026-06-01", 40, "")]
    )
    assert response.status_code == 200
    formset = response.context["form"].formsets["progress_updates"]
    assert "Persentase tidak boleh lebih kecil" in str(formset.forms[1].errors["percentage"])
    assert "Persentase tidak boleh lebih kecil" in response.text
    assert not ProjectPage.objects.filter(slug="jalan-usaha-tani").exists()


def test_percentage_above_100_is_refused(client_for, operator_a, village_a):
    client = client_for(operator_a)
    response = post_new_project(client, village_a, updates=[("2026-05-01", 120, "")])
    assert response.status_code == 200
    formset = response.context["form"].formsets["progress_updates"]
    assert "Persentase paling besar 100." in str(formset.forms[0].errors["percentage"])


def test_project_page_shows_progress_timeline_and_map(client, village_a):
    page = add_project(
        village_a,
        "Rabat beton Dusun Krajan",
        updates=[(date(2026, 5, 1), 30, "Galian tanah"), (date(2026, 6, 1), 80, "Pengecoran")],
        latitude=Decimal("-6.905"),
        longitude=Decimal("111.955"),
    )
    response = client.get(page.url, HTTP_HOST=village_a.host)
    assert response.status_code == 200
    html = response.text
    assert 'value="80"' in html and "80%" in html
    assert "Galian tanah" in html and "Pengecoran" in html
    assert "<svg" in html and "map-svg__point" in html
    assert "<script" not in html.split("<article", 1)[1].split("</article>")[0]


def test_village_index_lists_its_own_projects_only(client, village_a, village_b):
    add_project(village_a, "Proyek Kebonharjo", updates=[(date(2026, 5, 1), 50, "")])
    add_project(village_b, "Proyek Desa B")
    response = client.get("/pembangunan/", HTTP_HOST=village_a.host)
    assert response.status_code == 200
    assert "Proyek Kebonharjo" in response.text and 'value="50"' in response.text
    assert "Proyek Desa B" not in response.text


def test_empty_index_says_no_data(client, village_a):
    response = client.get("/pembangunan/", HTTP_HOST=village_a.host)
    assert "Belum ada data kegiatan pembangunan." in response.text


def rollup_response(client, district, regency):
    index = index_of(district)
    return client.get(index.get_url(), HTTP_HOST=regency.host)


def test_district_lists_projects_of_its_villages_only(
    client, regency, village_a, village_b, village_c
):
    district = factories.tenant("35.23.02")
    add_project(village_a, "Proyek Satu")
    add_project(village_b, "Proyek Dua")
    add_project(village_c, "Proyek Kecamatan Lain")
    response = rollup_response(client, district, regency)
    assert response.status_code == 200
    assert "Proyek Satu" in response.text and "Proyek Dua" in response.text
    assert village_a.page.title in response.text
    assert "Proyek Kecamatan Lain" not in response.text
    # The regency lists all three.
    response = client.get(index_of(regency).get_url(), HTTP_HOST=regency.host)
    assert "Proyek Kecamatan Lain" in response.text


def test_district_rollup_costs_the_same_queries_for_2_and_10_projects(
    client, regency, village_a, village_b
):
    district = factories.tenant("35.23.02")
    add_project(village_a, "Proyek 0", updates=[(date(2026, 5, 1), 10, "")])
    add_project(village_b, "Proyek 1")
    rollup_response(client, district, regency)  # warm caches
    with CaptureQueriesContext(connection) as two:
        assert rollup_response(client, district, regency).status_code == 200
    for n in range(2, 10):
        add_project(
            village_a if n % 2 else village_b, f"Proyek {n}", updates=[(date(2026, 5, 1), n, "")]
        )
    with CaptureQueriesContext(connection) as ten:
        response = rollup_response(client, district, regency)
    assert "Proyek 9" in response.text
    assert len(ten) == len(two)


def test_district_rollup_query_bound(
    client, regency, village_a, village_b, django_assert_max_num_queries
):
    district = factories.tenant("35.23.02")
    for n in range(4):
        add_project(village_a if n % 2 else village_b, f"Proyek {n}")
    rollup_response(client, district, regency)
    with django_assert_max_num_queries(30):
        rollup_response(client, district, regency)


def test_operator_cannot_add_or_edit_a_project_of_another_village(
    client_for, operator_a, village_a, village_b
):
    page_b = add_project(village_b, "Proyek Desa B")
    client = client_for(operator_a)
    assert client.get(add_url(village_b)).status_code in (302, 403, 404)
    data, _form = editor_form(client, add_url(village_a))
    data.update(
        {
            "title": "Susupan",
            "slug": "susupan",
            "year": "2026",
            "budget": "1",
            "fund_source": "dana_desa",
            "action-publish": "1",
        }
    )
    response = client.post(add_url(village_b), data)
    assert response.status_code in (302, 403, 404)
    assert not ProjectPage.objects.filter(slug="susupan").exists()
    edit = reverse("wagtailadmin_pages:edit", args=[page_b.pk])
    assert client.get(edit).status_code in (302, 403, 404)
    data["title"] = "Diubah"
    assert client.post(edit, data).status_code in (302, 403, 404)
    assert ProjectPage.objects.get(pk=page_b.pk).title == "Proyek Desa B"


def test_api_v2_lists_project_fields(client, village_a, village_b):
    add_project(
        village_a,
        "Proyek API",
        updates=[(date(2026, 5, 1), 40, "catatan")],
        latitude=Decimal("-6.905"),
        longitude=Decimal("111.955"),
        executor="TPK Desa",
    )
    add_project(village_b, "Proyek Lain")
    response = client.get(
        "/api/v2/pages/?type=projects.ProjectPage&fields=*", HTTP_HOST=village_a.host
    )
    assert response.status_code == 200
    items = response.json()["items"]
    assert [item["title"] for item in items] == ["Proyek API"]
    item = items[0]
    for name in (
        "year",
        "budget",
        "fund_source",
        "account",
        "executor",
        "volume",
        "unit",
        "start_date",
        "end_date",
        "latitude",
        "longitude",
        "latest_progress",
    ):
        assert name in item
    assert item["latest_progress"] == 40
    assert item["progress_updates"][0]["percentage"] == 40


def test_demo_is_idempotent(village_a):
    sync_vocabularies()
    demo.populate(village_a.page)
    demo.populate(village_a.page)
    pages = ProjectPage.objects.child_of(index_of(village_a))
    assert pages.count() == len(demo.PROJECTS)
    assert pages.get(slug="rabat-beton-jalan-dusun-krajan").latest_progress == 100
