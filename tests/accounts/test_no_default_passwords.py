"""No account anywhere gets a password written in the code.

A default password in a management command, a migration or a helper ends up on every
installation and in every copy of the repository; village sites have been taken over that
way. The scan reads the project's own Python (not tests/, where the shared test password is
fine) and fails on a string literal given as a password.
"""

from __future__ import annotations

import ast
import os
import re
from pathlib import Path

from django.contrib.auth import get_user_model

import pytest

from villages.management.commands.setup_demo import PASSWORD_LENGTH, reset_admin

ROOT = Path(__file__).resolve().parents[2]
SKIPPED_DIRS = {"tests", "node_modules", "static", "media", "build", "dist", "__pycache__"}
# Calls whose first positional argument is the password.
PASSWORD_FIRST = {"set_password", "make_password"}
# create_user(username, email=None, password=None, ...): the third positional argument.
USER_FACTORIES = {"create_user", "create_superuser"}
PASSWORD_KEYWORDS = {"password", "raw_password", "password1", "password2", "new_password"}
# Anything that creates or changes an account; migrations call none of them.
ACCOUNT_CALLS = PASSWORD_FIRST | USER_FACTORIES | {"set_unusable_password"}


def project_python_files() -> list[Path]:
    files = []
    for folder, subfolders, names in os.walk(ROOT):
        # Prune in place: .venv, .git and the like are never walked into.
        subfolders[:] = [
            name
            for name in subfolders
            if not name.startswith(".")
            and name not in SKIPPED_DIRS
            and not name.endswith(".egg-info")
        ]
        files += [Path(folder) / name for name in names if name.endswith(".py")]
    return files


def _call_name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def _is_text(node) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def literal_passwords(source: str) -> list[int]:
    """Line numbers where a string literal is given as a password."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = _call_name(node)
        arguments = []
        if name in PASSWORD_FIRST and node.args:
            arguments.append(node.args[0])
        if name in USER_FACTORIES and len(node.args) >= 3:
            arguments.append(node.args[2])
        arguments += [kw.value for kw in node.keywords if kw.arg in PASSWORD_KEYWORDS]
        if any(_is_text(argument) for argument in arguments):
            lines.append(node.lineno)
    return lines


def account_calls(source: str) -> list[int]:
    """Line numbers of calls that create an account or set its password."""
    return [
        node.lineno
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call) and _call_name(node) in ACCOUNT_CALLS
    ]


def test_the_scan_reads_the_project_and_finds_what_it_looks_for():
    files = {path.relative_to(ROOT).as_posix() for path in project_python_files()}
    assert "villages/management/commands/setup_demo.py" in files
    assert not any(name.startswith(("tests/", ".venv/")) for name in files)

    bad = (
        'User.objects.create_superuser("admin", "a@b.c", "admin123")\n'
        'user.set_password("rahasia")\n'
        'User.objects.create_user(username="op", password="desa123")\n'
        'make_password(raw_password="x")\n'
    )
    good = (
        "user.set_password(secrets.token_urlsafe(16))\n"
        'User.objects.create_user(username="op", password=None)\n'
        "user.set_unusable_password()\n"
    )
    assert literal_passwords(bad) == [1, 2, 3, 4]
    assert literal_passwords(good) == []
    assert account_calls(good) == [1, 2, 3]


def test_no_python_code_gives_an_account_a_literal_password():
    found = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in project_python_files()
        for line in literal_passwords(path.read_text(encoding="utf-8"))
    ]

    assert found == []


def test_no_migration_creates_or_changes_an_account():
    migrations = [path for path in project_python_files() if "migrations" in path.parts]
    assert migrations, "no migrations found: the scan looks in the wrong place"

    found = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in migrations
        for line in account_calls(path.read_text(encoding="utf-8"))
    ]

    assert found == []


def test_scripts_set_no_superuser_password():
    scripts = [p for folder in ("scripts", ".ci") for p in (ROOT / folder).glob("*") if p.is_file()]
    assert scripts

    for script in scripts:
        text = script.read_text(encoding="utf-8", errors="replace")
        assert not re.search(r"DJANGO_SUPERUSER_PASSWORD\s*=", text), script


@pytest.mark.django_db
def test_demo_admin_gets_a_new_random_password_every_time():
    first = reset_admin("demo-admin")
    second = reset_admin("demo-admin")

    assert first != second
    assert len(first) == len(second) == PASSWORD_LENGTH
    admin = get_user_model().objects.get(username="demo-admin")
    assert admin.is_superuser
    assert admin.check_password(second)
    assert not admin.check_password(first)
