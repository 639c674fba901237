"""Upload through the real Wagtail admin views, as a given user, on a village's host."""

import io

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from PIL import Image as PILImage

from assets.models import VillageDocument, VillageImage


def png_bytes(color, size=(64, 48)) -> bytes:
    """A small PNG of one colour: each colour gives different bytes."""
    buffer = io.BytesIO()
    PILImage.new("RGB", size, color).save(buffer, format="PNG")
    return buffer.getvalue()


def png_upload(name: str, color) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_bytes(color), content_type="image/png")


def admin_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def admin_add_image(user, tenant, name, color, title) -> VillageImage:
    """Upload one image through ``wagtailimages:add`` (the single-image add form)."""
    response = admin_client(user).post(
        reverse("wagtailimages:add"),
        {"title": title, "file": png_upload(name, color)},
        HTTP_HOST=tenant.host,
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return VillageImage.objects.get(title=title)


def admin_add_images_multiple(user, tenant, name, colors) -> list[VillageImage]:
    """Upload files one by one through ``wagtailimages:add_multiple`` (drag-and-drop uploader)."""
    client = admin_client(user)
    images = []
    for color in colors:
        response = client.post(
            reverse("wagtailimages:add_multiple"),
            {"files[]": png_upload(name, color)},
            HTTP_HOST=tenant.host,
            HTTP_X_REQUESTED_WITH="XMLHttpRequest",
        )
        assert response.status_code == 200
        data = response.json()
        assert data["success"] is True, data
        images.append(VillageImage.objects.get(pk=data["image_id"]))
    return images


def admin_add_document(user, tenant, name, content: bytes, title) -> VillageDocument:
    """Upload one document through ``wagtaildocs:add``."""
    response = admin_client(user).post(
        reverse("wagtaildocs:add"),
        {"title": title, "file": SimpleUploadedFile(name, content)},
        HTTP_HOST=tenant.host,
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return VillageDocument.objects.get(title=title)


def model_add_image(collection, name, color, title=None) -> VillageImage:
    """Create an image through the model API (what imports and scripts do)."""
    image = VillageImage(
        title=title or name,
        collection=collection,
        file=ImageFile(io.BytesIO(png_bytes(color)), name=name),
    )
    image.save()
    return image


def model_add_document(collection, name, content: bytes, title=None) -> VillageDocument:
    document = VillageDocument(
        title=title or name, collection=collection, file=ContentFile(content, name=name)
    )
    document.save()
    return document


def read(field_file) -> bytes:
    with field_file.storage.open(field_file.name, "rb") as handle:
        return handle.read()
