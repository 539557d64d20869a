"""Calls for volunteers and network events: what the valid case normalizes to, the public
position rule, and expiry by the build date (the bad-input cases are folders in tests/cases/)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from guidemap.contract.load.repository import load_repository
from guidemap.contract.location import coarsen
from guidemap.contract.model.types import THAI_TIME, When

CASES = Path(__file__).parents[1] / "cases" / "orgs"


def test_good_call_is_normalized() -> None:
    result = load_repository(CASES / "dated-good")
    assert not result.problems, result.problems.report()
    (call,) = result.dataset.calls
    (org,) = result.dataset.orgs
    assert call.id == "beach-clean" and call.source == "calls/beach-clean.yml"
    assert call.title.as_dict() == {"th": "อาสาเก็บขยะชายหาดวันเสาร์", "en": "Saturday beach clean-up"}
    # ๒๕๖๙-๐๑-๑๐ ๙.๓๐ น.: Thai digits, Buddhist Era, a Thai way of writing the time.
    assert call.start == When(dt.date(2026, 1, 10), dt.time(9, 30))
    assert call.start.at() == dt.datetime(2026, 1, 10, 2, 30, tzinfo=dt.timezone.utc)
    assert call.start.at().tzinfo is THAI_TIME
    assert call.end == When(dt.date(2026, 1, 10), dt.time(16, 0))
    assert call.apply_by == dt.date(2026, 1, 5)  # 5/1/2569
    assert call.min_age == 16  # "๑๖"
    assert call.languages == ("th", "ms")
    assert [s.as_dict() for s in call.skills] == [{"th": "ว่ายน้ำเป็น"}, {"en": "Photography"}]
    assert (call.remote, call.background_check, call.insured) == ("no", False, True)
    assert call.updated == dt.date(2025, 12, 20)
    # No public venue: the call is shown where its group is, at the group's precision.
    assert call.location == org.location and call.province == org.province


def test_public_venue_and_private_place() -> None:
    events = {e.id: e for e in load_repository(CASES / "dated-good").dataset.events}
    open_day = events["open-day"]
    assert open_day.venue is not None and open_day.venue.name.th == "ศูนย์ชุมชนบ้านแหลม"
    assert open_day.location == coarsen(6.5412, 101.2803, "exact")  # marked public by its organiser
    assert open_day.province.code == "95"  # the venue's province (Yala), not the group's
    assert (open_day.start, open_day.end) == (When(dt.date(2026, 2, 14)), When(dt.date(2026, 2, 15)))
    assert open_day.attendance == "mixed" and not open_day.cancelled
    private = events["private-place"]
    org = load_repository(CASES / "dated-good").dataset.orgs[0]
    # A place not marked public is never published, by name or position: the group's public
    # location (coarsened to its precision) is used, never the raw coordinates written.
    assert private.venue is None
    assert private.location == org.location != coarsen(6.8697, 101.2501, "exact")
    assert private.cancelled


def test_expiry_follows_the_build_date() -> None:
    data = load_repository(CASES / "dated-good").dataset
    (call,) = data.calls
    assert call.is_open(dt.date(2026, 1, 5))  # the last day to apply
    assert not call.is_open(dt.date(2026, 1, 6))
    open_day = next(e for e in data.events if e.id == "open-day")
    assert not open_day.is_past(dt.date(2026, 2, 15))  # its last day
    assert open_day.is_past(dt.date(2026, 2, 16))


def test_the_repository_carries_the_real_2018_meeting_and_no_invented_call() -> None:
    data = load_repository(Path(__file__).parents[2]).dataset
    assert data.calls == []
    (meeting,) = data.events
    assert meeting.start == When(dt.date(2018, 7, 24)) and meeting.kind == "meeting"
    assert meeting.orgs == ("sun-asa-sang-suk",)
    assert meeting.is_past(dt.date(2018, 7, 25))


def test_the_templates_are_valid_entries(tmp_path: Path) -> None:
    """calls/_template.yml and events/_template.yml, copied as they are, pass the validator."""
    import shutil

    repo = Path(__file__).parents[2]
    (tmp_path / "orgs").mkdir()
    for org_id in ("beach-for-life", "sun-asa-sang-suk"):
        shutil.copy(repo / "orgs" / f"{org_id}.yml", tmp_path / "orgs")
    for folder in ("calls", "events"):
        (tmp_path / folder).mkdir()
        shutil.copy(repo / folder / "_template.yml", tmp_path / folder / "example.yml")
    result = load_repository(tmp_path)
    assert not result.problems, result.problems.report()
    assert len(result.dataset.calls) == 1 and len(result.dataset.events) == 1
    (event,) = result.dataset.events
    assert event.attendance == "mixed" and event.venue is not None


def test_validate_named_files_reports_only_their_problems(capsys: pytest.CaptureFixture[str]) -> None:
    from guidemap.tools.cli import main

    case = CASES / "dated-bad-call"
    assert main(["--root", str(case), "validate", str(case / "calls" / "ends-before.yml")]) == 1
    out = capsys.readouterr().out
    assert "calls/ends-before.yml:4: error [end]" in out and "all-wrong" not in out
    good = CASES / "dated-good"
    assert main(["--root", str(good), "validate", str(good / "events" / "open-day.yml")]) == 0


def test_a_venue_in_another_province_without_a_position_publishes_no_position() -> None:
    events = {e.id: e for e in load_repository(CASES / "dated-good").dataset.events}
    assert events["open-day"].located  # its own position, marked public
    assert events["private-place"].located  # the group's area, in the group's province


def test_venue_province_without_position(tmp_path: Path) -> None:
    import shutil

    shutil.copytree(CASES / "dated-good", tmp_path / "repo")
    text = (tmp_path / "repo" / "events" / "open-day.yml").read_text(encoding="utf-8")
    text = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith(("lat:", "lon:")))
    (tmp_path / "repo" / "events" / "open-day.yml").write_text(text + "\n", encoding="utf-8")
    data = load_repository(tmp_path / "repo").dataset
    event = next(e for e in data.events if e.id == "open-day")
    # Yala's venue, a Pattani group: the group's position would point at the wrong province.
    assert event.province.code == "95" and not event.located
    from guidemap.outputs.feeds.calendars import event_component
    from guidemap.outputs.pages.events import event_jsonld
    from guidemap.outputs.site.types import SiteInfo

    site = SiteInfo("t", "https://example.org/", None, today=dt.date(2026, 1, 1))
    orgs = {o.id: o for o in data.orgs}
    assert "geo" not in event_jsonld(event, orgs, site)["location"]
    assert "GEO" not in event_component(event, orgs, site)


@pytest.mark.parametrize("kind", ["call", "event"])
def test_every_model_attribute_comes_from_a_declaration_or_the_venue_rule(kind: str) -> None:
    """Calls and events are filled from their declarations, as profiles are: a field declared
    without its attribute in the model (or the reverse) fails here, not in a build."""
    import dataclasses

    from guidemap.contract.model.dated import CALLS, EVENTS
    from guidemap.contract.model.types import Call, Event

    decls, model = (CALLS, Call) if kind == "call" else (EVENTS, Event)
    by_rule = {"venue", "province", "location", "located"}  # the PublicVenue rule on `venue`
    from_file = {"id", "source"}  # the file's name and path
    declared = {f.attr for f in decls.top_level}
    assert {f.name for f in dataclasses.fields(model)} == (declared - {"venue"}) | by_rule | from_file
    assert [r for f in decls.fields for r in f.rules] != []  # the venue's rule is declared


def test_the_open_data_of_a_call_carries_every_field_declared_for_it() -> None:
    from guidemap.contract.model.dated import CALLS
    from guidemap.outputs.opendata.dated import call_record, event_record

    dataset = load_repository(CASES / "dated-good").dataset
    (call,) = dataset.calls
    record = call_record(call)
    declared = {f.name for f in CALLS.top_level if f.exports.json}
    assert declared == {"apply_by", "skills", "languages", "min_age", "remote", "preparation",
                        "background_check", "safeguarding", "insured", "how_to_join"}
    set_here = {n for n in declared if getattr(call, n) not in (None, ())}
    assert set_here <= record.keys()
    assert record["insured"] is True and record["background_check"] is False
    assert record["skills"] == [{"th": "ว่ายน้ำเป็น"}, {"en": "Photography"}]
    cancelled = next(e for e in dataset.events if e.cancelled)
    assert event_record(cancelled, dt.date(2026, 1, 1))["status"] == "cancelled"
    assert {"kind", "attendance"} <= event_record(cancelled, dt.date(2026, 1, 1)).keys()


def test_each_form_element_of_a_call_or_an_event_is_declared_on_its_field() -> None:
    """The issue forms are read off the declarations: only the file's id is the form's own."""
    from guidemap.contract.model.dated import CALLS, EVENTS
    from guidemap.tools.forms.dated_form import CALL_FORM, EVENT_FORM

    for form, decls in ((CALL_FORM, CALLS), (EVENT_FORM, EVENTS)):
        declared = {e.id: f.target(e) for f, e in decls.form_elements()}
        assert [e.id for e in form.elements] == ["id", *declared]
        assert all(declared[e.id] == e.target for e in form.elements[1:])
    assert [e.id for e in EVENT_FORM.elements][:6] == ["id", "orgs", "title-th", "title-en", "kind", "start"]
