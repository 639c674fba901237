"""Demo announcements and agenda for one village, dated around the village's own today."""

from __future__ import annotations

import datetime

from villages.demo.media import demo_document, demo_image
from villages.timezones import local_today, timezone_for_village

from .models import AgendaIndexPage, AnnouncementIndexPage, AnnouncementPage, EventPage

# Days are counted from today, so the demo always has current and expired announcements and
# upcoming and past events.
ANNOUNCEMENTS = [
    {
        "title": "Jadwal Pembagian BLT Dana Desa Tahap IV",
        "slug": "jadwal-blt-dana-desa-tahap-iv",
        "published": -2,
        "expires": 10,
        "important": True,
        "body": "BLT Dana Desa untuk bulan Oktober sampai Desember 2026 sebesar Rp 900.000 "
        "per keluarga penerima manfaat (KPM) dibagikan di Balai Desa. Penerima wajib datang "
        "sendiri dengan membawa KTP dan Kartu Keluarga asli. Jadwal per dusun ada di lampiran.",
        "attachment": (
            "Jadwal Pembagian BLT Dana Desa Tahap IV",
            "Dusun Krajan: hari pertama, pukul 08.00-11.00\n"
            "Dusun Ngasem: hari pertama, pukul 11.00-14.00\n"
            "Dusun Sidomulyo: hari kedua, pukul 08.00-12.00\n"
            "Bawa KTP dan Kartu Keluarga asli.",
        ),
    },
    {
        "title": "Penutupan Jalan Dusun Krajan untuk Pengaspalan",
        "slug": "penutupan-jalan-dusun-krajan",
        "published": -1,
        "expires": 22,
        "important": True,
        "body": "Jalan Dusun Krajan dari RT 01 sampai RT 04 ditutup untuk kendaraan selama "
        "pengaspalan. Kendaraan roda dua dan roda empat dialihkan melalui jalan usaha tani "
        "di sebelah utara makam. Mohon maaf atas ketidaknyamanannya.",
    },
    {
        "title": "Pembayaran PBB-P2 Tahun 2026 Jatuh Tempo",
        "slug": "pembayaran-pbb-p2-2026",
        "published": -5,
        "expires": 30,
        "important": False,
        "body": "Warga yang belum melunasi Pajak Bumi dan Bangunan (PBB-P2) tahun 2026 dapat "
        "membayar melalui kepala dusun masing-masing atau langsung di kantor desa pada jam "
        "kerja, Senin sampai Jumat pukul 08.00-14.00.",
    },
    {
        "title": "Pendaftaran Pelatihan Menjahit Gratis untuk Ibu Rumah Tangga",
        "slug": "pendaftaran-pelatihan-menjahit",
        "published": -45,
        "expires": -20,
        "important": False,
        "body": "Pendaftaran pelatihan menjahit yang diselenggarakan TP PKK bersama Dinas "
        "Tenaga Kerja dibuka untuk 20 peserta. Pendaftaran di kantor desa dengan membawa "
        "fotokopi KTP.",
    },
]

EVENTS = [
    {
        "title": "Pembagian BLT Dana Desa Tahap IV",
        "slug": "pembagian-blt-dana-desa-tahap-iv",
        "start": (3, datetime.time(8, 0)),
        "end": (3, datetime.time(14, 0)),
        "place": ("Balai Desa", "Jl. Raya Desa No. 1, Dusun Krajan"),
        "organiser": "Pemerintah Desa",
        "intro": "Penyaluran BLT Dana Desa Rp 900.000 per KPM, bergiliran per dusun.",
        "body": "Penerima membawa KTP dan Kartu Keluarga asli. Jadwal per dusun dapat dilihat "
        "di pengumuman desa.",
    },
    {
        "title": "Musyawarah Desa Penetapan RKPDes 2027",
        "slug": "musdes-rkpdes-2027",
        "start": (5, datetime.time(9, 0)),
        "end": (5, datetime.time(12, 0)),
        "place": ("Balai Desa", "Jl. Raya Desa No. 1, Dusun Krajan"),
        "organiser": "Pemerintah Desa dan BPD",
        "intro": "Musyawarah terbuka untuk menetapkan Rencana Kerja Pemerintah Desa 2027.",
        "body": "Undangan: BPD, LPMD, TP PKK, Karang Taruna, ketua RT/RW, tokoh agama dan "
        "perwakilan perempuan. Warga lain dipersilakan hadir sebagai peninjau.",
        "image": True,
    },
    {
        "title": "Posyandu Balita Melati",
        "slug": "posyandu-balita-melati",
        "start": (8, datetime.time(8, 0)),
        "end": (8, datetime.time(11, 0)),
        "place": ("Posyandu Melati", "Rumah Ibu Kasun, RT 02/RW 01 Dusun Ngasem"),
        "organiser": "Kader Posyandu Melati dan Bidan Desa",
        "intro": "Penimbangan, imunisasi dan pemberian makanan tambahan untuk balita.",
        "body": "Jangan lupa membawa buku KIA. Ada penyuluhan pencegahan stunting oleh bidan desa.",
    },
    {
        "title": "Pengaspalan Jalan Dusun Krajan",
        "slug": "pengaspalan-jalan-dusun-krajan",
        "start": (9, None),
        "end": (22, None),
        "place": ("Jalan Dusun Krajan", "RT 01 sampai RT 04"),
        "organiser": "Tim Pelaksana Kegiatan (TPK) Desa",
        "intro": "Pengaspalan 850 meter jalan dari Dana Desa 2026; jalan ditutup selama pekerjaan.",
        "body": "Kendaraan dialihkan melalui jalan usaha tani di sebelah utara makam.",
    },
    {
        "title": "Kerja Bakti Bersih Saluran Irigasi",
        "slug": "kerja-bakti-saluran-irigasi",
        "start": (12, datetime.time(6, 30)),
        "end": (12, datetime.time(10, 0)),
        "place": ("Pintu Air Sawah Lor", "Kumpul di pos ronda RT 03"),
        "organiser": "Ketua RW dan Kelompok Tani Sri Rejeki",
        "intro": "Membersihkan saluran irigasi sebelum musim tanam.",
        "body": "Warga membawa cangkul, sabit dan karung. Konsumsi disediakan oleh desa.",
        "image": True,
    },
    {
        "title": "Senam Sehat Bersama TP PKK",
        "slug": "senam-sehat-pkk",
        "start": (-10, datetime.time(6, 0)),
        "end": (-10, datetime.time(8, 0)),
        "place": ("Lapangan Desa", ""),
        "organiser": "TP PKK Desa",
        "intro": "Senam bersama dan cek tekanan darah gratis.",
        "body": "Terima kasih kepada 150 warga yang ikut serta.",
    },
]


def _day(today: datetime.date, offset: int) -> datetime.date:
    return today + datetime.timedelta(days=offset)


def _paragraph(text: str):
    return [("paragraph", f"<p>{text}</p>")]


def populate_announcements(index: AnnouncementIndexPage, today, collection) -> None:
    if AnnouncementPage.objects.child_of(index).exists():
        return
    for item in ANNOUNCEMENTS:
        attachment = None
        if "attachment" in item:
            attachment = demo_document(collection, *item["attachment"])
        page = AnnouncementPage(
            title=item["title"],
            slug=item["slug"],
            date=_day(today, item["published"]),
            expiry_date=_day(today, item["expires"]),
            is_important=item["important"],
            body=_paragraph(item["body"]),
            attachment=attachment,
        )
        index.add_child(instance=page)
        page.save_revision().publish()


def populate_events(index: AgendaIndexPage, today, collection) -> None:
    if EventPage.objects.child_of(index).exists():
        return
    for item in EVENTS:
        (start_day, start_time), (end_day, end_time) = item["start"], item["end"]
        page = EventPage(
            title=item["title"],
            slug=item["slug"],
            start_date=_day(today, start_day),
            start_time=start_time,
            end_date=_day(today, end_day) if end_day != start_day else None,
            end_time=end_time,
            location_name=item["place"][0],
            location_address=item["place"][1],
            organiser=item["organiser"],
            intro=item["intro"],
            body=_paragraph(item["body"]),
            image=demo_image(collection, item["title"]) if item.get("image") else None,
        )
        index.add_child(instance=page)
        page.save_revision().publish()


def populate(village_page) -> None:
    """Fill one village's announcements and agenda with demo content (once)."""
    village_page = village_page.specific
    today = local_today(timezone_for_village(village_page))
    collection = village_page.region.collection
    if index := AnnouncementIndexPage.objects.child_of(village_page).first():
        populate_announcements(index, today, collection)
    if index := AgendaIndexPage.objects.child_of(village_page).first():
        populate_events(index, today, collection)
