"""Optional error reporting through sentry-sdk (``SENTRY_DSN``), with personal data kept out.

What a report may carry is cut down at the source, then scrubbed:

- no request body (form posts carry NIK, names, birth data), no local variables of the
  failing frames (a view's locals hold the same), no cookies, IP addresses or user
  details (``send_default_pii`` off);
- Sentry's own scrubber, recursive, with the field names of personal data added to its
  list of secrets;
- every event is tagged with the request id (the one in the response and the log lines)
  and the village host;
- every string left in the event (exception messages, breadcrumbs, the URL) has NIK and
  family card numbers and e-mail addresses masked, as the logs do.
"""

import re

from cms.logs import current_request, mask_personal_numbers, request_context

PERSONAL_FIELDS = [
    "nik",
    "no_kk",
    "kk",
    "nomor_kk",
    "family_card",
    "nama",
    "name",
    "nama_ibu",
    "tempat_lahir",
    "tanggal_lahir",
    "birth_place",
    "birth_date",
    "alamat",
    "address",
    "email",
    "phone",
    "telepon",
    "message",
    "pesan",
]
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")


def _scrub(value):
    if isinstance(value, str):
        return EMAIL.sub("[disamarkan]", mask_personal_numbers(value))
    if isinstance(value, dict):
        return {key: _scrub(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_scrub(item) for item in value]
    return value


def before_send(event, hint):
    """Scrub the event, and tag it with the request id and village, as the log lines are."""
    request = current_request()
    if request is not None:
        request_id, host, region = request_context(request)
        tags = event.setdefault("tags", {})
        tags["request_id"] = request_id
        # The village's host once routing resolved it, else the host asked for.
        tags["host"] = host or request.META.get("HTTP_HOST", "")
        if region is not None:
            tags["region"] = region
    return _scrub(event)


def init_sentry(dsn: str, *, environment: str, release: str | None, traces_sample_rate: float):
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration
    from sentry_sdk.scrubber import DEFAULT_DENYLIST, EventScrubber

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release or None,
        traces_sample_rate=traces_sample_rate,
        send_default_pii=False,
        include_local_variables=False,
        max_request_body_size="never",
        event_scrubber=EventScrubber(denylist=DEFAULT_DENYLIST + PERSONAL_FIELDS, recursive=True),
        before_send=before_send,
        before_send_transaction=before_send,
        before_breadcrumb=lambda crumb, hint: _scrub(crumb),
        integrations=[DjangoIntegration(), CeleryIntegration()],
    )
