"""The government pages in the public API (v2 and v3): every field, only the own village."""

import pytest

from government.models import BumdesPage, GovernmentIndexPage, InstitutionKind, InstitutionPage
from tests.api.helpers import make_image

from .helpers import (
    add_bumdes,
    add_institution,
    gov_index,
    official,
    publish_news,
    publish_officials,
)


def api_items(client, tenant, model, fields="*"):
    response = client.get(
        f"/api/v2/pages/?type={model._meta.label}&fields={fields}", HTTP_HOST=tenant.host
    )
    assert response.status_code == 200, response.content[:500]
    return response.json()["items"]


def assert_every_api_field(item, model):
    for field in model.api_fields:
        assert field.name in item, field.name


def full_bumdes(tenant):
    image = make_image(tenant.collection, "bumdes")
    return add_bumdes(
        tenant,
        intro="Usaha milik desa.",
        logo=image,
        address="Balai Desa",
        phone="(0356) 000301",
        whatsapp="6281200000304",
        email="bumdes@desa.example",
        legal_basis="Peraturan Desa Nomor 4 Tahun 2017",
        year_founded=2017,
        officials=[official("Budi Santoso", "Direktur", 2022, 2027, photo=image)],
        units=[
            {
                "name": "Unit Simpan Pinjam",
                "description": "Modal usaha mikro.",
                "services": "Pinjaman modal\nTabungan",
                "phone": "(0356) 000302",
                "whatsapp": "6281200000305",
                "photo": image,
            }
        ],
    )


def test_api_v2_exposes_every_government_index_field(client, village_a, village_b):
    photo = make_image(village_a.collection, "kades")
    publish_officials(
        village_a,
        official("Sutrisno", "Kepala Desa", 2019, 2027, photo=photo, description="Kades."),
        official("Siti Rahayu", "Sekretaris Desa", 2016),
    )
    publish_officials(village_b, official("Mulyono", "Kepala Desa"))

    items = api_items(client, village_a, GovernmentIndexPage)
    assert [item["id"] for item in items] == [gov_index(village_a).pk]
    item = items[0]
    assert_every_api_field(item, GovernmentIndexPage)
    kades, sekdes = item["officials"]
    assert kades["name"] == "Sutrisno"
    assert kades["position"] == "Kepala Desa"
    assert (kades["period_start"], kades["period_end"]) == (2019, 2027)
    assert kades["description"] == "Kades."
    assert kades["photo"]["url"].endswith(".webp")
    assert (kades["photo"]["width"], kades["photo"]["height"]) == (300, 400)
    assert sekdes["period_end"] is None
    assert sekdes["photo"] is None
    assert "Mulyono" not in str(items)


def test_api_v2_lists_every_institution_field_of_own_village_only(client, village_a, village_b):
    add_institution(
        village_a,
        "Tim Penggerak PKK",
        InstitutionKind.PKK,
        logo=make_image(village_a.collection, "logo-pkk"),
        intro="Keluarga sejahtera.",
        officials=[official("Endang Sulastri", "Ketua TP PKK")],
        whatsapp="0812 3456 7890",
    )
    full_bumdes(village_a)
    add_institution(village_a, "Linmas Draf", InstitutionKind.LINMAS, live=False)
    add_institution(village_b, "Karang Taruna Wangi", InstitutionKind.KARANG_TARUNA)

    items = api_items(client, village_a, InstitutionPage)
    assert {item["title"] for item in items} == {"Tim Penggerak PKK", "BUMDes Makmur"}
    pkk = next(item for item in items if item["title"] == "Tim Penggerak PKK")
    assert_every_api_field(pkk, InstitutionPage)
    assert pkk["kind"] == "pkk"
    assert pkk["kind_label"] == "PKK (Pemberdayaan Kesejahteraan Keluarga)"
    assert pkk["logo"]["url"].endswith(".webp")
    assert (pkk["logo"]["width"], pkk["logo"]["height"]) == (400, 300)  # never cropped
    assert pkk["intro"] == "Keluarga sejahtera."
    assert pkk["whatsapp"] == "6281234567890"
    assert pkk["officials"][0]["name"] == "Endang Sulastri"
    assert pkk["body"] == []


def test_api_v2_exposes_every_bumdes_field_with_units(client, village_a):
    full_bumdes(village_a)
    items = api_items(client, village_a, BumdesPage)
    assert len(items) == 1
    item = items[0]
    assert_every_api_field(item, BumdesPage)
    assert item["kind"] == "bumdes"
    assert item["legal_basis"] == "Peraturan Desa Nomor 4 Tahun 2017"
    assert item["year_founded"] == 2017
    assert item["address"] == "Balai Desa"
    assert item["phone"] == "(0356) 000301"
    assert item["email"] == "bumdes@desa.example"
    assert item["officials"][0]["position"] == "Direktur"
    unit = item["units"][0]
    assert {key: unit[key] for key in unit if key not in ("id", "meta", "photo")} == {
        "name": "Unit Simpan Pinjam",
        "description": "Modal usaha mikro.",
        "services": "Pinjaman modal\nTabungan",
        "phone": "(0356) 000302",
        "whatsapp": "6281200000305",
    }
    assert unit["photo"]["url"].endswith(".webp")
    assert (unit["photo"]["width"], unit["photo"]["height"]) == (640, 360)


def test_api_v3_detail_exposes_bumdes_fields(client, village_a, village_b):
    bumdes = full_bumdes(village_a)
    response = client.get(f"/api/v3/pages/{bumdes.pk}/", HTTP_HOST=village_a.host)
    assert response.status_code == 200, response.content[:1000]
    item = response.json()
    for field in BumdesPage.api_fields:
        assert field.name in item, field.name
    assert item["kind_label"] == "BUMDes (Badan Usaha Milik Desa)"
    assert item["units"][0]["name"] == "Unit Simpan Pinjam"
    assert item["units"][0]["photo"]["url"].endswith(".webp")
    assert item["officials"][0]["photo"]["url"].endswith(".webp")
    other = client.get(f"/api/v3/pages/{bumdes.pk}/", HTTP_HOST=village_b.host)
    assert other.status_code == 404


def test_news_api_names_the_institution_by_id_and_title(client, village_a):
    pkk = add_institution(village_a, "Tim Penggerak PKK", InstitutionKind.PKK)
    draft = add_institution(village_a, "Linmas Draf", InstitutionKind.LINMAS, live=False)
    publish_news(village_a, "Kabar PKK", pkk)
    publish_news(village_a, "Kabar Linmas", draft, days_ago=1)
    publish_news(village_a, "Kabar Umum", days_ago=2)

    response = client.get(
        "/api/v2/pages/?type=news.NewsPage&fields=institution", HTTP_HOST=village_a.host
    )
    institutions = {item["title"]: item["institution"] for item in response.json()["items"]}
    assert institutions == {
        "Kabar PKK": {"id": pkk.pk, "title": "Tim Penggerak PKK"},
        "Kabar Linmas": None,  # an unpublished institution is not named
        "Kabar Umum": None,
    }


@pytest.mark.parametrize("version", ["v2", "v3"])
def test_other_village_government_pages_are_not_in_this_villages_api(
    client, village_a, village_b, version
):
    add_institution(village_b, "Karang Taruna Wangi", InstitutionKind.KARANG_TARUNA)
    response = client.get(f"/api/{version}/pages/?limit=100", HTTP_HOST=village_a.host)
    assert response.status_code == 200
    assert "Karang Taruna Wangi" not in response.text
