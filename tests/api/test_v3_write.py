"""Wagtail API v3 writes with bearer tokens: an operator works only inside their own village."""

import json

from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page

import pytest

from home.models import StandardPage

from .helpers import add_page, make_document, make_image, section

Image = get_image_model()
Document = get_document_model()


@pytest.fixture
def api(client, bearer):
    """``api(user, host)`` → object with get/post/patch/delete sending JSON and the token."""

    class Api:
        def __init__(self, user, host):
            self.headers = {"HTTP_HOST": host, **bearer(user)}

        def post(self, path, data=None):
            return client.post(
                path, json.dumps(data or {}), content_type="application/json", **self.headers
            )

        def patch(self, path, data):
            return client.patch(
                path, json.dumps(data), content_type="application/json", **self.headers
            )

        def delete(self, path):
            return client.delete(path, **self.headers)

        def upload(self, path, data):
            return client.post(path, data, **self.headers)

    return Api


def new_page(parent, slug, action=None):
    meta = {"parent_id": parent.pk, "type": "home.StandardPage"}
    if action:
        meta["action"] = action
    return {"meta": meta, "title": f"Halaman {slug}", "slug": slug, "intro": "Ringkasan"}


# -- pages -----------------------------------------------------------------------------


def test_operator_can_create_and_publish_page_under_own_village(api, village_a, operator_a):
    response = api(operator_a, village_a.host).post(
        "/api/v3/pages/", new_page(village_a.page, "rapat-warga", "publish")
    )
    assert response.status_code == 201, response.content
    page = StandardPage.objects.get(pk=response.json()["id"])
    assert page.get_parent().pk == village_a.page.pk
    assert page.live


def test_operator_cannot_create_page_under_other_village(api, village_a, village_b, operator_a):
    for host in (village_a.host, village_b.host):
        response = api(operator_a, host).post("/api/v3/pages/", new_page(village_b.page, "titipan"))
        assert response.status_code == 403
    assert not village_b.page.get_children().filter(slug="titipan").exists()


def test_operator_can_update_own_page(api, village_a, operator_a):
    profil = section(village_a, "profil")
    response = api(operator_a, village_a.host).patch(
        f"/api/v3/pages/{profil.pk}/",
        {"meta": {"type": "home.ProfilePage", "action": "publish"}, "title": "Profil Baru"},
    )
    assert response.status_code == 200, response.content
    profil.refresh_from_db()
    assert profil.title == "Profil Baru"


def test_operator_cannot_update_other_village_page(api, village_a, village_b, operator_a):
    profil_b = section(village_b, "profil")
    revisions_before = profil_b.revisions.count()
    response = api(operator_a, village_a.host).patch(
        f"/api/v3/pages/{profil_b.pk}/",
        {"meta": {"type": "home.ProfilePage"}, "title": "Diambil alih"},
    )
    assert response.status_code == 403
    profil_b.refresh_from_db()
    assert profil_b.title == "Profil Desa"
    assert profil_b.revisions.count() == revisions_before


@pytest.mark.parametrize(
    "method,path",
    [
        ("delete", "/api/v3/pages/{pk}/"),
        ("delete", "/api/v3/pages/{pk}/actions/delete/"),
        ("post", "/api/v3/pages/{pk}/actions/unpublish/"),
        ("post", "/api/v3/pages/{pk}/actions/publish/"),
    ],
)
def test_operator_cannot_delete_unpublish_or_publish_other_village_page(
    api, village_a, village_b, operator_a, method, path
):
    profil_b = section(village_b, "profil")
    client = api(operator_a, village_a.host)
    response = getattr(client, method)(path.format(pk=profil_b.pk))
    assert response.status_code == 403, response.content
    profil_b.refresh_from_db()
    assert profil_b.live


def test_operator_cannot_move_own_page_into_other_village(api, village_a, village_b, operator_a):
    page = add_page(village_a.page, "Rapat Warga", "rapat-warga")
    response = api(operator_a, village_a.host).post(
        f"/api/v3/pages/{page.pk}/actions/move/", {"destination_id": village_b.page.pk}
    )
    assert response.status_code == 403
    assert Page.objects.get(pk=page.pk).get_parent().pk == village_a.page.pk


def test_operator_cannot_copy_or_alias_other_village_page_into_own(
    api, village_a, village_b, operator_a
):
    profil_b = section(village_b, "profil")
    client = api(operator_a, village_a.host)
    for action in ("copy", "create_alias"):
        response = client.post(
            f"/api/v3/pages/{profil_b.pk}/actions/{action}/",
            {"destination_id": village_a.page.pk, "slug": f"salinan-{action.replace('_', '-')}"},
        )
        assert response.status_code == 403, (action, response.content)
    assert not village_a.page.get_children().filter(slug__startswith="salinan").exists()


def test_operator_cannot_copy_own_page_into_other_village(api, village_a, village_b, operator_a):
    profil_a = section(village_a, "profil")
    response = api(operator_a, village_a.host).post(
        f"/api/v3/pages/{profil_a.pk}/actions/copy/",
        {"destination_id": village_b.page.pk, "slug": "salinan"},
    )
    assert response.status_code == 403
    assert not village_b.page.get_children().filter(slug="salinan").exists()


def test_contributor_token_cannot_publish(api, village_a, contributor_a):
    client = api(contributor_a, village_a.host)
    refused = client.post("/api/v3/pages/", new_page(village_a.page, "kegiatan-pkk", "publish"))
    assert refused.status_code == 403
    assert not village_a.page.get_children().filter(slug="kegiatan-pkk").exists()

    created = client.post("/api/v3/pages/", new_page(village_a.page, "kegiatan-pkk"))
    assert created.status_code == 201, created.content
    page_id = created.json()["id"]
    assert not Page.objects.get(pk=page_id).live

    publish = client.post(f"/api/v3/pages/{page_id}/actions/publish/")
    assert publish.status_code == 403
    assert not Page.objects.get(pk=page_id).live

    update = client.patch(
        f"/api/v3/pages/{page_id}/",
        {"meta": {"type": "home.StandardPage", "action": "publish"}, "title": "Terbit?"},
    )
    assert update.status_code == 403
    assert not Page.objects.get(pk=page_id).live


def test_contributor_cannot_change_operator_pages(api, village_a, contributor_a):
    profil = section(village_a, "profil")
    response = api(contributor_a, village_a.host).patch(
        f"/api/v3/pages/{profil.pk}/", {"meta": {"type": "home.ProfilePage"}, "title": "Ubah"}
    )
    assert response.status_code == 403
    profil.refresh_from_db()
    assert profil.title == "Profil Desa"


# -- images and documents --------------------------------------------------------------


def png(name="foto.png"):
    return SimpleUploadedFile(name, get_test_image_file().file.getvalue(), "image/png")


def txt(name="surat.txt"):
    return SimpleUploadedFile(name, b"isi surat", "text/plain")


@pytest.mark.parametrize(
    "endpoint,model,file", [("images", Image, png), ("documents", Document, txt)]
)
def test_operator_upload_lands_in_own_collection_never_other_village(
    api, village_a, village_b, operator_a, endpoint, model, file
):
    response = api(operator_a, village_a.host).upload(
        f"/api/v3/{endpoint}/",
        {"file": file(), "title": "Unggahan", "collection_id": village_b.collection.pk},
    )
    # With one permitted collection Wagtail's form has no collection field: the upload
    # goes to the operator's own collection, whatever the request asks for.
    assert response.status_code in (201, 422), response.content
    assert not model.objects.filter(collection=village_b.collection).exists()
    if response.status_code == 201:
        assert model.objects.get(pk=response.json()["id"]).collection_id == village_a.collection.pk


@pytest.mark.parametrize("endpoint,make", [("images", make_image), ("documents", make_document)])
def test_operator_cannot_modify_or_delete_other_village_items(
    api, village_a, village_b, operator_a, endpoint, make
):
    theirs = make(village_b.collection, "Milik Wangi")
    client = api(operator_a, village_a.host)
    patched = client.patch(f"/api/v3/{endpoint}/{theirs.pk}/", {"title": "Diambil alih"})
    assert patched.status_code == 403
    deleted = client.delete(f"/api/v3/{endpoint}/{theirs.pk}/")
    assert deleted.status_code == 403
    theirs.refresh_from_db()
    assert theirs.title == "Milik Wangi"


@pytest.mark.parametrize("endpoint,make", [("images", make_image), ("documents", make_document)])
def test_operator_can_rename_own_item_but_not_move_it_to_other_village(
    api, village_a, village_b, operator_a, endpoint, make
):
    mine = make(village_a.collection, "Milik Kebonharjo")
    client = api(operator_a, village_a.host)
    renamed = client.patch(f"/api/v3/{endpoint}/{mine.pk}/", {"title": "Nama Baru"})
    assert renamed.status_code == 200, renamed.content
    client.patch(f"/api/v3/{endpoint}/{mine.pk}/", {"collection_id": village_b.collection.pk})
    mine.refresh_from_db()
    assert mine.title == "Nama Baru"
    assert mine.collection_id == village_a.collection.pk
