"""Provinces and districts of Thailand, checked against the geothai gazetteer.

Contributors may write a province as its Thai name, English name or two-digit code, and a
district in Thai or English, with or without the words จังหวัด/อำเภอ (or จ./อ.). The stored
value is the gazetteer's own record, so spellings are normalized.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import geothai
from geothai.types import District, Province

from guidemap.contract.problems import did_you_mean
from guidemap.contract.thai import arabic_digits

_PROVINCE_PREFIX = re.compile(r"^(จังหวัด|จ\.\s*|changwat\s+|province of\s+)", re.IGNORECASE)
_DISTRICT_PREFIX = re.compile(r"^(อำเภอ|อ\.\s*|เขต|amphoe\s+|district\s+)", re.IGNORECASE)
_DISTRICT_SUFFIX = re.compile(r"\s+district$", re.IGNORECASE)
_PROVINCE_SUFFIX = re.compile(r"\s+province$", re.IGNORECASE)


def _key(text: str) -> str:
    return re.sub(r"[\s\-']", "", text).casefold()


@cache
def _province_index() -> dict[str, Province]:
    index: dict[str, Province] = {}
    for p in geothai.provinces():
        for name in (p.code, p.name_th, p.name_en):
            index[_key(name)] = p
    return index


def find_province(text: str) -> Province | None:
    value = _PROVINCE_SUFFIX.sub("", _PROVINCE_PREFIX.sub("", arabic_digits(text.strip())))
    return _province_index().get(_key(value))


def province_suggestion(text: str) -> str:
    names = [n for p in geothai.provinces() for n in (p.name_th, p.name_en)]
    return did_you_mean(_PROVINCE_PREFIX.sub("", text.strip()), names)


def find_district(province: Province, text: str) -> District | None:
    value = _DISTRICT_SUFFIX.sub("", _DISTRICT_PREFIX.sub("", text.strip()))
    key = _key(value)
    options = geothai.districts(province.code)
    for d in options:
        # Bangkok's district names start with "เขต", which is stripped from the text as a prefix:
        # compare without it on both sides (found by fuzzing, tests/test_properties_output.py).
        if key in (_key(d.name_th), _key(d.name_en), _key(_DISTRICT_PREFIX.sub("", d.name_th))):
            return d
    # "เมือง"/"Mueang" alone means the capital district of the province.
    if key in ("เมือง", "mueang", "muang"):
        return next((d for d in options if d.code.endswith("01")), None)
    if key in (_key("เมือง" + province.name_th), _key("Mueang " + province.name_en)):
        return next((d for d in options if d.code.endswith("01")), None)
    return None


def districts_of(province: Province) -> list[District]:
    return geothai.districts(province.code)


def district_suggestion(province: Province, text: str) -> str:
    names = [n for d in geothai.districts(province.code) for n in (d.name_th, d.name_en)]
    return did_you_mean(_DISTRICT_PREFIX.sub("", text.strip()), names)


@dataclass(frozen=True)
class PlaceProblem:
    field: str  # "province" or "district": the profile field at fault
    en: str
    th: str
    hint: str = ""


@dataclass(frozen=True)
class Place:
    """A province and district as written, looked up once for the validator, ``guidemap new``
    and the issue form: the gazetteer's records, or the problems with a hint each."""

    province: Province | None
    district: District | None
    problems: tuple[PlaceProblem, ...] = ()


def resolve(province_text: str | None, district_text: str | None = None) -> Place:
    """Look up a province and (optionally) a district of it; ``None`` means "not given"."""
    if province_text is None:
        return Place(None, None)
    province = find_province(province_text)
    if province is None:
        guess = province_suggestion(province_text)
        return Place(None, None, (PlaceProblem(
            "province", f"unknown province {province_text!r}", f"ไม่รู้จักจังหวัด {province_text!r}",
            f"did you mean / หมายถึง {guess!r}?" if guess else "e.g. ปัตตานี, Yala, 96"),))
    if not district_text:
        return Place(province, None)
    district = find_district(province, district_text)
    if district is not None:
        return Place(province, district)
    guess = district_suggestion(province, district_text)
    names = ", ".join(d.name_th for d in districts_of(province))
    hint = (f"did you mean / หมายถึง {guess!r}? " if guess else "") + \
        f"districts of {province.name_en} / อำเภอของจังหวัด{province.name_th}: {names}"
    return Place(province, None, (PlaceProblem(
        "district", f"{district_text!r} is not a district of {province.name_en}",
        f"{district_text!r} ไม่ใช่อำเภอของจังหวัด{province.name_th}", hint),))
