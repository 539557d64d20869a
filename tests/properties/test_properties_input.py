"""Property tests: hostile and broken input never crashes the readers (tests/strategies.py).

The YAML reader, the validator (profiles and stories, through the loader), the issue-form
reader and the Markdown cleaner raise nothing but their own error type, every problem names
its file, and nothing is dropped in silence. Time is not asserted here (scripts/fuzz.py
reports the slowest example of each property); the work per file is bounded by the size
limits the properties check instead.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from guidemap.contract.load.repository import load_repository
from guidemap.contract.spec import markdown_too_complex
from guidemap.contract.yamlsafe import MAX_BYTES, YamlProblem, decode, parse
from guidemap.outputs.html.htmlkit import markdown_to_safe_html
from guidemap.tools.forms import issuebody, issueform
from inert import html_problems
from strategies import (
    HOSTILE_PIECES,
    VALID_PROFILE,
    broken_yaml,
    hostile_text,
    markdown_text,
    yaml_text,
)

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def _check_problems(root: Path, written: set[str], loaded: set[str]) -> None:
    """Every problem names one of the written files; every file is loaded or reported."""
    result = load_repository(root)
    reported = set()
    for p in result.problems.sorted():
        assert p.path in written, f"a problem names no file written: {p}"
        assert p.format().startswith(p.path), p.format()
        assert p.en and p.th, p
        assert "\n" not in p.field, f"a field name can forge report lines: {p.field!r}"
        reported.add(p.path)
    sources = {o.source for o in result.dataset.orgs} | {
        f"content/{s.source}" for s in result.dataset.stories}
    loaded |= sources
    assert written <= reported | sources, f"dropped in silence: {written - reported - sources}"
    assert not (reported & sources), "a file with a problem was published"


@settings(max_examples=300)
@given(broken_yaml())
@example(b"[" * 40_000)  # libyaml recurses on the C stack (yamlsafe.flow_depth)
@example(b"a: " * 20)
@example(VALID_PROFILE.encode().replace(b"6.86", b"\xff"))
@example(b"\r\r\r\r[")  # found by the long run: a lone CR is a line break (as in editors)
def test_yaml_reader_raises_only_its_own_error(raw: bytes) -> None:
    # Lines as YAML and editors count them: LF, CRLF or a lone CR (NEL, U+2028, U+2029 refused).
    lines = raw.count(b"\n") + raw.count(b"\r") - raw.count(b"\r\n") + 1
    try:
        doc = parse(decode(raw))
    except YamlProblem as exc:
        assert exc.line >= 1 and exc.en and exc.th
        assert exc.line <= lines + 1  # an error at the end of the file may name the next line
        return
    assert len(raw) <= MAX_BYTES  # larger input is refused before it is parsed
    for line in doc.lines.values():
        assert 1 <= line <= lines + 1


@settings(max_examples=100)
@given(st.lists(broken_yaml(), min_size=1, max_size=3))
def test_loader_reports_every_broken_profile(files: list[bytes]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "orgs").mkdir()
        written = set()
        for i, raw in enumerate(files):
            (root / "orgs" / f"g{i}.yml").write_bytes(raw)
            written.add(f"orgs/g{i}.yml")
        _check_problems(root, written, set())


# Well-formed YAML of the wrong shape: the profile's own field names with any kind of value.
_KEYS = st.sampled_from(["id", "name", "th", "en", "province", "district", "location", "lat",
                         "lon", "precision", "focus", "summary", "updated", "description",
                         "activities", "volunteer", "roles", "skills", "languages", "how_to_join",
                         "needs", "offers", "contact", "website", "email", "phone", "facebook",
                         "donate", "founded", "logo", "logo_alt", "\n[x]: forged", "ชื่อ"])
_SCALARS = st.one_of(st.sampled_from(HOSTILE_PIECES), st.text(max_size=12), st.none(),
                     st.sampled_from(["ปัตตานี", "Yala", "6.86", "๑๐๑.๓๗", "exact", "peace",
                                      "2561-07-24", "https://example.org", "@name", "1669", "2548"]))
_SHAPES = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=4)
                       | st.dictionaries(_KEYS, inner, max_size=6), max_leaves=25)


@settings(max_examples=150)
@given(st.dictionaries(_KEYS, _SHAPES, max_size=14), st.booleans())
def test_validator_reports_wrong_shapes(data: dict[str, Any], as_story: bool) -> None:
    text = yaml_text(data).encode("utf-8", "surrogatepass")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "orgs").mkdir()
        if as_story:
            folder = root / "content" / "stories"
            folder.mkdir(parents=True)
            (folder / "s.md").write_bytes(b"---\n" + text + b"---\n\nbody\n")
            written = {"content/stories/s.md"}
        else:
            (root / "orgs" / "g.yml").write_bytes(text)
            written = {"orgs/g.yml"}
        _check_problems(root, written, set())


@settings(max_examples=100)
@given(st.text(max_size=200) | hostile_text(), markdown_text(3000, hostile=True),
       st.sampled_from(["---\n", "--- \n", "---\r\n", ""]))
def test_story_front_matter_and_body(front: str, body: str, fence: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "orgs").mkdir()
        folder = root / "content" / "stories"
        folder.mkdir(parents=True)
        raw = f"{fence}{front}\n---\n{body}\n".encode("utf-8", "surrogatepass")
        (folder / "s.md").write_bytes(raw)
        _check_problems(root, {"content/stories/s.md"}, set())


# --- the issue form ------------------------------------------------------------------------------

_LABELS = [f.label for f in issueform.FIELDS]


@st.composite
def issue_body(draw: st.DrawFn) -> str:
    sections = []
    for label in draw(st.lists(st.sampled_from(_LABELS), max_size=14)):
        answer = draw(st.one_of(
            hostile_text(), st.text(max_size=40), st.just(issuebody.NO_RESPONSE),
            st.sampled_from(["ban-rak-thale", "ปัตตานี", "6.86", "101.37", "- [X] marine — x",
                             "- [X] nothing", "- [ ] peace", "district — ระดับอำเภอ"])))
        sections.append(f"### {label}\n\n{answer}\n")
    return "\n".join(sections)


def _example_body() -> str:
    return (Path(__file__).parents[1] / "data" / "issue-add-org.md").read_text(encoding="utf-8")


@settings(max_examples=150)
@given(issue_body() | st.text(max_size=300) | hostile_text())
@example(_example_body())
@example(_example_body().replace("กลุ่มบ้านรักทะเล", "<script>gmx()</script>"))
def test_issue_form_raises_only_its_own_error(body: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        orgs = Path(tmp, "orgs")
        orgs.mkdir()
        try:
            made = issueform.profile_from_issue(body, orgs, dt.date(2026, 6, 1))
        except issueform.IssueFormError as exc:
            assert exc.problems and all(isinstance(p, str) and p.strip() for p in exc.problems)
            return
        # A profile it accepts is one the site accepts, and carries no markup.
        (orgs / f"{made.id}.yml").write_text(made.text, encoding="utf-8")
        result = load_repository(Path(tmp))
        assert not result.problems, result.problems.report()
        assert [o.id for o in result.dataset.orgs] == [made.id]
        assert "<" not in "".join(str(v) for v in yaml.safe_load(made.text).values())


# --- the Markdown cleaner ------------------------------------------------------------------------


@settings(max_examples=300)
@given(markdown_text(4000, hostile=True) | hostile_text(2000) | st.text(max_size=500))
@example("[x](javascript&#58;gmx())")
@example("<a href='java&#x09;script:gmx()'>x</a>")
@example("{: onclick=gmx() }\n\n## t {: onclick=gmx() }")
@example("\ud800")  # nh3 refused lone surrogates (UnicodeEncodeError): replaced before cleaning
def test_markdown_cleaner_output_is_inert(text: str) -> None:
    if markdown_too_complex(text):  # refused by the validator before it is rendered
        return
    out = markdown_to_safe_html(text)
    assert isinstance(out, str)
    assert not html_problems(out, "markdown"), html_problems(out, "markdown")
