"""Provinces and districts of Thailand, checked against the geothai gazetteer.

Contributors may write a province as its Thai name, English name or two-digit code, and a
district in Thai or English, with or without the words จังหวัด/อำเภอ (or จ./อ., Changwat,
Province, Amphoe, Amphur, District). Common variants are read too: the older RTGS "Muang" for
"Mueang", "Mueang <province>" with any name of the province for its capital district, and the
Malay and older names listed in ``data/place-aliases.yml``. The stored value is the gazetteer's
own record, so spellings are normalized; a name still not found gets a did-you-mean hint.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import geothai
from geothai.types import District, Province

from guidemap.contract.problems import did_you_mean
from guidemap.contract.thai import arabic_digits
from guidemap.contract.yamlsafe import parse

ALIASES_PATH = Path(__file__).parent / "data" / "place-aliases.yml"

_PROVINCE_PREFIX = re.compile(r"^(จังหวัด|จ\.\s*|changwat\s+|province of\s+)", re.IGNORECASE)
# "Amphur" and "Amphor" are older spellings of อำเภอ, still on many signs and letterheads.
_DISTRICT_PREFIX = re.compile(r"^(อำเภอ|อ\.\s*|เขต|(amphoe|amphur|amphor|district)\s+)", re.IGNORECASE)
_DISTRICT_SUFFIX = re.compile(r"\s+district$", re.IGNORECASE)
_PROVINCE_SUFFIX = re.compile(r"\s+province$", re.IGNORECASE)
# The RTGS revision of 1999 spells เมือง "Mueang"; older signs, maps and addresses say "Muang"
# (or "Meuang").
_OLD_MUEANG = re.compile(r"\b(muang|meuang)\b", re.IGNORECASE)
_CAPITAL = ("เมือง", "mueang")
_MARKS = re.compile(r"[\s.'\-]")
_LEVEL_WORD = re.compile(r"^(จังหวัด|อำเภอ|กิ่งอำเภอ|เขต)")


def name_key(text: str) -> str:
    """One form for comparing names, the gazetteer's own rule (geothai compares names so):
    letter case, spaces, dots, hyphens and apostrophes do not matter, nor a leading word for
    the level (Bangkok's districts are named "เขต..." in Thai)."""
    return _LEVEL_WORD.sub("", _MARKS.sub("", text).casefold())


def _keys(text: str) -> list[str]:
    """The keys to look ``text`` up by: as written, then with "Muang" read as "Mueang" (a
    name that really is "Muang ...", such as Muang Sam Sip, is still found as written)."""
    keys = [name_key(text)]
    modern = _OLD_MUEANG.sub("Mueang", text)
    if modern != text:
        keys.append(name_key(modern))
    return [k for k in dict.fromkeys(keys) if k]


@cache
def _aliases() -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """The alias table as written: province alias → code, and per province code, district
    alias → district code."""
    data = parse(ALIASES_PATH.read_text(encoding="utf-8")).data
    return dict(data["provinces"]), {prov: dict(names) for prov, names in data["districts"].items()}


@cache
def _province_index() -> dict[str, Province]:
    by_code = {p.code: p for p in geothai.provinces()}
    index = {name_key(alias): by_code[code] for alias, code in _aliases()[0].items()}
    for p in geothai.provinces():  # the gazetteer's own names win over any alias
        for name in (p.code, p.name_th, p.name_en):
            index[name_key(name)] = p
    return index


def province_names(province: Province) -> list[str]:
    """Every key the province is known by: its code, Thai and English names and its aliases."""
    return [k for k, p in _province_index().items() if p.code == province.code]


def find_province(text: str) -> Province | None:
    value = _PROVINCE_SUFFIX.sub("", _PROVINCE_PREFIX.sub("", arabic_digits(text.strip())))
    index = _province_index()
    return next((index[k] for k in _keys(value) if k in index), None)


def province_suggestion(text: str) -> str:
    """The gazetteer's name of the province ``text`` looks like a typo of (a typo of an alias
    suggests the province's own name), or ''."""
    by_code = {p.code: p for p in geothai.provinces()}
    names = {n: n for p in by_code.values() for n in (p.name_th, p.name_en)}
    names |= {alias: by_code[code].name_en for alias, code in _aliases()[0].items()}
    value = _PROVINCE_SUFFIX.sub("", _PROVINCE_PREFIX.sub("", text.strip()))
    return names.get(did_you_mean(value, names), "")


@cache
def _district_index(province_code: str) -> dict[str, District]:
    options = geothai.districts(province_code)
    by_code = {d.code: d for d in options}
    index: dict[str, District] = {}
    for alias, code in _aliases()[1].get(province_code, {}).items():
        index[name_key(alias)] = by_code[code]
    capital = next((d for d in options if d.code.endswith("01")), None)
    if capital is not None and province_code != "10":  # Bangkok has no capital district
        # "เมือง"/"Mueang" alone, or followed by any name of the province, is its capital.
        province = next(p for p in geothai.provinces() if p.code == province_code)
        for word in _CAPITAL:
            index[word] = capital
            for name in province_names(province):
                if not name.isdigit():
                    index[word + name] = capital
    for d in options:  # the gazetteer's own names win
        for name in (d.name_th, d.name_en):
            index[name_key(name)] = d
    return index


def find_district(province: Province, text: str) -> District | None:
    value = _DISTRICT_SUFFIX.sub("", _DISTRICT_PREFIX.sub("", text.strip()))
    index = _district_index(province.code)
    return next((index[k] for k in _keys(value) if k in index), None)


def districts_of(province: Province) -> list[District]:
    return geothai.districts(province.code)


def district_suggestion(province: Province, text: str) -> str:
    """Like :func:`province_suggestion`, among the districts of ``province``."""
    by_code = {d.code: d for d in geothai.districts(province.code)}
    names = {n: n for d in by_code.values() for n in (d.name_th, d.name_en)}
    names |= {alias: by_code[code].name_en for alias, code in _aliases()[1].get(province.code, {}).items()}
    value = _OLD_MUEANG.sub("Mueang", _DISTRICT_SUFFIX.sub("", _DISTRICT_PREFIX.sub("", text.strip())))
    return names.get(did_you_mean(value, names), "")


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
