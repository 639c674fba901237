"""DNS labels and hostnames for village sites."""

from __future__ import annotations

import re

from django.utils.text import slugify
from django.utils.translation import gettext as _

MAX_LABEL = 63
MAX_HOSTNAME = 253
HOSTNAME_RE = re.compile(
    r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$"
)


class HostnameError(ValueError):
    pass


def dns_label(text: str) -> str:
    """``"Pasi Kuala Ba'u"`` → ``"pasi-kuala-bau"``: ASCII, lowercase, at most 63 chars."""
    label = slugify(text.replace("'", "").replace("’", ""))
    label = label.replace("_", "-").strip("-")
    label = re.sub(r"-{2,}", "-", label)
    return label[:MAX_LABEL].strip("-")


def validate_hostname(hostname: str) -> str:
    hostname = hostname.strip().lower().rstrip(".")
    if not HOSTNAME_RE.match(hostname):
        raise HostnameError(_("Nama host %(host)s tidak sah.") % {"host": hostname})
    return hostname


class LabelAllocator:
    """Hands out labels unique within one base domain.

    The first village to claim a name keeps the plain label; a later village with the same
    name gets ``<name>-<district>``, then ``<name>-<code digits>``. Labels already stored on
    a region are never changed, so published addresses stay stable.
    """

    def __init__(self, base_domain: str, taken: set[str]):
        self.base_domain = base_domain
        self.taken = set(taken)

    def hostname(self, label: str) -> str:
        return f"{label}.{self.base_domain}"

    def allocate(self, name: str, qualifier: str, code: str) -> str:
        base = dns_label(name) or "desa"
        candidates = [base]
        if qualifier:
            candidates.append(_join(base, dns_label(qualifier)))
        candidates.append(_join(base, code.replace(".", "")))
        for candidate in candidates:
            if candidate not in self.taken and len(self.hostname(candidate)) <= MAX_HOSTNAME:
                self.taken.add(candidate)
                return candidate
        raise HostnameError(
            _("Tidak ada nama host bebas untuk %(name)s (%(code)s) di %(domain)s.")
            % {"name": name, "code": code, "domain": self.base_domain}
        )


def _join(base: str, suffix: str) -> str:
    room = MAX_LABEL - len(suffix) - 1
    return f"{base[:room].rstrip('-')}-{suffix}"
