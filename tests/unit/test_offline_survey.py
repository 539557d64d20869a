"""Surveys of the written site (outputs/offline/survey.py): the offline files made from files
summed as they were written give the same bytes as reading the whole site at the end, and a
file changed since its survey is read again."""

from __future__ import annotations

import hashlib
import os
import zlib
from pathlib import Path

from guidemap.contract.model.types import Area
from guidemap.outputs.offline import survey, worker
from guidemap.outputs.offline.lists import ProvinceList

PAGE = """<html><head><link rel="stylesheet" href="{up}assets/site.css">
<script src="{up}assets/site.js"></script></head>
<body><img src="logo.png" srcset="logo-2.png 2x" alt=""></body></html>"""
YALA = ProvinceList(Area("95", "ยะลา", "Yala"), "provinces/yala/",
                    ("provinces/yala/", "orgs/b/", "orgs/gone/"))


def _site(root: Path) -> Path:
    files = {
        "index.html": PAGE.format(up=""), "orgs/index.html": PAGE.format(up="../"),
        "orgs/b/index.html": PAGE.format(up="../../"), "orgs/b/logo.png": "png", "orgs/b/logo-2.png": "png2",
        "provinces/yala/index.html": PAGE.format(up="../../"),
        "provinces/yala/page/2/index.html": PAGE.format(up="../../../../"),
        "assets/site.css": "body{}", "assets/site.js": "x()", "search/a.json": "{}" * 3000,
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def _old_build_id(site_dir: Path, extra: dict[str, bytes]) -> str:
    """The build id as every file read once at the end (os.walk, whole files) gave it."""
    files: dict[str, str] = {}
    for folder, _dirs, names in os.walk(site_dir):
        for name in names:
            path = os.path.join(folder, name)
            files[os.path.relpath(path, site_dir).replace(os.sep, "/")] = path
    digest = hashlib.sha256()
    for name in sorted(set(files) | set(extra)):
        if name == "sw.js":
            continue
        data = extra[name] if name in extra else Path(files[name]).read_bytes()
        digest.update(f"{name}\0{len(data)}\0{zlib.crc32(data)}\n".encode())
    return digest.hexdigest()[:16]


def test_the_build_id_is_the_sum_of_every_file_read_at_the_end(tmp_path: Path) -> None:
    site = _site(tmp_path)
    (site / "big.bin").write_bytes(os.urandom(3 << 20))  # more than the reader's first buffer
    (site / "sw.js").write_text("old worker", encoding="utf-8")
    extra = {"offline/x.json": b"{}"}
    assert worker.build_id(site, extra) == _old_build_id(site, extra)


def test_what_a_survey_knew_gives_the_same_files(tmp_path: Path) -> None:
    site = _site(tmp_path)
    lists = worker.OfflineFiles((YALA,))
    wanted = lists.wanted()
    assert "provinces/yala/page/2/index.html" in wanted and "orgs/b/index.html" in wanted
    assert "assets/site.css" not in wanted and "orgs/index.html" in wanted  # the directory: a first page
    known = survey.survey_site(str(site), {"orgs/b/index.html"}, wanted)
    assert "orgs/b/index.html" not in known.sums and "assets/site.css" in known.sums
    known.add(survey.survey_files(str(site), ["orgs/b/index.html", "orgs/missing/index.html"], wanted))
    assert known.refs["orgs/b/index.html"] == ["assets/site.css", "assets/site.js", "orgs/b/logo.png",
                                               "orgs/b/logo-2.png"]
    assert "orgs/missing/index.html" not in known.sums
    made = lists(site, known)
    assert made == lists(site) == worker.offline_files(site, (YALA,))
    listed = made["offline/provinces/yala.json"].decode()
    assert '"provinces/yala/page/2/"' in listed and "orgs/gone/" not in listed


def test_a_file_changed_since_its_survey_is_read_again(tmp_path: Path) -> None:
    site = _site(tmp_path)
    lists = worker.OfflineFiles((YALA,))
    known = survey.survey_site(str(site), (), lists.wanted())
    before = lists(site, known)
    # The same size, written later: only the time tells (a page now loading other files).
    page = site / "orgs/b/index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("logo.png", "LOGO.png"), encoding="utf-8")
    (site / "orgs/b/LOGO.png").write_bytes(b"png")
    os.utime(page, ns=(known.sums["orgs/b/index.html"][1] + 1,) * 2)
    (site / "assets/site.css").write_text("body{color:red}", encoding="utf-8")  # another size
    (site / "assets/new.js").write_text("y()", encoding="utf-8")  # not surveyed
    (site / "search/a.json").unlink()  # surveyed, gone since
    after = lists(site, known)
    assert after == lists(site) and after != before
    assert "orgs/b/LOGO.png" in after["offline/provinces/yala.json"].decode()
    sums, unchanged = survey.site_sums(str(site), known)
    assert "assets/site.css" not in unchanged and "orgs/b/index.html" not in unchanged
    assert "assets/site.js" in unchanged and "search/a.json" not in sums


def test_a_page_read_with_its_own_line_ends(tmp_path: Path) -> None:
    # Path.read_text turns \r\n and \r into \n: a survey reads a page's refs the same way.
    site = tmp_path
    (site / "orgs/b").mkdir(parents=True)
    (site / "orgs/b/index.html").write_bytes(b'<img src="a\rb.png" alt="">\r\n<script src="c.js"></script>')
    wanted = survey.Wanted(frozenset({"orgs/b/index.html"}))
    found = survey.survey_files(str(site), ["orgs/b/index.html"], wanted)
    assert found.refs["orgs/b/index.html"] == ["orgs/b/a\nb.png", "orgs/b/c.js"]
