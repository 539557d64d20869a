"""``guidemap new``: write a valid starting profile from a few answers."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass

import yaml

from guidemap.contract import gazetteer
from guidemap.contract.model.profile import ID_PATTERN
from guidemap.contract.vocab import PRECISION, Label

SCHEMA_COMMENT = "# yaml-language-server: $schema=../plugins/guidemap/contract/data/org.schema.json\n"


@dataclass
class Answers:
    id: str
    name_th: str
    province: str
    focus: list[str]
    summary_th: str
    lat: float
    lon: float
    name_en: str = ""
    summary_en: str = ""
    district: str = ""
    precision: str = "district"


def check_answers(a: Answers, focus: Mapping[str, Label]) -> list[str]:
    """Plain-language problems with the answers, before anything is written (``focus``: the
    network's focus vocabulary)."""
    problems = []
    if not re.fullmatch(ID_PATTERN, a.id):
        problems.append("id: lowercase letters, digits and hyphens only / ใช้ a-z 0-9 และ - เท่านั้น")
    for p in gazetteer.resolve(a.province, a.district).problems:
        problems.append(f"{p.field}: {p.en} / {p.th}" + (f" → {p.hint}" if p.hint else ""))
    unknown = [f for f in a.focus if f not in focus]
    if unknown or not a.focus:
        problems.append(f"focus: use some of / เลือกจาก {', '.join(focus)}")
    if math.isnan(a.lat) or math.isnan(a.lon):
        problems.append("lat/lon: required / ต้องกรอกละติจูดและลองจิจูด")
    if a.precision not in PRECISION:
        problems.append(f"precision: one of / เลือกจาก {', '.join(PRECISION)}")
    return problems


def render(a: Answers, today: dt.date | None = None) -> str:
    """YAML text of the profile, with the schema comment editors use for completion."""
    place = gazetteer.resolve(a.province, a.district)
    assert place.province is not None and not place.problems
    data: dict[str, object] = {"id": a.id, "name": {"th": a.name_th}}
    if a.name_en:
        data["name"] = {"th": a.name_th, "en": a.name_en}
    data["province"] = place.province.name_th
    if place.district:
        data["district"] = place.district.name_th
    data["location"] = {"lat": a.lat, "lon": a.lon, "precision": a.precision}
    data["focus"] = list(a.focus)
    data["summary"] = {"th": a.summary_th, **({"en": a.summary_en} if a.summary_en else {})}
    data["updated"] = (today or dt.date.today()).isoformat()
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    return SCHEMA_COMMENT + body
