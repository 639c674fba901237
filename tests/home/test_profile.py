"""The village profile (/profil/): history, vision and mission, geography, hamlets."""

import re
from decimal import Decimal

from wagtail.models import PageViewRestriction

import pytest

from home.models import ProfileHamlet, ProfilePage
from home.services import profile_figures

from .helpers import edit_form, profile_of


def fill_profile(tenant, name, *, hamlets=("Krajan", "Ngampel"), **fields):
    """Publish a complete profile whose every text carries the village ``name``."""
    page = profile_of(tenant)
    page.intro = f"Profil singkat {name}."
    page.history = [
        {"type": "paragraph", "value": f"<p>Sejarah {name} dimulai dari babad alas.</p>"}
    ]
    page.vision = f"Terwujudnya Desa {name} yang maju, mandiri dan sejahtera"
    page.mission = [
        {"type": "item", "value": f"Misi pertama {name}"},
        {"type": "item", "value": f"Misi kedua {name}"},
    ]
    page.area_ha = Decimal("1234.50")
    page.altitude = 85
    page.border_north = f"Desa Utara{name}, Kecamatan Jatirogo"
    page.border_south = f"Desa Selatan{name}, Kecamatan Jatirogo"
    page.border_east = f"Desa Timur{name}, Kecamatan Jatirogo"
    page.border_west = f"Desa Barat{name}, Kecamatan Jatirogo"
    page.body = [{"type": "paragraph", "value": f"<p>Potensi {name}.</p>"}]
    page.hamlets = [
        ProfileHamlet(name=f"{hamlet} {name}", head_name=f"Kasun {hamlet}", rw_count=2, rt_count=5)
        for hamlet in hamlets
    ]
    for key, value in fields.items():
        setattr(page, key, value)
    page.save_revision().publish()
    return ProfilePage.objects.get(pk=page.pk)


def test_every_village_gets_one_profile_at_profil(village_a, village_b):
    for tenant in (village_a, village_b):
        assert profile_of(tenant).slug == "profil"
    assert not ProfilePage.can_create_at(village_a.page)


def test_profile_renders_each_villages_own_content(client, village_a, village_b):
    fill_profile(village_a, "Kebonharjo")
    fill_profile(village_b, "Wangi", hamlets=("Gempol",))

    cases = (
        (village_a, "Kebonharjo", "Wangi", "Krajan Kebonharjo"),
        (village_b, "Wangi", "Kebonharjo", "Gempol Wangi"),
    )
    for tenant, own, other, hamlet in cases:
        response = client.get("/profil/", HTTP_HOST=tenant.host)
        assert response.status_code == 200
        text = response.text
        assert f"Sejarah {own} dimulai dari babad alas." in text
        assert f"Terwujudnya Desa {own} yang maju, mandiri dan sejahtera" in text
        assert f"<li>Misi pertama {own}</li>" in text
        assert f"<dt>Utara</dt><dd>Desa Utara{own}, Kecamatan Jatirogo</dd>" in text
        assert f'<th scope="row">{hamlet}</th>' in text
        assert f"Potensi {own}." in text
        assert other not in text.split("<main", 1)[1]


def test_profile_sections_have_headings_and_geography_figures(client, village_a):
    fill_profile(village_a, "Kebonharjo")
    text = client.get("/profil/", HTTP_HOST=village_a.host).text
    assert text.count("<h1>") == 1
    for heading in ("Sejarah desa", "Visi dan misi", "Geografi", "Batas wilayah", "Dusun"):
        assert f">{heading}</h" in text, heading
    figures = text.split('<dl class="figures">', 1)[1].split("</dl>", 1)[0]
    # Indonesian number format: thousands with a dot, decimals with a comma.
    assert "<dt>Luas wilayah</dt><dd>1.234,50 ha</dd>" in figures
    assert "<dt>Ketinggian</dt><dd>85 mdpl</dd>" in figures
    assert "<dt>Jumlah dusun</dt><dd>2</dd>" in figures
    assert '<table class="data-table">' in text
    assert "<td>Kasun Krajan</td>" in text


def test_empty_profile_renders_without_empty_sections(client, village_a):
    response = client.get("/profil/", HTTP_HOST=village_a.host)
    assert response.status_code == 200
    for heading in ("Sejarah desa", "Visi dan misi", "Geografi", "Batas wilayah"):
        assert f">{heading}</h" not in response.text


def test_draft_changes_to_profile_are_not_public(client, village_a):
    page = fill_profile(village_a, "Kebonharjo")
    page.vision = "Visi rahasia yang belum terbit"
    page.save_revision()
    assert "Visi rahasia" not in client.get("/profil/", HTTP_HOST=village_a.host).text


# -- API ---------------------------------------------------------------------------------


@pytest.mark.parametrize("version", ["v2", "v3"])
def test_api_exposes_every_profile_field(client, village_a, village_b, version):
    page = fill_profile(village_a, "Kebonharjo")
    fill_profile(village_b, "Wangi")
    query = "?fields=*" if version == "v2" else ""
    response = client.get(f"/api/{version}/pages/{page.pk}/{query}", HTTP_HOST=village_a.host)
    assert response.status_code == 200
    body = response.json()
    for field in ProfilePage.api_fields:
        assert field.name in body, field.name
    assert body["vision"] == "Terwujudnya Desa Kebonharjo yang maju, mandiri dan sejahtera"
    assert [item["value"] for item in body["mission"]] == [
        "Misi pertama Kebonharjo",
        "Misi kedua Kebonharjo",
    ]
    assert Decimal(body["area_ha"]) == Decimal("1234.50")
    assert body["altitude"] == 85
    assert body["border_west"] == "Desa BaratKebonharjo, Kecamatan Jatirogo"
    assert [(h["name"], h["head_name"], h["rw_count"], h["rt_count"]) for h in body["hamlets"]] == [
        ("Krajan Kebonharjo", "Kasun Krajan", 2, 5),
        ("Ngampel Kebonharjo", "Kasun Ngampel", 2, 5),
    ]
    assert "Wangi" not in response.text


def test_api_lists_only_this_villages_profile(client, village_a, village_b):
    own = fill_profile(village_a, "Kebonharjo")
    fill_profile(village_b, "Wangi")
    response = client.get(
        "/api/v2/pages/?type=home.ProfilePage&fields=vision", HTTP_HOST=village_a.host
    )
    assert [item["id"] for item in response.json()["items"]] == [own.pk]
    assert "Wangi" not in response.text


# -- search ------------------------------------------------------------------------------


def test_profile_declares_its_search_fields():
    names = {field.field_name for field in ProfilePage.search_fields}
    assert {"title", "intro", "history", "vision", "mission", "body", "hamlets"} <= names


def search(tenant, query):
    return list(ProfilePage.objects.live().descendant_of(tenant.page).search(query))


def test_search_finds_profile_by_its_vision_within_own_village_only(village_a, village_b):
    page = fill_profile(village_a, "Kebonharjo", vision="Desa lumbung jagung Jatirogo")
    assert search(village_a, "lumbung jagung") == [page]
    assert search(village_b, "lumbung jagung") == []


def test_search_finds_profile_by_a_dusun_name(village_a):
    page = fill_profile(village_a, "Kebonharjo", hamlets=("Sumberwaru",))
    assert search(village_a, "Sumberwaru") == [page]


# -- admin -------------------------------------------------------------------------------

STREAMS = ("history", "mission", "body")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("area_ha", "-5", "Luas wilayah tidak boleh negatif."),
        ("altitude", "-150", "Ketinggian paling rendah -100 mdpl."),
        ("altitude", "6000", "Ketinggian paling tinggi 5.000 mdpl."),
    ],
)
def test_admin_refuses_impossible_geography_and_saves_nothing(
    client_for, village_a, operator_a, field, value, message
):
    client = client_for(operator_a)
    page = profile_of(village_a)
    revisions = page.revisions.count()
    data = edit_form(client, page, STREAMS, **{field: value, "vision": "Visi baru"})
    data["action-publish"] = "action-publish"
    response = client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert page.revisions.count() == revisions
    assert ProfilePage.objects.get(pk=page.pk).vision == ""


def test_operator_publishes_profile_with_hamlets_in_admin(client_for, village_a, operator_a):
    client = client_for(operator_a)
    page = profile_of(village_a)
    data = edit_form(
        client,
        page,
        STREAMS,
        vision="Terwujudnya Desa Kebonharjo yang maju",
        area_ha="845.25",
        altitude="72",
        border_north="Desa Wangi, Kecamatan Jatirogo",
        **{
            "hamlets-TOTAL_FORMS": "2",
            "hamlets-0-name": "Krajan",
            "hamlets-0-head_name": "Suparno",
            "hamlets-0-rw_count": "2",
            "hamlets-0-rt_count": "6",
            "hamlets-0-ORDER": "1",
            "hamlets-1-name": "Ngampel",
            "hamlets-1-head_name": "",
            "hamlets-1-rw_count": "",
            "hamlets-1-rt_count": "",
            "hamlets-1-ORDER": "2",
        },
    )
    data["action-publish"] = "action-publish"
    response = client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 302, response.context["form"].errors
    page = ProfilePage.objects.get(pk=page.pk)
    assert page.area_ha == Decimal("845.25")
    assert page.altitude == 72
    assert [(h.name, h.head_name, h.rt_count) for h in page.hamlets.all()] == [
        ("Krajan", "Suparno", 6),
        ("Ngampel", "", None),
    ]


def test_operator_of_other_village_cannot_edit_this_profile(client_for, village_a, operator_b):
    response = client_for(operator_b).get(f"/admin/pages/{profile_of(village_a).pk}/edit/")
    assert response.status_code in (302, 403, 404)


# -- key figures for the home page --------------------------------------------------------


def test_profile_figures_come_from_the_live_profile_in_one_query(
    village_a, village_b, django_assert_num_queries
):
    fill_profile(village_a, "Kebonharjo", hamlets=("Krajan", "Ngampel", "Gempol"))
    fill_profile(village_b, "Wangi", hamlets=("Gempol",), altitude=40)
    with django_assert_num_queries(1):
        figures = profile_figures(village_a.page)
    assert figures == {"area_ha": Decimal("1234.50"), "dusun_count": 3, "altitude": 85}
    assert profile_figures(village_b.page)["dusun_count"] == 1


def test_profile_figures_are_empty_for_an_unfilled_or_private_profile(village_a):
    assert profile_figures(village_a.page) == {"area_ha": None, "dusun_count": 0, "altitude": None}
    page = fill_profile(village_a, "Kebonharjo")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert profile_figures(village_a.page) == {"area_ha": None, "dusun_count": 0, "altitude": None}


def test_profile_figures_hide_a_profile_below_a_private_village(village_a):
    fill_profile(village_a, "Kebonharjo")
    PageViewRestriction.objects.create(
        page=village_a.page, restriction_type=PageViewRestriction.LOGIN
    )
    assert profile_figures(village_a.page)["dusun_count"] == 0


def test_profile_figures_ignore_unpublished_profile(village_a):
    page = fill_profile(village_a, "Kebonharjo")
    page.unpublish()
    assert profile_figures(village_a.page)["area_ha"] is None


def test_profile_page_query_count_does_not_grow_with_dusun_count(client, village_a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_with(hamlets):
        fill_profile(village_a, "Kebonharjo", hamlets=hamlets)
        client.get("/profil/", HTTP_HOST=village_a.host)  # warm the site caches
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/profil/", HTTP_HOST=village_a.host).status_code == 200
        return len(captured)

    few = queries_with(["Krajan", "Ngampel"])
    many = queries_with([f"Dusun {n}" for n in range(12)])
    assert many == few


def home_figures(client, tenant) -> list[tuple[str, str]]:
    """The (label, value) pairs of the home page's "Desa dalam angka" block."""
    html = client.get("/", HTTP_HOST=tenant.host).text
    block = re.search(r'<dl class="figures">(.*?)</dl>', html, re.S)
    if block is None:
        return []
    return [
        (label, " ".join(re.sub(r"<[^>]+>", " ", value).split()))
        for label, value in re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", block.group(1), re.S)
    ]


def test_home_page_shows_the_profile_figures_when_the_operator_entered_none(client, village_a):
    fill_profile(village_a, "Kebonharjo", hamlets=("Krajan", "Ngampel", "Gempol"))

    assert home_figures(client, village_a) == [
        ("Luas wilayah", "1.234,50 ha"),
        ("Ketinggian", "85 mdpl"),
        ("Jumlah dusun", "3"),
    ]


def test_home_page_shows_only_the_profile_figures_that_are_filled_in(client, village_a):
    fill_profile(village_a, "Kebonharjo", hamlets=(), area_ha=None, altitude=40)

    assert home_figures(client, village_a) == [("Ketinggian", "40 mdpl")]


def test_home_page_of_a_village_without_figures_shows_no_empty_figures_block(client, village_a):
    html = client.get("/", HTTP_HOST=village_a.host).text

    assert "Desa dalam angka" not in html
    assert "<dt></dt>" not in html


def test_operator_figures_take_the_place_of_the_profile_figures(client, village_a):
    fill_profile(village_a, "Kebonharjo")
    page = village_a.page
    page.key_figures = [("figure", {"label": "Penduduk", "value": "4.215", "unit": "jiwa"})]
    page.save_revision().publish()

    assert home_figures(client, village_a) == [("Penduduk", "4.215 jiwa")]
