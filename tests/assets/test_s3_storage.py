"""S3-compatible storage: real HTTP to a moto server; objects checked with boto3 in the bucket."""

import urllib.request

from django.core.files.storage import default_storage

import pytest
from storages.backends.s3 import S3Storage

from assets.models import VillageDocument, VillageImage, VillageRendition
from tests.assets.helpers import (
    admin_add_document,
    admin_add_image,
    model_add_image,
    png_bytes,
)

pytestmark = pytest.mark.s3

RED, BLUE, GREEN = (200, 30, 30), (30, 30, 200), (30, 200, 30)
FOLDER_A = "villages/35.23.02.2001/"
FOLDER_B = "villages/35.23.02.2002/"


def fetch(url: str) -> bytes:
    assert url.startswith("http://127.0.0.1:"), url
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - local moto server
        return response.read()


def test_file_fields_write_to_the_configured_default_storage(s3_bucket, bucket_objects, village_a):
    # All three file fields hold Django's lazy default_storage, so a STORAGES change applies.
    for model in (VillageImage, VillageRendition, VillageDocument):
        assert model._meta.get_field("file").storage is default_storage
    image = model_add_image(village_a.collection, "logo.png", RED)
    assert isinstance(image.file.storage._wrapped, S3Storage)
    assert default_storage.bucket_name == s3_bucket
    assert default_storage.file_overwrite is False
    assert list(bucket_objects()) == [image.file.name]


def test_same_image_name_in_two_villages_gives_two_objects_with_their_own_bytes(
    bucket_objects, village_a, village_b, operator_a, operator_b
):
    image_a = admin_add_image(operator_a, village_a, "logo.png", RED, "Logo Kebonharjo")
    image_b = admin_add_image(operator_b, village_b, "logo.png", BLUE, "Logo Wangi")
    image_a2 = model_add_image(village_a.collection, "logo.png", GREEN)

    assert bucket_objects(FOLDER_A) == {
        f"{FOLDER_A}original_images/logo.png": png_bytes(RED),
        image_a2.file.name: png_bytes(GREEN),
    }
    assert image_a2.file.name.startswith(f"{FOLDER_A}original_images/logo_")
    assert bucket_objects(FOLDER_B) == {f"{FOLDER_B}original_images/logo.png": png_bytes(BLUE)}
    assert image_a.file.name == f"{FOLDER_A}original_images/logo.png"
    assert image_b.file.name == f"{FOLDER_B}original_images/logo.png"
    assert set(bucket_objects()) == set(bucket_objects(FOLDER_A)) | set(bucket_objects(FOLDER_B))


def test_renditions_are_generated_from_s3_and_stored_in_the_village_folder(
    bucket_objects, village_a, village_b
):
    image_a = model_add_image(village_a.collection, "logo.png", RED)
    image_b = model_add_image(village_b.collection, "logo.png", BLUE)

    rendition_a = image_a.get_rendition("fill-20x20|format-png")
    rendition_b = image_b.get_rendition("fill-20x20|format-png")

    objects = bucket_objects()
    assert rendition_a.file.name.startswith(f"{FOLDER_A}images/logo.")
    assert rendition_b.file.name.startswith(f"{FOLDER_B}images/logo.")
    assert {rendition_a.file.name, rendition_b.file.name} <= set(objects)
    assert objects[rendition_a.file.name] != objects[rendition_b.file.name]
    assert (rendition_a.width, rendition_a.height) == (20, 20)
    # Public URL (querystring_auth off) serves exactly the stored rendition.
    assert fetch(rendition_a.url) == objects[rendition_a.file.name]


def test_s3_objects_get_long_cache_headers(s3_client, s3_bucket, village_a):
    image = model_add_image(village_a.collection, "logo.png", RED)
    head = s3_client.head_object(Bucket=s3_bucket, Key=image.file.name)
    assert head["CacheControl"] == "public, max-age=31536000, immutable"
    assert head["ContentType"] == "image/png"


def test_same_document_name_in_two_villages_gives_two_objects(
    bucket_objects, client, village_a, village_b, operator_a, operator_b
):
    doc_a = admin_add_document(operator_a, village_a, "laporan.pdf", b"%PDF A", "Laporan A")
    doc_b = admin_add_document(operator_b, village_b, "laporan.pdf", b"%PDF B", "Laporan B")

    assert bucket_objects("villages/") == {
        f"{FOLDER_A}documents/laporan.pdf": b"%PDF A",
        f"{FOLDER_B}documents/laporan.pdf": b"%PDF B",
    }
    # The public document view streams the file from the bucket.
    response = client.get(doc_a.url, HTTP_HOST=village_a.host)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF A"
    assert doc_b.file.name == f"{FOLDER_B}documents/laporan.pdf"


def test_deleting_one_village_image_keeps_the_other_village_object(
    bucket_objects, village_a, village_b, django_capture_on_commit_callbacks
):
    image_a = model_add_image(village_a.collection, "logo.png", RED)
    image_b = model_add_image(village_b.collection, "logo.png", BLUE)

    with django_capture_on_commit_callbacks(execute=True):
        image_a.delete()

    assert bucket_objects() == {image_b.file.name: png_bytes(BLUE)}


def test_image_api_download_url_serves_the_village_object(s3_bucket, client, village_a, village_b):
    model_add_image(village_a.collection, "logo.png", RED, title="Logo Kebonharjo")
    model_add_image(village_b.collection, "logo.png", BLUE, title="Logo Wangi")

    response = client.get("/api/v2/images/?fields=download_url", HTTP_HOST=village_b.host)

    assert response.status_code == 200
    items = response.json()["items"]
    assert [item["title"] for item in items] == ["Logo Wangi"]
    url = items[0]["meta"]["download_url"]
    assert f"/{FOLDER_B}original_images/logo.png" in url
    assert "Signature" not in url
    assert fetch(url) == png_bytes(BLUE)
