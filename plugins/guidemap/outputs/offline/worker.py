"""The service worker and the provinces' lists, made from the written site once every other
file is there (the worker's cache is named by a hash of them all, so any change to the site
is a new cache and the old one is deleted).

What the worker keeps on its own (from a first visit) is the short list of pages a visitor
without signal needs most, with the styles, scripts and icons those pages load: read from the
pages as written, so that a theme's hashed bundle names are never guessed.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import posixpath
import re
import zlib
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import unquote

from guidemap.outputs.html.minify import lean_file
from guidemap.outputs.offline.lists import ProvinceList
from guidemap.outputs.site import urls

ASSET = Path(__file__).parents[1] / "assets" / "guidemap-sw.js"
# The pages kept from the first visit: home, the directory's first page, "Volunteer now",
# events, subscribe, the printable guide and the offline page (those the site has).
FIRST_PAGES = (urls.HOME, urls.DIRECTORY, urls.VOLUNTEER, urls.EVENTS, urls.SUBSCRIBE, urls.GUIDE,
               urls.OFFLINE)
# Where the worker keeps the list of saved provinces in its cache (never a file of the site).
SAVED_KEY = "offline/saved-provinces"

_TAG = re.compile(r"<(script|link|img|source)\b([^>]*)>", re.I)
_ATTR = re.compile(r"""([a-zA-Z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
# The touch icon is for a home-screen shortcut, made online: not kept.
_KEPT_LINKS = {"stylesheet", "icon", "manifest", "shortcut"}


def page_file(site_dir: Path, url: str) -> Path:
    return site_dir / url / "index.html"


def _attrs(text: str) -> dict[str, str]:
    return {m[1].lower(): (m[2] if m[2] is not None else m[3]) for m in _ATTR.finditer(text)}


def _local(url: str, ref: str) -> str | None:
    """A reference in the page at ``url`` as a site path, or None if it leaves the site."""
    ref = ref.strip().replace("&amp;", "&")
    if not ref or ref.startswith(("/", "#")) or re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", ref):
        return None
    path, _, query = ref.partition("?")
    path = path.partition("#")[0]
    joined = posixpath.normpath(posixpath.join(url, path))
    if joined.startswith("..") or joined == ".":
        return None
    return joined + (f"?{query.partition('#')[0]}" if query else "")


def page_refs(url: str, text: str, pictures: bool) -> list[str]:
    """The scripts, styles, icons and manifest a page loads (and its pictures, when asked),
    as site paths in the order the page names them."""
    found: list[str] = []
    for tag, attrs_text in _TAG.findall(text):
        attrs = _attrs(attrs_text)
        tag = tag.lower()
        refs: list[str] = []
        if tag == "script":
            refs = [attrs.get("src", "")]
        elif tag == "link":
            if set(attrs.get("rel", "").lower().split()) & _KEPT_LINKS:
                refs = [attrs.get("href", "")]
        elif pictures:
            srcset = attrs.get("srcset", "").split(",")
            refs = [attrs.get("src", "")] + [c.split()[0] for c in srcset if c.strip()]
        for ref in refs:
            local = _local(url, ref)
            if local is not None and local not in found:
                found.append(local)
    return found


def _exists(site_dir: Path, path: str) -> bool:
    return _file(site_dir, path).is_file()


def _with_refs(site_dir: Path, pages: Iterable[str], pictures: bool) -> list[str]:
    """The pages that exist, each followed by what it loads (each address once)."""
    out: list[str] = []
    seen: set[str] = set()
    for url in pages:
        file = page_file(site_dir, url)
        if url in seen or not file.is_file():
            continue
        seen.add(url)
        out.append(url)
        for ref in page_refs(url, file.read_text(encoding="utf-8"), pictures):
            if ref not in seen and _exists(site_dir, ref):
                seen.add(ref)
                out.append(ref)
    return out


def first_visit(site_dir: Path) -> list[str]:
    """What the worker keeps on its own: the first pages and what they load."""
    return _with_refs(site_dir, FIRST_PAGES, pictures=True)


def _file(site_dir: Path, path: str) -> Path:
    """The file behind a site address (a page's folder: its index.html)."""
    if path == "" or path.endswith("/"):
        return page_file(site_dir, unquote(path))
    return site_dir / unquote(path.partition("?")[0])  # as the page wrote it: percent-encoded


def _size(site_dir: Path, path: str) -> int:
    return _file(site_dir, path).stat().st_size


def kept_bytes(site_dir: Path) -> tuple[int, int]:
    """What the worker keeps on its own: bytes as files, and compressed (gzip, as served)."""
    raw = packed = 0
    for path in first_visit(site_dir):
        data = _file(site_dir, path).read_bytes()
        raw += len(data)
        packed += len(gzip.compress(data, 6, mtime=0))
    return raw, packed


def _listing_pages(site_dir: Path, base: str) -> list[str]:
    """A province's numbered listing pages beyond the first (outputs/pages/paging.py)."""
    folder = site_dir / base / "page"
    numbers = sorted(int(p.name) for p in folder.iterdir() if p.name.isdigit()) if folder.is_dir() else []
    return [urls.paged(base, n) for n in numbers]


def province_json(site_dir: Path, item: ProvinceList, first: Iterable[str] = ()) -> bytes:
    """The province's list: its pages and what they load that the first visit did not keep
    (``first``: what it kept), with their size as files."""
    pages = [item.pages[0], *_listing_pages(site_dir, item.page), *item.pages[1:]]
    skip = set(first) - set(pages)
    kept = [p for p in _with_refs(site_dir, pages, pictures=True) if p not in skip]
    record = {"slug": urls.province_slug(item.area), "th": item.area.th, "en": item.area.en,
              "page": item.page, "urls": kept, "bytes": sum(_size(site_dir, p) for p in kept)}
    return json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def build_id(site_dir: Path, extra: dict[str, bytes]) -> str:
    """A hash of every file of the site (and of ``extra``, about to be written) but the worker:
    the same site gives the same id, any change a new one. Each file counts by its size and CRC-32
    (a cache name, not a signature: a tenth of SHA-256's time over a site of 300 MB), found with
    ``os.walk`` (a fifth of ``Path.rglob``'s)."""
    files: dict[str, str] = {}
    for folder, _dirs, names in os.walk(site_dir):
        for name in names:
            path = os.path.join(folder, name)
            files[os.path.relpath(path, site_dir).replace(os.sep, "/")] = path
    digest = hashlib.sha256()
    for name in sorted(set(files) | set(extra)):
        if name == urls.SERVICE_WORKER:
            continue
        if name in extra:
            data = extra[name]
        else:
            with open(files[name], "rb") as f:
                data = f.read()
        digest.update(f"{name}\0{len(data)}\0{zlib.crc32(data)}\n".encode())
    return digest.hexdigest()[:16]


def offline_files(site_dir: Path, lists: Iterable[ProvinceList]) -> dict[str, bytes]:
    """The provinces' lists and the worker (site path → bytes), to write last."""
    first = first_visit(site_dir)
    out = {item.path: province_json(site_dir, item, first) for item in lists}
    settings = {"build": build_id(site_dir, out), "precache": first,
                "offline": urls.OFFLINE, "saved": SAVED_KEY}
    head = "self.GUIDEMAP_OFFLINE = " + json.dumps(settings, ensure_ascii=False, sort_keys=True) + ";\n"
    out[urls.SERVICE_WORKER] = (head + lean_file(ASSET)).encode("utf-8")
    return out

