"""Thai search, build side: the sharded index, cut into words the query side can meet."""

from __future__ import annotations

import bisect
import json
from pathlib import Path
from typing import Any

import pytest

from conftest import build, make_repo, org_yaml
from guidemap.contract.thai import words as thai_words
from guidemap.outputs.search import index as search
from guidemap.outputs.search import shards as search_shards


def _cuts(docs: list[dict[str, str]]) -> dict[str, str]:
    pages = search_shards.pages_of(docs)
    return {run: search.cut_run(run) for run in search_shards.runs_of(pages)}


def _load(files: dict[str, str]) -> tuple[dict[str, Any], dict[str, Any]]:
    manifest = json.loads(files[search_shards.MANIFEST])
    return manifest, {path: json.loads(text) for path, text in files.items()}


def _chunk(firsts: list[str], key: str) -> int:
    """The shard holding ``key``: the same search as chunkOf() in search-worker.js."""
    return bisect.bisect_right(firsts, key) - 1


def _postings(manifest: dict[str, Any], files: dict[str, Any], term: str) -> list[tuple[int, int]]:
    n = _chunk(manifest["t"].split(), term)
    if n < 0:
        return []
    flat = files[f"{manifest['v']}/t/{n}.json"].get(term, [])
    out, page = [], 0
    for i in range(0, len(flat), 2):
        page += flat[i]
        out.append((page, flat[i + 1]))
    return out


def _pair(manifest: dict[str, Any], files: dict[str, Any], pair: str) -> list[list[str]]:
    n = _chunk(manifest["w"].split(), pair)
    return files[f"{manifest['v']}/w/{n}.json"].get(pair, [[], []]) if n >= 0 else [[], []]


DOCS = [
    {"location": "orgs/a/", "title": "กลุ่มอนุรักษ์ชายหาด", "text": "<p>ดูแลชายหาดปัตตานี Beach cleaning</p>"},
    {"location": "orgs/b/", "title": "Hope and Life", "text": "<p>สอนเด็กในชุมชนยะลา</p>"},
    {"location": "stories/s/", "title": "เรื่องเล่า", "text": "<p>เปิดเรื่อง</p>"},
    {"location": "stories/s/#meeting", "title": "การประชุม", "text": "<p>ประชุมที่ชายหาด</p>"},
]


def test_words_are_cut_lowered_and_stripped_of_markup() -> None:
    text = "<p>ชายหาดปัตตานี <b>Beach</b> 2561 &amp; more</p>"
    cuts = {"ชายหาดปัตตานี": search.cut_run("ชายหาดปัตตานี")}
    got = search_shards.words(text, cuts)
    assert got[:2] == [w for w in thai_words("ชายหาดปัตตานี") if w.strip()]
    assert got[2:] == ["beach", "2561", "more"]


def test_every_word_leads_to_the_pages_that_hold_it() -> None:
    files = search_shards.build(DOCS, _cuts(DOCS))
    manifest, loaded = _load(files)
    pages = [json.loads(files[f"{manifest['v']}/r/{n}.json"])[0][0] for n in range(manifest["n"])]
    assert pages == ["orgs/a/", "orgs/b/", "stories/s/"]
    assert {p for p, _ in _postings(manifest, loaded, "ชายหาด")} == {0, 2}  # a section counts for its page
    assert [p for p, _ in _postings(manifest, loaded, "beach")] == [0]
    assert [p for p, _ in _postings(manifest, loaded, "ยะลา")] == [1]
    assert _postings(manifest, loaded, "ไม่มี") == []
    # A title weighs more than text.
    title = dict(_postings(manifest, loaded, "hope"))[1]
    text = dict(_postings(manifest, loaded, "ชุมชน"))[1]
    assert title > text
    # The records of a page: its own entry first, then its sections, as Material parsed them.
    story = json.loads(files[f"{manifest['v']}/r/2.json"])
    assert [d[0] for d in story] == ["stories/s/", "stories/s/#meeting"]
    assert story[1][2] == "<p>ประชุมที่ชายหาด</p>"  # no zero-width spaces in what is shown


def test_thai_word_lists_are_by_pairs_of_letters() -> None:
    files = search_shards.build(DOCS, _cuts(DOCS))
    manifest, loaded = _load(files)
    begin, inside = _pair(manifest, loaded, "ชา")
    assert "ชายหาด" in begin and all(w.startswith("ชา") for w in begin)
    assert all(w.find("ชา") > 0 for w in inside)
    _, holding = _pair(manifest, loaded, "หา")
    assert "ชายหาด" in holding  # a visitor typing หาด finds it inside ชายหาด
    assert _pair(manifest, loaded, "ฮฮ") == [[], []]
    assert not any("/w/" in p and "beach" in str(v) for p, v in loaded.items())


def test_shards_hold_consecutive_keys_up_to_a_size(monkeypatch: pytest.MonkeyPatch) -> None:
    docs = [{"location": f"p{i}/", "title": f"ab{chr(97 + i % 26)}{i} ab", "text": "abc abd"}
            for i in range(300)]
    monkeypatch.setattr(search_shards, "SHARD_LIMIT", 400)
    files = search_shards.build(docs, {})
    manifest, loaded = _load(files)
    firsts = manifest["t"].split()
    assert firsts == sorted(firsts) and len(firsts) > 10
    shards = [p for p in files if "/t/" in p]
    assert len(shards) == len(firsts)
    for path in shards:  # every shard within the size, unless one word alone is larger
        assert len(files[path].encode()) <= 400 or len(loaded[path]) == 1
    where = {json.loads(files[f"{manifest['v']}/r/{n}.json"])[0][0]: n for n in range(manifest["n"])}
    for i in (0, 57, 299):
        term = f"ab{chr(97 + i % 26)}{i}"
        assert [p for p, _ in _postings(manifest, loaded, term)] == [where[f"p{i}/"]]
    assert len(_postings(manifest, loaded, "ab")) == 300
    assert len(_postings(manifest, loaded, "abc")) == 300
    assert _postings(manifest, loaded, "aa") == _postings(manifest, loaded, "zz") == []


def test_the_index_is_the_same_for_the_same_input() -> None:
    a = search_shards.build(DOCS, _cuts(DOCS))
    b = search_shards.build(list(reversed(DOCS)), _cuts(DOCS))
    assert a == b
    c = search_shards.build([*DOCS, {"location": "x/", "title": "x", "text": ""}], _cuts(DOCS))
    assert json.loads(c[search_shards.MANIFEST])["v"] != json.loads(a[search_shards.MANIFEST])["v"]


def test_pages_carry_the_shim_and_the_site_the_sharded_index(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, {"a": org_yaml("a", summary="ดูแลชายหาดและสอนเด็กในชุมชน")})
    result = build(repo)
    assert result.returncode == 0, result.stderr
    site = repo / "site"
    page = (site / "orgs" / "a" / "index.html").read_text(encoding="utf-8")
    assert "workers/guidemap-search.js" in page and "workers/search." not in page
    assert page.index(search.SHIM) < page.index("assets/javascripts/bundle.")
    assert (site / search.WORKER_PATH).is_file()
    assert not (site / search.INDEX_PATH).exists()  # Material's one-file index is gone
    manifest = json.loads((site / "search" / search_shards.MANIFEST).read_text(encoding="utf-8"))
    records = sorted((site / "search" / manifest["v"] / "r").iterdir(), key=lambda p: int(p.stem))
    locations = [json.loads(p.read_text(encoding="utf-8"))[0][0] for p in records]
    assert "orgs/a/" in locations
    assert not set(locations) & search.LISTINGS  # listing pages stay out
    loaded = {f"{manifest['v']}/w/{p.name}": json.loads(p.read_text(encoding="utf-8"))
              for p in (site / "search" / manifest["v"] / "w").iterdir()}
    assert "ชายหาด" in _pair(manifest, loaded, "ชา")[0]


def test_thai_search_can_be_turned_off(tmp_path: Path) -> None:
    from conftest import MINI_MKDOCS

    config = MINI_MKDOCS.replace("  - guidemap\n", "  - guidemap:\n      thai_search: false\n")
    repo = make_repo(tmp_path, {"a": org_yaml("a")}, mkdocs_yml=config)
    assert build(repo).returncode == 0
    page = (repo / "site" / "index.html").read_text(encoding="utf-8")
    assert "guidemap-search.js" not in page and search.SHIM not in page
    assert (repo / "site" / search.INDEX_PATH).is_file()
