"""Where issued letters are kept: the installation's private storage, never a public URL.

Locally a folder outside ``MEDIA_ROOT`` (``PRIVATE_MEDIA_ROOT``); with S3 the same bucket
under ``private/``, written with a private ACL. Files are further encrypted with the
personal-data keys before they are written (a letter holds the resident's NIK and address),
so a leaked bucket or backup shows nothing. Each village's files sit under its own code.
"""

from __future__ import annotations

from django.core.files.storage import FileSystemStorage, storages


class PrivateFileSystemStorage(FileSystemStorage):
    """A folder that has no URL: asking for one is a programming error."""

    def url(self, name):
        raise ValueError("private files have no URL; serve them through a permission check")


def private_storage():
    return storages["private"]
