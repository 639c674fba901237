"""Schemathesis fuzzes every API v3 operation through the Django WSGI application.

The schema is the one the API serves (``/api/v3/openapi.json``, fetched through WSGI), and
every generated request goes through the whole stack (middleware, site routing, bearer
tokens). Each operation is fuzzed twice: anonymously and with an operator's API token. A
request must never end in a server error, and each response must conform to the schema:
its status code documented, its body and content type those the schema declares.

The run is bounded and reproducible: coverage cases (boundary values and invalid inputs,
deterministic) and a fixed number of generated examples per operation from a fixed seed.
``MAX_EXAMPLES`` is the knob: CI runs the suite on SQLite and PostgreSQL, and this module
should take one to two minutes on each.

Each case runs in a savepoint that is rolled back, so every case sees the same village
data (a delete or a move of one case does not change what the next one finds).
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field

from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.core.failures import FailureGroup
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

# Generated examples per operation, mode (valid/invalid data) and auth; plus coverage cases.
MAX_EXAMPLES = 10
# Operations that need a token, sent anonymously.
ANONYMOUS_EXAMPLES = 3
SEED = 20260901
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
CONFIG = {
    "seed": SEED,
    "generation": {"deterministic": True, "database": "none"},
}


# Operations are fuzzed in groups (by the first segment of their path), so that collecting
# the suite does not need the schema, which takes seconds to generate.
GROUPS = ["pages", "images", "documents", "snippets", "sites", "schema", "whoami", "data"]


@dataclass
class Run:
    cases: int = 0
    statuses: Counter = field(default_factory=Counter)
    failures: dict = field(default_factory=dict)
    unsatisfiable: list = field(default_factory=list)
    seconds: float = 0.0


RUNS: dict[str, Run] = {}


@pytest.fixture
def wsgi_app():
    """The project's WSGI application, sharing the test's database transaction.

    Like Django's test client: a WSGI request would otherwise close the connection at its
    end (``close_old_connections``), and with it the test transaction.
    """
    from cms.wsgi import application

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield application
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


_SCHEMA = []


@pytest.fixture
def v3_schema(wsgi_app, village_a):
    """The schema the API serves, loaded through WSGI once per test session."""
    if not _SCHEMA:
        _SCHEMA.append(
            schemathesis.openapi.from_wsgi(
                "/api/v3/openapi.json",
                wsgi_app,
                config=SchemathesisConfig.from_dict(CONFIG),
                headers={"Host": village_a.host},
            )
        )
    return _SCHEMA[0]


def operations_of(schema, group):
    for result in schema.get_all_operations():
        operation = result.ok()
        if operation.path.removeprefix("/api/v3/").split("/")[0] == group:
            yield operation


@pytest.fixture(params=["anonymous", "operator"])
def auth(request, bearer):
    if request.param == "anonymous":
        return request.param, {}
    operator = request.getfixturevalue("operator_a")
    return request.param, {"Authorization": bearer(operator)["HTTP_AUTHORIZATION"]}


def _send(case, run, base_url, headers):
    """Send one case in a savepoint that is rolled back; record what went wrong."""
    run.cases += 1
    # Schemathesis's WSGI transport does not decompress; a real client (requests, a
    # browser) does. Ask for the plain body, as it would see it after decompressing.
    headers = {"Accept-Encoding": "identity", **headers}
    with transaction.atomic():
        try:
            response = case.call(base_url=base_url, headers=headers)
            run.statuses[response.status_code] += 1
            case.validate_response(response, checks=CHECKS, headers=headers)
        except FailureGroup as group:
            for failure in group.exceptions:
                key = (failure.title, getattr(response, "status_code", None))
                run.failures.setdefault(key, case.as_curl_command(headers, base_url=base_url))
        finally:
            transaction.set_rollback(True)


def needs_token(operation) -> bool:
    """True when the operation refuses anonymous requests (no ``AllowAnonymous`` scheme)."""
    schemes = {name for entry in operation.definition.raw.get("security", []) for name in entry}
    return "AllowAnonymous" not in schemes


def _fuzz(operation, run, base_url, headers):
    modes = [GenerationMode.POSITIVE, GenerationMode.NEGATIVE]
    examples = MAX_EXAMPLES
    schema = operation.schema
    if not headers and needs_token(operation):
        # Anonymously such an operation only ever answers 401: a few requests prove it.
        examples = ANONYMOUS_EXAMPLES
    else:
        for case in schema.iter_coverage_cases(
            operation, generation_modes=modes, generation_config=schema.config.generation
        ):
            _send(case, run, base_url, headers)

    for mode in modes:

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=examples,
            derandomize=True,
            database=None,
            deadline=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def fuzz(case):
            _send(case, run, base_url, headers)

        try:
            fuzz()
        except Unsatisfiable:
            # A path parameter no request can match (Wagtail declares ``type`` as the empty
            # string when no snippet model has the mixin an operation needs).
            run.unsatisfiable.append(f"{operation.label} ({mode})")


@pytest.mark.parametrize("group", GROUPS)
def test_v3_operations_answer_without_server_error_and_as_documented(
    v3_schema, village_a, auth, group
):
    label, headers = auth
    base_url = f"http://{village_a.host}"
    started = time.monotonic()
    run = RUNS.setdefault(f"{label} {group}", Run())
    for operation in operations_of(v3_schema, group):
        _fuzz(operation, run, base_url, headers)
    run.seconds = time.monotonic() - started

    assert run.cases, f"no operation in group {group}"
    failures = "\n\n".join(
        f"{title} ({status}):\n{curl}" for (title, status), curl in run.failures.items()
    )
    assert not run.failures, f"{label} {group}: {run.cases} cases\n{failures}"


def test_every_operation_belongs_to_a_fuzzed_group(v3_schema):
    fuzzed = {op.label for group in GROUPS for op in operations_of(v3_schema, group)}
    every = {result.ok().label for result in v3_schema.get_all_operations()}
    assert every == fuzzed
