"""The section registry (villages.sections): adding a section is one app and one registration.

A throwaway section registered here, with nothing but its record, gets its page in every
village on the next provisioning run, becomes a page type allowed below village home pages,
shows its blocks on the home page and the portal, announces its feed and gives operators its
model permission; unregistered, it is gone again.
"""

import dataclasses

from django.contrib.auth.models import Permission
from django.core.exceptions import ImproperlyConfigured

import pytest

from home.models import StandardPage
from tests.factories import TWO_REGENCIES, operator_of, provision_regions
from tests.theme.helpers import link_href
from villages import sections
from villages.models import RegencyPage, VillageHomePage
from villages.models.regions import Role
from villages.provisioning import model_permissions
from villages.sections import Block, FeedLink, Provision, Section

STANDARD_ORDER = [
    "profil",
    "pemerintahan",
    "berita",
    "pengumuman",
    "agenda",
    "galeri",
    "dokumen",
    "produk",
    "peta",
    "statistik",
    "apbdes",
    "pembangunan",
    "idm",
    "layanan",
    "pengaduan",
    "kontak",
]


def services_page(village_page):
    return StandardPage.objects.child_of(village_page).filter(slug="kios").live().first()


def home_context(village_page, request):
    page = services_page(village_page)
    return {"services": page} if page is not None else None


def portal_context(regency_page, request):
    return {"regency_title": regency_page.title}


def feeds(request, site, site_name):
    return [FeedLink(url="/kios/feed/", title=f"Kios {site_name}", label="Kios lewat RSS")]


def write_intro(page):
    page.intro = f"{page.intro} (diisi setelah dibuat)"
    page.save(update_fields=["intro"])


SERVICES = Section(
    slug="kios",
    page_model="home.StandardPage",
    order=95,
    provision=Provision(
        "Kios", defaults={"intro": "Surat dan kios desa"}, after_create=write_intro
    ),
    home_block=Block("kios/home.html", home_context, order=45),
    portal_block=Block("kios/portal.html", portal_context, order=20),
    feed_links=feeds,
    operator_permissions=("taggit.add_tag",),
)


@pytest.fixture
def section_templates(settings, tmp_path):
    folder = tmp_path / "templates" / "kios"
    folder.mkdir(parents=True)
    (folder / "home.html").write_text(
        '<section class="home-block" id="home-kios">{{ services.intro }}</section>'
    )
    (folder / "portal.html").write_text(
        '<section id="portal-kios">Kios {{ regency_title }}</section>'
    )
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [folder.parent, *engine["DIRS"]]}]


@pytest.fixture
def without_standard_pages():
    """The registry as if no section allowed free standard pages (the home app's profile
    record does), so that the throwaway section is the one that brings StandardPage."""
    profile = sections.unregister_section("profil")
    sections.register_section(
        dataclasses.replace(profile, village_page_types=(), portal_page_types=())
    )
    yield
    sections.unregister_section("profil")
    sections.register_section(profile)


@pytest.fixture
def services_section(section_templates, without_standard_pages):
    sections.register_section(SERVICES)
    yield SERVICES
    sections.unregister_section(SERVICES.slug)


def reprovision():
    """Provisioning of Tuban run again, as after an upgrade (the session provisioned it)."""
    return provision_regions("35.23", base_domain="tuban.test", path=TWO_REGENCIES)


# -- the registry ----------------------------------------------------------------------------


def test_sections_come_in_their_declared_order_whatever_the_order_of_the_apps():
    provisioned = [section.slug for section in sections.provisioned_sections()]
    assert provisioned == STANDARD_ORDER
    assert [s.app_label for s in sections.all_sections()][:2] == ["home", "government"]


def test_a_second_section_with_a_taken_slug_is_refused():
    with pytest.raises(ImproperlyConfigured, match="berita"):
        sections.register_section(Section(slug="berita", page_model="home.StandardPage", order=1))
    assert sections.get_section("berita").page_model == "news.NewsIndexPage"


def test_village_and_portal_page_types_come_from_the_registry():
    village_types = [m._meta.label for m in VillageHomePage.allowed_subpage_models()]
    assert village_types == [
        "home.ProfilePage",
        "home.StandardPage",
        "government.GovernmentIndexPage",
        "news.NewsIndexPage",
        "events.AnnouncementIndexPage",
        "events.AgendaIndexPage",
        "gallery.GalleryIndexPage",
        "publications.DocumentIndexPage",
        "products.ProductIndexPage",
        "maps.MapPage",
        "opendata.PopulationPage",
        "opendata.BudgetPage",
        "projects.ProjectIndexPage",
        "opendata.IndexPage",
        "letters.LetterServicePage",
        "complaints.ComplaintPage",
        "home.ContactPage",
    ]
    portal_types = [m._meta.label for m in RegencyPage.allowed_subpage_models()]
    assert portal_types == [
        "villages.DistrictPage",
        "home.StandardPage",
        "opendata.PopulationPage",
        "opendata.BudgetPage",
        "projects.ProjectIndexPage",
        "opendata.IndexPage",
    ]


def test_operators_get_the_model_permissions_the_sections_ask_for(village_a):
    assert {
        "news.add_newscategory",
        "news.change_newscategory",
        "news.delete_newscategory",
    } <= set(model_permissions(Role.OPERATOR))
    assert not any(p.startswith("news.") for p in model_permissions(Role.CONTRIBUTOR))
    held = village_a.group(Role.OPERATOR).permissions.filter(content_type__app_label="news")
    assert {p.codename for p in held} == {
        "add_newscategory",
        "change_newscategory",
        "delete_newscategory",
    }


# -- adding a section: one registration --------------------------------------------------------


def test_registered_section_is_created_in_existing_villages_by_the_next_provisioning_run(
    services_section, village_a, village_other_regency
):
    report = reprovision()

    page = services_page(village_a.page)
    assert page is not None and page.title == "Kios"
    assert page.intro == "Surat dan kios desa (diisi setelah dibuat)"
    assert page.show_in_menus
    # After the standard sections, as its order says.
    assert [c.slug for c in village_a.page.get_children()] == [*STANDARD_ORDER, "kios"]
    assert report.created["halaman"] >= 1
    # Villages outside the provisioned regency get it on their own regency's run.
    assert services_page(village_other_regency.page) is None


def test_provisioning_again_with_the_registered_section_changes_nothing(
    services_section, village_a
):
    reprovision()
    report = reprovision()

    assert not report.changed
    assert village_a.page.get_children().filter(slug="kios").count() == 1


def test_registered_section_gives_operators_its_model_permission(services_section, village_a):
    reprovision()

    operator = operator_of(village_a)
    assert operator.has_perm("taggit.add_tag")
    permission = Permission.objects.get(content_type__app_label="taggit", codename="add_tag")
    assert permission in village_a.group(Role.OPERATOR).permissions.all()
    assert permission not in village_a.group(Role.CONTRIBUTOR).permissions.all()


def test_registered_section_page_type_becomes_allowed_below_village_home_pages(
    section_templates, without_standard_pages
):
    assert StandardPage not in VillageHomePage.allowed_subpage_models()

    sections.register_section(SERVICES)
    try:
        assert StandardPage in VillageHomePage.allowed_subpage_models()
        assert StandardPage not in RegencyPage.allowed_subpage_models()
    finally:
        sections.unregister_section(SERVICES.slug)

    assert StandardPage not in VillageHomePage.allowed_subpage_models()


def test_registered_section_home_block_renders_in_its_order_and_only_with_content(
    client, services_section, village_a, village_b
):
    reprovision()
    services_page(village_b.page).unpublish()

    html = client.get("/", HTTP_HOST=village_a.host).text
    assert '<section class="home-block" id="home-kios">Surat dan kios desa' in html
    # Order 45: before the quick links (the home page's last block).
    assert html.index('id="home-kios"') < html.index('id="home-tautan"')

    assert 'id="home-kios"' not in client.get("/", HTTP_HOST=village_b.host).text


def test_registered_section_portal_block_and_feed_link_render(client, services_section, regency):
    html = client.get("/", HTTP_HOST=regency.host).text

    assert '<section id="portal-kios">Kios ' in html
    # Order 20: after the news of the villages (order 10), before the directory.
    assert html.index('id="berita-terbaru"') < html.index('id="portal-kios"')
    assert html.index('id="portal-kios"') < html.index('id="direktori-desa"')
    assert link_href(html, "alternate", type="application/rss+xml") == ["/kios/feed/"]
    assert '<a href="/kios/feed/">Kios lewat RSS</a>' in html


def test_unregistered_section_leaves_the_home_page(client, section_templates, village_a):
    sections.register_section(SERVICES)
    try:
        reprovision()
        assert 'id="home-kios"' in client.get("/", HTTP_HOST=village_a.host).text
    finally:
        sections.unregister_section(SERVICES.slug)

    assert 'id="home-kios"' not in client.get("/", HTTP_HOST=village_a.host).text
    assert sections.get_section("kios") is None
