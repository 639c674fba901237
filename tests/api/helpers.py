"""Content builders shared by the API tests."""

from django.core.files.base import ContentFile

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import PageViewRestriction

from home.models import StandardPage


def make_image(collection, title):
    image = get_image_model()(
        title=title, file=get_test_image_file(f"{title}.png"), collection=collection
    )
    image.save()
    return image


def make_document(collection, title):
    document = get_document_model()(
        title=title, file=ContentFile(b"isi dokumen", name=f"{title}.txt"), collection=collection
    )
    document.save()
    return document


def section(tenant, slug):
    """A standard section page (``profil``, ``berita``, ``kontak``) of a village, specific."""
    return tenant.page.get_children().get(slug=slug).specific


def add_page(parent, title, slug, live=True):
    page = StandardPage(title=title, slug=slug, live=live)
    parent.add_child(instance=page)
    return page


def restrict(page, kind=PageViewRestriction.PASSWORD):
    return PageViewRestriction.objects.create(
        page=page, restriction_type=kind, password="rahasia-desa" if kind == "password" else ""
    )


def titles(response):
    assert response.status_code == 200, response.content[:500]
    return {item["title"] for item in response.json()["items"]}
