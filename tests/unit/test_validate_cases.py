"""Data-driven tests of ``guidemap validate``, in the style of oprypin's plugins.

Each folder under ``tests/cases/orgs/`` is a tiny repository (``orgs/``, maybe
``content/stories/``) with an ``expected.txt`` holding the exact lines ``guidemap validate``
prints: the ``path:line: error [field]: message`` lines and their ``→ hint`` lines (the Thai
translation line under each problem is checked separately, by structure). An empty
``expected.txt`` means the case is valid. A case folder with ``xfail.txt`` shows a known bug:
its expected output is the correct one, the reason is in the file, and it runs as a strict
xfail so that fixing the bug makes the test fail until the marker is removed.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from conftest import with_links
from guidemap.contract.load.repository import load_repository
from guidemap.contract.location import coarsen
from guidemap.tools.cli import main

CASES = Path(__file__).parents[1] / "cases" / "orgs"
ERROR_LINE = re.compile(r"^(?P<path>[^\s:]+)(?::(?P<line>\d+))?: error(?: \[(?P<field>.+?)\])?: (?P<msg>.*)$")
THAI = re.compile(r"[\u0E00-\u0E7F]")


def _case_dirs() -> list[Path]:
    return sorted(p for p in CASES.iterdir() if p.is_dir())


def _params() -> list[object]:
    params = []
    for case in _case_dirs():
        marks = []
        if (case / "xfail.txt").is_file():
            reason = (case / "xfail.txt").read_text(encoding="utf-8").strip()
            marks.append(pytest.mark.xfail(strict=True, reason=reason))
        params.append(pytest.param(case, id=case.name, marks=marks))
    return params


def _expected(case: Path) -> list[str]:
    return (case / "expected.txt").read_text(encoding="utf-8").splitlines()


def _run(case: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str, str]:
    # Without orgs/ the CLI would search upwards and validate tests/cases instead.
    assert (case / "orgs").is_dir(), f"{case} needs an orgs/ folder"
    code = main(["--root", str(with_links(case)), "validate", *extra])
    out, err = capsys.readouterr()
    return code, out, err


def _reported(out: str) -> list[str]:
    """The problem lines and hint lines; the Thai translation lines are left out."""
    return [line for line in out.splitlines() if line and (not line[0].isspace() or
                                                           line.startswith("    → "))]


def test_there_are_cases() -> None:
    names = {c.name for c in _case_dirs()}
    assert len(names) >= 40
    assert {"good-minimal", "good-full", "all-errors-at-once"} <= names
    for case in _case_dirs():
        assert (case / "expected.txt").is_file(), f"{case.name} has no expected.txt"


@pytest.mark.parametrize("case", _params())
def test_validate_case(case: Path, capsys: pytest.CaptureFixture[str]) -> None:
    expected = _expected(case)
    code, out, err = _run(case, capsys)
    assert _reported(out) == expected
    errors = [line for line in expected if ERROR_LINE.match(line)]
    if expected:
        assert code == 1
        files = len({ERROR_LINE.match(line)["path"] for line in errors})  # type: ignore[index]
        assert f"✗ {len(errors)} problem(s) in {files} file(s)" in err
    else:
        assert code == 0
        assert out == ""
        assert err.startswith("✓ ")


def _invalid_cases() -> list[object]:
    return [pytest.param(c, id=c.name) for c in _case_dirs()
            if _expected(c) and not (c / "xfail.txt").exists()]


@pytest.mark.parametrize("case", _invalid_cases())
def test_every_problem_is_also_in_thai(case: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Each problem line is followed by an indented Thai line, then maybe a hint."""
    _, out, _ = _run(case, capsys)
    lines = out.splitlines()
    starts = [i for i, line in enumerate(lines) if ERROR_LINE.match(line)]
    assert starts
    for i in starts:
        thai_line = lines[i + 1]
        assert thai_line.startswith("    ") and not thai_line.startswith("    →"), lines[i]
        assert THAI.search(thai_line), thai_line
    for i, line in enumerate(lines):
        if not (ERROR_LINE.match(line) or line.startswith("    ")):
            pytest.fail(f"unexpected output line {i + 1}: {line!r}")


def _source_line(case: Path, path: str, line: int) -> str:
    return (case / path).read_text(encoding="utf-8").splitlines()[line - 1]


@pytest.mark.parametrize("case", _invalid_cases())
def test_line_numbers_point_at_the_field(case: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An error naming a field points at a line that shows that field or the bad value."""
    _, out, _ = _run(case, capsys)
    checked = 0
    for line in out.splitlines():
        m = ERROR_LINE.match(line)
        if not m or not m["field"] or not m["line"]:
            continue
        source = _source_line(case, m["path"], int(m["line"]))
        names = [n for n in re.split(r"[.\[\]]", m["field"]) if n and not n.isdigit()]
        values = re.findall(r"'([^']+)'", m["msg"])
        item = m["field"].endswith("]") and source.lstrip().startswith("- ")
        assert item or any(f"{n}:" in source for n in names) or any(v in source for v in values), (
            f"{line}\n  points at: {source!r}")
        checked += 1
    if case.name == "all-errors-at-once":
        assert checked == 8


def test_all_errors_of_all_files_come_out_at_once(capsys: pytest.CaptureFixture[str]) -> None:
    case = CASES / "all-errors-at-once"
    code, out, _ = _run(case, capsys)
    assert code == 1
    found = [(m["path"], int(m["line"]), m["field"]) for m in map(ERROR_LINE.match, out.splitlines())
             if m]
    assert found == [
        ("content/stories/news.md", 4, "orgs[0]"),
        ("orgs/first.yml", 8, "focus[0]"),
        ("orgs/first.yml", 12, "contact.email"),
        ("orgs/second.yml", 5, "district"),
        ("orgs/second.yml", 7, "location.lat"),
        ("orgs/second.yml", 8, "location.lon"),
        ("orgs/second.yml", 11, "updated"),
        ("orgs/second.yml", 12, "needs[0]"),
    ]
    # The valid profile beside them is still loaded: one bad file does not hide the others.
    result = load_repository(case)
    assert [o.id for o in result.dataset.orgs] == ["beach-for-life"]


# ---------------------------------------------------------------------------------------------
# What the valid cases normalize to


def test_good_full_is_normalized() -> None:
    result = load_repository(CASES / "good-full")
    assert not result.problems, result.problems.report()
    (org,) = result.dataset.orgs
    assert org.id == "nong-chik-healing"
    assert org.source == "orgs/nong-chik-healing.yml"
    assert (org.name.th, org.name.en) == ("เครือข่ายเยียวยาหนองจิก", "NO")  # not False
    assert (org.province.code, org.province.th, org.province.en) == ("94", "ปัตตานี", "Pattani")
    assert org.district is not None
    assert (org.district.code, org.district.th, org.district.en) == ("9403", "หนองจิก", "Nong Chik")
    assert org.location == coarsen(6.8697, 101.25013, "subdistrict")  # Thai digits in lat
    assert org.updated == dt.date(2018, 7, 24)  # ๒๕๖๑-๐๗-๒๔, Buddhist Era
    assert org.founded == 2005  # 2548 BE
    assert org.focus == ("healing", "children-youth", "orphans")
    assert org.needs == ("funding", "volunteers", "training", "media", "equipment", "space",
                         "partners")
    assert org.languages == ("th", "ms", "en")
    assert [a.as_dict() for a in org.activities] == [
        {"th": "เยี่ยมบ้านเด็กกำพร้า", "en": "Home visits"},
        {"th": "10:30"},  # not the sexagesimal integer 630
    ]
    assert org.description is not None and org.description.th is not None
    assert "\n\nปัจจุบันมีอาสาสมัคร **40 คน**" in org.description.th  # multiline kept
    assert org.volunteer is not None
    assert org.volunteer.languages == ("th", "ms")
    assert org.volunteer.how_to_join is not None and org.volunteer.how_to_join.th == "ทักมาทางเพจ"
    c = org.contact
    assert c.phone == "+6673000000"  # 073000000, not the octal number 15466496
    assert c.facebook == "https://www.facebook.com/nongchikhealing"
    assert c.line == "https://line.me/R/ti/p/@nongchik"
    assert c.tiktok == "https://www.tiktok.com/@nongchik"
    assert c.email == "contact@nongchik.example.org"  # mailto: removed
    assert c.instagram == "https://www.instagram.com/nongchik"
    assert c.youtube == "https://youtu.be/abcdef"
    assert c.website == "https://nongchik.example.org/"
    assert org.donate == "https://nongchik.example.org/donate"
    assert org.logo == "logos/nong-chik-healing.png"


def test_good_province_forms_are_normalized() -> None:
    result = load_repository(CASES / "good-province-forms")
    assert not result.problems, result.problems.report()
    orgs = {o.id: o for o in result.dataset.orgs}
    got = {k: (o.province.code, o.district.code if o.district else None, o.focus, o.updated,
               o.location.precision) for k, o in orgs.items()}
    july = dt.date(2018, 7, 24)
    assert got == {
        "yala-mueang": ("95", "9501", ("community",), july, "district"),  # 'Yala', 'เมือง'
        # Its district (Tak Bai) is checked, and left out: the group publishes only its province.
        "narathiwat-tak-bai": ("96", None, ("environment", "marine"), july, "province"),
        "pattani-nong-chik": ("94", "9403", ("women",), july, "exact"),  # '๙๔', 'Nong Chik'
    }


def test_good_story_is_loaded() -> None:
    result = load_repository(CASES / "good-story")
    assert not result.problems, result.problems.report()
    (story,) = result.dataset.stories
    assert story.slug == "2024/beach-day"
    assert story.source == "stories/2024/beach-day.md"
    assert story.date == dt.date(2024, 3, 2)  # 2 มีนาคม 2567
    assert story.orgs == ("beach-for-life",)
    assert story.tags == ("ทะเล", "เยาวชน")
    assert story.draft is False
    assert story.body.startswith("เช้าวันเสาร์")


def test_types_are_kept_as_text_not_guessed() -> None:
    """The YAML 1.1 guesses (False, octal, base 60) never reach the validator."""
    result = load_repository(CASES / "yaml-types-kept-as-text")
    report = result.problems.report()
    assert "'NO' is not one of the allowed values" in report
    assert "'10:30' is not a date" in report
    assert "contact.phone" not in report  # 073000000 is a valid phone number, as text
