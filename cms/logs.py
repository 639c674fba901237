"""Structured logs: every line says which request and which village it belongs to, and no
line carries a NIK or a family card number.

- ``RequestIdMiddleware`` gives each request an id (the proxy's ``X-Request-ID`` when it
  sent a sane one, so nginx's access log and ours share it), returns it in the response,
  and keeps the request in a context variable for the log filter.
- ``RequestContextFilter`` adds ``request_id``, ``host`` and ``region`` (the village's
  official code) to every record logged while that request runs, and masks personal
  numbers in the message.
- ``JsonFormatter`` (production, ``LOG_FORMAT=json``) writes one JSON object per line;
  ``TextFormatter`` (the demo) the same fields as text.
"""

import contextvars
import logging
import re
import uuid

from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter as _JsonFormatter

_current_request = contextvars.ContextVar("current_request", default=None)

INCOMING_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
# A NIK or a family card number (KK): 16 digits, written with or without separators.
PERSONAL_NUMBER = re.compile(r"(?<!\d)\d{6}[ .-]?\d{6}[ .-]?\d{4}(?!\d)")


def mask_personal_numbers(text: str) -> str:
    return PERSONAL_NUMBER.sub("[disamarkan]", text)


def current_request():
    return _current_request.get()


class RequestIdMiddleware:
    """Second in MIDDLEWARE, right after the health answers."""

    header = "HTTP_X_REQUEST_ID"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.META.get(self.header, "")
        request.request_id = incoming if INCOMING_ID.match(incoming) else uuid.uuid4().hex
        token = _current_request.set(request)
        try:
            response = self.get_response(request)
        finally:
            _current_request.reset(token)
        response["X-Request-ID"] = request.request_id
        return response


def request_context(request) -> tuple[str | None, str | None, str | None]:
    """(request id, village host, village code) of a request; Nones outside one."""
    site = getattr(request, "_wagtail_site", None)
    region = getattr(site, "region", None)
    return (
        getattr(request, "request_id", None),
        site.hostname if site is not None else None,
        region.code if region is not None else None,
    )


class RequestContextFilter(logging.Filter):
    def filter(self, record):
        # Django logs a 4xx/5xx response (``log_response``) after the middleware has
        # returned; it passes the request along in ``extra``.
        request = _current_request.get() or getattr(record, "request", None)
        record.request_id, record.host, record.region = request_context(request)
        if not getattr(record, "_masked", False):
            record.msg = mask_personal_numbers(record.getMessage())
            record.args = ()
            record._masked = True
        return True


class _MaskedExceptions:
    def formatException(self, ei):  # noqa: N802 (logging's name)
        return mask_personal_numbers(super().formatException(ei))

    def formatStack(self, stack_info):  # noqa: N802
        return mask_personal_numbers(super().formatStack(stack_info))


class JsonFormatter(_MaskedExceptions, _JsonFormatter):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("fmt", "{asctime}{levelname}{name}{message}{request_id}{host}{region}")
        kwargs.setdefault("style", "{")
        kwargs.setdefault("rename_fields", {"asctime": "time", "levelname": "level"})
        # Django passes the request object along (``extra={"request": ...}``): its repr
        # holds the raw path, so it is not written; the fields above say what matters.
        kwargs.setdefault("reserved_attrs", [*RESERVED_ATTRS, "request", "_masked"])
        super().__init__(*args, **kwargs)

    def process_log_record(self, log_data):
        return {
            key: mask_personal_numbers(value) if isinstance(value, str) else value
            for key, value in super().process_log_record(log_data).items()
        }


class TextFormatter(_MaskedExceptions, logging.Formatter):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "fmt", "%(asctime)s %(levelname)s %(name)s [%(host)s %(request_id)s] %(message)s"
        )
        super().__init__(*args, **kwargs)

    def format(self, record):
        for name in ("request_id", "host", "region"):
            if not hasattr(record, name):
                setattr(record, name, None)
        return super().format(record)


def logging_config(level: str = "WARNING", fmt: str = "text") -> dict:
    """The LOGGING setting: one console handler, JSON or text, with the request context."""
    formatter = "json" if fmt == "json" else "text"
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_context": {"()": "cms.logs.RequestContextFilter"}},
        "formatters": {
            "json": {"()": "cms.logs.JsonFormatter"},
            "text": {"()": "cms.logs.TextFormatter"},
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "filters": ["request_context"],
                "formatter": formatter,
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            # Django's own handlers replaced: nothing printed twice, nothing mailed.
            "django": {"handlers": ["console"], "level": level, "propagate": False},
        },
    }
