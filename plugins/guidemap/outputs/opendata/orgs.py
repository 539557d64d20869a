"""Open data: the public fields of every group as JSON and CSV, at stable URLs.

Only the fields declared for JSON (``PROFILE.public_record``) and for CSV (``Exports.csv``), in
:mod:`guidemap.contract.model.profile`, go out, so the location is the coarsened public one. Output is
byte-for-byte deterministic: sorted by id, sorted keys, no build time.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from guidemap.contract.model.fields import value_of
from guidemap.contract.model.profile import PROFILE, PROFILE_FIELDS
from guidemap.contract.model.types import Org
from guidemap.contract.vocab import Label
from guidemap.outputs.site import urls


@dataclass(frozen=True)
class _Column:
    name: str
    path: str  # the field's dotted path
    attr: str  # attribute of the field's value, "" for the value itself
    free_text: bool


def _columns() -> list[_Column]:
    """The fields declared for CSV, in their declared place (Csv.at)."""
    declared = sorted(((f.exports.csv, f.path) for f in PROFILE_FIELDS if f.exports.csv),
                      key=lambda item: item[0].at)
    return [_Column(name, path, attr, spec.free_text) for spec, path in declared
            for name, attr in spec.columns]


COLUMNS = _columns()
CSV_COLUMNS = [c.name for c in COLUMNS]


# json.dumps with these arguments, made once rather than per record.
_ENCODE = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode


def orgs_json(orgs: list[Org]) -> str:
    # One group per line: a change to a profile shows as a one-line diff, and the encoder runs
    # in C (an indented dump goes through the pure-Python one, several times slower).
    records = ",\n".join(_ENCODE(PROFILE.public_record(o)) for o in sorted(orgs, key=lambda o: o.id))
    return f'{{"count": {len(orgs)}, "orgs": [\n{records}\n], "version": 1}}\n'


def directory_json(orgs: list[Org], focus_labels: Mapping[str, Label]) -> str:
    """What the directory's filters need (guidemap.js loads it on their first use, not on a
    page view): per group its id, names, province, focus, needs and offers, in the directory's
    order (``orgs`` as given); the address of a group's page once, as a pattern (``{id}``), which
    makes the file about a fifth smaller (gzip) than an address per group; the labels and pages
    of the provinces and focus areas named; the public position (coarsened to what the group
    allows) for the home page's "near me". Only public fields, the same values as orgs.json
    (province by its code); one group per line."""
    def record(o: Org) -> dict[str, object]:
        item: dict[str, object] = {"id": o.id, "name": o.name.best, "province": o.province.code,
                                   "focus": list(o.focus), "needs": list(o.needs), "offers": list(o.offers),
                                   "lat": o.location.lat, "lon": o.location.lon}
        if o.name.en and o.name.en != o.name.best:
            item["name_en"] = o.name.en
        return item

    areas = {o.province.code: o.province for o in orgs}  # a province's address made once, not per group
    provinces = {code: {"th": a.th, "en": a.en, "url": urls.province(a)} for code, a in areas.items()}
    focus = {k: {"th": focus_labels[k].th, "en": focus_labels[k].en, "url": urls.focus(k)}
             for k in sorted({k for o in orgs for k in o.focus})}
    head = json.dumps({"focus": focus, "page": urls.org("{id}"), "provinces": provinces},
                      ensure_ascii=False, sort_keys=True)
    records = ",\n".join(_ENCODE(record(o)) for o in orgs)
    return f'{{"count": {len(orgs)}, {head[1:-1]}, "orgs": [\n{records}\n], "version": 1}}\n'


def _csv_safe(value: object) -> str:
    """Spreadsheet programs run cells that start with = + - @ as formulas: neutralize them."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _cell(org: Org, column: _Column) -> object:
    value = value_of(value_of(org, column.path), column.attr)
    if column.free_text:  # contributors' text; the other cells are values we normalized
        return _csv_safe(value)
    if value is None:
        return ""
    if isinstance(value, tuple):
        return " ".join(value)
    return value.isoformat() if isinstance(value, dt.date) else value


def row_plain(org: Org) -> list[object]:
    """A group's row by its definition, cell by declared column."""
    return [_cell(org, c) for c in COLUMNS]


def _csv_plan() -> tuple[tuple[tuple[str, ...], tuple[tuple[str, bool], ...]], ...]:
    """:data:`COLUMNS` read once for :func:`row`: each field's path split, with its columns'
    (attribute, free text); a field's columns are neighbours and share its value."""
    plan: list[tuple[tuple[str, ...], list[tuple[str, bool]]]] = []
    for c in COLUMNS:
        assert "." not in c.attr, "a column's attribute is one name"
        if not plan or plan[-1][0] != tuple(c.path.split(".")):
            plan.append((tuple(c.path.split(".")), []))
        plan[-1][1].append((c.attr, c.free_text))
    return tuple((names, tuple(cells)) for names, cells in plan)


_PLAN = _csv_plan()


def row(org: Org) -> list[object]:
    """A group's row: the cells of :func:`row_plain`, from the plan (tests/properties compare
    them); 27 columns of 2,000 groups went through two path look-ups each."""
    cells: list[object] = []
    for names, columns in _PLAN:
        field_value: Any = org
        for name in names:
            field_value = None if field_value is None else getattr(field_value, name)
        for attr, free_text in columns:
            value = field_value if not attr or field_value is None else getattr(field_value, attr)
            if free_text:
                cells.append(_csv_safe(value))
            elif value is None:
                cells.append("")
            elif isinstance(value, tuple):
                cells.append(" ".join(value))
            else:
                cells.append(value.isoformat() if isinstance(value, dt.date) else value)
    return cells


def orgs_csv(orgs: list[Org]) -> str:
    """The table: every text cell quoted, numbers (positions, years) bare, so a program told to
    read quoted fields as text keeps ``+6673...`` a phone number and ``094`` a code
    (docs/quality.md, "Open data")."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)
    writer.writerow(CSV_COLUMNS)
    writer.writerows(row(o) for o in sorted(orgs, key=lambda o: o.id))
    return out.getvalue()


# Excel reads a UTF-8 file without a byte-order mark in the computer's legacy code page: the
# Thai became mojibake. Every other reader (Python's utf-8-sig, LibreOffice, pandas) skips it.
BOM = "\ufeff"


def orgs_csv_file(orgs: list[Org]) -> str:
    """``data/orgs.csv`` as published: the table after a byte-order mark."""
    return BOM + orgs_csv(orgs)
