"""API v3's OpenAPI schema documents every status code the API answers, not only success.

Replaces ``get_openapi_schema`` on Wagtail's ``NinjaAPI`` instance
(``wagtail.api.v3.api.api``; the method is django-ninja 1.7's ``NinjaAPI.get_openapi_schema``,
checked against Wagtail 8.0.1). Wagtail's v3 routes declare only their success response, yet
answer 400, 401, 403, 404, 409 and 422 as ``application/problem+json`` (Wagtail's
``ProblemDetail``), and ``/pages/find/`` redirects (302). A client generated from the schema
would not know those answers exist.

django-ninja's supported way to change the document is a ``NinjaAPI`` subclass overriding
``get_openapi_schema``, and per-route ``response=``/``openapi_extra``; the instance and its
routes are Wagtail's, so this wraps the instance's method instead. It only adds responses
the operation does not declare; ``/api/v3/openapi.json`` and ``/api/v3/docs/`` both read it.

Which statuses an operation answers follows from what the document already says about it
(Wagtail's routers and ``cms/api_errors.py`` behave this way), and
``tests/api/test_v3_fuzz.py`` fails on any status a response has that is not documented:

- 422: the request has parameters or a body (django-ninja's validation, Django validation);
- 400: the body is no JSON, a listing's ``limit``/``offset`` is out of range, ``?site=`` names
  another site, or a page action names the tree root;
- 401 and 403: the operation needs a bearer token (401 without one) and checks permissions
  (all but the token's own ``whoami`` and the ``schema`` discovery);
- 404: the path names an object, ``?locale=`` no language, ``find`` matches no page, or a new
  page's parent is missing;
- 409: a delete that something else still protects (a page using a document).
"""

from http import HTTPStatus

from wagtail.api.v3.errors import PROBLEM_JSON, ProblemDetail

from .base import Lazy, Patch

PROBLEM_REF = {"$ref": "#/components/schemas/ProblemDetail"}
# Operations that never check a permission beyond holding a token.
TOKEN_ONLY_TAGS = {"auth", "schema"}
# Operations answering 404 for an id in the body or the query rather than in the path.
NOT_FOUND_WITHOUT_PATH_ID = {"pages_find", "pages_create"}
REDIRECTS = {"pages_find": 302}


def get_openapi_schema(*, path_prefix=None, path_params=None):
    schema = PATCH.call_original(path_prefix=path_prefix, path_params=path_params)
    document_error_responses(schema)
    return schema


def document_error_responses(schema) -> None:
    schema["components"]["schemas"].setdefault("ProblemDetail", ProblemDetail.model_json_schema())
    for item in schema["paths"].values():
        for method, operation in item.items():
            responses = operation["responses"]
            for status in sorted(error_statuses(method, operation)):
                responses.setdefault(
                    status,
                    {
                        "description": HTTPStatus(status).phrase,
                        "content": {PROBLEM_JSON: {"schema": PROBLEM_REF}},
                    },
                )
            redirect = REDIRECTS.get(operation["operationId"])
            if redirect:
                responses.setdefault(
                    redirect,
                    {
                        "description": HTTPStatus(redirect).phrase,
                        "headers": {"Location": {"schema": {"type": "string"}}},
                    },
                )


def error_statuses(method: str, operation: dict) -> set[int]:
    names = {parameter["name"] for parameter in operation.get("parameters", [])}
    in_path = any(p["in"] == "path" for p in operation.get("parameters", []))
    has_body = "requestBody" in operation
    schemes = {name for entry in operation.get("security", []) for name in entry}
    needs_token = bool(schemes) and "AllowAnonymous" not in schemes

    statuses = set()
    if names or has_body:
        statuses.add(422)
    if has_body or names & {"limit", "offset", "site"}:
        statuses.add(400)
    if needs_token:
        statuses.add(401)
        if not set(operation.get("tags", [])) & TOKEN_ONLY_TAGS:
            statuses.add(403)
    if in_path or "locale" in names or operation["operationId"] in NOT_FOUND_WITHOUT_PATH_ID:
        statuses.add(404)
    if method.lower() == "delete":
        statuses.add(409)
    return statuses


def _api():
    # Imported on install: it exists only once Wagtail's image and document apps are ready.
    from wagtail.api.v3.api import api

    return api


PATCH = Patch(
    Lazy("wagtail.api.v3.api.api", _api),
    "get_openapi_schema",
    get_openapi_schema,
    "(*, path_prefix: Optional[str] = None, path_params: Optional[Dict[str, Any]] = None)"
    " -> ninja.openapi.schema.OpenAPISchema",
    label="wagtail.api.v3.api.api.get_openapi_schema",
    app="wagtailapi_v3",
)
