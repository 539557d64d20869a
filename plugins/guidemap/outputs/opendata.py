"""Open data: the public fields of every group as JSON and CSV, at stable URLs.

Only :meth:`Org.public_dict` goes out, so the location is the coarsened public one. Output is
byte-for-byte deterministic: sorted by id, sorted keys, no build time.
"""

from __future__ import annotations

import csv
import io
import json

from guidemap.contract.model import Org

CSV_COLUMNS = [
    "id", "name_th", "name_en", "province_code", "province_th", "province_en", "district_th",
    "district_en", "lat", "lon", "precision", "focus", "needs", "summary_th", "summary_en",
    "updated", "founded", "website", "facebook", "line", "email", "phone", "donate",
]


def orgs_json(orgs: list[Org]) -> str:
    # One group per line: a change to a profile shows as a one-line diff, and the encoder runs
    # in C (an indented dump goes through the pure-Python one, several times slower).
    records = ",\n".join(json.dumps(o.public_dict(), ensure_ascii=False, sort_keys=True)
                         for o in sorted(orgs, key=lambda o: o.id))
    return f'{{"count": {len(orgs)}, "orgs": [\n{records}\n], "version": 1}}\n'



# Columns holding contributors' free text; the others are normalized values we produced.
_FREE_TEXT = {CSV_COLUMNS.index(c) for c in ("name_th", "name_en", "summary_th", "summary_en")}


def _csv_safe(value: object) -> str:
    """Spreadsheet programs run cells that start with = + - @ as formulas: neutralize them."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def orgs_csv(orgs: list[Org]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for o in sorted(orgs, key=lambda o: o.id):
        c = o.contact
        row = [
            o.id, o.name.th, o.name.en, o.province.code, o.province.th, o.province.en,
            o.district.th if o.district else "", o.district.en if o.district else "",
            o.location.lat, o.location.lon, o.location.precision, " ".join(o.focus),
            " ".join(o.needs), o.summary.th, o.summary.en, o.updated.isoformat(), o.founded,
            c.website, c.facebook, c.line, c.email, c.phone, o.donate,
        ]
        writer.writerow([_csv_safe(v) if i in _FREE_TEXT else ("" if v is None else v)
                         for i, v in enumerate(row)])
    return out.getvalue()
