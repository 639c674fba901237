"""API v3 regressions: requests that ended in a 500 answer a clear 4xx problem response.

Each was found by the fuzzing in ``test_v3_fuzz.py`` (finding 4 of issue 9); the fixes are in
``cms/api_errors.py``.
"""

import json

from wagtail.documents import get_document_model
from wagtail.models import Page

import pytest

from publications.models import DocumentIndexPage, PublicDocumentPage

from .helpers import add_page, make_document, section

HUGE = 10**20


@pytest.fixture
def api(client, bearer):
    """``api(user, host)``: the test client with the user's token and the village's host."""

    class Api:
        def __init__(self, user, host):
            self.headers = {"HTTP_HOST": host, **bearer(user)}

        def get(self, path):
            return client.get(path, **self.headers)

        def post(self, path, body):
            raw = body if isinstance(body, str) else json.dumps(body)
            return client.post(path, raw, content_type="application/json", **self.headers)

        def patch(self, path, body):
            return client.patch(path, body, content_type="application/json", **self.headers)

        def delete(self, path):
            return client.delete(path, **self.headers)

    client.raise_request_exception = False
    return Api


def problem(response, status):
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"] == "application/problem+json"
    return response.json()


@pytest.mark.parametrize("endpoint", ["pages", "images", "documents"])
def test_v3_huge_offset_is_refused_with_a_clear_error(client, village_a, endpoint):
    response = client.get(f"/api/v3/{endpoint}/?offset={HUGE}", HTTP_HOST=village_a.host)
    assert "offset" in problem(response, 400)["detail"]


def test_v3_largest_accepted_offset_lists_nothing(client, village_a):
    from cms.api_errors import MAX_OFFSET

    response = client.get(f"/api/v3/pages/?offset={MAX_OFFSET}", HTTP_HOST=village_a.host)
    assert response.status_code == 200
    assert response.json()["items"] == []
    too_far = client.get(f"/api/v3/pages/?offset={MAX_OFFSET + 1}", HTTP_HOST=village_a.host)
    assert too_far.status_code == 400


def test_v3_huge_offset_with_token_is_refused(api, village_a, operator_a):
    profil = section(village_a, "profil")
    response = api(operator_a, village_a.host).get(
        f"/api/v3/pages/{profil.pk}/revisions/?offset={HUGE}"
    )
    problem(response, 400)


def test_v3_deleting_a_document_a_page_still_uses_is_409_and_keeps_it(api, village_a, operator_a):
    document = make_document(village_a.collection, "Perdes APBDes")
    index = DocumentIndexPage.objects.child_of(village_a.page).get()
    index.add_child(
        instance=PublicDocumentPage(
            title="Perdes APBDes 2026",
            slug="perdes-apbdes",
            document=document,
            category=PublicDocumentPage._meta.get_field("category").choices[0][0],
        )
    )
    response = api(operator_a, village_a.host).delete(f"/api/v3/documents/{document.pk}/")
    assert "masih dipakai" in problem(response, 409)["detail"]
    assert get_document_model().objects.filter(pk=document.pk).exists()


def test_v3_deleting_an_unused_document_still_works(api, village_a, operator_a):
    document = make_document(village_a.collection, "Draf")
    response = api(operator_a, village_a.host).delete(f"/api/v3/documents/{document.pk}/")
    assert response.status_code == 204
    assert not get_document_model().objects.filter(pk=document.pk).exists()


@pytest.mark.parametrize(
    "action,body",
    [
        ("copy", {}),
        ("copy", {"destination_id": None}),
        ("create_alias", {}),
        ("move", {"destination_id": 1}),
    ],
)
def test_v3_copy_move_or_alias_of_the_tree_root_is_400(api, village_a, superuser, action, body):
    root = Page.get_first_root_node()
    pages_before = Page.objects.count()
    response = api(superuser, village_a.host).post(
        f"/api/v3/pages/{root.pk}/actions/{action}/", body
    )
    assert "Akar pohon" in problem(response, 400)["detail"]
    assert Page.objects.count() == pages_before


@pytest.mark.parametrize("user", ["operator_a", "superuser"])
def test_v3_tree_root_cannot_be_copied_moved_or_aliased_into_a_village(
    api, village_a, user, request
):
    user = request.getfixturevalue(user)
    root = Page.get_first_root_node()
    for action in ("copy", "create_alias", "move"):
        response = api(user, village_a.host).post(
            f"/api/v3/pages/{root.pk}/actions/{action}/", {"destination_id": village_a.page.pk}
        )
        assert response.status_code in (400, 403), (action, response.status_code)


@pytest.mark.parametrize("position", [None, "left", "right"])
def test_v3_moving_a_page_beside_the_tree_root_is_400(api, village_a, operator_a, position):
    page = add_page(village_a.page, "Rapat Warga", "rapat-warga")
    body = {"destination_id": Page.get_first_root_node().pk}
    if position:
        body["position"] = position
    response = api(operator_a, village_a.host).post(f"/api/v3/pages/{page.pk}/actions/move/", body)
    assert "akar pohon" in problem(response, 400)["detail"]
    assert Page.objects.get(pk=page.pk).get_parent().pk == village_a.page.pk


def test_v3_moving_a_page_into_the_tree_root_is_403_for_an_operator(api, village_a, operator_a):
    page = add_page(village_a.page, "Rapat Warga", "rapat-warga")
    response = api(operator_a, village_a.host).post(
        f"/api/v3/pages/{page.pk}/actions/move/",
        {"destination_id": Page.get_first_root_node().pk, "position": "last-child"},
    )
    problem(response, 403)
    assert Page.objects.get(pk=page.pk).get_parent().pk == village_a.page.pk


@pytest.mark.parametrize("user_id", ["abc", "1.5", str(HUGE)])
def test_v3_revision_filter_with_a_user_id_that_is_no_user_id_is_422(
    api, village_a, operator_a, user_id
):
    profil = section(village_a, "profil")
    response = api(operator_a, village_a.host).get(
        f"/api/v3/pages/{profil.pk}/revisions/?user_id={user_id}"
    )
    body = problem(response, 422)
    assert "user_id" in body["errors"][0]["msg"]


def test_v3_revision_filter_with_a_real_user_id_still_filters(api, village_a, operator_a):
    profil = section(village_a, "profil")
    profil.save_revision(user=operator_a)
    client = api(operator_a, village_a.host)
    mine = client.get(f"/api/v3/pages/{profil.pk}/revisions/?user_id={operator_a.pk}")
    assert mine.status_code == 200, mine.content
    assert mine.json()["count"] == 1
    nobody = client.get(f"/api/v3/pages/{profil.pk}/revisions/?user_id=999999")
    assert nobody.json()["count"] == 0


@pytest.mark.parametrize("body", ["0", "[]", '"judul"', "null"])
def test_v3_page_write_with_a_json_body_that_is_no_object_is_422(api, village_a, operator_a, body):
    client = api(operator_a, village_a.host)
    profil = section(village_a, "profil")
    problem(client.post("/api/v3/pages/", body), 422)
    problem(client.patch(f"/api/v3/pages/{profil.pk}/", body), 422)


def test_v3_page_write_with_a_body_that_is_no_json_stays_400(api, village_a, operator_a):
    problem(api(operator_a, village_a.host).post("/api/v3/pages/", "{tidak json"), 400)


# -- the schema documents these answers (villages.patches.api_v3_error_responses) -----------


def test_v3_openapi_schema_documents_the_error_statuses_the_api_answers(client, village_a):
    schema = client.get("/api/v3/openapi.json", HTTP_HOST=village_a.host).json()
    paths = schema["paths"]

    def documented(path, method):
        return {int(status) for status in paths[path][method]["responses"]}

    assert {200, 400, 404, 422} <= documented("/api/v3/pages/", "get")
    assert 401 not in documented("/api/v3/pages/", "get")  # anonymous reads are allowed
    assert {201, 400, 401, 403, 404, 422} <= documented("/api/v3/pages/", "post")
    assert {302, 404} <= documented("/api/v3/pages/find/", "get")
    assert {400, 401, 403, 404, 422} <= documented("/api/v3/pages/{page_id}/actions/move/", "post")
    assert {204, 401, 403, 404, 409} <= documented("/api/v3/documents/{document_id}/", "delete")
    assert {200, 401} <= documented("/api/v3/whoami/", "get")
    assert 403 not in documented("/api/v3/whoami/", "get")

    problem_schema = paths["/api/v3/documents/{document_id}/"]["delete"]["responses"]["409"]
    assert problem_schema["content"]["application/problem+json"]["schema"] == {
        "$ref": "#/components/schemas/ProblemDetail"
    }
    assert {"type", "title", "status"} <= set(
        schema["components"]["schemas"]["ProblemDetail"]["required"]
    )


@pytest.mark.parametrize("method", ["get", "patch", "delete"])
@pytest.mark.parametrize("page_id", ["1194168568227542396305408", "6.272631365193212e-124"])
def test_v3_an_id_no_column_can_hold_is_a_404(api, village_a, operator_a, method, page_id):
    # Found by the fuzzing: these PATCHes ended in a 500 (an OverflowError on SQLite, a
    # ValueError for the float) when Wagtail looked the page's type up by the raw id.
    client = api(operator_a, village_a.host)
    path = f"/api/v3/pages/{page_id}/?rich_text_format=markdown"
    body = {"slug": None, "title": "Region", "meta": {"type": "products.ProductIndexPage"}}
    send = {
        "get": lambda: client.get(path),
        "patch": lambda: client.patch(path, body),
        "delete": lambda: client.delete(path),
    }
    problem(send[method](), 404)
