"""Issue form → profile (``guidemap from-issue``): a good body gives a valid profile, and hostile
bodies (shell metacharacters, HTML, YAML injection, oversized fields, unknown values) are refused
with clear errors and nothing written."""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from guidemap.contract import network
from guidemap.contract.load.profiles import load_org_file
from guidemap.contract.problems import Problems
from guidemap.tools.cli import main
from guidemap.tools.forms.formfile import FORM_PATH, form_text
from guidemap.tools.forms.issuebody import MAX_BODY_CHARS
from guidemap.tools.forms.issueform import (
    FIELDS,
    IssueFormError,
    option_text,
    profile_from_issue,
)

REPO = Path(__file__).resolve().parents[2]
GOOD = (Path(__file__).parents[1] / "data" / "issue-add-org.md").read_text(encoding="utf-8")
TEMPLATE = REPO / ".github" / "ISSUE_TEMPLATE" / "add-organization.yml"
TODAY = dt.date(2025, 1, 2)
BIN = Path(sys.executable).parent


def answer(body: str, label_start: str, value: str) -> str:
    """The body with the answer of the field whose label starts with ``label_start`` replaced."""
    f = next(f for f in FIELDS if f.label.startswith(label_start))
    head = f"### {f.label}\n\n"
    start = body.index(head) + len(head)
    end = body.index("\n\n###", start)
    return body[:start] + value + body[end:]


def errors(body: str, orgs_dir: Path | None = None) -> str:
    with pytest.raises(IssueFormError) as info:
        profile_from_issue(body, orgs_dir or REPO / "orgs", TODAY)
    return "\n".join(info.value.problems)


def repo(tmp_path: Path) -> Path:
    (tmp_path / "orgs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")
    return tmp_path


# --- the form and the parser agree -------------------------------------------------------------


def test_issue_form_labels_match_the_parser() -> None:
    form = yaml.safe_load(TEMPLATE.read_text(encoding="utf-8"))
    elements = [e for e in form["body"] if e["type"] != "markdown"]
    assert [(e["id"], e["attributes"]["label"]) for e in elements] == [(f.id, f.label) for f in FIELDS]
    for e, f in zip(elements, FIELDS, strict=True):
        assert e["type"] == ("checkboxes" if f.kind == "confirm" else f.kind), f.id
        if f.kind == "checkboxes":
            assert [o["label"] for o in e["attributes"]["options"]] == [
                option_text(f, k) for k in f.options()]
        if f.kind == "dropdown":
            assert {o.split(" ", 1)[0] for o in e["attributes"]["options"]} == set(f.options())
        if f.required and f.kind in ("input", "textarea", "dropdown"):
            assert e["validations"]["required"] is True, f.id


def test_committed_issue_form_is_generated_from_the_declarations() -> None:
    """`guidemap forms --write` after changing a field declaration; this fails until then."""
    assert TEMPLATE.read_text(encoding="utf-8") == form_text(network.DEFAULT)
    assert TEMPLATE == REPO / FORM_PATH


# --- a good body -------------------------------------------------------------------------------


def test_good_body_gives_a_valid_normalized_profile(tmp_path: Path) -> None:
    profile = profile_from_issue(GOOD, tmp_path, TODAY)
    assert profile.id == "ban-rak-thale"
    data = yaml.safe_load(profile.text)
    assert data["province"] == "ปัตตานี" and data["district"] == "ยะหริ่ง"  # Pattani / Yaring
    assert data["location"] == {"lat": 6.86, "lon": 101.37, "precision": "district"}  # Thai digits
    assert data["focus"] == ["marine", "children-youth"]  # only the ticked boxes
    assert data["needs"] == ["volunteers"] and data["languages"] == ["th", "ms"]
    assert data["contact"] == {"facebook": "https://www.facebook.com/banrakthale", "phone": "+6673312222"}
    assert data["updated"] == TODAY
    assert "name" in data and "en" not in data["name"]  # _No response_ is left out
    # A "###" line that is not one of the form's labels stays inside the answer.
    assert "### หัวข้อย่อยในรายละเอียด" in data["description"]["th"]
    assert data["activities"] == [{"th": "เก็บขยะชายหาดทุกเดือน"}, {"th": "ค่ายเรียนรู้ทะเลสำหรับเด็ก"}]
    # The file passes the same loader as every profile.
    path = tmp_path / "orgs" / "ban-rak-thale.yml"
    path.parent.mkdir()
    path.write_text(profile.text, encoding="utf-8")
    assert load_org_file(path, tmp_path, Problems()) is not None


def test_windows_line_ends_and_lower_case_ticks(tmp_path: Path) -> None:
    body = GOOD.replace("- [X] marine", "- [x] marine").replace("\n", "\r\n")
    assert yaml.safe_load(profile_from_issue(body, tmp_path, TODAY).text)["focus"] == [
        "marine", "children-youth"]


def test_cli_writes_from_stdin_and_refuses_to_overwrite(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    root = repo(tmp_path)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(GOOD.encode("utf-8"))))
    assert main(["--root", str(root), "from-issue"]) == 0
    written = root / "orgs" / "ban-rak-thale.yml"
    assert written.is_file()
    assert main(["--root", str(root), "validate"]) == 0
    before = written.read_text(encoding="utf-8")
    body = tmp_path / "body.md"
    body.write_text(answer(GOOD, "ชื่อกลุ่ม (ภาษาไทย)", "กลุ่มบ้านรักทะเล ใหม่"), encoding="utf-8")
    capsys.readouterr()
    assert main(["--root", str(root), "from-issue", str(body)]) == 1
    assert "exists already" in capsys.readouterr().err
    assert written.read_text(encoding="utf-8") == before
    assert main(["--root", str(root), "from-issue", str(body), "--update"]) == 0
    assert "กลุ่มบ้านรักทะเล ใหม่" in written.read_text(encoding="utf-8")


def test_the_maintainer_pipeline_runs_without_a_shell_seeing_the_body(tmp_path: Path) -> None:
    """`gh issue view N --json body -q .body | guidemap from-issue -`: the body only ever travels
    through a pipe; a command substitution inside it stays text."""
    root = repo(tmp_path)
    canary = tmp_path / "pwned"
    body = answer(GOOD, "สรุปงานของกลุ่ม (ภาษาไทย)", f"ทำงานอาสา $(touch {canary}) `touch {canary}`; ok")
    result = subprocess.run([str(BIN / "guidemap"), "--root", str(root), "from-issue", "-"], input=body,
                            capture_output=True, text=True, timeout=60,
                            env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    assert result.returncode == 0, result.stderr
    assert not canary.exists()
    data = yaml.safe_load((root / "orgs" / "ban-rak-thale.yml").read_text(encoding="utf-8"))
    assert data["summary"]["th"] == f"ทำงานอาสา $(touch {canary}) `touch {canary}`; ok"


# --- hostile bodies: clear errors, nothing written -------------------------------------------------


@pytest.mark.parametrize(("label", "value", "expected"), [
    # shell metacharacters in the id, which becomes a file name
    ("รหัสกลุ่ม", "x; rm -rf ~", "is not a valid id"),
    ("รหัสกลุ่ม", "$(reboot)", "is not a valid id"),
    ("รหัสกลุ่ม", "../../etc/passwd", "is not a valid id"),
    ("รหัสกลุ่ม", "Ban-Rak-Thale", "is not a valid id"),
    # HTML and scripts
    ("ชื่อกลุ่ม (ภาษาไทย)", "<script>alert(1)</script>", "HTML is not accepted"),
    ("รายละเอียด (ภาษาไทย)", "ดี <img src=x onerror=alert(1)>", "HTML is not accepted"),
    ("สรุปงานของกลุ่ม (ภาษาไทย)", "<!-- hidden -->", "HTML is not accepted"),
    # YAML injection: a one-line answer carrying another key
    ("ชื่อกลุ่ม (ภาษาไทย)", "กลุ่ม\nprovince: Bangkok", "must be a single line"),
    ("จังหวัด", "ปัตตานี\nlocation: {lat: 13.7, lon: 100.5, precision: exact}", "must be a single line"),
    # values the validator refuses
    ("จังหวัด", "Atlantis", "unknown province 'Atlantis'"),
    ("จังหวัด", "Pattanni", "did you mean / หมายถึง 'Pattani'?"),
    ("อำเภอ", "Betong", "'Betong' is not a district of Pattani"),
    ("ละติจูด", "13.7; DROP TABLE orgs", "is not a number"),
    ("ลองจิจูด", "0", "is outside Thailand"),
    ("เว็บไซต์ของกลุ่ม", "javascript:alert(1)", "is not a full web address"),
    ("อีเมลของกลุ่ม", "a@b.c\u202e", "invisible control character (U+202E)"),
    ("ชื่อกลุ่ม (ภาษาไทย)", "กลุ่ม\u202eเทสต์", "invisible control character (U+202E)"),
    ("เบอร์โทรของกลุ่ม", "081-234-5678 | curl evil.example", "phone"),
    ("ปีที่ก่อตั้ง", "3000", "not a plausible founding year"),
    ("ความละเอียดของตำแหน่ง", "everywhere", "'everywhere' is not one of the allowed values"),
    # oversized answers
    ("ชื่อกลุ่ม (ภาษาไทย)", "ก" * 151, "is too long: 151 characters, at most 150"),
    ("ชื่อกลุ่ม (ภาษาไทย)", "ก" * 5000, "answer is too long (5000 characters, at most 600)"),
    ("รายละเอียด (ภาษาไทย)", "ข" * 20_000, "answer is too long (200"),
    ("กิจกรรม", "\n".join(["ค่าย"] * 31), "has 31 items, at most 30"),
    # required answers missing
    ("รหัสกลุ่ม", "_No response_", "Group id: required"),
    ("สรุปงานของกลุ่ม (ภาษาไทย)", "_No response_", "Summary in Thai: required"),
])
def test_hostile_or_wrong_answers_are_refused(tmp_path: Path, label: str, value: str,
                                               expected: str) -> None:
    root = repo(tmp_path)
    body = answer(GOOD, label, value)
    assert expected in errors(body, root / "orgs")
    assert main(["--root", str(root), "from-issue", _write(tmp_path, body)]) == 1
    assert list((root / "orgs").iterdir()) == []


def _write(tmp_path: Path, body: str) -> str:
    path = tmp_path / "body.md"
    path.write_text(body, encoding="utf-8")
    return str(path)


def test_every_problem_is_named_by_its_form_label() -> None:
    body = answer(answer(GOOD, "จังหวัด", "Atlantis"), "ละติจูด", "north")
    text = errors(body)
    assert "จังหวัด / Province [province]: unknown province 'Atlantis'" in text
    assert "ละติจูด / Latitude [location.lat]: 'north' is not a number" in text


def test_unticked_focus_and_unknown_options() -> None:
    body = GOOD.replace("- [X] marine", "- [ ] marine").replace("- [X] children-youth",
                                                              "- [ ] children-youth")
    assert "Focus areas (1 to 6): tick at least one" in errors(body)
    body = GOOD.replace("- [X] marine — ทะเลและชายหาด / Sea and beaches", "- [X] weapons — x")
    assert "unknown option 'weapons'" in errors(body)
    body = GOOD.replace("- [X] marine — ทะเลและชายหาด / Sea and beaches", "province: Bangkok")
    assert "unexpected line 'province: Bangkok'" in errors(body)


def test_a_field_given_twice_is_refused() -> None:
    body = GOOD + "\n### จังหวัด / Province\n\nBangkok\n"
    assert "จังหวัด / Province: the field appears twice" in errors(body)


def test_oversized_body_and_binary_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert "the issue body is too long" in errors(GOOD + "x" * MAX_BODY_CHARS)
    assert "NUL" in errors(GOOD.replace("Pattani", "Pat\x00tani"))
    root = repo(tmp_path)
    path = tmp_path / "body.bin"
    path.write_bytes(b"\xff\xfe" + GOOD.encode("utf-16-le"))
    assert main(["--root", str(root), "from-issue", str(path)]) == 2
    assert "cannot read the issue body" in capsys.readouterr().err
    assert list((root / "orgs").iterdir()) == []


def test_not_a_form_body() -> None:
    assert "is not the body of the 'add or update my organization' form" in errors("hello\n### Other\n")


def test_yaml_special_values_stay_text(tmp_path: Path) -> None:
    """Answers that YAML would misread (NO, ~, anchors, a quote) are written as quoted text."""
    body = answer(GOOD, "ชื่อภาษาอังกฤษ", "NO")
    body = answer(body, "สรุปงานภาษาอังกฤษ", "&a *a ~ 'quoted' \"double\" key: value # comment")
    data = yaml.safe_load(profile_from_issue(body, tmp_path, TODAY).text)
    assert data["name"]["en"] == "NO"
    assert data["summary"]["en"] == "&a *a ~ 'quoted' \"double\" key: value # comment"
