"""Backup and restore of a whole installation: the database and every stored file.

A backup is a folder:

- ``database.dump`` (PostgreSQL, ``pg_dump --format=custom``) or ``database.sqlite3``
  (SQLite, through SQLite's online backup);
- ``media/<storage>/<name>``: every file of every file storage but the static files (the
  public media and the private letters), local or S3, read through the storage itself;
- ``manifest.json``: when, from what, the row count of every table *as dumped* and the
  SHA-256 of every file. On PostgreSQL the counts are taken in the same exported snapshot
  that ``pg_dump`` dumps (``--snapshot``), so writes during a backup cannot make them
  disagree.

A restore goes into an empty database (it refuses one with tables: nothing is
overwritten), writes the files back through the storages, then checks every count and
every checksum against the manifest and reports each difference.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import connections
from django.utils import timezone
from django.utils.translation import gettext as _

FORMAT_VERSION = 1
SKIPPED_STORAGES = {"staticfiles"}  # rebuilt by collectstatic from the code


class BackupError(Exception):
    pass


@dataclass
class RestoreReport:
    tables: int = 0
    rows: int = 0
    files: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self):
        return not self.problems


# Database --------------------------------------------------------------------------------


def _vendor(alias="default"):
    return connections[alias].vendor


def _pg_env(alias="default"):
    db = connections[alias].settings_dict
    env = {**os.environ}
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if db.get(key):
            env[var] = str(db[key])
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return env


def _pg_counts(cursor):
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
    tables = [row[0] for row in cursor.fetchall()]
    counts = {}
    for table in tables:
        cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608 (names from pg_tables)
        counts[table] = cursor.fetchone()[0]
    return counts


def _sqlite_counts(path):
    with sqlite3.connect(path) as db:
        tables = [
            row[0]
            for row in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        return {t: db.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}  # noqa: S608


def _dump_postgresql(target: Path, alias="default"):
    import psycopg

    db = connections[alias].settings_dict
    env = _pg_env(alias)
    # A connection of its own, outside any transaction of the caller: the snapshot it
    # exports is what pg_dump dumps and what the counts count.
    with psycopg.connect(
        dbname=db["NAME"],
        host=env.get("PGHOST"),
        port=env.get("PGPORT"),
        user=env.get("PGUSER"),
        password=env.get("PGPASSWORD"),
    ) as conn:
        conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        snapshot = conn.execute("SELECT pg_export_snapshot()").fetchone()[0]
        with conn.cursor() as cursor:
            counts = _pg_counts(cursor)
        result = subprocess.run(  # noqa: S603 (fixed arguments, no shell)
            [  # noqa: S607 (pg_dump from PATH, as the documentation says)
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--snapshot={snapshot}",
                f"--file={target / 'database.dump'}",
                db["NAME"],
            ],
            env=env,
            capture_output=True,
            text=True,
        )
        conn.rollback()
    if result.returncode != 0:
        raise BackupError(_("pg_dump gagal: %(error)s") % {"error": result.stderr.strip()})
    return counts


def _dump_sqlite(target: Path, alias="default"):
    connection = connections[alias]
    connection.ensure_connection()
    destination = sqlite3.connect(target / "database.sqlite3")
    try:
        # SQLite's online backup: a consistent copy while the site keeps running.
        connection.connection.backup(destination)
    finally:
        destination.close()
    return _sqlite_counts(target / "database.sqlite3")


def _restore_postgresql(source: Path, alias="default"):
    db = connections[alias].settings_dict
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
        if cursor.fetchone()[0]:
            raise BackupError(
                _("Basis data tujuan %(name)s tidak kosong; pulihkan ke basis data baru.")
                % {"name": db["NAME"]}
            )
    connections[alias].close()
    result = subprocess.run(  # noqa: S603 (fixed arguments, no shell)
        [  # noqa: S607 (pg_restore from PATH)
            "pg_restore",
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            f"--dbname={db['NAME']}",
            str(source / "database.dump"),
        ],
        env=_pg_env(alias),
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise BackupError(_("pg_restore gagal: %(error)s") % {"error": result.stderr.strip()})
    with connections[alias].cursor() as cursor:
        cursor.execute("ANALYZE")
        return _pg_counts(cursor)


def _restore_sqlite(source: Path, alias="default"):
    name = str(connections[alias].settings_dict["NAME"])
    connection = connections[alias]
    connection.ensure_connection()
    tables = connection.introspection.table_names()
    if tables:
        raise BackupError(
            _("Basis data tujuan %(name)s tidak kosong; pulihkan ke basis data baru.")
            % {"name": name}
        )
    origin = sqlite3.connect(source / "database.sqlite3")
    try:
        origin.backup(connection.connection)
    finally:
        origin.close()
    connection.close()
    return _sqlite_counts(name)


# Files -----------------------------------------------------------------------------------


def _file_storages():
    return {alias: storages[alias] for alias in settings.STORAGES if alias not in SKIPPED_STORAGES}


def _walk(storage, folder=""):
    try:
        directories, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        yield f"{folder}/{name}" if folder else name
    for directory in directories:
        yield from _walk(storage, f"{folder}/{directory}" if folder else directory)


def _sha256(handle):
    digest = hashlib.sha256()
    for chunk in iter(lambda: handle.read(1024 * 1024), b""):
        digest.update(chunk)
    return digest.hexdigest()


def _copy_files_out(target: Path):
    manifest = {}
    for alias, storage in _file_storages().items():
        entries = manifest.setdefault(alias, {})
        for name in _walk(storage):
            destination = target / "media" / alias / name
            destination.parent.mkdir(parents=True, exist_ok=True)
            with storage.open(name, "rb") as source, open(destination, "wb") as out:
                shutil.copyfileobj(source, out, 1024 * 1024)
            with open(destination, "rb") as copied:
                entries[name] = _sha256(copied)
    return manifest


def _copy_files_in(source: Path, files: dict, report: RestoreReport):
    available = _file_storages()
    for alias, entries in files.items():
        storage = available.get(alias)
        if storage is None:
            report.problems.append(_("Penyimpanan %(alias)s tidak ada.") % {"alias": alias})
            continue
        for name, checksum in entries.items():
            path = source / "media" / alias / name
            if not path.exists():
                report.problems.append(_("Berkas hilang dari cadangan: %(name)s") % {"name": name})
                continue
            if storage.exists(name):
                with storage.open(name, "rb") as existing:
                    if _sha256(existing) == checksum:
                        report.files += 1
                        continue
                storage.delete(name)
            with open(path, "rb") as handle:
                saved = storage.save(name, ContentFile(handle.read()))
            if saved != name:
                report.problems.append(
                    _("Berkas %(name)s tersimpan sebagai %(saved)s.")
                    % {"name": name, "saved": saved}
                )
                continue
            with storage.open(name, "rb") as restored:
                if _sha256(restored) != checksum:
                    report.problems.append(_("Isi berkas berbeda: %(name)s") % {"name": name})
                    continue
            report.files += 1


# The two operations ----------------------------------------------------------------------


def create_backup(target: Path, alias="default") -> dict:
    target = Path(target)
    if target.exists() and any(target.iterdir()):
        raise BackupError(_("Folder cadangan %(path)s tidak kosong.") % {"path": target})
    target.mkdir(parents=True, exist_ok=True)
    vendor = _vendor(alias)
    if vendor == "postgresql":
        counts = _dump_postgresql(target, alias)
    elif vendor == "sqlite":
        counts = _dump_sqlite(target, alias)
    else:
        raise BackupError(_("Basis data %(vendor)s tidak didukung.") % {"vendor": vendor})
    files = _copy_files_out(target)
    manifest = {
        "format": FORMAT_VERSION,
        "created": timezone.now().isoformat(),
        "database": vendor,
        "tables": counts,
        "files": files,
    }
    (target / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True))
    return manifest


def read_manifest(source: Path) -> dict:
    path = Path(source) / "manifest.json"
    if not path.exists():
        raise BackupError(
            _("%(path)s bukan folder cadangan (manifest.json tidak ada).") % {"path": source}
        )
    manifest = json.loads(path.read_text())
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(
            _("Format cadangan %(format)s tidak dikenal.") % {"format": manifest.get("format")}
        )
    return manifest


def restore_backup(source: Path, alias="default") -> RestoreReport:
    source = Path(source)
    manifest = read_manifest(source)
    vendor = _vendor(alias)
    if vendor != manifest["database"]:
        raise BackupError(
            _("Cadangan dari %(backup)s tidak bisa dipulihkan ke %(target)s.")
            % {"backup": manifest["database"], "target": vendor}
        )
    restore = _restore_postgresql if vendor == "postgresql" else _restore_sqlite
    counts = restore(source, alias)
    report = RestoreReport(tables=len(counts), rows=sum(counts.values()))
    for table in sorted(set(counts) - set(manifest["tables"])):
        report.problems.append(_("Tabel %(table)s tidak ada di cadangan.") % {"table": table})
    for table, expected in sorted(manifest["tables"].items()):
        found = counts.get(table)
        if found != expected:
            report.problems.append(
                _("Tabel %(table)s: %(found)s baris, cadangan %(expected)s.")
                % {"table": table, "found": found, "expected": expected}
            )
    _copy_files_in(source, manifest["files"], report)
    return report
