"""Property tests: the open data's faster paths give exactly what their plain definitions give.

``orgs.json``, ``orgs.csv`` and the map's GeoJSON are made for every group of every build, so
each reads the field declarations once into a plan (``PROFILE.public_record``, ``opendata.row``,
``geodata.feature``) instead of walking every declared field for every group. A plan that
drifted from the declarations would change the published files, so each is compared with the
plain definition on generated profiles that fill every exported field (contacts of every
kind, offers, a donation page, campaigns), and ``json_value``'s shortcut by type with its plain
definition (kept here) on values of every kind the model holds.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guidemap.contract.load.repository import load_repository
from guidemap.contract.model.fields import json_value
from guidemap.contract.model.profile import PROFILE
from guidemap.contract.model.types import Campaign, LText, Org, When
from guidemap.contract.vocab import DEFAULT_NEEDS
from guidemap.outputs.map import geodata
from guidemap.outputs.opendata import orgs as opendata
from strategies import plain_text, profiles, thai_text, write_repo

_CONTACTS = {
    "website": st.just("https://example.org/a/"), "email": st.just("office@example.org"),
    "phone": st.sampled_from(["073-312-222", "1669"]),
    "facebook": st.sampled_from(["@ban.rak", "https://www.facebook.com/banrak"]),
    "line": st.just("@banrakthale"), "instagram": st.just("ban_rak"), "youtube": st.just("banrak"),
    "tiktok": st.just("@banrak"),
}


@st.composite
def _campaign(draw: st.DrawFn) -> dict[str, Any]:
    end = draw(st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31)))
    item: dict[str, Any] = {"title": {"th": draw(thai_text(40))}, "url": "https://taejai.com/c/1",
                            "end": end.isoformat()}
    if draw(st.booleans()):
        item["title"]["en"] = draw(plain_text(40))
    if draw(st.booleans()):
        item["goal"] = draw(st.integers(1, 10_000_000))
    if draw(st.booleans()):
        item["start"] = (end - dt.timedelta(days=draw(st.integers(0, 300)))).isoformat()
    return item


@st.composite
def _profiles(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Generated profiles, with the exported fields the shared strategy leaves out or fills whole."""
    found = draw(profiles(1, 4))
    for p in found:
        raw = p["raw"]
        # Text a spreadsheet would run as a formula: the CSV's free-text cells neutralize it.
        raw["name"]["th"] = draw(st.sampled_from(["", "=", "+", "-", "@"])) + raw["name"]["th"]
        if "en" in raw["summary"]:
            raw["summary"]["en"] = draw(st.sampled_from(["", "=1+1 ", "@x "])) + raw["summary"]["en"]
        if draw(st.booleans()):  # any set of contacts, or none
            names = draw(st.lists(st.sampled_from(sorted(_CONTACTS)), unique=True))
            raw["contact"] = {n: draw(_CONTACTS[n]) for n in names} if names else raw.get("contact", {})
            raw["contact"] = raw["contact"] or {"email": "office@example.org"}
        if draw(st.booleans()):
            raw["offers"] = draw(st.lists(st.sampled_from(sorted(DEFAULT_NEEDS)), min_size=1, max_size=3,
                                          unique=True))
        if draw(st.booleans()):
            raw["donate"] = "https://taejai.com/d/1"
        if draw(st.booleans()):
            raw["campaigns"] = draw(st.lists(_campaign(), min_size=1, max_size=3))
    return found


def _orgs(found: list[dict[str, Any]]) -> tuple[Org, ...]:
    with tempfile.TemporaryDirectory() as tmp:
        result = load_repository(write_repo(Path(tmp), found))
    assert not result.problems, result.problems.report()
    return tuple(result.dataset.orgs)


_SLOW = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SLOW
@given(_profiles())
def test_open_data_plans_give_the_plain_definitions(found: list[dict[str, Any]]) -> None:
    for org in _orgs(found):
        assert PROFILE.public_record(org) == PROFILE.public_record_plain(org)
        # The same order of keys too: orgs.json sorts them, but the GeoJSON keeps the order.
        assert list(PROFILE.public_record(org)) == list(PROFILE.public_record_plain(org))
        assert opendata.row(org) == opendata.row_plain(org)
        assert [type(c) for c in opendata.row(org)] == [type(c) for c in opendata.row_plain(org)]
        fast, plain = geodata.feature(org), geodata.feature_plain(org)
        assert fast == plain and list(fast["properties"]) == list(plain["properties"])


def _json_value_plain(value: Any) -> Any:
    """``json_value`` as it was defined, before its shortcut by type."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, When):
        return value.iso()
    if isinstance(value, tuple):
        return [_json_value_plain(v) for v in value]
    if isinstance(value, LText):
        return value.as_dict()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _json_value_plain(getattr(value, f.name)) for f in dataclasses.fields(value)
                if getattr(value, f.name) not in (None, "")}
    return value


class _Text(str):
    """A subclass of a plain type (an enum's value would be one): never taken for a record."""


_TEXT = st.text(max_size=8)
_LTEXT = st.builds(LText, st.none() | _TEXT, st.none() | _TEXT,
                   st.lists(st.tuples(st.sampled_from(["ms", "ms-Arab"]), _TEXT), max_size=2).map(tuple))
_WHEN = st.builds(When, st.dates(), st.none() | st.times())
_CAMPAIGN = st.builds(Campaign, _LTEXT, _TEXT, st.dates(), st.none() | st.integers(), st.none() | st.dates(),
                      st.lists(_TEXT, max_size=2).map(tuple))
_LEAVES = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), _TEXT,
                    _TEXT.map(_Text), st.dates(), st.datetimes(), _LTEXT, _WHEN, _CAMPAIGN)
_VALUES = st.recursive(_LEAVES, lambda inner: st.lists(inner, max_size=3).map(tuple), max_leaves=8)


@given(_VALUES)
def test_json_value_is_its_plain_definition(value: Any) -> None:
    fast, plain = json_value(value), _json_value_plain(value)
    assert fast == plain and type(fast) is type(plain)
