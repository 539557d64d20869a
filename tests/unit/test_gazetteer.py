"""Place names as people write them: romanisation variants, level words and Malay names are
read as the gazetteer's (geothai) names; real typos still get a did-you-mean hint."""

from __future__ import annotations

from pathlib import Path

import geothai
import pytest

from guidemap.contract import gazetteer
from guidemap.contract.load.repository import load_repository
from guidemap.contract.yamlsafe import parse

CASES = Path(__file__).parents[1] / "cases" / "orgs"
VARIANTS = CASES / "good-place-name-variants"


def variant_rows() -> list[list[str]]:
    lines = (VARIANTS / "variants.tsv").read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line and not line.startswith("#")]


def test_the_variants_case_validates_and_stores_the_gazetteers_names() -> None:
    result = load_repository(VARIANTS)
    assert not result.problems, result.problems.report()
    orgs = {o.id: o for o in result.dataset.orgs}
    rows = variant_rows()
    assert sorted(orgs) == sorted(r[0] for r in rows)  # every profile has its line, and back
    for stem, province, district, want_province, want_district in rows:
        written = parse((VARIANTS / "orgs" / f"{stem}.yml").read_text(encoding="utf-8")).data
        assert (written["province"], written["district"]) == (province, district), stem
        org = orgs[stem]
        assert org.province.en == want_province, stem
        assert org.district is not None and org.district.en == want_district, stem
        # The stored record is the gazetteer's own, Thai name and code included.
        record = geothai.district(org.district.code)
        assert record is not None and (record.name_th, record.name_en) == (org.district.th, want_district)


@pytest.mark.parametrize(("province", "district", "want"), [
    ("จ. ปัตตานี", "อ. เมือง", "9401"),
    ("๙๔", "Amphur Mueang Pattani", "9401"),
    ("Pattani Province", "Mueang Pattani District", "9401"),
    ("province of Patani", "MUANG  PATANI", "9401"),
    ("Yala", "Muang Jala", "9501"),
    ("Narathiwat", "Su-ngai Kolok", "9610"),
    ("Narathiwat", "Sungai Kolok", "9610"),  # the hyphen does not matter
    # A real district called "Muang ..." is found as written, not read as "Mueang ...".
    ("Ubon Ratchathani", "Muang Sam Sip", "3414"),
])
def test_variants_resolve_to_the_gazetteers_district(province: str, district: str, want: str) -> None:
    place = gazetteer.resolve(province, district)
    assert place.problems == () and place.district is not None
    assert place.district.code == want


def test_bangkok_has_no_capital_district() -> None:
    assert gazetteer.resolve("Bangkok", "Mueang").district is None


@pytest.mark.parametrize(("province", "district", "hint"), [
    ("Pattanni", None, "'Pattani'"),
    ("Singgorra", None, "'Songkhla'"),  # a typo of a Malay name suggests the gazetteer's name
    ("Narathivat", None, "'Narathiwat'"),
    ("Patani", "Muang Patanni", "'Mueang Pattani'"),
    ("Menara", "Tabbal", "'Tak Bai'"),
])
def test_typos_are_refused_with_a_suggestion(province: str, district: str | None, hint: str) -> None:
    place = gazetteer.resolve(province, district)
    assert len(place.problems) == 1
    assert place.problems[0].hint.startswith(f"did you mean / หมายถึง {hint}?")


def test_the_alias_table_is_sound() -> None:
    """Every alias names a real area, shadows no other area's name at its level, and says
    where it comes from."""
    data = parse(gazetteer.ALIASES_PATH.read_text(encoding="utf-8")).data
    provinces = {p.code: p for p in geothai.provinces()}
    names = {gazetteer.name_key(n): p.code for p in provinces.values() for n in (p.name_th, p.name_en)}
    for alias, code in data["provinces"].items():
        assert code in provinces, alias
        assert names.get(gazetteer.name_key(alias), code) == code, alias
        assert gazetteer.find_province(alias) == provinces[code]
    for province_code, aliases in data["districts"].items():
        districts = {d.code: d for d in geothai.districts(province_code)}
        own = {gazetteer.name_key(n): d.code for d in districts.values() for n in (d.name_th, d.name_en)}
        for alias, code in aliases.items():
            assert code in districts, alias
            assert own.get(gazetteer.name_key(alias), code) == code, alias
            assert gazetteer.find_district(provinces[province_code], alias) == districts[code]
    for line in gazetteer.ALIASES_PATH.read_text(encoding="utf-8").splitlines():
        entry = line.strip()
        if entry and not entry.startswith("#") and not entry.endswith(":"):  # not a section
            assert "#" in entry, f"alias without a source: {entry}"
