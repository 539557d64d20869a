"""Contributed files, whatever their text says: one rule for every file a pull request can add.

Why: the site publishes what sits in the content folders. A symbolic link publishes what it
points at on the build machine (``/proc/self/environ`` is the build's environment) and a link
loop hangs the build; an ``.html``, ``.js`` or SVG file runs script on the site's address; a
picture carries the GPS position where it was taken. So, under the content folders
(``content/``, ``orgs/`` with ``orgs/logos/``, ``calls/``, ``events/``):

- no symbolic link anywhere (found with ``os.lstat``, never followed, so loops cannot hang);
- ``content/`` holds Markdown and the pictures the build re-encodes (JPEG, PNG, WebP) only;
  ``orgs/logos/`` the same pictures; SVG is refused (it is a document that can hold script);
- a page outside ``content/stories/`` is a maintainers' page, listed in ``mkdocs.yml``'s ``nav``
  or the plugin's ``maintained_pages``; the home page ``index.md`` is one by definition;
  ``index.md`` inside ``stories/`` is refused (it would be published without the story rules);
- pictures are bounded in pixels, one by one (before decoding) and together (a build's work).

The validator checks this before anything is read, and the plugin checks every file MkDocs
collected again (:func:`published_file_problem`), so a build without validation is safe too.
Pure core: no MkDocs here.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import yaml

from guidemap.contract import pictures
from guidemap.contract.problems import Problems
from guidemap.contract.yamlsafe import relative

STORIES_DIR = "stories"
HOME_PAGE = "index.md"
LOGOS_DIR = "logos"
DATED_DIRS = ("calls", "events")
PAGE_SUFFIX = ".md"
# Every picture's pixels together, per build: decoding costs about 70 ms and 14 MB per megapixel
# (a 40-megapixel PNG of 170 KB: 2.8 s, 573 MB). A thousand megapixels is some 80 phone photos
# at full size; published copies are at most 960 pixels wide, so nothing is lost by resizing.
MAX_TOTAL_PIXELS = 1_000_000_000

_TO_JPEG = ("convert it to JPEG (.jpg) before adding it / แปลงเป็นไฟล์ JPEG (.jpg) ก่อน")
_HINTS = {
    ".heic": _TO_JPEG, ".heif": _TO_JPEG, ".gif": _TO_JPEG, ".tif": _TO_JPEG, ".tiff": _TO_JPEG,
    ".bmp": _TO_JPEG, ".avif": _TO_JPEG, ".jfif": "rename it to .jpg / เปลี่ยนนามสกุลเป็น .jpg",
    ".svg": "export it as PNG (an SVG file can run script on the site) / ส่งออกเป็นไฟล์ PNG",
    ".html": "write the page in Markdown (.md) / เขียนหน้าเป็น Markdown (.md)",
    ".htm": "write the page in Markdown (.md) / เขียนหน้าเป็น Markdown (.md)",
    ".js": "scripts are never published from content/ / ไม่เผยแพร่สคริปต์จาก content/",
}
_OTHER_HINT = ("content/ holds stories (.md) and pictures (.jpg, .png, .webp) only / "
               "ใส่ได้เฉพาะเรื่องเล่า (.md) และรูป (.jpg, .png, .webp)")


def convert_hint(name: str) -> str:
    """What to do with a file of this kind instead (Thai beside English)."""
    return _HINTS.get(os.path.splitext(name)[1].lower(), _TO_JPEG)


def _rel(path: Path, root: Path) -> str:
    rel = relative(path, root)
    return path.as_posix() if rel is None else rel


def is_link(path: Path) -> bool:
    """A symbolic link (never followed). The loaders skip links; :func:`check_files` reports them."""
    return os.path.islink(path)


def walk(folder: Path) -> Iterator[tuple[Path, bool]]:
    """Every entry under ``folder`` (sorted, folders' contents after their files) with whether it
    is a symbolic link. Links are listed, never followed: a link to a folder or a loop is one
    entry; a file that is not a link is a regular file or something ``check_files`` reports."""
    for path, link, _ in _walk(folder):
        yield path, link


def _walk(folder: Path) -> Iterator[tuple[Path, bool, bool]]:
    """:func:`walk`, with whether each entry is a regular file (never one through a link)."""
    if not os.path.lexists(folder):
        return
    if os.path.islink(folder):
        yield folder, True, False
        return
    yield from _walk_folder(os.fspath(folder))


def _walk_folder(here: str) -> Iterator[tuple[Path, bool, bool]]:
    """One folder of :func:`_walk`, then its subfolders, as ``os.walk`` visits them (a folder
    that cannot be listed gives nothing). The listing tells each entry's kind: asking the
    system about each file twice (is it a link, is it a regular file), as os.walk followed by
    ``islink`` and ``is_file`` did, was most of the time checking 4,000 files took
    (tests/properties/test_properties_contract_fast.py compares the two)."""
    try:
        with os.scandir(here) as listing:
            entries = list(listing)
    except OSError:
        return
    kinds: dict[str, tuple[bool, bool]] = {}  # name: (a link, a regular file)
    folders = []
    for entry in entries:
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir and not os.path.islink(os.path.join(here, entry.name)):
            folders.append(entry.name)
        elif is_dir:
            kinds[entry.name] = (True, False)
        else:
            try:
                link = entry.is_symlink()
            except OSError:
                link = False
            try:
                regular = not link and entry.is_file()
            except OSError:
                regular = False
            kinds[entry.name] = (link, regular)
    base = Path(here)
    for name in sorted(kinds):
        yield (base / name, *kinds[name])
    for name in sorted(folders):
        yield from _walk_folder(os.path.join(here, name))


def regular_files(folder: Path) -> list[Path]:
    """The files under ``folder`` that are not links, sorted; links are left out (reported by
    :func:`check_files`), so no loader reads through one."""
    return [p for p, _, regular in _walk(folder) if regular]


def _hidden(rel: str) -> bool:
    # MkDocs leaves out names starting with a dot (exclude_docs' default); so do we.
    return any(part.startswith(".") for part in rel.split("/"))


# --- the maintainers' pages ---------------------------------------------------------------


class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for its nav and plugin options only: MkDocs' own tags (``!ENV``,
    ``!relative``, ``!!python/name``) become None instead of errors."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_AnyTagLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def nav_pages(nav: Any) -> set[str]:
    """The Markdown files a MkDocs ``nav`` lists (at any depth; external links left out)."""
    found: set[str] = set()
    if isinstance(nav, str):
        if nav.endswith(PAGE_SUFFIX) and "://" not in nav:
            found.add(nav.lstrip("/"))
    elif isinstance(nav, dict):
        for value in nav.values():
            found |= nav_pages(value)
    elif isinstance(nav, list):
        for item in nav:
            found |= nav_pages(item)
    return found


def maintained_pages(mkdocs_yml: Path) -> frozenset[str]:
    """The pages of ``mkdocs.yml``: its ``nav`` and the guidemap plugin's ``maintained_pages``.
    An unreadable or missing file gives none (the home page is always allowed)."""
    try:
        config = yaml.load(mkdocs_yml.read_text(encoding="utf-8"), Loader=_AnyTagLoader)
    except (OSError, yaml.YAMLError, ValueError):
        return frozenset()
    if not isinstance(config, dict):
        return frozenset()
    pages = nav_pages(config.get("nav"))
    for plugin in config.get("plugins") or ():
        if isinstance(plugin, dict) and isinstance(plugin.get("guidemap"), dict):
            pages |= nav_pages(plugin["guidemap"].get("maintained_pages"))
    return frozenset(pages)


# --- one file -----------------------------------------------------------------------------


def content_file_problem(rel: str, pages: frozenset[str]) -> tuple[str, str, str] | None:
    """Why a file of ``content/`` (its path there) may not be published: (en, th, hint)."""
    name = rel.rsplit("/", 1)[-1]
    suffix = os.path.splitext(name)[1].lower()
    if suffix == PAGE_SUFFIX:
        if rel.startswith(f"{STORIES_DIR}/"):
            if name == "index.md":
                return ("a story cannot be named index.md: the file name is the story's address",
                        "ตั้งชื่อไฟล์เรื่องเล่าว่า index.md ไม่ได้",
                        "rename it, e.g. 2024-03-02-beach-day.md / เปลี่ยนชื่อไฟล์")
            return None
        if rel == HOME_PAGE or rel in pages:
            return None
        return ("a page outside content/stories/ is a maintainers' page and must be listed in "
                "mkdocs.yml (nav); a story goes in content/stories/",
                "หน้าที่อยู่นอก content/stories/ ต้องมีชื่ออยู่ใน nav ของ mkdocs.yml",
                f"move it to content/stories/{name} / ย้ายไปไว้ใน content/stories/")
    if suffix in pictures.RASTER:
        return None
    return (f"{suffix or 'a file without an extension'} files are not published",
            f"ไม่เผยแพร่ไฟล์ชนิด {suffix or 'ที่ไม่มีนามสกุล'}", _HINTS.get(suffix, _OTHER_HINT))


def published_file_problem(rel: str, abs_path: Path, pages: frozenset[str]) -> str | None:
    """The plugin's second check of each file MkDocs collected from the docs folder: a link
    anywhere on its path, or a file the rules above refuse (one line, for the build's error)."""
    here = abs_path
    for _ in rel.split("/"):
        if os.path.islink(here):
            return f"{rel}: a symbolic link is never published"
        here = here.parent
    problem = content_file_problem(rel, pages)
    return f"{rel}: {problem[0]}" if problem else None


# --- every file ---------------------------------------------------------------------------


def report_link(problems: Problems, shown: str) -> None:
    problems.add(shown, 0, "", "is a symbolic link: the site publishes files, never links (a link "
                 "can point at anything on the machine that builds the site)",
                 "เป็นลิงก์สัญลักษณ์ (symbolic link) เว็บไซต์เผยแพร่เฉพาะไฟล์จริง",
                 "commit the file itself, not a link to it / ใส่ไฟล์จริงแทนลิงก์")


def _picture(path: Path, shown: str, problems: Problems) -> int:
    """Pixels of one picture (0 when it cannot be read: reported)."""
    try:
        info = pictures.read_info(path)
    except pictures.ImageProblem as exc:
        problems.add(shown, 0, "", f"{exc}", "อ่านไฟล์รูปไม่ได้ หรือรูปใหญ่เกินไป")
        return 0
    return info.width * info.height


def check_files(root: Path, content_dir: str, orgs_dir: str, pages: frozenset[str],
                problems: Problems) -> None:
    """Every problem of every file in the content folders, by file (see the module's rules)."""
    content, orgs = root / content_dir, root / orgs_dir
    total, largest = 0, []
    for folder in (content, orgs, *(root / d for d in DATED_DIRS)):
        for path, link, regular in _walk(folder):
            shown = _rel(path, root)
            if link:
                report_link(problems, shown)
                continue
            if folder == content and regular and not _hidden(rel := _rel(path, content)):
                problem = content_file_problem(rel, pages)
                if problem:
                    problems.add(shown, 0, "", *problem)
                elif pictures.is_raster(rel):
                    n = _picture(path, shown, problems)
                    total += n
                    largest.append((n, shown))
    for path in regular_files(orgs / LOGOS_DIR):
        shown = _rel(path, root)
        if _hidden(path.name):
            continue
        if not pictures.is_raster(path.name):
            suffix = path.suffix.lower()
            problems.add(shown, 0, "", f"a logo must be a JPEG, PNG or WebP picture, not {suffix or 'this'}",
                         "โลโก้ต้องเป็นไฟล์ JPEG, PNG หรือ WebP",
                         _HINTS.get(suffix, "export it as PNG / ส่งออกเป็นไฟล์ PNG"))
            continue
        n = _picture(path, shown, problems)
        total += n
        largest.append((n, shown))
    if total > MAX_TOTAL_PIXELS:
        top = ", ".join(f"{s} ({n / 1e6:.0f} MP)" for n, s in sorted(largest, reverse=True)[:3])
        problems.add(_rel(content, root), 0, "",
                     f"the pictures hold {total / 1e6:,.0f} megapixels together, at most "
                     f"{MAX_TOTAL_PIXELS / 1e6:,.0f}: the build would take too long; largest: {top}",
                     "รูปทั้งหมดมีขนาดรวมใหญ่เกินไป กรุณาย่อรูปก่อน",
                     "resize pictures to at most 2,000 pixels wide / ย่อรูปให้กว้างไม่เกิน 2,000 พิกเซล")


def content_pictures(content: Path) -> list[str]:
    """The raster pictures of the docs folder (paths in it, sorted), links and hidden files left out."""
    return [rel for p in regular_files(content)
            if pictures.is_raster(rel := _rel(p, content)) and not _hidden(rel)]


# --- pictures named in Markdown -----------------------------------------------------------

_INLINE = re.compile(r"!\[(?:[^\]\\\n]|\\.)*\]\(\s*(<[^>\n]*>|[^)\s]*)")
_IMG_TAG = re.compile(r"<img\b[^>]*?\ssrc\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)", re.IGNORECASE)
_REF_IMAGE = re.compile(r"!\[((?:[^\]\\\n]|\\.)*)\](?:\[([^\]\n]*)\])?(?!\()")
_REF_DEF = re.compile(r"^ {0,3}\[([^\]\n]+)\]:[ \t]*(<[^>\n]*>|\S+)", re.MULTILINE)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")


def _line(text: str, at: int) -> int:
    return text.count("\n", 0, at) + 1


def inline_images(body: str) -> list[tuple[int, str]]:
    """(line in ``body``, address) of every picture the Markdown shows: ``![...](address)``,
    ``<img src=...>`` and ``![...][label]`` with its ``[label]: address`` definition."""
    # Most stories show no picture: every form above starts with "![" or "<", and looking for
    # those two is far cheaper than the four searches (every story, at validation and again
    # for the pictures a build publishes).
    if "![" not in body and "<" not in body:
        return []
    found = [(_line(body, m.start()), m.group(1).strip("<>")) for m in _INLINE.finditer(body)]
    found += [(_line(body, m.start()), m.group(1).strip("\"'")) for m in _IMG_TAG.finditer(body)]
    defs = {m.group(1).strip().casefold(): (_line(body, m.start()), m.group(2).strip("<>"))
            for m in _REF_DEF.finditer(body)}
    for m in _REF_IMAGE.finditer(body):
        label = (m.group(2) or m.group(1)).strip().casefold()
        if label in defs:
            found.append(defs[label])
    return sorted(set(found))


def is_outside_address(address: str) -> bool:
    """An address that makes the reader's browser ask another site (or a ``data:`` picture)."""
    return bool(_SCHEME.match(address)) or address.startswith(("//", "\\\\", "/\\"))


def picture_path(address: str) -> str | None:
    """A relative picture address as a path beside the Markdown file; None when it leaves that
    folder (``..``, a leading ``/`` or ``\\``): the same rules as a story's ``image:``."""
    path = unquote(address.split("#", 1)[0].split("?", 1)[0])
    if not path or path.startswith("/") or "\\" in path or ".." in path.split("/"):
        return None
    return path


def check_inline_images(body: str, first_line: int, folder: Path, shown: str,
                        problems: Problems) -> None:
    """Every picture the story's Markdown shows is a readable JPEG, PNG or WebP beside it."""
    for line, address in inline_images(body):
        at = first_line + line - 1
        if is_outside_address(address):
            problems.add(shown, at, "", f"the picture {address[:80]!r} is an address: pictures from "
                         "another site tell that site who reads the story",
                         "รูปจากเว็บอื่นทำให้เว็บนั้นรู้ว่าใครอ่านเรื่องนี้ ให้ใช้ไฟล์รูปที่อยู่ข้างไฟล์เรื่อง",
                         "put the picture next to the story and write its file name / "
                         "วางไฟล์รูปไว้ข้างไฟล์เรื่อง")
            continue
        path = picture_path(address)
        if path is None:
            problems.add(shown, at, "", f"the picture {address[:80]!r} must be a file in the story's "
                         "folder (no '..', no leading '/')", "รูปต้องเป็นไฟล์ในโฟลเดอร์เดียวกับเรื่อง")
        elif not pictures.is_raster(path):
            problems.add(shown, at, "", f"the picture {address[:80]!r} must be JPEG, PNG or WebP",
                         "รูปต้องเป็นไฟล์ JPEG, PNG หรือ WebP",
                         convert_hint(path))
        elif not (folder / path).is_file() or is_link(folder / path):
            problems.add(shown, at, "", f"the picture {path[:80]!r} does not exist next to the story",
                         f"ไม่พบไฟล์รูป {path[:80]!r}")


def story_pictures(source: str, body: str, image: str | None) -> set[str]:
    """The pictures (paths in the docs folder) a story shows: its ``image:`` and those in its
    Markdown. A picture only unpublished stories show is not published either."""
    folder = source.rsplit("/", 1)[0] if "/" in source else ""
    shown = [image] if image else []
    shown += [a for _, a in inline_images(body) if not is_outside_address(a)]
    paths = set()
    for address in shown:
        path = picture_path(address)
        if path is not None:
            paths.add(f"{folder}/{path}" if folder else path)
    return paths



# --- one file per id ------------------------------------------------------------------------------

def one_file_per_id(paths: list[Path], root: Path, problems: Problems,
                    key: Callable[[Path], str] = lambda p: p.stem) -> list[Path]:
    """The files of ``paths`` (sorted), the first of each id only (``key``: a file's id, by
    default its name without the suffix).

    Why: a folder read with both suffixes (``a.yml`` and ``a.yaml``) can hold one id twice, and
    the site would then publish two records, two HTML elements and two calendar entries with one
    id. Every content type goes through this one check; the error names both files."""
    first: dict[str, Path] = {}
    kept = []
    for path in paths:
        name = key(path)
        if name in first:
            one, two = _rel(first[name], root), _rel(path, root)
            problems.add(two, 0, "", f"duplicate id {name!r}: {one} and {two} have the same name; "
                         "keep one of them", f"id {name!r} ซ้ำกัน: {one} และ {two} มีชื่อเดียวกัน "
                         "ให้เหลือไฟล์เดียว", f"delete or rename {two}")
            continue
        first[name] = path
        kept.append(path)
    return kept
