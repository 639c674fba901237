"""Demo content of the profile and contact pages."""

from home import demo
from home.models import ContactPage, ProfilePage

from .helpers import contact_of, profile_of


def test_populate_twice_fills_profile_and_contact_once_and_pages_render(client, village_a):
    demo.populate(village_a.page)
    first_revision = profile_of(village_a).latest_revision_id
    demo.populate(village_a.page)

    profile = profile_of(village_a)
    assert profile.latest_revision_id == first_revision
    assert profile.vision.startswith("Terwujudnya Desa Kebonharjo yang maju, mandiri dan sejahtera")
    assert len(profile.mission) == 5
    assert 3 <= profile.hamlets.count() <= 5
    assert profile.hamlets.first().name == "Krajan"
    # Kebonharjo's real neighbours in the district Jatirogo.
    assert profile.border_north == "Desa Wangi, Kecamatan Jatirogo"
    assert profile.area_ha > 0

    contact = contact_of(village_a)
    assert contact.address.startswith("Jl. Raya Jatirogo")
    assert [(h.days, h.hours) for h in contact.office_hours.all()][0] == (
        "Senin–Jumat",
        "08.00–15.00 WIB",
    )
    assert contact.whatsapp_url.startswith("https://wa.me/62812")
    assert contact.phone_url.startswith("tel:+62356")
    assert ContactPage.objects.filter(
        pk=contact.pk, live=True, has_unpublished_changes=False
    ).exists()

    for path in ("/profil/", "/kontak/"):
        response = client.get(path, HTTP_HOST=village_a.host)
        assert response.status_code == 200, path
    text = client.get("/profil/", HTTP_HOST=village_a.host).text
    assert "<h3>Asal-usul desa</h3>" in text
    assert "<h2>Potensi desa</h2>" in text
    assert 'alt="Hamparan sawah Desa Kebonharjo menjelang panen"' in text
    assert ".webp" in text
    assert 'loading="lazy"' in text


def test_populate_leaves_an_operators_profile_alone(village_a):
    page = profile_of(village_a)
    page.vision = "Visi tulisan operator"
    page.save_revision().publish()
    demo.populate(village_a.page)
    assert ProfilePage.objects.get(pk=page.pk).vision == "Visi tulisan operator"
    assert contact_of(village_a).address  # the contact page was still empty, so it is filled


def test_two_demo_villages_get_different_figures(village_a, village_b):
    demo.populate(village_a.page)
    demo.populate(village_b.page)
    a, b = profile_of(village_a), profile_of(village_b)
    assert (a.area_ha, a.altitude) != (b.area_ha, b.altitude)
    assert "Wangi" in b.vision
    assert b.border_north == "Desa Kebonharjo, Kecamatan Jatirogo"
