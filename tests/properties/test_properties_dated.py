"""Property tests of calls, events, campaigns and the network file (tests/dated_strategies.py),
with the properties profiles and stories have:

* only its own errors: broken and wrongly shaped files raise nothing, every problem names a file
  that was written, and every file is loaded or reported (nothing dropped in silence);
* the network file: each part is kept as written or reported, never replaced by a default;
* nothing lost: every valid call, event and campaign is in the model, and in its page and its
  open data where the selection rules show it;
* nothing active: hostile text in every field comes out inert in every output;
* no place finer than allowed: no coordinate finer than a group's precision, and no district
  named of a group that publishes only its province.
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path
from typing import Any
from unittest import mock

import geothai
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_properties_output import SITE, active_problems

from dated_strategies import dated_repository, network_expected, network_file, write_dated
from guidemap.contract import files
from guidemap.contract.load.repository import load_repository
from guidemap.outputs import registry
from guidemap.outputs.html.htmlkit import h, put_parts, render_parts
from guidemap.outputs.site import urls
from guidemap.outputs.site.selection import open_calls
from inert import on_grid
from strategies import HOSTILE_PIECES, broken_yaml, write_repo, yaml_text

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def _check_problems(root: Path, written: set[str]) -> None:
    """Every problem names one of the written files; every file is loaded or reported."""
    result = load_repository(root)
    reported = set()
    for p in result.problems.sorted():
        assert p.path in written, f"a problem names no file written: {p}"
        assert p.en and p.th, p
        assert "\n" not in p.field, f"a field name can forge report lines: {p.field!r}"
        reported.add(p.path)
    data = result.dataset
    sources = {o.source for o in data.orgs} | {c.source for c in data.calls} | {e.source for e in data.events}
    if "guidemap.yml" in written and not reported:
        sources.add("guidemap.yml")
    assert written <= reported | sources, f"dropped in silence: {written - reported - sources}"
    assert not (reported & sources), "a file with a problem was published"


_VALID_ORG = """\
id: g
name: กลุ่มทดสอบ
province: ปัตตานี
location: {lat: 6.86, lon: 101.25}
focus: [peace]
summary: ทดสอบ
updated: 2026-01-02
"""


@settings(max_examples=100)
@given(st.lists(st.tuples(st.sampled_from(["calls", "events"]), broken_yaml()), min_size=1, max_size=3))
def test_loader_reports_every_broken_call_and_event(found: list[tuple[str, bytes]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "orgs").mkdir()
        (root / "orgs" / "g.yml").write_text(_VALID_ORG, encoding="utf-8")
        written = {"orgs/g.yml"}
        for i, (folder, raw) in enumerate(found):
            (root / folder).mkdir(exist_ok=True)
            (root / folder / f"x{i}.yml").write_bytes(raw)
            written.add(f"{folder}/x{i}.yml")
        _check_problems(root, written)


# Well-formed YAML of the wrong shape: the fields of calls, events and campaigns with any value.
_KEYS = st.sampled_from(["title", "th", "en", "ms", "orgs", "description", "start", "end", "apply_by",
                         "skills", "languages", "min_age", "remote", "preparation", "background_check",
                         "safeguarding", "insured", "how_to_join", "venue", "name", "public", "province",
                         "lat", "lon", "url", "updated", "kind", "attendance", "online_url", "status",
                         "repeat", "campaigns", "goal", "groups", "\n[x]: forged", "ชื่อ"])
_SCALARS = st.one_of(st.sampled_from(HOSTILE_PIECES), st.text(max_size=12), st.none(),
                     st.sampled_from(["g", "ปัตตานี", "yes", "no", "meeting", "2569-01-10 09:00",
                                      "3112-01-10", "1483-02-14", "2026-13-40", "081.234.5678",
                                      "(073) 312-222", "1669", "https://example.org", "javascript:x",
                                      "6.86", "101.25", "25:00", "๑๐/๑/๒๕๖๙"]))
_SHAPES = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=4)
                       | st.dictionaries(_KEYS, inner, max_size=6), max_leaves=25)


@settings(max_examples=150)
@given(st.dictionaries(_KEYS, _SHAPES, max_size=14), st.sampled_from(["calls", "events", "orgs"]),
       st.booleans())
def test_validator_reports_wrong_dated_shapes(data: dict[str, Any], folder: str, both: bool) -> None:
    """Calls, events and a profile's campaigns; ``both``: the same id with both suffixes."""
    text = yaml_text(data).encode("utf-8", "surrogatepass")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "orgs").mkdir()
        (root / "orgs" / "g.yml").write_text(_VALID_ORG, encoding="utf-8")
        written = {"orgs/g.yml"}
        if folder == "orgs":  # campaigns of a profile
            campaign = {**_VALID_ORG_DATA, "id": "h", "campaigns": data}
            text = yaml_text(campaign).encode("utf-8", "surrogatepass")
        (root / folder).mkdir(exist_ok=True)
        name = "h" if folder == "orgs" else "x"
        (root / folder / f"{name}.yml").write_bytes(text)
        written.add(f"{folder}/{name}.yml")
        if both:
            (root / folder / f"{name}.yaml").write_bytes(text)
            written.add(f"{folder}/{name}.yaml")
        _check_problems(root, written)


_VALID_ORG_DATA = {"id": "g", "name": "กลุ่มทดสอบ", "province": "ปัตตานี",
                   "location": {"lat": "6.86", "lon": "101.25"}, "focus": ["peace"], "summary": "ทดสอบ",
                   "updated": "2026-01-02"}


# --- the network file ------------------------------------------------------------------------------


@settings(max_examples=200)
@given(network_file() | st.dictionaries(_KEYS, _SHAPES, max_size=6))
def test_the_network_file_keeps_every_part_or_reports_it(data: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "orgs").mkdir()
        (root / "guidemap.yml").write_text(yaml_text(data), encoding="utf-8")
        result = load_repository(root)
        assert all(p.path == "guidemap.yml" for p in result.problems.items), result.problems.report()
        if result.problems:
            return
        provinces, languages = network_expected(data) if "languages" not in data or isinstance(
            data["languages"], list) else (None, None)
        if provinces is not None:
            assert result.network.provinces == provinces
        if languages is not None:
            assert result.network.languages == languages


@settings(max_examples=60)
@given(broken_yaml())
def test_a_broken_network_file_is_reported(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "orgs").mkdir()
        (root / "guidemap.yml").write_bytes(raw)
        _check_problems(root, {"guidemap.yml"})


# --- outputs ---------------------------------------------------------------------------------------


class BuiltDated:
    """The outputs of a repository with calls, events and campaigns, as the site publishes them."""

    def __init__(self, repo: dict[str, Any]) -> None:
        with tempfile.TemporaryDirectory() as tmp, mock.patch.object(files, "check_inline_images"):
            root = write_repo(Path(tmp), repo["orgs"])
            write_dated(root, repo)
            result = load_repository(root)
            assert not result.problems, result.problems.report()  # nothing valid is refused
            self.data = result.dataset
            self.out = registry.site_outputs(self.data, SITE)
        self.pages = {p.url: p for p in self.out.pages}
        self.html = {url: put_parts(p.html, render_parts(None, p.parts, "")) for url, p in self.pages.items()}
        self.heads = {url: p.head for url, p in self.pages.items()}
        self.files = self.out.files

    def text(self, path: str) -> str:
        value = self.files[path]
        return value.decode("utf-8") if isinstance(value, bytes) else value

    def everything(self) -> str:
        texts = [*self.html.values(), *self.heads.values(),
                 *(p.search_text or "" for p in self.pages.values())]
        for value in self.files.values():
            try:
                texts.append(value.decode("utf-8") if isinstance(value, bytes) else value)
            except UnicodeDecodeError:
                continue
        return "\n".join(texts)


@settings(max_examples=30)
@given(dated_repository())
def test_dated_nothing_lost(repo: dict[str, Any]) -> None:
    built = BuiltDated(repo)
    calls = {c.id: c for c in built.data.calls}
    events = {e.id: e for e in built.data.events}
    assert sorted(calls) == sorted(e["id"] for e in repo["calls"])
    assert sorted(events) == sorted(e["id"] for e in repo["events"])
    orgs = {o.id: o for o in built.data.orgs}
    for o in repo["orgs"]:
        assert len(orgs[o["id"]].campaigns) == len(o["raw"].get("campaigns", []))
    for e in repo["calls"]:
        call = calls[e["id"]]
        assert call.title.th == e["title"] and call.orgs == tuple(e["orgs"])
        assert (call.start.day if call.start else None) == e["start"]
    shown = {c.id for c in open_calls(list(calls.values()), SITE.today)}
    assert {r["id"] for r in json.loads(built.text(urls.DATA_CALLS))} == shown
    for call_id in shown:
        assert h(calls[call_id].title.th or "") in built.html[urls.VOLUNTEER], call_id
    for e in repo["events"]:
        event = events[e["id"]]
        assert event.title.th == e["title"] and event.start is not None and event.start.day == e["start"]
        assert h(e["title"]) in built.html[urls.event(event.id)]


@settings(max_examples=30)
@given(dated_repository(hostile=True))
def test_dated_nothing_active(repo: dict[str, Any]) -> None:
    built = BuiltDated(repo)
    assert len(built.data.calls) == len(repo["calls"]) and len(built.data.events) == len(repo["events"])
    problems = active_problems(built)  # type: ignore[arg-type]
    assert not problems, "\n".join(problems[:20])


def _district_names(code: str | None, province: str, district: str | None) -> set[str]:
    found = geothai.province(code) if code else None
    for d in geothai.districts(found.code if found else "") if found else ():
        if d.name_th == district:
            return {d.name_th, d.name_en}
    return {district} if district else set()


@settings(max_examples=30)
@given(dated_repository())
def test_dated_no_place_finer_than_allowed(repo: dict[str, Any]) -> None:
    built = BuiltDated(repo)
    orgs = {o.id: o for o in built.data.orgs}
    for entry in [*built.data.calls, *built.data.events]:
        host = orgs[entry.orgs[0]]
        if entry.venue is None or entry.venue.location is None:  # the group's, at its precision
            assert on_grid(entry.location.lat, host.location.precision), entry
            assert on_grid(entry.location.lon, host.location.precision), entry
    blob = built.everything()
    # What contributors wrote anywhere but a district field may name a district by chance.
    written = "\n".join(yaml_text({k: v for k, v in o["raw"].items() if k != "district"})
                        for o in repo["orgs"]) + "\n".join(yaml_text(e["raw"])
                                                            for e in [*repo["calls"], *repo["events"]])
    public = {n for o in orgs.values() if o.district for n in (o.district.th, o.district.en)}
    for o in repo["orgs"]:
        if o["precision"] != "province" or not o["raw"].get("district"):
            continue
        assert orgs[o["id"]].district is None
        for name in _district_names(o["province_code"], o["raw"]["province"], o["raw"]["district"]) - public:
            if name and name not in written and len(name) > 3:
                assert not re.search(re.escape(name), blob), f"{o['id']}: district {name} published"
