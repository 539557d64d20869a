"""The contributors' tables of the fields of a call for volunteers and an event, generated from
their declarations (:data:`guidemap.contract.dated.CALL_FIELDS`, ``EVENT_FIELDS``) by
``guidemap docs --write``, between ``<!-- fields:calls:th -->`` … ``<!-- /fields:calls:th -->``
(and ``events``, and ``en``) in CONTRIBUTING.md and docs/contributing-en.md.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Literal

from guidemap.contract.dated import CALL_FIELDS, EVENT_FIELDS, DatedField
from guidemap.contract.spec import Localized

Lang = Literal["th", "en"]
_HEAD = {"th": ("ช่อง", "บังคับ", "เขียนอะไร", "ตัวอย่าง", "รูปแบบที่รับได้"),
         "en": ("Field", "Required", "What to write", "Example", "Accepted forms")}
TABLES = {"calls": CALL_FIELDS, "events": EVENT_FIELDS}


def _path(f: DatedField) -> str:
    return f"`{f.path}.th` / `.en`" if isinstance(f.spec, Localized) else f"`{f.path}`"


def field_table(fields: tuple[DatedField, ...], lang: Lang) -> str:
    rows = [_HEAD[lang], ("---",) * 5]
    for f in fields:
        inside = ""
        if f.required and f.parent:
            inside = f" ({'เมื่อมี' if lang == 'th' else 'with'} `{f.parent}`)"
        rows.append((_path(f), ("✔" + inside) if f.required else "", getattr(f.label, lang),
                     getattr(f.example, lang), getattr(f.rule, lang)))
    return "".join("|" + "|".join(f" {c.replace(chr(10), ' ')} " if c else " " for c in row) + "|\n"
                   for row in rows)


def rewrite(text: str) -> str:
    """``text`` with every pair of calls/events markers holding the current table."""
    langs: tuple[Lang, ...] = ("th", "en")
    for name, fields in TABLES.items():
        for lang in langs:
            marker = f"fields:{name}:{lang}"
            pattern = re.compile(rf"(^<!-- {marker} -->\n)(.*?)(^<!-- /{marker} -->$)",
                                 re.MULTILINE | re.DOTALL)
            text = pattern.sub(_replacer(field_table(fields, lang)), text)
    return text


def _replacer(table: str) -> Callable[[re.Match[str]], str]:
    return lambda m: m[1] + table + m[3]
