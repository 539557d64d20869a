"""Property tests: each faster path of the loaders gives exactly the answer of the plain code it
stands in front of (the plain code is kept here, or is the library's own function).

The loaders read thousands of files per build, so a few checks take a shortcut where the
answer is known without the full work (no Thai digit, fewer than nine digits, no picture
syntax, a path under its root). A shortcut that answered differently would change what the
validator reports, so each is compared with the plain code on text built to reach its edges.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st
from pythainlp.util import thai_digit_to_arabic_digit

from guidemap.contract import files, mdwork, thai
from guidemap.contract.model.dated import CALLS, EVENTS
from guidemap.contract.model.profile import PROFILE
from guidemap.contract.yamlsafe import relative
from strategies import LATIN, THAI

# Digits of several scripts (Thai, Lao, Arabic-Indic, full-width; a superscript is a digit to
# str.isdigit but not to \d), the separators a phone number is written with, and letters.
_PHONE_CHARS = "0123456789๐๑๒๓๔๕๖๗๘๙໑໒١٢１２²+-(). \t\n6" + "กขabc"
_PHONE_PIECES = ["081-234-5678", "๐๘๑-๒๓๔-๕๖๗๘", "+66 73 312 222", "+66 (0)81 234 5678", "073312222",
                 "1669", "02 123 4567", "0812345678901", "66812345678", "(073) 312-222", "໐໘໑໒໓໔໕໖໗໘",
                 "0", "08", "12345678", " ", "-", "โทร ", "x", "\n"]


def _pieces(pieces: list[str], alphabet: str, max_pieces: int = 8) -> st.SearchStrategy[str]:
    """Text made of meaningful pieces and random characters from ``alphabet``."""
    piece = st.one_of(st.sampled_from(pieces), st.text(alphabet=alphabet, max_size=12))
    return st.lists(piece, max_size=max_pieces).map("".join)


@given(st.text(alphabet=_PHONE_CHARS + THAI + LATIN, max_size=80))
@example("๐๙")
@example("ไม่มีเลข")
def test_arabic_digits_is_pythainlps_conversion(text: str) -> None:
    assert thai.arabic_digits(text) == (thai_digit_to_arabic_digit(text) if text else text)


@given(st.one_of(_pieces(_PHONE_PIECES, _PHONE_CHARS), st.text(alphabet=_PHONE_CHARS, max_size=40)))
@example("โทร 073-312-222")
@example("๐๗๓๓๑๒๒๒๒")
@example("08໑໒໓໔໕໖໗໘")  # Lao digits: \d to the detector, so counted by the first test too
@example("0²3312222")
def test_find_phone_is_the_plain_detector(text: str) -> None:
    assert thai.find_phone(text) == thai.find_phone_plain(text)


def _plain_relative(path: Path, root: Path) -> str | None:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return None


_SEGMENT = st.sampled_from(["a", "b", "orgs", "x.yml", ".", "..", "", "ก", "a b", "stories"])
_START = st.sampled_from(["", "/", "//", "./"])


@given(_START, st.lists(_SEGMENT, max_size=4), st.lists(_SEGMENT, max_size=3), st.booleans(),
       _START, st.lists(_SEGMENT, max_size=4))
@example("", [], ["a"], True, "", [])
@example("/", [], ["a"], True, "", [])
@example("//", [], ["a"], True, "", [])
@example("/", [], [], False, "//", ["a"])  # "//" is a root of its own to pathlib
def test_relative_is_pathlibs(start: str, base: list[str], rest: list[str], under: bool,
                              other_start: str, other: list[str]) -> None:
    root = Path(start + "/".join(base))
    path = Path(str(root), *rest) if under else Path(other_start + "/".join(other))
    assert relative(path, root) == _plain_relative(path, root)


# --- Markdown: the work bound and the pictures a story shows -------------------------------------

_MD_LINES = ["", "text", "> quote", "   > x", "   >", "   > ===", "    > not a quote", ">>", "a>b",
             "> ---", "===", "---", "# h", "####### seven", "***", "- - -", "_ _ _", "  ===  ", "\t> tab",
             "= x", "*", "__", "ข้อความ", " ", "-", "#"]


def _plain_markdown_work(text: str) -> tuple[int, int]:
    """mdwork.markdown_work without its shortcuts: both searches on every line."""
    worst, worst_line, total, size, splits, start = 0, 0, 0, 0, 0, 1
    for number, line in enumerate([*text.split("\n"), ""], start=1):
        inner = mdwork._QUOTE.sub("", line).strip()
        if not inner:
            cost = size * splits
            total += cost
            if cost > worst:
                worst, worst_line = cost, start
            size = splits = 0
            start = number + 1
            continue
        size += len(line) + 1
        splits += bool(mdwork._SPLITTING.fullmatch(inner))
    return total, worst_line


@given(st.one_of(st.lists(st.sampled_from(_MD_LINES), max_size=12).map("\n".join),
                 _pieces([*_MD_LINES, "\n"], "=-#*_> \t\nab\u00a0\u3000")))
def test_markdown_work_is_the_plain_count(text: str) -> None:
    assert mdwork.markdown_work(text) == _plain_markdown_work(text)


def _plain_inline_images(body: str) -> list[tuple[int, str]]:
    """files.inline_images without its shortcut: the four searches on every body."""
    found = [(files._line(body, m.start()), m.group(1).strip("<>")) for m in files._INLINE.finditer(body)]
    found += [(files._line(body, m.start()), m.group(1).strip("\"'")) for m in files._IMG_TAG.finditer(body)]
    defs = {m.group(1).strip().casefold(): (files._line(body, m.start()), m.group(2).strip("<>"))
            for m in files._REF_DEF.finditer(body)}
    for m in files._REF_IMAGE.finditer(body):
        label = (m.group(2) or m.group(1)).strip().casefold()
        if label in defs:
            found.append(defs[label])
    return sorted(set(found))


_IMAGE_PIECES = ["![a](b.jpg)", "![](<c d.png>)", '<img src="x.png">', "<IMG alt=1 src=y.webp>", "![r][l]",
                 "![l]", "[l]: z.png", "[L]: <w.jpg>", "!", "[", "]", "(", ")", "<", ">", "img", " src=",
                 "\n", "เรื่อง", "\\"]


@given(_pieces(_IMAGE_PIECES, "![]()<>:\\ \nimgsrc=.x", max_pieces=10))
def test_inline_images_is_the_plain_search(body: str) -> None:
    assert files.inline_images(body) == _plain_inline_images(body)


def test_the_plain_references_still_find_things() -> None:
    """The references above are the real thing, not code that finds nothing."""
    assert _plain_inline_images("![a](b.jpg)") == [(1, "b.jpg")]
    assert _plain_markdown_work("a\n===\n") == (6, 1)
    assert thai.find_phone_plain("โทร 073-312-222") == "073-312-222"
    assert re.fullmatch(r"\d+", thai.arabic_digits("๐๙"))


def test_model_values_read_each_fields_name_and_attribute() -> None:
    for decls in (PROFILE, CALLS, EVENTS):
        assert decls._top_names == tuple((f, f.name, f.attr) for f in decls.top_level)


# --- the files of a folder ------------------------------------------------------------------------

def _plain_walk(folder: Path) -> list[tuple[Path, bool, bool]]:
    """files.walk as os.walk with a system call per entry, and regular_files' is_file."""
    found: list[tuple[Path, bool, bool]] = []
    if not os.path.lexists(folder):
        return found
    if os.path.islink(folder):
        return [(folder, True, False)]
    for here, dirs, names in os.walk(folder, followlinks=False):
        dirs.sort()
        base = Path(here)
        for name in sorted(names + [d for d in dirs if os.path.islink(os.path.join(here, d))]):
            path = base / name
            link = os.path.islink(path)
            found.append((path, link, not link and path.is_file()))
        dirs[:] = [d for d in dirs if not os.path.islink(os.path.join(here, d))]
    return found


_NAMES = st.sampled_from(["a", "B", "b.md", "c.jpg", ".hidden", "z", "10", "9", "ก.md"])
# What to make at a path: a file, a folder, a link (to a file, a folder, nowhere, an ancestor),
# or a named pipe (neither a file nor a folder).
_KINDS = st.sampled_from(["file", "folder", "link-file", "link-folder", "link-none", "link-up", "fifo"])


@given(st.lists(st.tuples(st.lists(_NAMES, min_size=1, max_size=3), _KINDS), max_size=12),
       st.sampled_from(["", "a", "B", "missing"]))
def test_walk_lists_what_os_walk_lists(entries: list[tuple[list[str], str]], start: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp, "root")
        root.mkdir()
        (root / "target.txt").write_text("x")
        for parts, kind in entries:
            path = root.joinpath(*parts)
            if os.path.lexists(path) or not path.parent.is_dir() or path.parent.is_symlink():
                continue
            if kind == "file":
                path.write_text("x")
            elif kind == "folder":
                path.mkdir()
            elif kind == "fifo":
                os.mkfifo(path)
            else:
                path.symlink_to({"link-file": root / "target.txt", "link-folder": root,
                                 "link-none": root / "nowhere", "link-up": path.parent}[kind])
        folder = root / start if start else root
        assert list(files._walk(folder)) == _plain_walk(folder)
        assert list(files.walk(folder)) == [(p, link) for p, link, _ in _plain_walk(folder)]
        assert files.regular_files(folder) == [p for p, _, regular in _plain_walk(folder) if regular]
