"""Too-large photos are reduced on upload, on every admin upload path; non-images are refused."""

import io
import random
import re

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest
from PIL import Image as PILImage

from assets.models import VillageImage
from tests.assets.helpers import admin_client, png_bytes, read

MB = 1024 * 1024


def photo_bytes(size=(6000, 4000), quality=94, seed=10, orientation=None) -> bytes:
    """A camera-like JPEG: fine noise, so it compresses as badly as a detailed photo does."""
    rng = random.Random(seed)
    small = (size[0] // 4, size[1] // 4)
    noise = PILImage.frombytes("RGB", small, rng.randbytes(small[0] * small[1] * 3))
    image = noise.resize(size, PILImage.Resampling.BILINEAR)
    buffer = io.BytesIO()
    options = {}
    if orientation is not None:
        exif = PILImage.Exif()
        exif[0x0112] = orientation
        options["exif"] = exif.tobytes()
    image.save(buffer, format="JPEG", quality=quality, **options)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def phone_photo() -> bytes:
    data = photo_bytes()
    assert data[:3] == b"\xff\xd8\xff"
    assert len(data) > 12 * MB  # over Wagtail's 10 MB limit, as straight from a phone
    return data


def stored_image(image: VillageImage) -> PILImage.Image:
    return PILImage.open(io.BytesIO(read(image.file)))


def post_add(client, tenant, name, content, title):
    return client.post(
        reverse("wagtailimages:add"),
        {"title": title, "file": SimpleUploadedFile(name, content)},
        HTTP_HOST=tenant.host,
    )


def post_multiple(client, tenant, name, content, collection=None):
    data = {"files[]": SimpleUploadedFile(name, content)}
    if collection is not None:
        data["collection"] = collection.pk
    return client.post(
        reverse("wagtailimages:add_multiple"),
        data,
        HTTP_HOST=tenant.host,
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )


def assert_reduced(image: VillageImage, expected_size):
    limit = settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
    stored = read(image.file)
    assert (image.width, image.height) == expected_size
    assert image.file_size == len(stored) <= limit
    decoded = stored_image(image)
    assert decoded.format == "JPEG"
    assert decoded.size == expected_size


def test_phone_photo_over_the_byte_limit_is_reduced_by_the_multiple_uploader(
    media_root, village_a, operator_a, phone_photo
):
    response = post_multiple(admin_client(operator_a), village_a, "IMG_20260105.jpg", phone_photo)

    data = response.json()
    assert data["success"] is True, data
    image = VillageImage.objects.get(pk=data["image_id"])
    assert image.collection_id == village_a.collection.pk
    assert_reduced(image, (2560, 1707))
    assert image.file.name.endswith(".jpg")


def test_phone_photo_over_the_byte_limit_is_reduced_by_the_add_view(
    media_root, village_a, operator_a, phone_photo
):
    response = post_add(admin_client(operator_a), village_a, "balai.jpg", phone_photo, "Balai")

    assert response.status_code == 302, response.content.decode()[:3000]
    assert_reduced(VillageImage.objects.get(title="Balai"), (2560, 1707))


def test_image_too_large_in_pixels_only_is_reduced_in_the_chooser_upload(
    media_root, village_a, operator_a
):
    content = png_bytes((40, 120, 40), size=(6000, 4000))
    assert len(content) < MB

    response = admin_client(operator_a).post(
        reverse("wagtailimages_chooser:create"),
        {
            "image-chooser-upload-title": "Peta",
            "image-chooser-upload-file": SimpleUploadedFile("peta.png", content),
        },
        HTTP_HOST=village_a.host,
    )

    assert response.status_code == 200
    assert response.json()["step"] == "chosen", response.json()
    image = VillageImage.objects.get(title="Peta")
    assert (image.width, image.height) == (2560, 1707)
    assert stored_image(image).format == "PNG"


def test_photo_turned_by_its_exif_orientation_is_reduced_upright(media_root, village_a, operator_a):
    # Stored landscape with its top half red; orientation 6 shows it turned a quarter
    # clockwise, so the red half is on the right of a portrait picture.
    picture = PILImage.new("RGB", (6000, 4000), (20, 20, 220))
    picture.paste((220, 20, 20), (0, 0, 6000, 2000))
    exif = PILImage.Exif()
    exif[0x0112] = 6
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=90, exif=exif.tobytes())

    response = post_add(admin_client(operator_a), village_a, "k.jpg", buffer.getvalue(), "Kantor")

    assert response.status_code == 302
    image = VillageImage.objects.get(title="Kantor")
    assert (image.width, image.height) == (1707, 2560)
    upright = stored_image(image).convert("RGB")
    assert upright.getexif().get(0x0112) in (None, 1)
    red, _, blue = upright.getpixel((1600, 1280))
    assert red > 150 and blue < 100
    red, _, blue = upright.getpixel((100, 1280))
    assert blue > 150 and red < 100


def test_image_within_the_limits_is_stored_byte_for_byte(media_root, village_a, operator_a):
    content = photo_bytes(size=(1600, 1200), quality=90)

    response = post_add(admin_client(operator_a), village_a, "kecil.jpg", content, "Kecil")

    assert response.status_code == 302
    assert read(VillageImage.objects.get(title="Kecil").file) == content


@pytest.mark.parametrize("view", ["add", "multiple"])
def test_file_that_is_not_an_image_renamed_jpg_is_refused_in_indonesian(
    media_root, village_a, operator_a, view
):
    content = b"MZ\x90\x00" + b"\x00" * 4000  # a Windows program
    client = admin_client(operator_a)
    if view == "add":
        response = post_add(client, village_a, "foto.jpg", content, "Bukan foto")
        assert response.status_code == 200
        message = response.content.decode()
    else:
        data = post_multiple(client, village_a, "foto.jpg", content).json()
        assert data["success"] is False
        message = data["error_message"]

    assert "Berkas ini bukan gambar atau gambarnya rusak" in message
    assert not VillageImage.objects.filter(collection=village_a.collection).exists()


def test_png_renamed_jpg_is_refused_as_not_what_its_name_says(media_root, village_a, operator_a):
    content = png_bytes((1, 2, 3), size=(3000, 3000))

    data = post_multiple(admin_client(operator_a), village_a, "foto.jpg", content).json()

    assert data["success"] is False
    assert "Isi berkas bukan gambar .jpeg (isinya png)" in data["error_message"]


def test_multiple_uploader_lets_the_browser_send_photos_over_the_stored_limit(
    village_a, operator_a
):
    response = admin_client(operator_a).get(
        reverse("wagtailimages:add_multiple"), HTTP_HOST=village_a.host
    )

    html = response.content.decode()
    sent_limit = int(re.search(r'data-max-file-size="(\d+)"', html).group(1))
    assert sent_limit == settings.ASSETS_IMAGE_MAX_INPUT_SIZE > 12 * MB
    assert "diperkecil otomatis" in html


def test_operator_cannot_upload_a_reduced_photo_into_another_village(
    media_root, village_a, village_b, operator_a, phone_photo
):
    response = post_multiple(
        admin_client(operator_a), village_a, "x.jpg", phone_photo, collection=village_b.collection
    )

    # The operator's only collection is their village's: the field is not offered and the
    # upload lands there, whatever collection the request names.
    data = response.json()
    if data["success"]:
        image = VillageImage.objects.get(pk=data["image_id"])
        assert image.collection_id == village_a.collection.pk
    assert not VillageImage.objects.filter(collection=village_b.collection).exists()
