"""Demo content for the announcements and the agenda."""

import icalendar

from events import demo
from events.models import AnnouncementPage, EventPage


def test_populate_twice_fills_once_and_every_page_renders(client, village_a):
    demo.populate(village_a.page)
    counts = (AnnouncementPage.objects.count(), EventPage.objects.count())
    demo.populate(village_a.page)
    assert (AnnouncementPage.objects.count(), EventPage.objects.count()) == counts
    assert counts == (len(demo.ANNOUNCEMENTS), len(demo.EVENTS))

    pages = [*AnnouncementPage.objects.live(), *EventPage.objects.live()]
    for page in pages:
        response = client.get(page.url, HTTP_HOST=village_a.host)
        assert response.status_code == 200, page.url
    for path in ("/pengumuman/", "/pengumuman/arsip/", "/agenda/"):
        assert client.get(path, HTTP_HOST=village_a.host).status_code == 200

    current = client.get("/pengumuman/", HTTP_HOST=village_a.host).text
    archive = client.get("/pengumuman/arsip/", HTTP_HOST=village_a.host).text
    assert "Jadwal Pembagian BLT Dana Desa Tahap IV" in current
    assert "Pendaftaran Pelatihan Menjahit" in archive
    assert "Pendaftaran Pelatihan Menjahit" not in current

    feed = client.get("/agenda/ical/", HTTP_HOST=village_a.host)
    titles = {str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(feed.content).walk("VEVENT")}
    assert "Musyawarah Desa Penetapan RKPDes 2027" in titles
    assert "Posyandu Balita Melati" in titles


def test_populate_leaves_other_villages_alone(village_a, village_b):
    demo.populate(village_a.page)
    assert not AnnouncementPage.objects.descendant_of(village_b.page).exists()
    assert not EventPage.objects.descendant_of(village_b.page).exists()
