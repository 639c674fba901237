"""Backup and restore: a backup of the database (as committed) and of every stored file,
restored by ``manage.py restore`` in a separate process into a fresh, empty database and
fresh storage folders, gives the same row count in every table, the same pages and the same
files byte for byte, and an installation whose migrations are all in place."""

import json
import os
import secrets
import sqlite3
import subprocess
import sys

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings

import pytest

from backups.archive import create_backup

FILES = {
    "default": {
        "villages/35.23.02.2001/images/balai-desa.jpg": secrets.token_bytes(70_000),
        "villages/35.23.02.2002/documents/apbdes-2026.pdf": b"%PDF-1.4 " + secrets.token_bytes(900),
    },
    "private": {"letters/35.23.02.2001/surat-0001.pdf.enc": secrets.token_bytes(5_000)},
}


def _storages(media, private):
    return {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(media)},
        },
        "private": {
            "BACKEND": "letters.storage.PrivateFileSystemStorage",
            "OPTIONS": {"location": str(private)},
        },
    }


def _pages(rows):
    return sorted(tuple(row) for row in rows)


def _source_pages():
    """The pages as the backup saw them: committed (this runs outside any test transaction)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, path, title, url_path, live FROM wagtailcore_page")
        return _pages(cursor.fetchall())


@pytest.fixture(scope="module")
def backup(django_db_setup, django_db_blocker, tmp_path_factory):
    root = tmp_path_factory.mktemp("backup")
    with override_settings(STORAGES=_storages(root / "src-media", root / "src-private")):
        for alias, files in FILES.items():
            for name, content in files.items():
                assert storages[alias].save(name, ContentFile(content)) == name
        with django_db_blocker.unblock():
            manifest = create_backup(root / "backup")
            pages = _source_pages()
    return root, manifest, pages


@pytest.fixture
def fresh_database(tmp_path):
    """An empty database of the same kind as the suite's, as a DATABASE_URL."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    import psycopg

    db = connection.settings_dict
    name = f"{db['NAME']}_restored_{secrets.token_hex(3)}"
    params = {"host": db["HOST"], "port": db["PORT"], "user": db["USER"], "dbname": "postgres"}
    with psycopg.connect(**params, password=db["PASSWORD"] or None, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{name}"
    with psycopg.connect(**params, password=db["PASSWORD"] or None, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _restored_pages(url):
    query = "SELECT id, path, title, url_path, live FROM wagtailcore_page"
    if url.startswith("sqlite"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
            return _pages(db.execute(query).fetchall())
    import psycopg

    with psycopg.connect(url) as db:
        return _pages(db.execute(query).fetchall())


def test_a_backup_restores_into_a_fresh_installation(backup, fresh_database, tmp_path):
    root, manifest, source_pages = backup
    assert manifest["tables"]["wagtailcore_page"] == len(source_pages) >= 2
    assert manifest["tables"]["django_migrations"] > 100
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DATABASE_URL": fresh_database,
        "MEDIA_ROOT": str(tmp_path / "media"),
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "private"),
    }
    env.pop("AWS_STORAGE_BUCKET_NAME", None)
    result = _manage("restore", str(root / "backup"), env=env)
    assert result.returncode == 0, result.stderr
    tables = len(manifest["tables"])
    rows = sum(manifest["tables"].values())
    assert f"{tables} tabel, {rows} baris, 3 berkas" in result.stdout

    assert _restored_pages(fresh_database) == source_pages
    for alias, folder in (("default", "media"), ("private", "private")):
        for name, content in FILES[alias].items():
            assert (tmp_path / folder / name).read_bytes() == content
    # The restored database is a complete installation: no migration is missing.
    check = _manage("migrate", "--check", env=env)
    assert check.returncode == 0, check.stdout + check.stderr


def test_a_restore_never_writes_over_a_database_in_use(backup, fresh_database, tmp_path):
    root, manifest, _ = backup
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DATABASE_URL": fresh_database,
        "MEDIA_ROOT": str(tmp_path / "media"),
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "private"),
    }
    assert _manage("restore", str(root / "backup"), env=env).returncode == 0
    again = _manage("restore", str(root / "backup"), env=env)
    assert again.returncode != 0
    assert "tidak kosong" in again.stderr


def test_a_damaged_backup_is_reported_file_by_file(backup, fresh_database, tmp_path):
    root, manifest, _ = backup
    damaged = tmp_path / "damaged"
    subprocess.run(["cp", "-r", str(root / "backup"), str(damaged)], check=True)
    name = "villages/35.23.02.2001/images/balai-desa.jpg"
    (damaged / "media" / "default" / name).write_bytes(b"rusak")
    (damaged / "media" / "private" / "letters/35.23.02.2001/surat-0001.pdf.enc").unlink()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DATABASE_URL": fresh_database,
        "MEDIA_ROOT": str(tmp_path / "media"),
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "private"),
    }
    result = _manage("restore", str(damaged), env=env)
    assert result.returncode != 0
    assert f"Isi berkas berbeda: {name}" in result.stderr
    assert "Berkas hilang dari cadangan: letters/35.23.02.2001/surat-0001.pdf.enc" in result.stderr


def test_a_backup_never_goes_into_a_folder_in_use(backup, db):
    root, _, _ = backup
    with pytest.raises(CommandError, match="tidak kosong"):
        call_command("backup", str(root / "backup"))


def test_the_manifest_is_what_was_written(backup):
    root, manifest, _ = backup
    on_disk = json.loads((root / "backup" / "manifest.json").read_text())
    assert on_disk == manifest
    dump = "database.dump" if connection.vendor == "postgresql" else "database.sqlite3"
    assert (root / "backup" / dump).stat().st_size > 10_000
