"""Public locations: coarsened to the group's precision, and the raw point never leaves."""

from __future__ import annotations

import dataclasses
import random
from decimal import Decimal
from pathlib import Path

import pytest

from guidemap.contract.load.repository import load_repository
from guidemap.contract.location import GRID, LAT_RANGE, LON_RANGE, PublicLocation, coarsen, snap
from guidemap.contract.model.profile import PROFILE
from guidemap.contract.vocab import DEFAULT_PRECISION, PRECISION

DECIMALS = {"exact": 4, "subdistrict": 2, "district": 2, "province": 1}


def _points(n: int = 400, seed: int = 20180724) -> list[tuple[float, float]]:
    rng = random.Random(seed)
    points = [(rng.uniform(*LAT_RANGE), rng.uniform(*LON_RANGE)) for _ in range(n)]
    # and the deep south, where the groups are, with many decimals
    points += [(rng.uniform(5.6, 7.0), rng.uniform(100.8, 102.1)) for _ in range(n)]
    # values on or next to half-steps, where rounding goes wrong first
    points += [(6.825, 101.275), (6.875, 101.225), (6.85, 101.25), (6.1, 101.3), (6.30000001, 101.1)]
    return points


def _decimals(value: float) -> int:
    exponent = Decimal(repr(value)).as_tuple().exponent
    assert isinstance(exponent, int)
    return max(0, -exponent)


def test_every_precision_has_a_grid() -> None:
    assert set(GRID) == set(PRECISION) == set(DECIMALS)
    assert DEFAULT_PRECISION == "district"


@pytest.mark.parametrize("precision", list(GRID))
def test_coarsen_stays_on_the_grid_and_within_half_a_step(precision: str) -> None:
    step = GRID[precision]
    for lat, lon in _points():
        public = coarsen(lat, lon, precision)
        assert public.precision == precision
        for raw, value in ((lat, public.lat), (lon, public.lon)):
            assert _decimals(value) <= DECIMALS[precision], (raw, value)
            assert Decimal(repr(value)) % step == 0, (raw, value)  # a multiple of the step
            assert abs(Decimal(repr(value)) - Decimal(repr(raw))) <= step / 2, (raw, value)


@pytest.mark.parametrize("precision", list(GRID))
def test_coarsen_is_idempotent(precision: str) -> None:
    for lat, lon in _points(100):
        once = coarsen(lat, lon, precision)
        assert coarsen(once.lat, once.lon, precision) == once


def test_exact_moves_the_point_little_and_province_at_most_half_its_step() -> None:
    for lat, lon in _points(200):
        moved = [abs(coarsen(lat, lon, p).lat - lat) for p in ("exact", "subdistrict", "province")]
        assert moved[0] <= 0.00005 + 1e-12
        assert max(moved) <= 0.1 + 1e-12


@pytest.mark.parametrize(("value", "precision", "expected"), [
    (6.869712345, "exact", 6.8697),
    (6.869712345, "subdistrict", 6.87),
    (6.869712345, "district", 6.85),
    (6.869712345, "province", 6.8),
    (101.250187654, "district", 101.25),
    (101.29, "district", 101.3),
    (6.875, "district", 6.9),  # half-way goes to the even multiple (6.90 = 138 x 0.05)
    (6.825, "district", 6.8),  # 6.825 = 136.5 x 0.05 -> 136
    (6.1, "province", 6.0),  # 6.1 = 30.5 x 0.2 -> 30 (decimal arithmetic, not binary)
    (6.3, "province", 6.4),  # 31.5 -> 32
])
def test_snap_examples(value: float, precision: str, expected: float) -> None:
    assert snap(value, GRID[precision]) == expected
    assert repr(snap(value, GRID[precision])) == repr(expected)


GOOD = """\
id: {id}
name: กลุ่มทดสอบ
province: ปัตตานี
location:
  lat: 6.869712345
  lon: 101.250187654
{precision}focus: [marine]
summary: ทดสอบ
updated: 2024-03-01
"""


def _repo(tmp_path: Path) -> Path:
    (tmp_path / "orgs").mkdir()
    for precision in (*GRID, None):
        org_id = precision or "default"
        line = f"  precision: {precision}\n" if precision else ""
        (tmp_path / "orgs" / f"{org_id}.yml").write_text(GOOD.format(id=org_id, precision=line),
                                                        encoding="utf-8")
    return tmp_path


def _all_values(obj: object) -> list[object]:
    """Every leaf value reachable from a model object (dataclasses, tuples, dicts)."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return [v for f in dataclasses.fields(obj) for v in _all_values(getattr(obj, f.name))]
    if isinstance(obj, dict):
        return [v for item in obj.items() for v in _all_values(item)]
    if isinstance(obj, (list, tuple)):
        return [v for item in obj for v in _all_values(item)]
    return [obj]


def test_the_model_carries_only_the_coarsened_location(tmp_path: Path) -> None:
    result = load_repository(_repo(tmp_path))
    assert not result.problems, result.problems.report()
    orgs = {o.id: o for o in result.dataset.orgs}
    assert set(orgs) == {*GRID, "default"}
    for org_id, org in orgs.items():
        precision = DEFAULT_PRECISION if org_id == "default" else org_id
        assert org.location == coarsen(6.869712345, 101.250187654, precision)
        assert isinstance(org.location, PublicLocation)
        leaves = _all_values(org) + _all_values(PROFILE.public_record(org))
        assert 6.869712345 not in leaves and 101.250187654 not in leaves
        assert "6.869712345" not in repr(org) and "6.8697123" not in repr(PROFILE.public_record(org))
        assert PROFILE.public_record(org)["location"] == {"lat": org.location.lat, "lon": org.location.lon,
                                                 "precision": precision}
    assert (orgs["default"].location.lat, orgs["default"].location.lon) == (6.85, 101.25)
    assert (orgs["exact"].location.lat, orgs["exact"].location.lon) == (6.8697, 101.2502)
    assert (orgs["province"].location.lat, orgs["province"].location.lon) == (6.8, 101.2)


def test_the_org_model_has_no_raw_coordinate_field() -> None:
    from guidemap.contract.model.types import Org

    names = {f.name for f in dataclasses.fields(Org)}
    assert "location" in names
    assert not names & {"lat", "lon", "latitude", "longitude", "raw_location", "coordinates"}
    location_type = next(f.type for f in dataclasses.fields(Org) if f.name == "location")
    assert location_type in (PublicLocation, "PublicLocation")
