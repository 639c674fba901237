"""Send the sweep's requests, read every response for markers, compare the victims' data.

A response leaks when a marker its reader may not see appears in its body (HTML, JSON, a
served file), in a header (a redirect's ``Location``, a download's file name), or when it is
a picture of the victim (``world.IMAGE_SIZES`` gives every village's pictures a shape of
their own). The URL's own echo (a slug in a login redirect's ``?next=``) does not count.

A write leaks when a victim's data differs afterwards (``snapshot``). Writes are sent in one
batch per pattern, inside a savepoint rolled back after the batch; the victims' data is
compared when the batch wrote to any table (``WrittenTables``), and a batch that changed it
is replayed request by request to name the culprit. Every read runs in a savepoint that is
rolled back, so requests cannot disturb each other and the world stays as it was built.

Most requests are refused, so 404s are answered with a plain page while the sweep runs
(``light_error_pages``), and a URL whose control (the same URL with village A's own objects,
asked by A's operator) is no real address of its view is not asked further.
"""

from __future__ import annotations

import io
import json
import re
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import import_module
from urllib.parse import quote

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError, connection, transaction
from django.http import HttpResponseNotFound
from django.test import Client

from wagtail.admin.models import EditingSession
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Comment,
    GroupCollectionPermission,
    GroupPagePermission,
    ModelLogEntry,
    Page,
    PageLogEntry,
    PageViewRestriction,
    Revision,
    TaskState,
    UploadedFile,
    WorkflowPage,
    WorkflowState,
)

from villages.tenancy.ownership import visible
from villages.tenancy.registry import registered_models

from .patterns import Pattern, Target, view_class
from .world import IMAGE_SIZES, MARKER_PREFIX, Attacker, Village, World

# The admin answers on a host that is no village's site.
ADMIN_HOST = "admin.testserver"
# Paths every host answers (the village middleware's exempt prefixes, but the admin).
HOSTLESS_PREFIXES = ("documents/", "media/", "_health/", "healthz", "readyz")
TEXT_TYPES = ("text/", "application/json", "application/javascript", "application/xml")
WRITE_METHODS = ("post", "put", "patch", "delete")
# Answers of A's operator to a control URL showing that it is no real address of its view
# (a model the view does not take, an id of the wrong kind, a malformed value).
NO_ADDRESS = {400, 404, 422}
# The role that asks the control URLs (village A's own objects).
CONTROL_ROLE = "operator"
# The roles that write to URLs naming no victim's object (their own village's views: only a
# bulk "select all" could reach further, and its victim variants name the victim).
UNNAMED_WRITERS = ("operator",)
# What a "form-ish" write sends: the names most admin forms and API bodies take.
WRITE_DATA = {"title": "serangan", "name": "serangan", "slug": "serangan", "comment": "serangan"}


@dataclass(frozen=True)
class Finding:
    pattern: str
    url: str
    role: str
    host: str
    method: str
    status: int
    what: str

    def __str__(self):
        return (
            f"{self.method} {self.url} [{self.pattern}] as {self.role} on {self.host} "
            f"-> {self.status}: {self.what}"
        )


@dataclass
class Stats:
    patterns: int = 0
    swept_patterns: int = 0
    requests: int = 0
    seconds: float = 0.0
    statuses: Counter = field(default_factory=Counter)
    server_errors: list = field(default_factory=list)
    own_markers_seen: int = 0
    # pattern name -> [requests, seconds, statuses]: where the time goes
    by_pattern: dict = field(default_factory=dict)

    def slowest(self, n: int = 15) -> str:
        rows = sorted(self.by_pattern.items(), key=lambda item: -item[1][1])[:n]
        return "\n".join(
            f"  {s:6.1f} s {r:5d} requests  {name}  {dict(codes)}" for name, (r, s, codes) in rows
        )

    def summary(self, label: str) -> str:
        codes = ", ".join(f"{code}: {n}" for code, n in sorted(self.statuses.items()))
        return (
            f"{label}: {self.patterns} URL patterns ({self.swept_patterns} swept), "
            f"{self.requests} requests in {self.seconds:.1f} s; statuses {codes}; "
            f"{len(self.server_errors)} server errors; own markers seen in "
            f"{self.own_markers_seen} responses"
        )


def clients(world: World) -> dict[str, Client]:
    """One logged-in client per attacker, sending its bearer token too (API v3 reads only
    tokens, the rest of the site only the session)."""
    result = {}
    for attacker in world.attackers:
        client = Client(HTTP_AUTHORIZATION=f"Bearer {attacker.token}")
        client.raise_request_exception = False
        client.force_login(attacker.user)
        result[attacker.role] = client
    return result


def hosts_for(target: Target, world: World, attacker: Attacker) -> list[str]:
    """The hosts a target is asked on: the admin's for admin URLs; village A's own site and
    the victims' sites for the public ones (and the admin's for files)."""
    route = target.pattern.route
    if target.pattern.is_admin:
        return [ADMIN_HOST]
    victims = [target.village] if target.village else list(attacker.asks)
    hosts = [world.own.host, *(world.victims[v].host for v in victims)]
    if route.startswith(HOSTLESS_PREFIXES):
        hosts.append(ADMIN_HOST)
    return hosts


def applies(target: Target, attacker: Attacker) -> bool:
    """A target naming a village's objects is asked only by roles that may not see them."""
    if target.closest_only:
        return target.village == attacker.asks[0]
    return target.village is None or target.village in attacker.asks


# -- reading responses --------------------------------------------------------------------


def response_body(response) -> bytes:
    # The test client closes the response itself (a streaming one once it is read).
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def _is_text(response) -> bool:
    content_type = response.get("Content-Type", "")
    return not content_type or content_type.startswith(TEXT_TYPES)


def picture_of(body: bytes) -> str | None:
    """The village whose picture ``body`` is (by its shape), if it is a picture."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(body)) as picture:
            width, height = picture.size
    except (UnidentifiedImageError, OSError, ValueError):
        return None
    for village, (w, h) in IMAGE_SIZES.items():
        if abs(width / height - w / h) < 0.05 * (w / h):
            return village
    return None


def _without_echoes(text: str, url: str) -> str:
    """``text`` without the requested URL itself: a page's own address, a login redirect's
    ``?next=``, a pagination link repeat the slug or file name the URL holds."""
    path = url.split("?", 1)[0].lower()
    echoes = {path, quote(path, safe=""), quote(path, safe="/")}
    for part in path.strip("/").split("/"):
        if MARKER_PREFIX in part:
            echoes.add(part)
    for echo in sorted(echoes, key=len, reverse=True):
        if echo:
            text = text.replace(echo, " ")
    return text


def leaks(
    response, body: bytes, attacker: Attacker, host: str, world: World, url: str = ""
) -> list[str]:
    """What of the unseen villages the response shows (empty: nothing)."""
    headers = " ".join(f"{k}: {v}" for k, v in response.items())
    text = (headers + "\n" + body.decode("utf-8", errors="replace")).lower()
    text = _without_echoes(text, url)
    found = []
    if MARKER_PREFIX in text:
        for key in attacker.unseen:
            village = world.victims[key]
            for value in village.forbidden_markers(host):
                at = text.find(value)
                if at >= 0:
                    context = " ".join(text[max(0, at - 80) : at + len(value) + 40].split())
                    found.append(f"marker {value} ({village.markers[value]}): …{context}…")
    if not _is_text(response) and response.status_code == 200:
        village = picture_of(body)
        if village in attacker.unseen:
            found.append(f"a picture of {village}")
    return found


def _shows_own(body: bytes, world: World) -> bool:
    text = body.decode("utf-8", errors="replace").lower()
    return any(value in text for value in world.own.markers)


# -- snapshots of the victims' data ---------------------------------------------------------


def _fields(model) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields]


def _frozen(value):
    # JSON fields (form data, revision content) come back as dicts and lists, stream fields
    # as StreamValues: compared by their JSON.
    if isinstance(value, (dict, list)):
        return json.dumps(value, sort_keys=True, default=str)
    if hasattr(value, "get_prep_value"):
        return json.dumps(value.get_prep_value(), sort_keys=True, default=str)
    try:
        hash(value)
    except TypeError:
        return repr(value)
    return value


def _rows(queryset) -> tuple:
    rows = queryset.order_by("pk").values_list(*_fields(queryset.model))
    return tuple(tuple(_frozen(v) for v in row) for row in rows)


def snapshot(village: Village) -> dict[str, tuple]:
    """Everything of the village: the rows of every tenant-owned model its operator sees
    (``villages.tenancy.registry``), and what hangs off them (revisions, log entries,
    workflow states, restrictions, permissions, tags, group memberships), plus copies of its
    marked objects anywhere in the installation."""
    insider = village.operator
    data: dict[str, tuple] = {}
    ids: dict[type, list] = {}
    for model in registered_models():
        queryset = visible(model._default_manager.all(), insider)
        rows = _rows(queryset)
        data[model._meta.label] = rows
        pk_index = _fields(model).index(model._meta.pk.attname)
        ids[model] = [row[pk_index] for row in rows]
    page_ids = ids.get(Page, [])
    object_keys = []
    for model, pks in ids.items():
        content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
        object_keys.append((content_type.pk, [str(pk) for pk in pks]))
    data["revisions"] = _rows_for_objects(Revision, object_keys, "base_content_type_id")
    data["workflow states"] = _rows_for_objects(WorkflowState, object_keys, "base_content_type_id")
    data["model log entries"] = _rows_for_objects(ModelLogEntry, object_keys, "content_type_id")
    data["task states"] = _rows(
        TaskState.objects.filter(workflow_state__object_id__in=[str(p) for p in page_ids])
    )
    data["page log entries"] = _rows(PageLogEntry.objects.filter(page_id__in=page_ids))
    data["page restrictions"] = _rows(PageViewRestriction.objects.filter(page_id__in=page_ids))
    data["workflow pages"] = _rows(WorkflowPage.objects.filter(page_id__in=page_ids))
    data["comments"] = _rows(Comment.objects.filter(page_id__in=page_ids))
    data["editing sessions"] = _rows(
        EditingSession.objects.filter(object_id__in=[str(p) for p in page_ids])
    )
    data["aliases"] = _rows(Page.objects.filter(alias_of_id__in=page_ids))
    collection_ids = ids.get(Collection, [])
    data["collection restrictions"] = _rows(
        CollectionViewRestriction.objects.filter(collection_id__in=collection_ids)
    )
    groups = [village.tenant.group(role) for role in ("operator", "contributor")]
    data["page permissions"] = _rows(GroupPagePermission.objects.filter(group__in=groups))
    data["collection permissions"] = _rows(
        GroupCollectionPermission.objects.filter(group__in=groups)
    )
    data["group permissions"] = tuple(
        sorted(p for g in groups for p in g.permissions.values_list("pk", flat=True))
    )
    users = [village.operator, village.contributor]
    data["memberships"] = tuple(
        sorted(
            (u.pk, g)
            for u in users
            for g in type(u).objects.get(pk=u.pk).groups.values_list("pk", flat=True)
        )
    )
    data["uploads"] = _rows(UploadedFile.objects.filter(uploaded_by_user__in=users))
    for model in (get_image_model(), get_document_model()):
        data[f"{model._meta.label} tags"] = tuple(
            model.objects.filter(pk__in=ids.get(model, []))
            .order_by("pk", "tags__name")
            .values_list("pk", "tags__name")
        )
    # Copies of its marked objects anywhere (a page copied into another village's tree).
    suffix = village.key
    data["marked copies"] = (
        Page.objects.filter(title__startswith=MARKER_PREFIX, title__endswith=suffix).count(),
        get_image_model()
        .objects.filter(title__startswith=MARKER_PREFIX, title__endswith=suffix)
        .count(),
        get_document_model()
        .objects.filter(title__startswith=MARKER_PREFIX, title__endswith=suffix)
        .count(),
    )
    return data


def _rows_for_objects(model, object_keys, content_type_field: str) -> tuple:
    from django.db.models import Q

    q = Q(pk__in=[])
    for content_type_id, pks in object_keys:
        if pks:
            q |= Q(**{content_type_field: content_type_id, "object_id__in": pks})
    return _rows(model.objects.filter(q))


def differences(before: dict, after: dict) -> list[str]:
    """What changed between two snapshots, a line per table (a few rows each)."""
    changed = []
    for key, old in before.items():
        new = after.get(key)
        if old == new:
            continue
        if isinstance(old, tuple) and isinstance(new, tuple):
            gone = sorted(set(old) - set(new), key=str)[:2]
            added = sorted(set(new) - set(old), key=str)[:2]
            changed.append(f"{key}: before {gone}, after {added}")
        else:
            changed.append(f"{key}: {old} -> {new}")
    return changed


# -- the passes ---------------------------------------------------------------------------


class Sweep:
    """Both passes over the same targets, collecting findings and numbers."""

    def __init__(self, world: World, patterns: list[Pattern], targets: list[Target]):
        self.world = world
        self.patterns = patterns
        self.targets = targets
        self.clients = clients(world)
        self.control_status: dict[tuple[str, str], int] = {}
        self.methods = {p.route: view_methods(p, patterns) for p in patterns}

    def _request(self, attacker, method: str, url: str, host: str, data=None):
        client = self.clients[attacker.role]
        savepoint = transaction.savepoint()
        self._started = time.perf_counter()
        try:
            if method == "get":
                response = client.get(url, HTTP_HOST=host)
            else:
                response = getattr(client, method)(url, data=data or {}, HTTP_HOST=host)
            body = response_body(response)
        except BaseException:
            _rollback(savepoint)
            raise
        return response, body, savepoint

    def _check(self, response, body, attacker, host, method, target, stats, findings):
        entry = stats.by_pattern.setdefault(target.pattern.name, [0, 0.0, Counter()])
        entry[0] += 1
        entry[1] += time.perf_counter() - self._started
        entry[2][response.status_code] += 1
        stats.requests += 1
        stats.statuses[response.status_code] += 1
        if response.status_code >= 500:
            stats.server_errors.append(
                f"{method.upper()} {target.url} as {attacker.role} on {host}"
            )
        if _shows_own(body, self.world):
            stats.own_markers_seen += 1
        for what in leaks(response, body, attacker, host, self.world, target.url):
            findings.append(
                Finding(
                    target.pattern.name,
                    target.url,
                    attacker.role,
                    host,
                    method.upper(),
                    response.status_code,
                    what,
                )
            )

    def _stats(self) -> Stats:
        return Stats(
            patterns=len(self.patterns),
            swept_patterns=len({t.pattern.route for t in self.targets}),
        )

    def _controls(self, method: str, targets, stats, findings) -> set:
        """Ask the control URL of each target (see ``Target``) as A's operator, with
        ``method``; the answers are read for leaks too. Returns the (url, role, host)
        requests already made."""
        attacker = self._attacker(CONTROL_ROLE)
        done = set()
        for target in targets:
            control = target.control
            if control is None or (method, control) in self.control_status:
                continue
            host = ADMIN_HOST if target.pattern.is_admin else self.world.own.host
            data = WRITE_DATA if method != "get" else None
            response, body, savepoint = self._request(attacker, method, control, host, data)
            try:
                as_target = Target(target.pattern, control, None, "control")
                self._check(response, body, attacker, host, method, as_target, stats, findings)
            finally:
                _rollback(savepoint)
            self.control_status[method, control] = response.status_code
            done.add((control, CONTROL_ROLE, host))
        return done

    def _attacker(self, role: str) -> Attacker:
        return next(a for a in self.world.attackers if a.role == role)

    def _live(self, method: str, target: Target) -> bool:
        """Is the target a real address of its view (its control did not say otherwise)?"""
        return self.control_status.get((method, target.control)) not in NO_ADDRESS

    def read_pass(self) -> tuple[list[Finding], Stats]:
        """GET every target as every role it applies to, on every host it answers on."""
        findings: list[Finding] = []
        stats = self._stats()
        started = time.perf_counter()
        readable = [t for t in self.targets if "get" in self.methods[t.pattern.route]]
        with light_error_pages():
            done = self._controls("get", readable, stats, findings)
            for target in readable:
                if target.once or not self._live("get", target):
                    continue
                for attacker in self.world.attackers:
                    if not applies(target, attacker):
                        continue
                    for host in hosts_for(target, self.world, attacker):
                        if (target.url, attacker.role, host) in done:
                            continue
                        response, body, savepoint = self._request(attacker, "get", target.url, host)
                        try:
                            self._check(
                                response, body, attacker, host, "get", target, stats, findings
                            )
                        finally:
                            _rollback(savepoint)
        stats.seconds = time.perf_counter() - started
        return findings, stats

    def write_pass(self) -> tuple[list[Finding], Stats]:
        """Send the write methods of every view, as every role, and compare the victims'
        data before and after each pattern's batch of requests; a batch that changed
        something is replayed one request at a time to name the request and the role."""
        findings: list[Finding] = []
        stats = self._stats()
        started = time.perf_counter()
        with light_error_pages():
            baseline = {key: snapshot(v) for key, v in self.world.victims.items()}
            by_pattern: dict[str, list[Target]] = {}
            for target in self.targets:
                if not target.once:
                    by_pattern.setdefault(target.pattern.route, []).append(target)
            for route, targets in by_pattern.items():
                methods = [m for m in WRITE_METHODS if m in self.methods[route]]
                if not methods:
                    continue
                # The first write method asks the controls: an address that is no real one
                # for it is no real one for the others either.
                self._controls(methods[0], targets, stats, findings)
                targets = [t for t in targets if self._live(methods[0], t)]
                requests = [
                    (attacker, target, method, host)
                    for attacker in self.world.attackers
                    for target in targets
                    if applies(target, attacker)
                    and (target.village is not None or attacker.role in UNNAMED_WRITERS)
                    for method in methods
                    for host in hosts_for(target, self.world, attacker)
                ]
                if requests:
                    self._write_batch(requests, baseline, stats, findings)
        stats.seconds = time.perf_counter() - started
        return findings, stats

    def _write_batch(self, requests, baseline, stats, findings):
        outer = transaction.savepoint()
        try:
            with WrittenTables() as written:
                for attacker, target, method, host in requests:
                    self._write(attacker, target, method, host, stats, findings)
            unseen = {key for attacker, *_rest in requests for key in attacker.unseen}
            changed = written.tables and self._changes(unseen, baseline)
        finally:
            _rollback(outer)
        if changed:
            self._pinpoint(requests, baseline, findings)

    def _write(self, attacker, target, method, host, stats, findings) -> int:
        response, body, savepoint = self._request(attacker, method, target.url, host, WRITE_DATA)
        self._check(response, body, attacker, host, method, target, stats, findings)
        if response.status_code >= 500 or connection.needs_rollback:
            _rollback(savepoint)
            return response.status_code
        try:
            transaction.savepoint_commit(savepoint)
        except DatabaseError:
            _rollback(savepoint)
        return response.status_code

    def _changes(self, keys, baseline) -> list[str]:
        changed = []
        for key in sorted(keys):
            for what in differences(baseline[key], snapshot(self.world.victims[key])):
                changed.append(f"{key}'s data changed: {what}")
        return changed

    def _pinpoint(self, requests, baseline, findings):
        for attacker, target, method, host in requests:
            outer = transaction.savepoint()
            try:
                with WrittenTables() as written:
                    status = self._write(attacker, target, method, host, Stats(), [])
                changes = written.tables and self._changes(attacker.unseen, baseline)
                for what in changes or ():
                    findings.append(
                        Finding(
                            target.pattern.name,
                            target.url,
                            attacker.role,
                            host,
                            method.upper(),
                            status,
                            what,
                        )
                    )
            finally:
                _rollback(outer)


class WrittenTables:
    """The tables the SQL run inside the block writes to (every change to the database goes
    through the connection, whatever the ORM call or raw SQL). Sessions do not count: a
    refused request still stores its "permission denied" message."""

    IGNORED = {"django_session"}
    STATEMENT = re.compile(r"^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+\"?(\w+)", re.I)

    def __init__(self):
        self.tables: set[str] = set()

    def __call__(self, execute, sql, params, many, context):
        match = self.STATEMENT.match(sql)
        if match and match.group(1) not in self.IGNORED:
            self.tables.add(match.group(1))
        return execute(sql, params, many, context)

    def __enter__(self):
        self._wrapper = connection.execute_wrapper(self)
        self._wrapper.__enter__()
        return self

    def __exit__(self, *exc):
        return self._wrapper.__exit__(*exc)


def _light_not_found(request, exception):
    # The exception's message stays in the body: a view naming the object in its Http404
    # message is still caught.
    return HttpResponseNotFound(f"404 {exception}", content_type="text/plain")


@contextmanager
def light_error_pages():
    """Answer 404s with a plain text page while the sweep runs.

    The themed 404 page (``templates/404.html``) shows the site's chrome and nothing of the
    request; rendering it took most of the sweep's time, since most requests are refused.
    """
    urlconf = import_module(settings.ROOT_URLCONF)
    missing = object()
    previous = getattr(urlconf, "handler404", missing)
    urlconf.handler404 = _light_not_found
    try:
        yield
    finally:
        if previous is missing:
            del urlconf.handler404
        else:
            urlconf.handler404 = previous


def _rollback(savepoint) -> None:
    transaction.savepoint_rollback(savepoint)
    connection.needs_rollback = False


def view_methods(pattern: Pattern, patterns: list[Pattern]) -> set[str]:
    """The HTTP methods a view answers: those its class defines (Django, DRF, django-ninja's
    operations on the path); GET and POST for plain functions, which may answer any."""
    cls = view_class(pattern.callback)
    actions = getattr(pattern.callback, "actions", None)
    if isinstance(actions, dict):
        return set(actions)
    if cls is not None:
        return {m for m in ("get", *WRITE_METHODS) if hasattr(cls, m)}
    operations = _ninja_methods([p for p in patterns if p.route == pattern.route])
    if operations is not None:
        return operations
    return _decorated_methods(pattern.callback) or {"get", "post"}


HTTP_METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}


def _decorated_methods(callback) -> set[str] | None:
    """The methods of a function view decorated with ``require_http_methods`` (or
    ``require_POST``…), which keeps its list in the wrapper's closure."""
    seen = set()
    functions = [callback]
    while functions:
        function = functions.pop()
        if id(function) in seen:
            continue
        seen.add(id(function))
        for cell in getattr(function, "__closure__", None) or ():
            try:
                value = cell.cell_contents
            except ValueError:
                continue
            if (
                isinstance(value, (list, tuple))
                and value
                and all(isinstance(v, str) and v in HTTP_METHODS for v in value)
            ):
                return {v.lower() for v in value}
            if callable(value):
                functions.append(value)
        wrapped = getattr(function, "__wrapped__", None)
        if wrapped is not None:
            functions.append(wrapped)
    return None


def _ninja_methods(patterns: list[Pattern]) -> set[str] | None:
    from ninja.operation import PathView

    methods: set[str] | None = None
    for pattern in patterns:
        for cell in getattr(pattern.callback, "__closure__", None) or ():
            value = cell.cell_contents
            if isinstance(value, PathView):
                methods = methods or set()
                for operation in value.operations:
                    methods.update(m.lower() for m in operation.methods)
    return methods
