"""API v3 answers a request it cannot serve with a 4xx problem response, never with a 500.

Wagtail 8.0.1's v3 routers end in a server error for a few requests (found by
``tests/api/test_v3_fuzz.py``; each has a regression test in ``tests/api/test_v3_errors.py``):

- an ``offset`` past what the database can take (``?offset=10**20``): SQLite and PostgreSQL
  refuse the number;
- deleting an image or document that a page still uses through a protected foreign key
  (``ProtectedError``);
- copying, moving or aliasing the tree root, or moving a page beside it (there is no parent
  to put it in);
- a ``user_id`` revision filter that is no user id (``abc``, or too large for the column);
- a JSON body that is not an object (``0``, ``[]``) for an operation taking a body.

Each is fixed through django-ninja's supported extension points on Wagtail's ``NinjaAPI``
instance (``add_exception_handler`` and ``add_decorator``), not by replacing Wagtail code. The
answers are Wagtail's own ``application/problem+json`` responses, documented in the OpenAPI
schema by ``villages.patches.api_v3_error_responses``.
"""

from __future__ import annotations

import functools
import json

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError, RestrictedError
from django.utils.translation import gettext as _

from wagtail.api.v3.errors import problem_response
from wagtail.api.v3.schemas.params import RevisionFilterSchema
from wagtail.models import Page

from ninja import NinjaAPI
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination

# The largest offset accepted: far beyond any listing, and within every database's integers.
MAX_OFFSET = 2**31 - 1
MAX_ID = 2**63 - 1  # the largest primary key of a 64-bit column

# Page actions whose subject cannot be the tree root (URL names of Wagtail's v3 routes).
ROOT_REFUSING_ACTIONS = {"pages_actions_copy", "pages_actions_move", "pages_actions_create_alias"}
CHILD_POSITIONS = {"first-child", "last-child", "sorted-child"}


def install(api: NinjaAPI) -> None:
    """Add the handlers and checks to ``api``; must run before ``api.urls`` is built."""
    api.add_exception_handler(ProtectedError, object_in_use)
    api.add_exception_handler(RestrictedError, object_in_use)
    api.add_decorator(refuse_unservable_arguments, mode="operation")
    api.add_decorator(require_json_object_body, mode="view")


def object_in_use(request, exc):
    """409 for a delete that a protected foreign key refuses (a page still uses the file)."""
    return problem_response(
        status=409,
        detail=_("Objek ini masih dipakai oleh konten lain, sehingga tidak dapat dihapus."),
    )


def refuse_unservable_arguments(view_func):
    """Check validated arguments the routers would crash on (runs after ninja's validation)."""

    @functools.wraps(view_func)
    def wrapper(request, *args, **kwargs):
        for value in kwargs.values():
            if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_ID:
                # An id no database column can hold (SQLite raises OverflowError on it):
                # no such object.
                raise HttpError(404, _("Objek tidak ditemukan."))
            if isinstance(value, LimitOffsetPagination.Input) and value.offset > MAX_OFFSET:
                raise HttpError(
                    400, _("offset tidak boleh lebih dari %(max)d.") % {"max": MAX_OFFSET}
                )
            if isinstance(value, RevisionFilterSchema) and value.user_id is not None:
                _check_user_id(value.user_id)
        match = getattr(request, "resolver_match", None)
        if match is not None and match.url_name in ROOT_REFUSING_ACTIONS:
            _check_not_about_root(kwargs)
        return view_func(request, *args, **kwargs)

    return wrapper


def _check_user_id(value) -> None:
    # A Django ValidationError is Wagtail's 422 with the message; an out-of-range number is
    # refused by the field's validators before it reaches the database.
    try:
        get_user_model()._meta.pk.clean(value, None)
    except ValidationError as exc:
        raise ValidationError(
            _("user_id bukan id pengguna yang sah: %(errors)s") % {"errors": " ".join(exc.messages)}
        ) from exc


def _check_not_about_root(kwargs) -> None:
    roots = set(Page.objects.filter(depth=1).values_list("pk", flat=True))
    if kwargs.get("page_id") in roots:
        raise HttpError(
            400, _("Akar pohon halaman tidak dapat disalin, dipindahkan, atau dijadikan alias.")
        )
    data = kwargs.get("data")
    position = getattr(data, "position", None)
    if getattr(data, "destination_id", None) in roots and position not in CHILD_POSITIONS:
        # Wagtail reads a missing position as "beside the destination": the root has no parent.
        raise HttpError(
            400,
            _("Halaman tidak dapat diletakkan di samping akar pohon; pilih posisi anak (child)."),
        )


ID_PATH_ARGUMENTS = {"id", "pk", "page_id", "image_id", "document_id"}


def _is_storable_id(value) -> bool:
    try:
        number = int(str(value))
    except ValueError:
        return False
    return 0 <= number <= MAX_ID


def require_json_object_body(run):
    """422 for a JSON body that is not an object (runs before ninja parses the body).

    Wagtail's page schemas pick the page type from ``body["meta"]`` and crash on anything but
    an object; a body that is no JSON at all is left to ninja (400).
    """

    @functools.wraps(run)
    def wrapper(request, *args, **kwargs):
        # Wagtail's page schemas also look the page up by the raw path id (to learn its type)
        # before ninja validates it: "6.2e-124" or a number no column holds was a 500.
        for name, value in kwargs.items():
            if name in ID_PATH_ARGUMENTS and not _is_storable_id(value):
                return problem_response(status=404, detail=_("Objek tidak ditemukan."))
        if (
            request.method in {"POST", "PUT", "PATCH"}
            and request.content_type == "application/json"
            and request.body
        ):
            try:
                body = json.loads(request.body)
            except ValueError:
                body = {}
            if not isinstance(body, dict):
                return problem_response(
                    status=422,
                    detail="Validation failed",
                    errors=[
                        {
                            "type": "model_type",
                            "loc": ["body"],
                            "msg": _("Isi permintaan harus berupa objek JSON."),
                        }
                    ],
                )
        return run(request, *args, **kwargs)

    return wrapper
