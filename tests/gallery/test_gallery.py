"""Gallery (/galeri/): albums with photos, per village, light on phones and on the database."""

import datetime
import re

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, querydict_from_html

import pytest

from gallery import demo
from gallery.models import EAGER_PHOTOS, AlbumPage, AlbumPhoto, GalleryIndexPage
from gallery.services import latest_albums
from tests.api.helpers import make_image, section


def gallery(tenant) -> GalleryIndexPage:
    return section(tenant, "galeri")


def publish_album(tenant, title, *, photos=2, days_ago=0, cover=None, captions=None, **fields):
    """A published album of ``photos`` test pictures of the village's own collection."""
    album = AlbumPage(
        title=title,
        slug=re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-"),
        date=datetime.date(2026, 10, 1) - datetime.timedelta(days=days_ago),
        cover_image=cover,
        **fields,
    )
    captions = captions or [f"{title} foto {n}" for n in range(1, photos + 1)]
    album.photos = [
        AlbumPhoto(image=make_image(tenant.collection, f"{album.slug}-{n}"), caption=caption)
        for n, caption in enumerate(captions, start=1)
    ]
    gallery(tenant).add_child(instance=album)
    album.save_revision().publish()
    return album


def count_queries(client, path, host, assert_max_num_queries) -> int:
    """Queries of a request once renditions exist, with cold caches (as after a restart)."""
    assert client.get(path, HTTP_HOST=host).status_code == 200  # renditions generated
    cache.clear()
    client.get(path, HTTP_HOST=host)  # site-root index and settings rebuilt
    cache.clear()
    with assert_max_num_queries(MAX_QUERIES) as queries:
        response = client.get(path, HTTP_HOST=host)
    assert response.status_code == 200
    return len(queries)


# -- section ----------------------------------------------------------------------------


def test_every_village_gets_one_gallery_that_holds_only_albums(village_a, village_b):
    for tenant in (village_a, village_b):
        assert isinstance(gallery(tenant), GalleryIndexPage)
    assert GalleryIndexPage.allowed_subpage_models() == [AlbumPage]
    assert AlbumPage.allowed_parent_page_models() == [GalleryIndexPage]
    assert not GalleryIndexPage.can_create_at(village_a.page)


# -- public pages ------------------------------------------------------------------------


def test_gallery_lists_this_villages_albums_newest_first_with_photo_count(
    client, village_a, village_b
):
    publish_album(village_a, "Kerja Bakti Lama", photos=2, days_ago=30)
    publish_album(village_a, "Sedekah Bumi", photos=3)
    publish_album(village_b, "Lomba Desa Wangi")

    on_a = client.get("/galeri/", HTTP_HOST=village_a.host)
    assert on_a.status_code == 200
    text = on_a.text
    assert text.index("Sedekah Bumi") < text.index("Kerja Bakti Lama")
    assert "3 foto" in text
    assert "2 foto" in text
    assert '<time datetime="2026-10-01">' in text
    assert 'href="/galeri/sedekah-bumi/"' in text
    assert "Lomba Desa Wangi" not in text

    on_b = client.get("/galeri/", HTTP_HOST=village_b.host).text
    assert "Lomba Desa Wangi" in on_b
    assert "Sedekah Bumi" not in on_b


def test_album_card_shows_chosen_cover_else_first_photo(client, village_a):
    cover = make_image(village_a.collection, "sampul")
    with_cover = publish_album(village_a, "Dengan Sampul", cover=cover, days_ago=1)
    without_cover = publish_album(village_a, "Tanpa Sampul")
    empty = publish_album(village_a, "Album Kosong", captions=[], photos=0, days_ago=2)

    response = client.get("/galeri/", HTTP_HOST=village_a.host)
    cards = {album.pk: album for album in response.context["albums"]}
    assert cards[with_cover.pk].card_image == cover
    assert cards[without_cover.pk].card_image == without_cover.photos.first().image
    assert cards[empty.pk].card_image is None
    assert cards[empty.pk].photo_count == 0
    assert response.text.count('class="card__media"') == 2
    assert ".format-webp" in response.text


def test_album_page_shows_a_light_photo_grid_linking_to_large_pictures(client, village_a):
    captions = [f"Kirab hasil bumi bagian {n}" for n in range(1, 7)]
    publish_album(village_a, "Sedekah Bumi", captions=captions, description="Syukuran panen warga.")

    response = client.get("/galeri/sedekah-bumi/", HTTP_HOST=village_a.host)
    assert response.status_code == 200
    text = response.text
    assert "<h1>Sedekah Bumi</h1>" in text
    assert "Syukuran panen warga." in text
    assert "6 foto" in text
    for caption in captions:
        assert f"<figcaption>{caption}</figcaption>" in text
    thumbnails = re.findall(r"<img [^>]*>", text.split('class="photo-grid"')[1])
    assert len(thumbnails) == 6
    for thumbnail in thumbnails:
        assert "srcset=" in thumbnail
        assert ".format-webp.webp" in thumbnail
        assert re.search(r'width="\d+"', thumbnail)
        assert re.search(r'height="\d+"', thumbnail)
    loading = [re.search(r'loading="(\w+)"', t).group(1) for t in thumbnails]
    assert loading == ["eager"] * EAGER_PHOTOS + ["lazy"] * (6 - EAGER_PHOTOS)
    large_links = re.findall(r'<a href="([^"]+)"><img', text)
    assert len(large_links) == 6
    assert all(".max-1200x1200.format-webp.webp" in link for link in large_links)
    assert "css/gallery." in text
    assert "style=" not in text.split("</head>")[1]


def test_album_without_photos_says_so(client, village_a):
    publish_album(village_a, "Album Kosong", captions=[], photos=0)
    response = client.get("/galeri/album-kosong/", HTTP_HOST=village_a.host)
    assert response.status_code == 200
    assert "Belum ada foto di album ini." in response.text


def test_album_of_other_village_is_not_served_on_this_host(client, village_a, village_b):
    publish_album(village_b, "Lomba Desa Wangi")
    assert client.get("/galeri/lomba-desa-wangi/", HTTP_HOST=village_a.host).status_code == 404
    assert client.get("/galeri/lomba-desa-wangi/", HTTP_HOST=village_b.host).status_code == 200


def test_gallery_hides_draft_albums(client, village_a):
    draft = AlbumPage(title="Album Rahasia", slug="album-rahasia", live=False)
    gallery(village_a).add_child(instance=draft)
    assert "Album Rahasia" not in client.get("/galeri/", HTTP_HOST=village_a.host).text


def test_gallery_paginates_twelve_albums_per_page(client, village_a):
    for n in range(13):
        publish_album(village_a, f"Album Nomor {n:02d}", photos=1, days_ago=n)

    first = client.get("/galeri/", HTTP_HOST=village_a.host).text
    assert first.count('<li class="card">') == 12
    assert "Album Nomor 00" in first
    assert "Album Nomor 12" not in first
    assert 'href="?page=2"' in first

    second = client.get("/galeri/?page=2", HTTP_HOST=village_a.host).text
    assert second.count('<li class="card">') == 1
    assert "Album Nomor 12" in second

    for bad in ("abc", "999", "-1", "1" * 400):
        response = client.get(f"/galeri/?page={bad}", HTTP_HOST=village_a.host)
        assert response.status_code == 200
        assert '<li class="card">' in response.text


# Generous for the base layout (navigation, identity, language switcher); what matters is
# that 3 and 12 items cost the same.
MAX_QUERIES = 30


def test_gallery_query_count_does_not_grow_with_albums(
    client, village_a, django_assert_max_num_queries
):
    for n in range(3):
        publish_album(village_a, f"Album {n:02d}", photos=2, days_ago=n)
    with_three = count_queries(client, "/galeri/", village_a.host, django_assert_max_num_queries)
    for n in range(3, 12):
        publish_album(village_a, f"Album {n:02d}", photos=2, days_ago=n)
    with_twelve = count_queries(client, "/galeri/", village_a.host, django_assert_max_num_queries)
    assert with_twelve == with_three


def test_album_page_query_count_does_not_grow_with_photos(
    client, village_a, django_assert_max_num_queries
):
    publish_album(village_a, "Tiga Foto", photos=3)
    publish_album(village_a, "Dua Belas Foto", photos=12)
    with_three = count_queries(
        client, "/galeri/tiga-foto/", village_a.host, django_assert_max_num_queries
    )
    with_twelve = count_queries(
        client, "/galeri/dua-belas-foto/", village_a.host, django_assert_max_num_queries
    )
    assert with_twelve == with_three


# -- home page service ------------------------------------------------------------------


def test_latest_albums_gives_own_newest_albums_with_card_images(village_a, village_b):
    for n in range(5):
        publish_album(village_a, f"Album Kebonharjo {n}", photos=2, days_ago=n)
    publish_album(village_b, "Album Wangi", photos=1, days_ago=-10)

    albums = latest_albums(village_a.page)
    titles = [album.title for album in albums]
    assert titles == ["Album Kebonharjo 0", "Album Kebonharjo 1", "Album Kebonharjo 2"]
    assert all(album.photo_count == 2 for album in albums)
    assert albums[0].card_image == albums[0].photos.first().image

    def cards_with_renditions(limit):
        cache.clear()  # renditions come from the database, not Wagtail's rendition cache
        with CaptureQueriesContext(connection) as queries:
            for album in latest_albums(village_a.page, limit=limit):
                album.card_image.get_rendition("fill-400x300|format-webp")
        return len(queries)

    cards_with_renditions(5)  # renditions created
    # The albums, their images, those images' renditions.
    assert cards_with_renditions(2) == cards_with_renditions(5) == 3


# -- API ---------------------------------------------------------------------------------


def test_api_v2_lists_this_villages_albums_with_photo_renditions(client, village_a, village_b):
    album = publish_album(village_a, "Sedekah Bumi", photos=2, description="Syukuran panen.")
    publish_album(village_b, "Lomba Desa Wangi")

    response = client.get(
        "/api/v2/pages/?type=gallery.AlbumPage&fields=*", HTTP_HOST=village_a.host
    )
    assert response.status_code == 200
    items = response.json()["items"]
    assert [item["title"] for item in items] == ["Sedekah Bumi"]
    item = items[0]
    for field in AlbumPage.api_fields:
        assert field.name in item, field.name
    assert item["date"] == "2026-10-01"
    assert item["description"] == "Syukuran panen."
    first_image = album.photos.first().image
    assert item["cover_image"]["url"].endswith(".webp")
    assert f"/{first_image.file.name.rsplit('/', 1)[1].split('.')[0]}" in item["cover_image"]["url"]
    assert [photo["caption"] for photo in item["photos"]] == [
        "Sedekah Bumi foto 1",
        "Sedekah Bumi foto 2",
    ]
    photo = item["photos"][0]
    for field in AlbumPhoto.api_fields:
        assert field.name in photo, field.name
    assert ".max-1200x1200.format-webp" in photo["image"]["url"]
    assert (photo["thumbnail"]["width"], photo["thumbnail"]["height"]) == (400, 300)
    assert "Lomba Desa Wangi" not in response.text


@pytest.mark.parametrize("version", ["v2", "v3"])
def test_api_detail_exposes_every_album_field(client, village_a, village_b, version):
    album = publish_album(village_a, "Sedekah Bumi", photos=1)
    query = "?fields=*" if version == "v2" else ""
    response = client.get(f"/api/{version}/pages/{album.pk}/{query}", HTTP_HOST=village_a.host)
    assert response.status_code == 200, response.content[:500]
    body = response.json()
    for field in AlbumPage.api_fields:
        assert field.name in body, field.name
    assert body["photos"][0]["caption"] == "Sedekah Bumi foto 1"
    assert body["cover_image"]["url"].endswith(".webp")

    on_b = client.get(f"/api/{version}/pages/{album.pk}/{query}", HTTP_HOST=village_b.host)
    assert on_b.status_code == 404


def test_gallery_index_api_exposes_its_fields(client, village_a):
    index = gallery(village_a)
    body = client.get(f"/api/v2/pages/{index.pk}/?fields=*", HTTP_HOST=village_a.host).json()
    for field in GalleryIndexPage.api_fields:
        assert field.name in body


# -- search ------------------------------------------------------------------------------


def test_search_finds_albums_by_description_and_caption_on_own_site_only(
    client, village_a, village_b
):
    publish_album(
        village_a, "Sedekah Bumi", description="Kirab gunungan", captions=["Wayang semalam"]
    )
    publish_album(village_b, "Gunungan Wangi", description="Kirab gunungan")
    assert {"description", "photos"} <= {f.field_name for f in AlbumPage.search_fields}

    by_description = client.get("/cari/?q=gunungan", HTTP_HOST=village_a.host).text
    assert "Sedekah Bumi" in by_description
    assert "Gunungan Wangi" not in by_description
    by_caption = client.get("/cari/?q=wayang", HTTP_HOST=village_a.host).text
    assert "Sedekah Bumi" in by_caption


# -- admin -------------------------------------------------------------------------------


def add_url(tenant):
    return reverse("wagtailadmin_pages:add", args=["gallery", "albumpage", gallery(tenant).pk])


def album_form(client, tenant, **fields):
    url = add_url(tenant)
    response = client.get(url)
    assert response.status_code == 200
    data = querydict_from_html(response.text, form_id="page-edit-form")
    data.update(fields)
    return url, data


def test_operator_publishes_album_with_photos_through_admin(client_for, operator_a, village_a):
    client = client_for(operator_a)
    first = make_image(village_a.collection, "panen-1")
    second = make_image(village_a.collection, "panen-2")
    url, data = album_form(
        client,
        village_a,
        title="Panen Raya",
        slug="panen-raya",
        date="2026-09-01",
        description="Panen jagung bersama.",
    )
    data.update(
        nested_form_data(
            {
                "photos": inline_formset(
                    [
                        {"image": second.pk, "caption": "Kedua tampil pertama", "ORDER": 1},
                        {"image": first.pk, "caption": "Pertama tampil kedua", "ORDER": 2},
                    ]
                )
            }
        )
    )
    data["action-publish"] = "1"
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors

    album = AlbumPage.objects.get(slug="panen-raya")
    assert album.live
    assert [p.caption for p in album.photos.all()] == [
        "Kedua tampil pertama",
        "Pertama tampil kedua",
    ]
    assert album.cover == second


def test_operator_previews_unsaved_album_with_its_photos(client_for, operator_a, village_a):
    client = client_for(operator_a)
    image = make_image(village_a.collection, "pratinjau")
    _url, data = album_form(client, village_a, title="Pratinjau", slug="pratinjau")
    data.update(
        nested_form_data({"photos": inline_formset([{"image": image.pk, "caption": "Uji"}])})
    )
    preview_url = reverse(
        "wagtailadmin_pages:preview_on_add",
        args=["gallery", "albumpage", gallery(village_a).pk],
    )
    assert client.post(preview_url, data).json()["is_valid"]
    response = client.get(preview_url)
    assert response.status_code == 200
    assert "<figcaption>Uji</figcaption>" in response.text
    assert not Page.objects.filter(slug="pratinjau").exists()


def test_album_form_refuses_images_of_another_village(client_for, superuser, village_a, village_b):
    client = client_for(superuser)
    foreign = make_image(village_b.collection, "foto-wangi")
    url, data = album_form(
        client, village_a, title="Album Curang", slug="album-curang", date="2026-09-01"
    )
    data["cover_image"] = str(foreign.pk)
    data.update(
        nested_form_data({"photos": inline_formset([{"image": foreign.pk, "caption": "x"}])})
    )
    data["action-publish"] = "1"
    response = client.post(url, data)
    assert response.status_code == 200
    form = response.context["form"]
    assert "cover_image" in form.errors
    assert form.formsets["photos"].errors[0]["image"]
    assert not Page.objects.filter(slug="album-curang").exists()


def test_operator_edits_album_and_sees_only_own_images_offered(
    client_for, operator_a, village_a, village_b
):
    album = publish_album(village_a, "Sedekah Bumi", photos=2)
    make_image(village_b.collection, "foto-wangi")
    response = client_for(operator_a).get(reverse("wagtailadmin_pages:edit", args=[album.pk]))
    assert response.status_code == 200
    form = response.context["form"]
    own = set(get_image_model().objects.filter(collection=village_a.collection))
    assert set(form.fields["cover_image"].queryset) == own
    for photo_form in form.formsets["photos"].forms:
        assert set(photo_form.fields["image"].queryset) == own


def test_operator_of_other_village_cannot_add_album_here(client_for, operator_b, village_a):
    response = client_for(operator_b).get(add_url(village_a))
    assert response.status_code in (302, 403, 404)


# -- demo --------------------------------------------------------------------------------


def test_demo_populates_three_albums_once_and_they_render(client, village_a):
    demo.populate(village_a.page)
    demo.populate(village_a.page)

    albums = AlbumPage.objects.child_of(gallery(village_a)).live()
    assert sorted(albums.values_list("title", flat=True)) == [
        "Pembangunan Jalan Usaha Tani",
        "Posyandu Balita",
        "Sedekah Bumi 2026",
    ]
    for album in albums:
        assert 4 <= album.photos.count() <= 6
        response = client.get(album.url, HTTP_HOST=village_a.host)
        assert response.status_code == 200
    index = client.get("/galeri/", HTTP_HOST=village_a.host)
    assert index.text.count('<li class="card">') == 3
