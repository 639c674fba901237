"""What other apps call: the home page's officials; and the demo content of the section."""

from wagtail.models import PageViewRestriction

import pytest

from government import demo
from government.models import BumdesPage, InstitutionKind, InstitutionPage, Official
from government.services import village_officials
from tests.api.helpers import make_image, restrict

from .helpers import gov_index, official, publish_officials


def test_village_officials_lists_serving_officials_of_this_village_in_order(
    village_a, village_b, django_assert_max_num_queries
):
    photo = make_image(village_a.collection, "kades")
    publish_officials(
        village_a,
        official("Sutrisno", "Kepala Desa", 2019, 2027, photo=photo),
        official("Darmaji", "Kepala Desa", 2013, 2019),
        official("Siti Rahayu", "Sekretaris Desa", 2016, photo=photo),
    )
    publish_officials(village_b, official("Mulyono", "Kepala Desa"))

    with django_assert_max_num_queries(2):  # officials with photos, then their renditions
        officials = village_officials(village_a.page)
        names = [o.name for o in officials]
        photos = [o.photo.title for o in officials]
    assert names == ["Sutrisno", "Siti Rahayu"]
    assert photos == ["kades", "kades"]
    assert [o.name for o in village_officials(village_a.page, limit=1)] == ["Sutrisno"]
    assert [o.name for o in village_officials(village_b.page)] == ["Mulyono"]


def test_village_officials_of_an_unpublished_or_private_section_are_hidden(village_a):
    index = publish_officials(village_a, official("Sutrisno", "Kepala Desa"))
    restrict(index, PageViewRestriction.LOGIN)
    assert village_officials(village_a.page) == []
    index.view_restrictions.all().delete()
    index.unpublish()
    assert village_officials(village_a.page) == []


# -- demo --------------------------------------------------------------------------------


@pytest.fixture
def demo_village(village_a):
    demo.populate(village_a.page)
    demo.populate(village_a.page)  # a second run changes nothing
    return village_a


def test_demo_fills_the_section_once(demo_village):
    index = gov_index(demo_village)
    officials = list(index.officials.all())
    assert len(officials) == 10
    assert officials[0].position == "Kepala Desa"
    assert officials[0].photo is not None
    assert [o.position for o in officials].count("Kepala Dusun Krajan") == 1
    institutions = InstitutionPage.objects.child_of(index).live()
    assert sorted(institutions.values_list("kind", flat=True)) == sorted(
        [
            InstitutionKind.BPD,
            InstitutionKind.PKK,
            InstitutionKind.KARANG_TARUNA,
            InstitutionKind.POSYANDU,
            InstitutionKind.BUMDES,
        ]
    )
    bumdes = BumdesPage.objects.child_of(index).get()
    assert bumdes.units.count() == 3
    assert bumdes.year_founded == 2017


def test_demo_content_passes_the_admin_validation(demo_village):
    index = gov_index(demo_village)
    for each in Official.objects.filter(page=index):
        each.full_clean(exclude=["page"])
    for page in InstitutionPage.objects.child_of(index).specific():
        page.full_clean()
        for person in page.officials.all():
            person.full_clean(exclude=["page"])
    bumdes = BumdesPage.objects.child_of(index).get()
    for unit in bumdes.units.all():
        unit.full_clean(exclude=["page"])
        assert not unit.whatsapp or unit.whatsapp.startswith("628")
    assert bumdes.whatsapp.startswith("628")


def test_demo_pages_render(client, demo_village):
    index = gov_index(demo_village)
    response = client.get("/pemerintahan/", HTTP_HOST=demo_village.host)
    assert response.status_code == 200
    assert "Kepala Desa" in response.text
    assert "Posyandu Melati" in response.text
    for page in InstitutionPage.objects.child_of(index):
        response = client.get(page.url, HTTP_HOST=demo_village.host)
        assert response.status_code == 200, page.url
        assert f"<h1>{page.title}</h1>" in response.text
    bumdes = client.get("/pemerintahan/bumdes/", HTTP_HOST=demo_village.host).text
    assert "Unit Pengelolaan Air Bersih" in bumdes
    assert "Peraturan Desa Kebonharjo Nomor 4 Tahun 2017" in bumdes


def test_demo_villages_get_different_heads(demo_village, village_b):
    demo.populate(village_b.page)
    head_a = gov_index(demo_village).officials.first().name
    head_b = gov_index(village_b).officials.first().name
    assert head_a != head_b
