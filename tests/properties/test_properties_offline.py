"""The offline files made from surveys (outputs/offline/survey.py: files summed as they were
written, some changed since) are the bytes the plain definitions give: every file of the site
walked and read at the end, each page read again for what it loads, each address checked with
``pathlib``. Pages name odd addresses (dot segments, empty segments, percent-encoding, queries,
missing files, a linked folder), and files change after their survey: rewritten at the same size, at another
size, removed, added."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import zlib
from pathlib import Path
from urllib.parse import unquote

from hypothesis import given, settings
from hypothesis import strategies as st

from guidemap.contract.model.types import Area
from guidemap.outputs.offline import survey, worker
from guidemap.outputs.offline.lists import ProvinceList
from guidemap.outputs.offline.refs import page_refs
from guidemap.outputs.site import urls

PAGES = ["index.html", "orgs/index.html", "orgs/b/index.html", "orgs/c/index.html",
         "provinces/yala/index.html", "provinces/yala/page/2/index.html", "stories/s/index.html"]
OTHER = ["assets/s.css", "assets/a.js", "orgs/b/logo.png", "pictures/a b.jpg", "pictures/p%20q.png",
         "x.png", "search/1.json", "sw.js", "offline/provinces/yala.json"]
REFS = ["../../assets/s.css", "../assets/a.js", "logo.png", "./logo.png", "..//assets/s.css",
        "../../pictures/a%20b.jpg", "../../pictures/p%2520q.png", "../../x.png?v=1", "missing.png",
        "../../assets/./s.css", "../c/", "https://example.org/a.js", "/x.png", "#top", "../../../out.js",
        # Found only by asking: a name the walk never gives (a/./b once decoded), a linked folder.
        "../../pictures%2F.%2Fa%20b.jpg", "../../linked/s.css"]
YALA = ProvinceList(Area("95", "ยะลา", "Yala"), "provinces/yala/",
                    ("provinces/yala/", "orgs/b/", "orgs/c/", "orgs/gone/", urls.VOLUNTEER))


def _page(refs: list[str]) -> bytes:
    tags = "".join(f'<link rel="stylesheet" href="{r}"><img src="{r}" srcset="{r} 2x" alt="">'
                   f'<script src="{r}"></script>\r\n' for r in refs)
    return f"<html><head>{tags}</head><body>ยะลา</body></html>".encode()


def _file(site: Path, path: str) -> Path:
    if path == "" or path.endswith("/"):
        return site / unquote(path) / "index.html"
    return site / unquote(path.partition("?")[0])


def _with_refs(site: Path, pages: list[str]) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    for url in pages:
        file = site / url / "index.html"
        if url in seen or not file.is_file():
            continue
        seen.add(url)
        out.append(url)
        for ref in page_refs(url, file.read_text(encoding="utf-8"), pictures=True):
            if ref not in seen and _file(site, ref).is_file():
                seen.add(ref)
                out.append(ref)
    return out


def _reference(site: Path, item: ProvinceList) -> dict[str, object]:
    """The list and the build id as every file read at the end gives them."""
    first = _with_refs(site, list(worker.FIRST_PAGES))
    folder = site / item.page / "page"
    numbers = sorted(int(p.name) for p in folder.iterdir() if p.name.isdigit()) if folder.is_dir() else []
    pages = [item.pages[0], *(urls.paged(item.page, n) for n in numbers), *item.pages[1:]]
    skip = set(first) - set(pages)
    kept = [p for p in _with_refs(site, pages) if p not in skip]
    listed = {"slug": urls.province_slug(item.area), "th": item.area.th, "en": item.area.en,
              "page": item.page, "urls": kept, "bytes": sum(_file(site, p).stat().st_size for p in kept)}
    text = json.dumps(listed, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    extra = {item.path: text.encode()}
    files: dict[str, str] = {}
    for top, _dirs, names in os.walk(site):
        for name in names:
            path = os.path.join(top, name)
            files[os.path.relpath(path, site).replace(os.sep, "/")] = path
    digest = hashlib.sha256()
    for name in sorted(set(files) | set(extra)):
        if name != "sw.js":
            data = extra[name] if name in extra else Path(files[name]).read_bytes()
            digest.update(f"{name}\0{len(data)}\0{zlib.crc32(data)}\n".encode())
    return {"list": extra[item.path], "first": first, "build": digest.hexdigest()[:16]}


def _made(files: dict[str, bytes]) -> dict[str, object]:
    head = files["sw.js"].decode().split("\n", 1)[0]
    settings = json.loads(head.removeprefix("self.GUIDEMAP_OFFLINE = ").removesuffix(";"))
    return {"list": files[YALA.path], "first": settings["precache"], "build": settings["build"]}


def _write(site: Path, name: str, data: bytes) -> None:
    (site / name).parent.mkdir(parents=True, exist_ok=True)
    (site / name).write_bytes(data)


CHANGES = st.sampled_from(["same size", "other size", "removed", "none"])


@settings(max_examples=60, deadline=None)
@given(st.fixed_dictionaries({p: st.lists(st.sampled_from(REFS), max_size=6) for p in PAGES}),
       st.sets(st.sampled_from(PAGES + OTHER)),  # what the surveys read
       st.dictionaries(st.sampled_from(PAGES + OTHER), CHANGES),  # what changed after them
       st.sets(st.sampled_from(["orgs/c/new.png", "assets/new.js", "volunteer/index.html"])))
def test_surveys_give_what_reading_everything_gives(pages: dict[str, list[str]], surveyed: set[str],
                                                    changes: dict[str, str], added: set[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder)
        for name in PAGES:
            _write(site, name, _page(pages[name]))
        for name in OTHER:
            _write(site, name, name.encode() * 3)
        (site / "linked").symlink_to(site / "assets", target_is_directory=True)  # not walked into
        lists = worker.OfflineFiles((YALA,))
        known = survey.survey_files(str(site), sorted(surveyed), lists.wanted())
        for name, change in changes.items():
            file = site / name
            if change == "removed":
                file.unlink()
            elif change == "other size":
                file.write_bytes(file.read_bytes() + b"<img src='../../x.png'>")
            elif change == "same size":  # another page's refs, at the same size, written later
                data = file.read_bytes()
                swap = (b"s.css", b"S.css") if b"s.css" in data else ("ยะลา".encode(), "ลายะ".encode())
                file.write_bytes(data.replace(*swap) if swap[0] in data else data.upper())
                stamp = file.stat().st_mtime_ns + 1_000_000
                os.utime(file, ns=(stamp, stamp))
        for name in added:
            _write(site, name, _page(["../assets/a.js"]) if name.endswith(".html") else b"new")
        expected = _reference(site, YALA)
        assert _made(lists(site, known)) == expected
        assert _made(lists(site)) == expected
