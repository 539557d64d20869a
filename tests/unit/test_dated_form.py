"""The issue forms of a call for volunteers and an event, and `guidemap dated-from-issue`: an
issue body becomes a file checked by the same validator, or every problem is listed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from conftest import REPO, make_repo
from dated_fixture import ORGS
from guidemap.contract import network
from guidemap.contract.load.repository import load_repository
from guidemap.tools.cli import main
from guidemap.tools.forms import dated_form


def body(form: dated_form.Form, answers: dict[str, str]) -> str:
    """An issue body as GitHub writes it: every field's heading, its answer or _No response_."""
    parts = []
    for e in form.elements:
        parts += [f"### {dated_form.form_label(e.label)}", "", answers.get(e.id, "_No response_"), ""]
    parts += ["### ยืนยัน / Confirm", "", "- [X] ฉันเป็นตัวแทน", "- [X] ไม่มีชื่อ", ""]
    return "\n".join(parts)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path / "repo", ORGS)


CALL = {
    "id": "beach-clean-2569-12", "orgs": "beach, peace-a", "title-th": "อาสาเก็บขยะชายหาด",
    "description": "เก็บขยะ\nและคัดแยก", "start": "๒๕๖๙-๑๒-๐๖ ๙.๐๐ น.", "end": "2569-12-06 12:00",
    "apply-by": "2569-12-01", "skills": "- ว่ายน้ำเป็น\n- ถ่ายภาพ",
    "languages": "- [X] th — ไทย / Thai\n- [ ] ms — มลายู / Malay\n- [X] en — อังกฤษ / English",
    "min-age": "16", "remote": "no — ต้องมาที่พื้นที่ / on site", "insured": "yes — ใช่ / yes",
    "venue-name": "ศูนย์ชุมชนบ้านแหลม", "venue-public": "yes — ใช่ / yes", "venue-province": "สงขลา",
}


def test_a_call_from_an_issue_is_a_valid_file(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "issue.md").write_text(body(dated_form.CALL_FORM, CALL), encoding="utf-8")
    assert main(["--root", str(repo), "dated-from-issue", "call", str(repo / "issue.md")]) == 0
    written = repo / "calls" / "beach-clean-2569-12.yml"
    data = yaml.safe_load(written.read_text(encoding="utf-8"))
    assert data["orgs"] == ["beach", "peace-a"] and data["languages"] == ["th", "en"]
    assert data["skills"] == [{"th": "ว่ายน้ำเป็น"}, {"th": "ถ่ายภาพ"}]
    assert data["venue"] == {"name": {"th": "ศูนย์ชุมชนบ้านแหลม"}, "public": "yes", "province": "สงขลา"}
    result = load_repository(repo)
    assert not result.problems, result.problems.report()
    (call,) = result.dataset.calls
    assert call.start is not None and call.start.time == dt.time(9, 0) and call.min_age == 16
    assert call.description is not None and call.description.th == "เก็บขยะ\nและคัดแยก"
    # A second time: the file exists, and is replaced only with --update.
    assert main(["--root", str(repo), "dated-from-issue", "call", str(repo / "issue.md")]) == 1
    assert "exists already" in capsys.readouterr().err


def test_an_event_from_an_issue(repo: Path) -> None:
    answers = {"id": "network-meeting-2570-01", "orgs": "peace-a", "title-th": "ประชุมเครือข่าย",
               "kind": "meeting — ประชุมเครือข่าย / Network meeting", "start": "2570-01-24 09:00",
               "attendance": "offline — พบกันที่สถานที่จริง / in person"}
    entry = dated_form.entry_from_issue("event", body(dated_form.EVENT_FORM, answers), repo,
                                        dt.date(2026, 12, 1))
    assert entry.folder == "events" and "kind: meeting" in entry.text
    assert "updated: '2026-12-01'" in entry.text


REPEATING = {"id": "meeting-every-six-months", "orgs": "peace-a", "title-th": "ประชุมทุกหกเดือน",
             "kind": "meeting — ประชุมเครือข่าย / Network meeting", "start": "2570-01-24 09:00",
             "end": "2570-01-24 16:00", "attendance": "offline — พบกันที่สถานที่จริง / in person",
             "repeat-unit": "months — เดือน / months", "repeat-every": "๖", "repeat-count": "4",
             "repeat-cancelled": "2570-07-24",
             "repeat-moved": "- 2571-01-24 > 2571-01-31\n2571-07-24 → 2571-07-25 13:00"}


def test_a_repeating_event_from_an_issue(repo: Path) -> None:
    entry = dated_form.entry_from_issue("event", body(dated_form.EVENT_FORM, REPEATING), repo,
                                        dt.date(2026, 12, 1))
    data = yaml.safe_load(entry.text.split("\n", 1)[1])
    assert data["repeat"] == {"unit": "months", "every": "๖", "count": "4", "cancelled": ["2570-07-24"],
                              "moved": [{"date": "2571-01-24", "to": "2571-01-31"},
                                        {"date": "2571-07-24", "to": "2571-07-25 13:00"}]}


def test_a_repeating_event_from_an_issue_with_wrong_dates(repo: Path) -> None:
    bad = {**REPEATING, "repeat-cancelled": "2570-07-25", "repeat-moved": "2571-01-24 2571-01-31"}
    with pytest.raises(dated_form.DatedFormError) as err:
        dated_form.entry_from_issue("event", body(dated_form.EVENT_FORM, bad), repo, dt.date(2026, 12, 1))
    assert "as 'date > new date'" in "\n".join(err.value.problems)
    del bad["repeat-moved"]
    with pytest.raises(dated_form.DatedFormError) as err:
        dated_form.entry_from_issue("event", body(dated_form.EVENT_FORM, bad), repo, dt.date(2026, 12, 1))
    assert "[repeat.cancelled[0]]: 2027-07-25 is not a date of the rule" in "\n".join(err.value.problems)


def test_every_problem_of_an_issue_is_listed(repo: Path) -> None:
    bad = {**CALL, "orgs": "beach-for-lfe", "start": "2569-12-06 25:00", "title-th": "",
           "description": "ติดต่อ <b>พี่</b>", "min-age": "สิบหก", "remote": "no\nprovince: x"}
    with pytest.raises(dated_form.DatedFormError) as err:
        dated_form.entry_from_issue("call", body(dated_form.CALL_FORM, bad), repo)
    text = "\n".join(err.value.problems)
    assert "required" in text and "HTML is not accepted" in text and "single line" in text


def test_the_validator_has_the_last_word(repo: Path) -> None:
    bad = {**CALL, "orgs": "beach-for-lfe", "start": "2569-12-06 25:00", "min-age": "สิบหก",
           "description": "โทร 081 234 5678"}
    with pytest.raises(dated_form.DatedFormError) as err:
        dated_form.entry_from_issue("call", body(dated_form.CALL_FORM, bad), repo)
    text = "\n".join(err.value.problems)
    for expected in ("no profile has the id 'beach-for-lfe'", "25:00 is not a time of day",
                     "is not an age in years", "contains a phone number"):
        assert expected in text
    assert not (repo / "calls").exists()


def test_not_a_form_and_hostile_bodies(repo: Path) -> None:
    with pytest.raises(dated_form.DatedFormError, match="not the body"):
        dated_form.entry_from_issue("call", "hello\n### something\n", repo)
    with pytest.raises(dated_form.DatedFormError, match="NUL"):
        dated_form.entry_from_issue("call", "\x00", repo)
    twice = body(dated_form.CALL_FORM, CALL) + "\n### ชื่อประกาศ (ภาษาไทย) / Title of the call in Thai\n\nอีก\n"
    with pytest.raises(dated_form.DatedFormError, match="twice"):
        dated_form.entry_from_issue("call", twice, repo)


def test_committed_forms_are_the_generated_ones() -> None:
    for form in dated_form.FORMS.values():
        assert (REPO / form.path).read_text(encoding="utf-8") == dated_form.form_text(form)
    labels = [dated_form.form_label(e.label) for e in dated_form.CALL_FORM.elements]
    assert labels[0].startswith("รหัส")  # Thai first


def test_contributing_documents_every_field_and_its_example_is_valid(tmp_path: Path) -> None:
    from guidemap.contract.model.dated import CALL_FIELDS, EVENT_FIELDS
    from guidemap.tools.docs import fieldtable

    for name in ("CONTRIBUTING.md", "docs/contributing-en.md"):
        text = (REPO / name).read_text(encoding="utf-8")
        assert fieldtable.rewrite(text, network.DEFAULT) == text, f"{name}: run guidemap docs --write"
        for f in (*CALL_FIELDS, *EVENT_FIELDS):
            assert f"`{f.path}" in text, (name, f.path)
    thai = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = thai[thai.index("## ประกาศรับอาสาและกิจกรรม"):]
    example = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    profile = ORGS["beach"].replace("id: beach", "id: beach-for-life")
    repo = make_repo(tmp_path / "repo", {"beach-for-life": profile})
    (repo / "calls").mkdir()
    (repo / "calls" / "example.yml").write_text(example, encoding="utf-8")
    result = load_repository(repo)
    assert not result.problems, result.problems.report()
    assert len(result.dataset.calls) == 1


@pytest.mark.parametrize("kind", ["call", "event"])
def test_json_schemas_are_the_generated_ones_and_accept_the_good_files(kind: str) -> None:
    import json

    import jsonschema

    from guidemap.contract.schema import SCHEMA_PATHS, json_schema

    schema = json.loads(SCHEMA_PATHS[kind].read_text(encoding="utf-8"))
    assert schema == json_schema(kind, network.DEFAULT)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    folder = "calls" if kind == "call" else "events"
    cases = REPO / "tests" / "cases" / "orgs"
    files = [REPO / folder / "_template.yml", *sorted((cases / "dated-good" / folder).glob("*.yml")),
             *sorted((cases / "dated-repeating-good" / folder).glob("*.yml"))]
    for path in files:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # all text
        assert list(validator.iter_errors(data)) == [], path
    bad = {"title": "x", "orgs": ["a"], "updated": "2026-01-01", "aply_by": "2026-01-01"}
    assert list(validator.iter_errors(bad))  # unknown fields are flagged as you type
