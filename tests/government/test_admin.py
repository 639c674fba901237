"""Editing in the admin: Indonesian validation errors that save nothing, scoped choices."""

from django.urls import reverse
from django.utils import timezone

from wagtail.models import Page

import pytest

from government.models import (
    BumdesPage,
    BumdesUnit,
    InstitutionKind,
    InstitutionOfficial,
    InstitutionPage,
    Official,
)
from news.models import NewsPage
from tests.api.helpers import section

from .helpers import (
    add_bumdes,
    add_institution,
    add_url,
    edit_url,
    gov_index,
    page_form,
    publish_news,
)

NEXT_DECADE_PLUS_ONE = timezone.localdate().year + 11


def add_inline_rows(data, relation, *rows):
    """Append rows to an inline formset (InlinePanel) of a posted page form."""
    start = int(data[f"{relation}-TOTAL_FORMS"])
    for offset, row in enumerate(rows):
        prefix = f"{relation}-{start + offset}"
        data[f"{prefix}-id"] = ""
        data[f"{prefix}-ORDER"] = str(start + offset + 1)
        for key, value in row.items():
            data[f"{prefix}-{key}"] = value
    data[f"{relation}-TOTAL_FORMS"] = str(start + len(rows))
    return data


def official_row(**fields):
    return {
        "name": "Sutrisno",
        "position": "Kepala Desa",
        "period_start": "2019",
        "period_end": "",
        "description": "",
        **fields,
    }


def select_options(html, name):
    return html.split(f'name="{name}"', 1)[1].split("</select>", 1)[0]


# -- officials ---------------------------------------------------------------------------


def test_operator_adds_officials_to_the_government_section(client_for, operator_a, village_a):
    index = gov_index(village_a)
    client = client_for(operator_a)
    data = page_form(client, edit_url(index))
    add_inline_rows(
        data,
        "officials",
        official_row(),
        official_row(name="Siti Rahayu", position="Sekretaris Desa", period_start="2016"),
    )
    data["action-publish"] = "1"
    response = client.post(edit_url(index), data)
    assert response.status_code == 302, response.content[:3000]
    assert [o.name for o in Official.objects.filter(page=index)] == ["Sutrisno", "Siti Rahayu"]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"period_start": "2019", "period_end": "2013"},
            "Tahun akhir jabatan tidak boleh sebelum tahun mulai menjabat.",
        ),
        ({"period_start": "1930"}, "Tahun harus antara 1945 dan"),
        ({"period_end": str(NEXT_DECADE_PLUS_ONE)}, "Tahun harus antara 1945 dan"),
    ],
)
def test_bad_official_period_is_refused_and_nothing_saved(
    client_for, operator_a, village_a, fields, message
):
    index = gov_index(village_a)
    revisions = index.revisions.count()
    client = client_for(operator_a)
    data = add_inline_rows(page_form(client, edit_url(index)), "officials", official_row(**fields))
    data["action-publish"] = "1"
    response = client.post(edit_url(index), data)
    assert response.status_code == 200
    assert message in response.text
    assert not Official.objects.filter(page=index).exists()
    assert index.revisions.count() == revisions


def test_bad_institution_official_period_is_refused(client_for, operator_a, village_a):
    pkk = add_institution(village_a, "Tim Penggerak PKK", InstitutionKind.PKK)
    client = client_for(operator_a)
    data = page_form(client, edit_url(pkk), streamfields=["body"])
    add_inline_rows(data, "officials", official_row(period_start="2024", period_end="2020"))
    response = client.post(edit_url(pkk), data)
    assert response.status_code == 200
    assert "Tahun akhir jabatan tidak boleh sebelum tahun mulai menjabat." in response.text
    assert not InstitutionOfficial.objects.filter(page=pkk).exists()


# -- contact numbers ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("phone", "12345", "Nomor telepon tidak sah. Tulis nomor Indonesia"),
        ("phone", "+1 202 555 0100", "Nomor telepon tidak sah. Tulis nomor Indonesia"),
        ("whatsapp", "(0356) 321456", "Nomor WhatsApp harus nomor HP Indonesia"),
        ("whatsapp", "0812", "Nomor WhatsApp harus nomor HP Indonesia"),
    ],
)
def test_bad_institution_number_is_refused_and_nothing_saved(
    client_for, operator_a, village_a, field, value, message
):
    pkk = add_institution(village_a, "Tim Penggerak PKK", InstitutionKind.PKK)
    revisions = pkk.revisions.count()
    client = client_for(operator_a)
    data = page_form(client, edit_url(pkk), streamfields=["body"], **{field: value})
    data["action-publish"] = "1"
    response = client.post(edit_url(pkk), data)
    assert response.status_code == 200
    assert message in response.text
    pkk.refresh_from_db()
    assert getattr(pkk, field) == ""
    assert pkk.revisions.count() == revisions


def test_whatsapp_number_is_stored_as_628(client_for, operator_a, village_a):
    pkk = add_institution(village_a, "Tim Penggerak PKK", InstitutionKind.PKK)
    client = client_for(operator_a)
    data = page_form(
        client,
        edit_url(pkk),
        streamfields=["body"],
        phone="(0356) 321456",
        whatsapp="+62 812-3456-7890",
    )
    data["action-publish"] = "1"
    response = client.post(edit_url(pkk), data)
    assert response.status_code == 302, response.content[:3000]
    pkk.refresh_from_db()
    assert pkk.phone == "(0356) 321456"
    assert pkk.whatsapp == "6281234567890"


def test_bad_bumdes_unit_number_and_founding_year_are_refused(client_for, operator_a, village_a):
    bumdes = add_bumdes(village_a)
    client = client_for(operator_a)
    data = page_form(client, edit_url(bumdes), streamfields=["body"], year_founded="1900")
    add_inline_rows(data, "units", {"name": "Unit Air Bersih", "whatsapp": "021 555 1234"})
    data["action-publish"] = "1"
    response = client.post(edit_url(bumdes), data)
    assert response.status_code == 200
    assert "Nomor WhatsApp harus nomor HP Indonesia" in response.text
    assert "Tahun harus antara 1945 dan" in response.text
    assert not BumdesUnit.objects.filter(page=bumdes).exists()
    bumdes.refresh_from_db()
    assert bumdes.year_founded is None


def test_bumdes_unit_whatsapp_is_stored_as_628(client_for, operator_a, village_a):
    bumdes = add_bumdes(village_a)
    client = client_for(operator_a)
    data = page_form(client, edit_url(bumdes), streamfields=["body"])
    add_inline_rows(data, "units", {"name": "Unit Air Bersih", "whatsapp": "0812 0000 0306"})
    data["action-publish"] = "1"
    response = client.post(edit_url(bumdes), data)
    assert response.status_code == 302, response.content[:3000]
    assert BumdesUnit.objects.get(page=bumdes).whatsapp == "6281200000306"


# -- kinds -------------------------------------------------------------------------------


def test_plain_institution_page_cannot_be_a_bumdes(client_for, operator_a, village_a):
    client = client_for(operator_a)
    url = add_url(gov_index(village_a), InstitutionPage)
    form = client.get(url).text
    kinds = select_options(form, "kind")
    assert 'value="pkk"' in kinds
    assert 'value="bumdes"' not in kinds

    data = page_form(
        client, url, streamfields=["body"], title="BUMDes Palsu", slug="bumdes-palsu", kind="bumdes"
    )
    data["action-publish"] = "1"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "kind" in response.context["form"].errors
    assert not Page.objects.filter(slug="bumdes-palsu").exists()


def test_bumdes_page_added_in_admin_is_of_kind_bumdes(client_for, operator_a, village_a):
    client = client_for(operator_a)
    url = add_url(gov_index(village_a), BumdesPage)
    form = client.get(url).text
    assert 'name="kind"' not in form
    data = page_form(
        client,
        url,
        streamfields=["body"],
        title="BUMDes Makmur",
        slug="bumdes-makmur",
        legal_basis="Peraturan Desa Nomor 4 Tahun 2017",
        year_founded="2017",
    )
    data["action-publish"] = "1"
    response = client.post(url, data)
    assert response.status_code == 302, response.content[:3000]
    bumdes = BumdesPage.objects.get(slug="bumdes-makmur")
    assert bumdes.kind == InstitutionKind.BUMDES
    assert bumdes.live


def test_operator_of_other_village_cannot_edit_this_government_section(
    client_for, operator_b, village_a
):
    response = client_for(operator_b).get(edit_url(gov_index(village_a)))
    assert response.status_code in (302, 403, 404)


# -- news names its institution ----------------------------------------------------------


def news_add_url(tenant):
    return add_url(section(tenant, "berita"), NewsPage)


def test_news_form_offers_only_own_village_live_institutions(
    client_for, operator_a, village_a, village_b
):
    own = add_institution(village_a, "Tim Penggerak PKK", InstitutionKind.PKK)
    bumdes = add_bumdes(village_a)
    draft = add_institution(village_a, "Linmas Draf", InstitutionKind.LINMAS, live=False)
    other = add_institution(village_b, "Karang Taruna Wangi", InstitutionKind.KARANG_TARUNA)
    client = client_for(operator_a)

    add = select_options(client.get(news_add_url(village_a)).text, "institution")
    assert f'value="{own.pk}"' in add
    assert f'value="{bumdes.pk}"' in add
    assert f'value="{draft.pk}"' not in add
    assert f'value="{other.pk}"' not in add
    assert "Karang Taruna Wangi" not in add

    news = publish_news(village_a, "Kabar PKK", own)
    edit = select_options(client.get(edit_url(news)).text, "institution")
    assert f'value="{own.pk}" selected' in edit
    assert f'value="{other.pk}"' not in edit


def test_news_cannot_name_another_villages_institution(
    client_for, operator_a, village_a, village_b
):
    other = add_institution(village_b, "Karang Taruna Wangi", InstitutionKind.KARANG_TARUNA)
    client = client_for(operator_a)
    url = news_add_url(village_a)
    data = page_form(
        client, url, streamfields=["body"], title="Berita Curang", slug="berita-curang"
    )
    data["institution"] = str(other.pk)
    data["action-publish"] = "1"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "institution" in response.context["form"].errors
    assert not Page.objects.filter(slug="berita-curang").exists()


def test_news_names_own_village_institution(client_for, operator_a, village_a):
    pkk = add_institution(village_a, "Tim Penggerak PKK", InstitutionKind.PKK)
    client = client_for(operator_a)
    url = news_add_url(village_a)
    data = page_form(client, url, streamfields=["body"], title="Kabar PKK", slug="kabar-pkk")
    data["institution"] = str(pkk.pk)
    data["action-publish"] = "1"
    response = client.post(url, data)
    assert response.status_code == 302, response.content[:3000]
    assert NewsPage.objects.get(slug="kabar-pkk").institution_id == pkk.pk
    institution_page = client.get("/pemerintahan/tim-penggerak-pkk/", HTTP_HOST=village_a.host)
    assert "Kabar PKK" in institution_page.text


def test_deleting_an_institution_keeps_its_news(village_a):
    pkk = add_institution(village_a, "Tim Penggerak PKK", InstitutionKind.PKK)
    news = publish_news(village_a, "Kabar PKK", pkk)
    pkk.delete()
    news.refresh_from_db()
    assert news.institution is None


def test_operator_previews_unsaved_officials_and_units(client_for, operator_a, village_a):
    bumdes = add_bumdes(village_a)
    client = client_for(operator_a)
    data = page_form(client, edit_url(bumdes), streamfields=["body"])
    add_inline_rows(data, "officials", official_row(name="Budi Santoso", position="Direktur"))
    add_inline_rows(data, "units", {"name": "Unit Wisata Embung", "services": "Tiket Rp5.000"})
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[bumdes.pk])
    assert client.post(url, data).json()["is_valid"]

    preview = client.get(url)
    assert preview.status_code == 200
    assert "Budi Santoso" in preview.text
    assert "<li>Tiket Rp5.000</li>" in preview.text
    assert not BumdesUnit.objects.filter(page=bumdes).exists()
