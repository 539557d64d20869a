"""The ``guidemap`` command: validate (text and GitHub formats, given files), new, schema."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from guidemap.contract import network
from guidemap.contract.model.profile import ORG
from guidemap.contract.problems import Problem
from guidemap.contract.yamlsafe import parse
from guidemap.tools.cli import SCHEMA_PATH, main, schema_text
from guidemap.tools.scaffold import SCHEMA_COMMENT

CASES = Path(__file__).parents[1] / "cases" / "orgs"
REPO = Path(__file__).resolve().parents[2]


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# --- validate ----------------------------------------------------------------------------------


def test_validate_summary_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "--root", str(CASES / "good-province-forms"), "validate")
    assert (code, out) == (0, "")
    assert err.startswith("✓ 3 profile(s) and 0 story(ies) valid / ข้อมูลถูกต้อง\n")
    # How visitors reach the groups: warnings only, never a failure.
    assert "\nreach: 0 group(s) directly, 0 only through the network's channels" in err
    code, out, err = _run(capsys, "--root", str(CASES / "all-errors-at-once"), "validate")
    assert code == 1
    assert err == "\n✗ 8 problem(s) in 3 file(s) / พบ 8 ปัญหาใน 3 ไฟล์\n"


GITHUB = re.compile(r"^::error file=(?P<file>[^,:]+)(?:,line=(?P<line>\d+))?,title=(?P<title>[^:]+)"
                    r"::(?P<body>.+)$")


def test_github_format(capsys: pytest.CaptureFixture[str]) -> None:
    case = str(CASES / "all-errors-at-once")
    code, text, _ = _run(capsys, "--root", case, "validate")
    assert code == 1
    code, out, _ = _run(capsys, "--root", case, "validate", "--format", "github")
    assert code == 1
    lines = out.splitlines()
    assert len(lines) == 8
    for line in lines:
        assert GITHUB.match(line), line
    text_places = re.findall(r"^(\S+?):(\d+): error", text, flags=re.MULTILINE)
    assert [(m["file"], m["line"]) for m in map(GITHUB.match, lines)] == text_places  # type: ignore[index]
    assert lines[3] == (
        "::error file=orgs/second.yml,line=5,title=district::'Betung' is not a district of Yala / "
        "'Betung' ไม่ใช่อำเภอของจังหวัดยะลา → did you mean / หมายถึง 'Betong'? districts of Yala / "
        "อำเภอของจังหวัดยะลา: เมืองยะลา, เบตง, บันนังสตา, ธารโต, ยะหา, รามัน, กาบัง, กรงปินัง")


def test_github_format_without_line_or_field(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "--root", str(CASES / "non-yml-files"), "validate", "--format",
                        "github")
    assert code == 1
    assert out.splitlines()[0] == (
        "::error file=orgs/json-group.json,title=file::not a profile: a profile's name ends in .yml"
        " / ไม่ใช่ไฟล์ข้อมูลกลุ่ม: ชื่อไฟล์ต้องลงท้ายด้วย .yml → rename it to json-group.yml")


def test_github_annotation_escaping() -> None:
    p = Problem("orgs/a,b.yml", 3, "x:y", "50% done\r\nnext", "ไทย", "")
    assert p.github_annotation() == ("::error file=orgs/a%2Cb.yml,line=3,title=x%3Ay::"
                                     "50%25 done%0D%0Anext / ไทย")


def test_validate_given_files(capsys: pytest.CaptureFixture[str],
                              monkeypatch: pytest.MonkeyPatch) -> None:
    case = CASES / "all-errors-at-once"
    monkeypatch.chdir(case)
    code, out, err = _run(capsys, "--root", str(case), "validate", "orgs/first.yml",
                          "orgs/beach-for-life.yml", "content/stories/news.md", "notes.txt")
    assert code == 1
    places = re.findall(r"^(\S+?): error(?: \[(.+?)\])?: ", out, flags=re.MULTILINE)
    assert places == [("content/stories/news.md:4", "orgs[0]"), ("notes.txt", ""),
                      ("orgs/first.yml:8", "focus[0]"), ("orgs/first.yml:12", "contact.email")]
    assert "not a profile (.yml) or story (.md)" in out
    assert "orgs/second.yml" not in out  # only the files given
    code, out, err = _run(capsys, "--root", str(case), "validate", "orgs/beach-for-life.yml")
    assert (code, out) == (0, "")
    assert err.startswith("✓ 1 profile(s) and 0 story(ies) valid")


def test_validate_survives_a_terminal_that_cannot_print_thai() -> None:
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    result = subprocess.run(
        [sys.executable, "-m", "guidemap.tools.cli", "--root", str(CASES / "all-errors-at-once"),
         "validate"], capture_output=True, env=env, timeout=120)
    assert result.returncode == 1, result.stderr.decode(errors="replace")
    assert b"Traceback" not in result.stderr
    assert b"orgs/second.yml:5: error [district]: 'Betung' is not a district of Yala" in result.stdout


def test_explicit_root_is_used_as_given(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outer = tmp_path / "outer"
    (outer / "orgs").mkdir(parents=True)
    (outer / "orgs" / "unrelated.yml").write_text("id: unrelated\n", encoding="utf-8")
    inner = outer / "inner"
    (inner / "content" / "stories").mkdir(parents=True)
    code, out, _ = _run(capsys, "--root", str(inner), "validate")
    assert "unrelated" not in out
    assert code == 1 and out.startswith("orgs: error: the orgs/ folder is missing")


# --- new ---------------------------------------------------------------------------------------

NEW = ["--id", "nong-chik-youth", "--name-th", "เยาวชนหนองจิก", "--name-en", "Nong Chik Youth",
       "--province", "Pattani", "--district", "Nong Chik", "--focus", "children-youth, peace",
       "--summary-th", "ค่ายเยาวชนทุกปิดเทอม", "--lat", "6.8431", "--lon", "101.1765",
       "--precision", "subdistrict"]


def _repo(tmp_path: Path) -> Path:
    (tmp_path / "orgs").mkdir()
    return tmp_path


def test_new_stdout_writes_a_profile_that_validates(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    root = _repo(tmp_path)
    code, out, _ = _run(capsys, "--root", str(root), "new", "--no-input", "--stdout", *NEW)
    assert code == 0
    assert out.startswith(SCHEMA_COMMENT)
    assert not (root / "orgs" / "nong-chik-youth.yml").exists()  # --stdout writes nothing
    data = parse(out).data
    assert data["id"] == "nong-chik-youth"
    assert data["name"] == {"th": "เยาวชนหนองจิก", "en": "Nong Chik Youth"}
    assert (data["province"], data["district"]) == ("ปัตตานี", "หนองจิก")  # normalized to Thai
    assert data["focus"] == ["children-youth", "peace"]
    assert data["updated"] == dt.date.today().isoformat()
    (root / "orgs" / "nong-chik-youth.yml").write_text(out, encoding="utf-8")
    code, out, err = _run(capsys, "--root", str(root), "validate")
    assert (code, out) == (0, ""), out
    assert err.startswith("✓ 1 profile(s)")


def test_new_writes_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _repo(tmp_path)
    code, _, err = _run(capsys, "--root", str(root), "new", "--no-input", *NEW)
    assert code == 0, err
    assert (root / "orgs" / "nong-chik-youth.yml").is_file()
    assert _run(capsys, "--root", str(root), "validate")[:2] == (0, "")
    code, _, err = _run(capsys, "--root", str(root), "new", "--no-input", *NEW)  # again
    assert code == 2
    assert "exists already" in err


def test_the_scaffold_schema_comment_points_at_the_schema() -> None:
    relative = SCHEMA_COMMENT.split("$schema=", 1)[1].strip()
    assert (REPO / "orgs" / relative).resolve() == SCHEMA_PATH.resolve()


@pytest.mark.parametrize(("change", "message"), [
    (("--province", "Pattanni"), "province: unknown"),
    (("--district", "Betong"), "district: 'Betong' is not a district of Pattani"),
    (("--focus", "peace,spirituality"), "focus: use some of"),
    (("--id", "Nong_Chik"), "id: lowercase letters"),
    (("--precision", "street"), "precision: one of"),
    (("--lat", "six"), "lat/lon must be numbers"),
])
def test_new_refuses_bad_answers(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                 change: tuple[str, str], message: str) -> None:
    root = _repo(tmp_path)
    argv = list(NEW)
    argv[argv.index(change[0]) + 1] = change[1]
    code, out, err = _run(capsys, "--root", str(root), "new", "--no-input", "--stdout", *argv)
    assert code == 2
    assert out == ""
    assert message in err


def test_new_requires_the_required_answers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "--root", str(_repo(tmp_path)), "new", "--no-input", "--stdout",
                          "--id", "x", "--lat", "6.8", "--lon", "101.2")
    assert code == 2
    assert out == ""
    for name in ("name_th", "province", "summary_th"):
        assert f"{name}: required" in err


@pytest.mark.parametrize("position", [(), ("--lat", "101.1765", "--lon", "6.8431")],
                         ids=["missing", "swapped"])
def test_new_stdout_never_prints_an_invalid_profile(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str],
                                                    position: tuple[str, ...]) -> None:
    argv = NEW[: NEW.index("--lat")] + list(position) + NEW[NEW.index("--precision"):]
    code, out, _ = _run(capsys, "--root", str(_repo(tmp_path)), "new", "--no-input", "--stdout",
                        *argv)
    assert code != 0
    assert out == ""


def test_new_file_never_leaves_an_invalid_profile(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    root = _repo(tmp_path)
    swapped = ["--lat", "101.1765", "--lon", "6.8431"]
    argv = [*NEW[: NEW.index("--lat")], *swapped, *NEW[NEW.index("--precision"):]]
    code, out, err = _run(capsys, "--root", str(root), "new", "--no-input", *argv)
    assert code == 1 and out == ""
    assert "are latitude and longitude swapped?" in err  # problems go to stderr, as with --stdout
    assert list((root / "orgs").iterdir()) == []


# --- schema ------------------------------------------------------------------------------------


def test_schema_check_passes(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "schema", "--check")
    assert (code, out, err) == (0, "", "")


def test_schema_printed_is_the_written_file(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "schema")
    assert code == 0
    assert out == SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(network.DEFAULT)


def test_schema_describes_every_field() -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert set(schema["properties"]) == set(ORG.fields)
    assert set(schema["required"]) == {"id", "name", "province", "location", "focus", "summary",
                                       "updated"}
    assert schema["additionalProperties"] is False
    province = json.dumps(schema["properties"]["province"], ensure_ascii=False)
    for name in ('"Pattani"', '"ปัตตานี"', '"94"', '"Yala"', '"นราธิวาส"'):
        assert name in province  # offered for completion


def _validator():  # type: ignore[no-untyped-def]
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _profiles(case: str) -> list[Path]:
    return sorted((CASES / case / "orgs").glob("*.yml"))


def test_schema_is_valid_json_schema() -> None:
    _validator()


@pytest.mark.parametrize("path", _profiles("good-minimal") + _profiles("good-full") +
                         _profiles("good-story") + _profiles("good-province-forms")[1:],
                         ids=lambda p: p.name)
def test_good_profiles_satisfy_the_schema(path: Path) -> None:
    validator = _validator()
    data = parse(path.read_text(encoding="utf-8")).data
    errors = [e.message for e in validator.iter_errors(data)]
    assert errors == []


def test_schema_refuses_what_the_validator_refuses() -> None:
    validator = _validator()
    data = parse((CASES / "good-minimal" / "orgs" / "beach-for-life.yml").read_text("utf-8")).data
    for change in ({"provnce": "ปัตตานี"}, {"focus": ["peac"]}, {"id": "Beach_For_Life"},
                   {"name": {"en": "only English"}}, {"needs": ["cash"]},
                   {"summary": "x" * 301}, {"donate": "javascript:alert(1)"}):
        assert list(validator.iter_errors({**data, **change})), change
    assert list(validator.iter_errors({k: v for k, v in data.items() if k != "updated"}))


def test_scaffold_output_satisfies_the_schema(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    validator = _validator()
    code, out, _ = _run(capsys, "--root", str(_repo(tmp_path)), "new", "--no-input", "--stdout",
                        *NEW)
    assert code == 0
    # as an editor reads it: numbers are numbers here
    data = yaml.safe_load(out)
    assert isinstance(data["location"]["lat"], float)
    assert [e.message for e in validator.iter_errors(data)] == []


@pytest.mark.parametrize("path", [
    pytest.param(_profiles("good-province-forms")[0], id="focus-labels"),
    pytest.param(_profiles("social-handles-ok")[0], id="uppercase-scheme"),
])
def test_every_valid_profile_satisfies_the_schema(path: Path) -> None:
    data = parse(path.read_text(encoding="utf-8")).data
    assert [e.message for e in _validator().iter_errors(data)] == []
