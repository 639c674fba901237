"""The admin side of open village data: history, entry forms, import, regency categories."""

from .downloads import download

__all__ = ["download"]
