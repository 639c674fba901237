"""cms/settings/base.py picks S3 media storage only when a bucket is configured in the environment.

Settings are read at import time, so each case imports them in a fresh interpreter with its own
environment; Django is then set up there and the real default storage object is inspected, which
also proves django-storages accepts every option the settings pass.
"""

import json
import os
import subprocess
import sys

from django.conf import settings

import pytest

PROBE = """
import json
import django
from django.conf import settings
django.setup()
from django.core.files.storage import default_storage as storage
storage._setup()
wrapped = storage._wrapped
print(json.dumps({
    "default": settings.STORAGES["default"],
    "class": type(wrapped).__module__ + "." + type(wrapped).__name__,
    "file_overwrite": getattr(wrapped, "file_overwrite", None),
    "endpoint_url": getattr(wrapped, "endpoint_url", None),
    "bucket_name": getattr(wrapped, "bucket_name", None),
    "querystring_auth": getattr(wrapped, "querystring_auth", None),
}))
"""


WITH_BUCKET = {
    "AWS_STORAGE_BUCKET_NAME": "desa-media",
    "AWS_S3_ENDPOINT_URL": "https://s3.desa.example:9000",
    "AWS_S3_REGION_NAME": "ap-southeast-3",
    "AWS_ACCESS_KEY_ID": "kunci",
    "AWS_SECRET_ACCESS_KEY": "rahasia",
}


def start_probe(**env) -> subprocess.Popen:
    clean = {
        "PATH": os.environ.get("PATH", ""),
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "rahasia-uji-pengaturan",
        **env,
    }
    return subprocess.Popen(
        [sys.executable, "-c", PROBE],
        env=clean,
        cwd=settings.BASE_DIR,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.fixture(scope="module")
def loaded() -> dict:
    """Both environments, probed in parallel: {"local": ..., "s3": ...}."""
    probes = {"local": start_probe(), "s3": start_probe(**WITH_BUCKET)}
    results = {}
    for key, probe in probes.items():
        out, err = probe.communicate(timeout=60)
        assert probe.returncode == 0, err
        results[key] = json.loads(out.strip().splitlines()[-1])
    return results


def test_without_bucket_media_is_stored_on_local_disk(loaded):
    local = loaded["local"]
    assert local["default"] == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    assert local["class"] == "django.core.files.storage.filesystem.FileSystemStorage"


def test_with_bucket_media_goes_to_s3_without_overwriting(loaded):
    s3 = loaded["s3"]
    options = s3["default"]["OPTIONS"]
    assert s3["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert options["bucket_name"] == "desa-media"
    assert options["endpoint_url"] == "https://s3.desa.example:9000"
    assert options["region_name"] == "ap-southeast-3"
    assert options["file_overwrite"] is False
    assert options["querystring_auth"] is False
    # The storage object Django builds from these options.
    assert s3["class"] == "storages.backends.s3.S3Storage"
    assert s3["file_overwrite"] is False
    assert s3["endpoint_url"] == "https://s3.desa.example:9000"
    assert s3["bucket_name"] == "desa-media"
    assert s3["querystring_auth"] is False
