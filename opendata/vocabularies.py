"""Writes the shipped vocabularies (``opendata/data/``) to their tables after ``migrate``.

Idempotent: names, sources and order follow the files; rows are never deleted (figures
refer to them), and categories a regency added are left alone.
"""

from __future__ import annotations

import csv
import json
from functools import cache
from pathlib import Path

from django.db import transaction

DATA = Path(__file__).parent / "data"
POPULATION_FILE = DATA / "statistik_penduduk.json"
ACCOUNTS_FILE = DATA / "rekening_apbdes.csv"
# The category every other one that covers the whole population must add up to.
SEX_CATEGORY = "jenis_kelamin"


@cache
def shipped_categories() -> list[dict]:
    return json.loads(POPULATION_FILE.read_text(encoding="utf-8"))["categories"]


@cache
def shipped_accounts() -> list[tuple[str, str]]:
    with ACCOUNTS_FILE.open(encoding="utf-8", newline="") as handle:
        return [(row["kode"], row["uraian"]) for row in csv.DictReader(handle)]


def account_sort_key(code: str) -> tuple[int, ...]:
    return tuple(int(part) for part in code.split("."))


@transaction.atomic
def sync_vocabularies() -> None:
    from .models import Account, StatisticCategory, StatisticGroup

    for order, data in enumerate(shipped_categories(), start=1):
        category, _created = StatisticCategory.objects.update_or_create(
            slug=data["slug"],
            defaults={
                "name": data["name"],
                "unit": data["unit"],
                "covers_population": data["covers_population"],
                "description": data.get("description", ""),
                "source": data.get("source", ""),
                "order": order * 10,
                "regency": None,
            },
        )
        existing = {g.label: g for g in category.groups.all()}
        for group_order, label in enumerate(data["groups"], start=1):
            group = existing.get(label)
            if group is None:
                StatisticGroup.objects.create(category=category, label=label, order=group_order)
            elif group.order != group_order:
                group.order = group_order
                group.save(update_fields=["order"])

    accounts = {a.code: a for a in Account.objects.all()}
    codes = {code for code, _name in shipped_accounts()}
    for code, name in sorted(shipped_accounts(), key=lambda row: account_sort_key(row[0])):
        parent_code = code.rpartition(".")[0] or None
        is_leaf = not any(other.startswith(code + ".") for other in codes)
        order = int("".join(f"{int(p):02d}" for p in code.split(".")).ljust(8, "0"))
        values = {
            "name": name,
            "parent": accounts.get(parent_code) if parent_code else None,
            "is_leaf": is_leaf,
            "order": order,
        }
        account = accounts.get(code)
        if account is None:
            accounts[code] = Account.objects.create(code=code, **values)
        elif any(getattr(account, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(account, key, value)
            account.save()
