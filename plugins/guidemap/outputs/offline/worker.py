"""The service worker and the provinces' lists, made from the written site once every other
file is there (the worker's cache is named by a hash of them all, so any change to the site
is a new cache and the old one is deleted). What a survey read as the files were written is
not read again (:mod:`guidemap.outputs.offline.survey`).

What the worker keeps on its own (from a first visit) is the short list of pages a visitor
without signal needs most, with the styles, scripts and icons those pages load: read from the
pages as written, so that a theme's hashed bundle names are never guessed.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from guidemap.outputs.html.minify import lean_file
from guidemap.outputs.offline.lists import ProvinceList
from guidemap.outputs.offline.refs import page_refs
from guidemap.outputs.offline.survey import PAGE, Survey, Wanted, site_sums
from guidemap.outputs.site import urls

ASSET = Path(__file__).parents[1] / "assets" / "guidemap-sw.js"
# The pages kept from the first visit: home, the directory's first page, "Volunteer now",
# events, subscribe, the printable guide and the offline page (those the site has).
FIRST_PAGES = (urls.HOME, urls.DIRECTORY, urls.VOLUNTEER, urls.EVENTS, urls.SUBSCRIBE, urls.GUIDE,
               urls.OFFLINE)
# Where the worker keeps the list of saved provinces in its cache (never a file of the site).
SAVED_KEY = "offline/saved-provinces"


def page_file(site_dir: Path, url: str) -> Path:
    return site_dir / url / PAGE


def _file(site_dir: Path, path: str) -> Path:
    """The file behind a site address (a page's folder: its index.html)."""
    if path == "" or path.endswith("/"):
        return page_file(site_dir, unquote(path))
    return site_dir / unquote(path.partition("?")[0])  # as the page wrote it: percent-encoded


class _Written:
    """The written site as the lists read it: whether a file is there and its size asked once
    (every page names the same scripts and styles), and a page's refs taken from a survey
    (``refs``: by file, only of files unchanged since) instead of reading the page again.
    ``sums``: every file of the site as just read (:func:`site_sums`): a path found there is a
    file of that size without asking again. Paths are strings for ``os.path``: ``pathlib``
    took a third of the lists' time."""

    def __init__(self, site_dir: Path, refs: Mapping[str, list[str]] | None = None,
                 sums: Mapping[str, tuple[int, int]] | None = None) -> None:
        self.site_dir, self._root, self._refs, self._sums = site_dir, str(site_dir), refs or {}, sums or {}
        self._pages: dict[str, bool] = {}
        self._files: dict[str, bool] = {}
        self._sizes: dict[str, int] = {}

    @staticmethod
    def _name(path: str) -> str:
        """The file behind a site address, relative to the site (as :func:`_file`)."""
        if path == "" or path.endswith("/"):
            return unquote(path) + PAGE
        return unquote(path.partition("?")[0])

    def is_page(self, url: str) -> bool:
        if url not in self._pages:
            self._pages[url] = os.path.isfile(os.path.join(self._root, url, PAGE))
        return self._pages[url]

    def exists(self, path: str) -> bool:
        if path not in self._files:
            name = self._name(path)  # not found by that name (a/./b, a//b...): asked
            self._files[path] = name in self._sums or os.path.isfile(os.path.join(self._root, name))
        return self._files[path]

    def size(self, path: str) -> int:
        if path not in self._sizes:
            name = self._name(path)
            found = self._sums.get(name)
            self._sizes[path] = found[0] if found else os.stat(os.path.join(self._root, name)).st_size
        return self._sizes[path]

    def page_refs(self, url: str, pictures: bool) -> list[str]:
        # A survey's file is the page's only for a folder's address ('' or ending in '/').
        known = self._refs.get(url + PAGE) if pictures and (url == "" or url.endswith("/")) else None
        if known is not None:
            return known
        return page_refs(url, page_file(self.site_dir, url).read_text(encoding="utf-8"), pictures)


def _with_refs(site_dir: Path, pages: Iterable[str], pictures: bool,
               written: _Written | None = None) -> list[str]:
    """The pages that exist, each followed by what it loads (each address once)."""
    site = written or _Written(site_dir)
    out: list[str] = []
    seen: set[str] = set()
    for url in pages:
        if url in seen or not site.is_page(url):
            continue
        seen.add(url)
        out.append(url)
        for ref in site.page_refs(url, pictures):
            if ref not in seen and site.exists(ref):
                seen.add(ref)
                out.append(ref)
    return out


def first_visit(site_dir: Path, written: _Written | None = None) -> list[str]:
    """What the worker keeps on its own: the first pages and what they load."""
    return _with_refs(site_dir, FIRST_PAGES, pictures=True, written=written)


def kept_bytes(site_dir: Path) -> tuple[int, int]:
    """What the worker keeps on its own: bytes as files, and compressed (gzip, as served)."""
    raw = packed = 0
    for path in first_visit(site_dir):
        data = _file(site_dir, path).read_bytes()
        raw += len(data)
        packed += len(gzip.compress(data, 6, mtime=0))
    return raw, packed


def _listing_folder(base: str) -> str:
    """Where a province's numbered listing pages are (outputs/pages/paging.py)."""
    return f"{base}page/"


def _listing_pages(site_dir: Path, base: str) -> list[str]:
    """A province's numbered listing pages beyond the first."""
    folder = site_dir / _listing_folder(base)
    numbers = sorted(int(p.name) for p in folder.iterdir() if p.name.isdigit()) if folder.is_dir() else []
    return [urls.paged(base, n) for n in numbers]


def province_json(site_dir: Path, item: ProvinceList, first: Iterable[str] = (),
                  written: _Written | None = None) -> bytes:
    """The province's list: its pages and what they load that the first visit did not keep
    (``first``: what it kept), with their size as files."""
    site = written or _Written(site_dir)
    pages = [item.pages[0], *_listing_pages(site_dir, item.page), *item.pages[1:]]
    skip = set(first) - set(pages)
    kept = [p for p in _with_refs(site_dir, pages, pictures=True, written=site) if p not in skip]
    record = {"slug": urls.province_slug(item.area), "th": item.area.th, "en": item.area.en,
              "page": item.page, "urls": kept, "bytes": sum(site.size(p) for p in kept)}
    return json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def build_id(site_dir: Path, extra: dict[str, bytes],
             sums: Mapping[str, tuple[int, int]] | None = None) -> str:
    """A hash of every file of the site (and of ``extra``, about to be written) but the worker:
    the same site gives the same id, any change a new one. Each file counts by its size and CRC-32
    (a cache name, not a signature: a tenth of SHA-256's time over a site of 300 MB); ``sums``:
    each file's, read already (:func:`guidemap.outputs.offline.survey.site_sums`)."""
    files = site_sums(str(site_dir), Survey())[0] if sums is None else sums
    digest = hashlib.sha256()
    for name in sorted(set(files) | set(extra)):
        if name == urls.SERVICE_WORKER:
            continue
        size, crc = (len(extra[name]), zlib.crc32(extra[name])) if name in extra else files[name]
        digest.update(f"{name}\0{size}\0{crc}\n".encode())
    return digest.hexdigest()[:16]


def offline_files(site_dir: Path, lists: Iterable[ProvinceList],
                  known: Survey | None = None) -> dict[str, bytes]:
    """The provinces' lists and the worker (site path → bytes), to write last; ``known``: what
    surveys found of the files as they were written (the same bytes with it or without)."""
    sums, unchanged = site_sums(str(site_dir), known or Survey())
    refs = {name: found for name, found in (known.refs if known else {}).items() if name in unchanged}
    written = _Written(site_dir, refs, sums)
    first = first_visit(site_dir, written)
    out = {item.path: province_json(site_dir, item, first, written) for item in lists}
    settings = {"build": build_id(site_dir, out, sums), "precache": first,
                "offline": urls.OFFLINE, "saved": SAVED_KEY}
    head = "self.GUIDEMAP_OFFLINE = " + json.dumps(settings, ensure_ascii=False, sort_keys=True) + ";\n"
    out[urls.SERVICE_WORKER] = (head + lean_file(ASSET)).encode("utf-8")
    return out


@dataclass(frozen=True)
class OfflineFiles:
    """The offline files of a site, made last (:func:`offline_files`), and the pages whose refs
    they read (:meth:`wanted`): a site builder has them surveyed as they are written."""

    lists: tuple[ProvinceList, ...]

    def __call__(self, site_dir: Path, known: Survey | None = None) -> dict[str, bytes]:
        return offline_files(site_dir, self.lists, known)

    def wanted(self) -> Wanted:
        pages = {*FIRST_PAGES, *(page for item in self.lists for page in item.pages)}
        return Wanted(frozenset(page + PAGE for page in pages if page == "" or page.endswith("/")),
                      tuple(_listing_folder(item.page) for item in self.lists))
