"""Validation that needs generated input: size limits, absolute paths, hostile field names."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from guidemap.contract.load.repository import load_repository
from guidemap.contract.model.story import MAX_STORY_BYTES
from guidemap.contract.problems import Problem, Problems, did_you_mean
from guidemap.contract.yamlsafe import MAX_BYTES
from guidemap.tools.cli import main

CASES = Path(__file__).parents[1] / "cases" / "orgs"
GOOD = (CASES / "good-minimal" / "orgs" / "beach-for-life.yml").read_text(encoding="utf-8")


def _repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / "orgs").mkdir(parents=True)
    (root / "orgs" / "beach-for-life.yml").write_text(GOOD, encoding="utf-8")
    (root / "content" / "stories").mkdir(parents=True)
    return root


def _validate(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = main(["--root", str(root), "validate"])
    out = capsys.readouterr().out
    return code, [line for line in out.splitlines() if not line.startswith("    ")]


def _story(size: int) -> bytes:
    """A valid story of exactly ``size`` bytes: Thai lines padded with ASCII."""
    head = "---\ntitle: เรื่องยาว\ndate: 2024-03-02\norgs: [beach-for-life]\n---\n".encode()
    line = ("ก" * 10 + "\n").encode()  # 31 bytes
    raw = head + line * ((size - len(head)) // len(line))
    return raw + b"x" * (size - len(raw))


def test_story_larger_than_the_limit_is_refused(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    root = _repo(tmp_path)
    (root / "content" / "stories" / "big.md").write_bytes(_story(MAX_STORY_BYTES + 1))
    code, lines = _validate(root, capsys)
    assert code == 1
    assert lines == [f"content/stories/big.md: error: story is larger than {MAX_STORY_BYTES // 1000} KB;"
                     " split it"]


def test_story_at_the_limit_is_accepted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _repo(tmp_path)
    raw = _story(MAX_STORY_BYTES)
    assert len(raw) == MAX_STORY_BYTES
    raw.decode("utf-8")
    (root / "content" / "stories" / "big.md").write_bytes(raw)
    code, lines = _validate(root, capsys)
    assert (code, lines) == (0, [])


def test_profile_larger_than_the_limit_is_refused(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    root = _repo(tmp_path)
    padding = "# " + "x" * 98 + "\n"
    (root / "orgs" / "beach-for-life.yml").write_text(
        GOOD + padding * (MAX_BYTES // len(padding) + 1), encoding="utf-8")
    code, lines = _validate(root, capsys)
    assert code == 1
    assert lines == [f"orgs/beach-for-life.yml:1: error: file is larger than {MAX_BYTES // 1024} KB"]


def test_logo_outside_orgs_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _repo(tmp_path)
    outside = tmp_path / "elsewhere" / "secret.png"
    outside.parent.mkdir()
    outside.write_bytes(b"\x89PNG\r\n\x1a\n")
    assert "/" + outside.as_posix().lstrip("/") == outside.as_posix()
    (root / "orgs" / "beach-for-life.yml").write_text(GOOD + f"logo: {outside.as_posix()}\n",
                                                      encoding="utf-8")
    code, lines = _validate(root, capsys)
    assert code == 1
    assert len(lines) == 1 and lines[0].startswith("orgs/beach-for-life.yml:13: error [logo]: ")


def test_logo_inside_orgs_is_accepted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _repo(tmp_path)
    (root / "orgs" / "logos").mkdir()
    # A real 1x1 PNG (the build decodes logos to resize them) and the logo's text alternative.
    (root / "orgs" / "logos" / "beach.png").write_bytes(bytes.fromhex(
        "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
        "0000000d4944415478da636460f85f0f0002870180eb47ba920000000049454e44ae426082"))
    (root / "orgs" / "beach-for-life.yml").write_text(
        GOOD + "logo: logos/beach.png\nlogo_alt: โลโก้กลุ่มรักษ์ทะเล\n", encoding="utf-8")
    assert _validate(root, capsys) == (0, [])


def test_a_field_name_cannot_forge_report_lines(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    root = _repo(tmp_path)
    (root / "orgs" / "beach-for-life.yml").write_text(
        GOOD + '"x\\norgs/other.yml:1: error [id]: forged": 1\n', encoding="utf-8")
    code = main(["--root", str(root), "validate"])
    out = capsys.readouterr().out
    assert code == 1
    for line in out.splitlines():
        assert line.startswith(("orgs/beach-for-life.yml:13: error", "    ")), line


def test_problems_are_sorted_and_deduplicated() -> None:
    problems = Problems()
    problems.add("orgs/b.yml", 3, "x", "b3", "ข")
    problems.add("orgs/a.yml", 9, "x", "a9", "ก")
    problems.add("orgs/a.yml", 2, "x", "a2", "ก")
    problems.add("orgs/a.yml", 2, "x", "a2", "ก")
    assert [p.en for p in problems.sorted()] == ["a2", "a9", "b3"]
    assert len(problems) == 4 and bool(problems)
    assert not Problems()


def test_problem_format() -> None:
    p = Problem("orgs/a.yml", 7, "contact.email", "bad", "ไม่ดี", "e.g. x@example.org")
    assert p.format() == ("orgs/a.yml:7: error [contact.email]: bad\n    ไม่ดี\n"
                          "    → e.g. x@example.org")
    assert Problem("orgs/x.json", 0, "", "not a profile", "ไม่ใช่").format() == (
        "orgs/x.json: error: not a profile\n    ไม่ใช่")


@pytest.mark.parametrize(("word", "choices", "expected"), [
    ("provnce", ["id", "province", "district"], "province"),
    ("PEAC", ["peace", "healing"], "peace"),
    ("Patani", ["ปัตตานี", "Pattani", "Yala"], "Pattani"),
    ("zzzzzz", ["peace", "healing"], ""),
    ("x", [], ""),
])
def test_did_you_mean(word: str, choices: list[str], expected: str) -> None:
    assert did_you_mean(word, choices) == expected


def test_invalid_profile_is_not_in_the_dataset(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    shutil.copy(CASES / "all-errors-at-once" / "orgs" / "second.yml", root / "orgs" / "second.yml")
    result = load_repository(root)
    assert [o.id for o in result.dataset.orgs] == ["beach-for-life"]
    assert {p.path for p in result.problems.items} == {"orgs/second.yml"}
