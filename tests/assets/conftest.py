"""Media fixtures: a throw-away MEDIA_ROOT, and a real S3-compatible server (moto) per session.

The S3 tests talk HTTP to a moto server started here on 127.0.0.1 with a free port; no
environment variable, network or mocked client is involved.
"""

import json
import logging
import uuid

import pytest

S3_REGION = "us-east-1"
S3_CREDENTIALS = {"aws_access_key_id": "desa-uji", "aws_secret_access_key": "desa-uji-rahasia"}


def public_read_policy(bucket: str) -> dict:
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{bucket}/*",
            }
        ],
    }


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Local file storage rooted in an empty directory of this test.

    Autouse: no test here may write into the project's real MEDIA_ROOT.
    """
    settings.MEDIA_ROOT = str(tmp_path)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    return tmp_path


@pytest.fixture(scope="session")
def s3_endpoint():
    """URL of an S3-compatible HTTP server (moto server mode) running for the whole session."""
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one log line per request
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture(scope="session")
def s3_client(s3_endpoint):
    import boto3

    return boto3.client("s3", endpoint_url=s3_endpoint, region_name=S3_REGION, **S3_CREDENTIALS)


@pytest.fixture
def s3_bucket(s3_client, s3_endpoint, settings):
    """A fresh empty bucket, made Django's default storage with the options of cms/settings/base.py.

    ``settings.STORAGES = ...`` sends ``setting_changed``, which empties Django's storage
    cache and ``default_storage``; image, rendition and document file fields all use
    ``default_storage`` lazily, so they write to this bucket.
    """
    name = f"desa-media-{uuid.uuid4().hex[:12]}"
    s3_client.create_bucket(Bucket=name)
    # querystring_auth is off: media URLs are plain public URLs, so (as in production) the
    # bucket lets anyone read objects.
    s3_client.put_bucket_policy(Bucket=name, Policy=json.dumps(public_read_policy(name)))
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": name,
                "endpoint_url": s3_endpoint,
                "region_name": S3_REGION,
                "access_key": S3_CREDENTIALS["aws_access_key_id"],
                "secret_key": S3_CREDENTIALS["aws_secret_access_key"],
                "file_overwrite": False,
                "querystring_auth": False,
                "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
            },
        },
    }
    return name


@pytest.fixture
def bucket_objects(s3_client, s3_bucket):
    """``bucket_objects(prefix="")`` → {key: bytes} of everything in the test's bucket."""

    def read(prefix=""):
        listing = s3_client.list_objects_v2(Bucket=s3_bucket, Prefix=prefix)
        return {
            item["Key"]: s3_client.get_object(Bucket=s3_bucket, Key=item["Key"])["Body"].read()
            for item in listing.get("Contents", [])
        }

    return read
