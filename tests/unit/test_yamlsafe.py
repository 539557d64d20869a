"""The strict YAML reader: text stays text, lines are kept, the dangerous features refused."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from guidemap.contract import yamlsafe
from guidemap.contract.yamlsafe import MAX_BYTES, MAX_DEPTH, YamlProblem, decode, parse, split_front_matter


@pytest.mark.parametrize("text", [
    "NO", "no", "Yes", "off", "ON", "true", "False",  # YAML 1.1 booleans
    "073000000", "0o17", "0x1F", "1_000", "1e3", "3.14", ".inf", "-.NaN",  # numbers
    "10:30", "1:20:30",  # base 60
    "2018-07-24", "2018-07-24 10:30:00",  # timestamps
    "๒๕๖๑-๐๗-๒๔",
])
def test_every_scalar_stays_text(text: str) -> None:
    assert parse(f"a: {text}\nb: [{text}]\n").data == {"a": text, "b": [text]}


def test_quoted_null_and_quoted_empty_are_text() -> None:
    assert parse("a: 'null'\nb: \"~\"\nc: ''\n").data == {"a": "null", "b": "~", "c": ""}


@pytest.mark.parametrize("loader", [
    # libyaml's composer marks plain scalars with style '', the Python one with None
    pytest.param(getattr(yaml, "CSafeLoader", yaml.SafeLoader), id="C"),
    pytest.param(yaml.SafeLoader, id="pure-python"),
])
def test_blank_tilde_and_null_mean_not_given(loader: type, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlsafe, "_Loader", loader)
    assert parse("a:\nb: ~\nc: null\nd: NULL\ne: x\n").data == {
        "a": None, "b": None, "c": None, "d": None, "e": "x"}


def test_the_c_composer_is_used_when_available() -> None:
    if yaml.__with_libyaml__:
        assert yamlsafe._Loader is yaml.CSafeLoader


def test_lines_of_every_path() -> None:
    doc = parse("# comment\nid: x\nname:\n  th: ชื่อ\nfocus:\n  - peace\n  - women\n")
    assert doc.line(("id",)) == 2
    assert doc.line(("name",)) == 3
    assert doc.line(("name", "th")) == 4
    assert doc.line(("focus",)) == 5
    assert doc.line(("focus", 0)) == 6
    assert doc.line(("focus", 1)) == 7
    assert doc.line(("name", "en")) == 3  # missing: the nearest ancestor
    assert doc.line(("nothing", "here")) == 2  # the document itself starts on line 2
    assert doc.line(()) == 2


def test_first_line_shifts_lines_for_front_matter() -> None:
    doc = parse("title: t\ndate: 2024-03-02\n", first_line=2)
    assert doc.line(("title",)) == 2
    assert doc.line(("date",)) == 3


def test_empty_document() -> None:
    assert parse("").data is None
    assert parse("# only a comment\n").data is None


def test_duplicate_keys_are_warnings_and_the_first_value_is_kept() -> None:
    doc = parse("a: 1\nb:\n  c: 2\n  c: 3\na: 4\n")
    assert doc.data == {"a": "1", "b": {"c": "2"}}
    got = [(w.line, w.en) for w in doc.warnings]
    assert got == [
        (4, "field 'c' appears twice (first on line 3); keep only one"),
        (5, "field 'a' appears twice (first on line 1); keep only one"),
    ]
    assert all(w.th for w in doc.warnings)


@pytest.mark.parametrize(("text", "line", "message"), [
    ("a: &x 1\nb: *x\n", 2, "anchors and aliases (& and *) are not allowed"),
    ("a: &x [1]\nb:\n  - *x\n", 1, "anchors and aliases (& and *) are not allowed"),
    ("base: &b {x: 1}\nm:\n  <<: *b\n", 3, "merge keys (<<) are not allowed"),
    ("a: !!python/object/apply:os.system [ls]\n", 1,
     "custom YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed"),
    ("a: !!python/name:os.system ''\n", 1,
     "custom YAML tag 'tag:yaml.org,2002:python/name:os.system' is not allowed"),
    ("a:\n  b: !include x.yml\n", 2, "custom YAML tag '!include' is not allowed"),
    ("a: !!binary aGVsbG8=\n", 1, "custom YAML tag 'tag:yaml.org,2002:binary' is not allowed"),
    ("a: 1\n? [x, y]\n: 2\n", 2, "a field name must be plain text"),
])
def test_refused_features(text: str, line: int, message: str) -> None:
    with pytest.raises(YamlProblem) as info:
        parse(text)
    assert (info.value.line, info.value.en) == (line, message)
    assert info.value.th


def test_standard_tags_are_allowed_but_stay_text() -> None:
    assert parse("a: !!str 073000000\nb: !!int 12\n").data == {"a": "073000000", "b": "12"}


def test_billion_laughs_is_refused_fast() -> None:
    levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 12):  # 10**12 strings if expanded
        prev, name = chr(ord("a") + i - 1), chr(ord("a") + i)
        levels.append(f"{name}: &{name} [{', '.join(['*' + prev] * 10)}]")
    start = time.perf_counter()
    with pytest.raises(YamlProblem) as info:
        parse("\n".join(levels) + "\n")
    assert time.perf_counter() - start < 2
    assert info.value.en == "anchors and aliases (& and *) are not allowed"


@pytest.mark.parametrize(("text", "line"), [
    ("a: 1\nb: c: d\n", 2),
    ("a: 1\n  b: 2\nc: 3\n", 2),
    ("a: [1, 2\nb: 3\n", 2),
    ("a: 'x\n", 2),
    ("a: 1\n\tb: 2\n", 2),
])
def test_syntax_errors_name_the_line(text: str, line: int) -> None:
    with pytest.raises(YamlProblem) as info:
        parse(text)
    assert info.value.line == line
    assert info.value.en.startswith("YAML syntax error: ")
    assert "รูปแบบ YAML ผิด" in info.value.th


def test_syntax_error_line_is_shifted_too() -> None:
    with pytest.raises(YamlProblem) as info:
        parse("a: 1\nb: c: d\n", first_line=2)
    assert info.value.line == 3


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 500, 5000])
def test_deep_nesting_is_a_problem_not_a_crash(depth: int) -> None:
    """500 levels once raised RecursionError out of the validator."""
    with pytest.raises(YamlProblem) as info:
        parse("id: x\na: " + "[" * depth + "]" * depth + "\n")
    assert info.value.line == 2
    assert info.value.en == f"nested more than {MAX_DEPTH} levels deep"


def test_nesting_up_to_the_limit_is_read() -> None:
    depth = MAX_DEPTH - 1  # the path of x, ('a', 0, 0, ...), is MAX_DEPTH long
    data = parse("a: " + "[" * depth + "x" + "]" * depth + "\n").data
    for _ in range(depth + 1):
        data = data["a"] if isinstance(data, dict) else data[0]
    assert data == "x"


def test_very_deep_nesting_does_not_kill_the_process() -> None:
    depth = (MAX_BYTES - 16) // 2
    code = ("import sys\nfrom guidemap.contract.yamlsafe import parse, YamlProblem\n"
            f"text = 'a: ' + '[' * {depth} + ']' * {depth}\n"
            "try:\n    parse(text)\nexcept YamlProblem:\n    sys.exit(3)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=120)
    assert result.returncode == 3, result.stderr.decode(errors="replace")[-500:]


# --- decode ------------------------------------------------------------------------------------


def test_decode_removes_a_bom() -> None:
    assert decode("\ufeffid: x\n".encode()) == "id: x\n"


@pytest.mark.parametrize(("raw", "line"), [
    ("id: x\nname: café\n".encode("latin-1"), 2),
    ("id: x\n\nname: กลุ่ม\n".encode("tis-620"), 3),
    ("id: x\n".encode("utf-16"), 1),
    (b"id: x\n\xff\n", 2),
])
def test_decode_refuses_other_encodings_with_the_line(raw: bytes, line: int) -> None:
    with pytest.raises(YamlProblem) as info:
        decode(raw)
    assert info.value.line == line
    assert info.value.en == "file is not UTF-8 text; save it as UTF-8"


def test_utf16_without_bom_is_refused_at_line_1() -> None:
    # Pure ASCII in UTF-16 without a BOM is valid UTF-8 full of NUL characters.
    with pytest.raises(YamlProblem) as info:
        parse(decode("id: x\nname: ok\n".encode("utf-16-le")))
    assert info.value.line == 1


def test_reader_errors_are_one_line_messages() -> None:
    with pytest.raises(YamlProblem) as info:
        parse("id: x\x00\n")
    assert "\n" not in info.value.en and "\n" not in info.value.th


def test_decode_size_limit() -> None:
    decode(b"#" * MAX_BYTES)
    with pytest.raises(YamlProblem) as info:
        decode(b"#" * (MAX_BYTES + 1))
    assert info.value.en == f"file is larger than {MAX_BYTES // 1024} KB"


# --- front matter ------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("---\ntitle: t\n---\nbody\n", ("title: t\n", "body\n", 4)),
    ("---\r\ntitle: t\r\n---\r\nbody\r\n", ("title: t\r\n", "body\r\n", 4)),
    ("---\na: 1\nb: 2\n...\n", ("a: 1\nb: 2\n", "", 5)),
    ("---\n---\n", ("", "", 3)),
    ("# title\n", None),
    ("---\ntitle: t\n", None),  # never closed
    ("----\ntitle: t\n---\n", None),
    ("--- \ntitle: t\n---  \nx", ("title: t\n", "x", 4)),
    (" ---\ntitle: t\n---\n", None),
])
def test_split_front_matter(text: str, expected: tuple[str, str, int] | None) -> None:
    assert split_front_matter(text) == expected


def test_the_one_reader_reports_what_it_cannot_read(tmp_path: Path) -> None:
    """Every contributed YAML file and the network file go through read_file: a file it cannot
    read, decode or parse is a problem under the file's name, never an exception."""
    from guidemap.contract.problems import Problems
    from guidemap.contract.yamlsafe import read_file

    problems = Problems()
    (tmp_path / "latin1.yml").write_bytes("name: caf\xe9\n".encode("latin-1"))
    (tmp_path / "broken.yml").write_text("a: [1\n", encoding="utf-8")
    for name in ("missing.yml", "latin1.yml", "broken.yml"):
        assert read_file(tmp_path / name, name, problems) is None
    assert [p.path for p in problems.sorted()] == ["broken.yml", "latin1.yml", "missing.yml"]
    assert "cannot read the file" in problems.report()
