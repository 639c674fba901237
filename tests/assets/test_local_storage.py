"""Local file storage: every village's uploads live in its own folder and never replace a file."""

from pathlib import Path

from wagtail.models import Collection

from assets.models import VillageDocument, VillageImage
from tests import factories
from tests.assets.helpers import (
    admin_add_document,
    admin_add_image,
    admin_add_images_multiple,
    model_add_document,
    model_add_image,
    png_bytes,
    read,
)

RED, BLUE, GREEN = (200, 30, 30), (30, 30, 200), (30, 200, 30)
FOLDER_A = "villages/35.23.02.2001"
FOLDER_B = "villages/35.23.02.2002"


def files_under(root: Path, folder: str) -> dict[str, bytes]:
    base = root / folder
    return {str(p.relative_to(root)): p.read_bytes() for p in base.rglob("*") if p.is_file()}


def test_same_image_name_in_two_villages_gives_two_files_with_their_own_bytes(
    media_root, village_a, village_b, operator_a, operator_b
):
    image_a = admin_add_image(operator_a, village_a, "logo.png", RED, "Logo Kebonharjo")
    image_b = admin_add_image(operator_b, village_b, "logo.png", BLUE, "Logo Wangi")

    assert image_a.collection_id == village_a.collection.pk
    assert image_b.collection_id == village_b.collection.pk
    assert image_a.file.name == f"{FOLDER_A}/original_images/logo.png"
    assert image_b.file.name == f"{FOLDER_B}/original_images/logo.png"
    assert files_under(media_root, FOLDER_A) == {image_a.file.name: png_bytes(RED)}
    assert files_under(media_root, FOLDER_B) == {image_b.file.name: png_bytes(BLUE)}


def test_same_image_name_twice_in_one_village_keeps_both_files(media_root, village_a, operator_a):
    first, second = admin_add_images_multiple(operator_a, village_a, "logo.png", [RED, GREEN])

    assert first.file.name == f"{FOLDER_A}/original_images/logo.png"
    assert second.file.name != first.file.name
    assert second.file.name.startswith(f"{FOLDER_A}/original_images/logo_")
    assert files_under(media_root, FOLDER_A) == {
        first.file.name: png_bytes(RED),
        second.file.name: png_bytes(GREEN),
    }


def test_renditions_are_stored_in_their_village_folder(media_root, village_a, village_b):
    image_a = model_add_image(village_a.collection, "logo.png", RED)
    image_b = model_add_image(village_b.collection, "logo.png", BLUE)

    rendition_a = image_a.get_rendition("fill-20x20")
    rendition_b = image_b.get_rendition("fill-20x20")

    assert rendition_a.file.name.startswith(f"{FOLDER_A}/images/logo.")
    assert rendition_b.file.name.startswith(f"{FOLDER_B}/images/logo.")
    assert (media_root / rendition_a.file.name).is_file()
    assert (media_root / rendition_b.file.name).is_file()
    # Each rendition is cut from its own village's original.
    assert read(rendition_a.file) != read(rendition_b.file)
    assert (rendition_a.width, rendition_a.height) == (20, 20)
    assert rendition_a.url == f"/media/{rendition_a.file.name}"


def test_same_document_name_in_two_villages_gives_two_files_with_their_own_bytes(
    media_root, village_a, village_b, operator_a, operator_b
):
    doc_a = admin_add_document(operator_a, village_a, "laporan.pdf", b"%PDF A", "Laporan A")
    doc_b = admin_add_document(operator_b, village_b, "laporan.pdf", b"%PDF B", "Laporan B")
    doc_a2 = model_add_document(village_a.collection, "laporan.pdf", b"%PDF A2")

    assert doc_a.collection_id == village_a.collection.pk
    assert doc_a.file.name == f"{FOLDER_A}/documents/laporan.pdf"
    assert doc_b.file.name == f"{FOLDER_B}/documents/laporan.pdf"
    assert doc_a2.file.name.startswith(f"{FOLDER_A}/documents/laporan_")
    assert files_under(media_root, FOLDER_A) == {
        doc_a.file.name: b"%PDF A",
        doc_a2.file.name: b"%PDF A2",
    }
    assert files_under(media_root, FOLDER_B) == {doc_b.file.name: b"%PDF B"}


def test_long_image_names_fit_the_file_field(media_root, village_a, operator_a):
    name = "peta-wilayah-" + "sangat-panjang-" * 15 + ".png"
    image = admin_add_image(operator_a, village_a, name, RED, "Peta panjang")
    again = model_add_image(village_a.collection, name, GREEN)
    rendition = again.get_rendition("width-30|format-webp")

    limit = VillageImage._meta.get_field("file").max_length
    for field_file in (image.file, again.file):
        assert len(field_file.name) <= limit
        assert field_file.name.startswith(f"{FOLDER_A}/original_images/peta-wilayah-")
    assert again.file.name != image.file.name
    assert read(image.file) == png_bytes(RED)
    assert read(again.file) == png_bytes(GREEN)
    assert rendition.file.name.startswith(f"{FOLDER_A}/images/peta-wilayah-")
    assert len(rendition.file.name) <= rendition._meta.get_field("file").max_length
    assert (media_root / rendition.file.name).is_file()


def test_long_document_names_fit_the_file_field(media_root, village_a, operator_a):
    name = "laporan-keuangan-" + "anggaran-desa-" * 16 + ".pdf"
    first = admin_add_document(operator_a, village_a, name, b"%PDF 1", "Laporan panjang")
    second = model_add_document(village_a.collection, name, b"%PDF 2")

    limit = VillageDocument._meta.get_field("file").max_length
    assert len(name) > 200
    for document in (first, second):
        assert len(document.file.name) <= limit
        assert document.file.name.startswith(f"{FOLDER_A}/documents/laporan-keuangan-")
    assert first.file.name != second.file.name
    assert read(first.file) == b"%PDF 1"
    assert read(second.file) == b"%PDF 2"


def test_files_outside_any_village_collection_go_to_the_shared_folder(media_root, db):
    image = model_add_image(Collection.get_first_root_node(), "logo.png", RED)
    assert image.file.name == "shared/original_images/logo.png"
    assert (media_root / image.file.name).read_bytes() == png_bytes(RED)


def test_district_collection_files_go_to_the_district_folder(media_root, village_a):
    district = village_a.collection.get_parent()
    image = model_add_image(district, "logo.png", RED)
    assert image.file.name == "villages/35.23.02/original_images/logo.png"


def test_deleting_one_village_image_keeps_the_other_village_file(
    media_root, village_a, village_b, django_capture_on_commit_callbacks
):
    image_a = model_add_image(village_a.collection, "logo.png", RED)
    image_b = model_add_image(village_b.collection, "logo.png", BLUE)

    with django_capture_on_commit_callbacks(execute=True):
        image_a.delete()

    assert not (media_root / image_a.file.name).exists()
    assert (media_root / image_b.file.name).read_bytes() == png_bytes(BLUE)


def test_image_api_download_url_points_to_the_village_file(
    media_root, client, village_a, village_b
):
    image_a = model_add_image(village_a.collection, "logo.png", RED, title="Logo Kebonharjo")
    model_add_image(village_b.collection, "logo.png", BLUE, title="Logo Wangi")

    response = client.get("/api/v2/images/?fields=download_url", HTTP_HOST=village_a.host)

    assert response.status_code == 200
    items = response.json()["items"]
    assert [item["title"] for item in items] == ["Logo Kebonharjo"]
    url = items[0]["meta"]["download_url"]
    assert url == f"/media/{FOLDER_A}/original_images/logo.png"
    assert (media_root / url.removeprefix("/media/")).read_bytes() == read(image_a.file)


def test_file_name_with_path_cannot_escape_the_village_folder(media_root, village_a, village_b):
    sneaky = f"../../{FOLDER_B}/original_images/logo.png"
    image = model_add_image(village_a.collection, sneaky, RED)
    document = model_add_document(village_a.collection, sneaky.replace(".png", ".pdf"), b"%PDF")

    assert image.file.name.startswith(f"{FOLDER_A}/original_images/")
    assert document.file.name.startswith(f"{FOLDER_A}/documents/")
    assert not (media_root / FOLDER_B).exists()
    assert set(files_under(media_root, "villages")) == {image.file.name, document.file.name}


def test_document_is_served_on_its_own_site_and_the_portal_only(
    client, media_root, village_a, village_b, regency, other_regency
):
    document = model_add_document(village_a.collection, "apbdes.pdf", b"%PDF APBDes")
    url = document.url
    assert client.get(url, HTTP_HOST=village_a.host).status_code == 200
    assert client.get(url, HTTP_HOST=regency.host).status_code == 200
    assert client.get(url, HTTP_HOST=village_b.host).status_code == 404
    assert client.get(url, HTTP_HOST=other_regency.host).status_code == 404
    # A host that is no site (the admin's) serves it only to its own region's people.
    assert client.get(url, HTTP_HOST="admin.tuban.test").status_code == 404
    operator = factories.logged_in(factories.operator_of(village_a))
    assert operator.get(url, HTTP_HOST="admin.tuban.test").status_code == 200
    outsider = factories.logged_in(factories.operator_of(village_b))
    assert outsider.get(url, HTTP_HOST="admin.tuban.test").status_code == 404
