"""Thai search, build side: the index is cut into words the query side can meet."""

from __future__ import annotations

import json

from conftest import build, make_repo, org_yaml
from guidemap.contract.thai import words
from guidemap.outputs import search


def test_segment_cuts_thai_runs_with_zero_width_spaces_and_keeps_the_rest() -> None:
    text = "ชายหาดปัตตานี Beach 2561 สวยงาม"
    index = {"config": {"separator": ""}, "docs": [{"location": "a/", "title": "", "text": text}]}
    out = json.loads(search.segment_index(json.dumps(index)))["docs"][0]["text"]
    assert out.replace(search.ZWSP, "") == text
    assert out.split(" ")[0].split(search.ZWSP) == [w for w in words("ชายหาดปัตตานี") if w.strip()]
    assert "Beach 2561" in out


def test_segment_index_sets_the_separator_and_writes_utf8() -> None:
    index = {"config": {"lang": ["en"], "separator": "[\\s\\-]+", "pipeline": [], "fields": {}},
             "docs": [{"location": "a/", "title": "อาสาสมัครชายแดน", "text": "<p>ทำงานเยียวยา</p>"}]}
    raw = json.dumps(index)
    out = search.segment_index(raw)
    data = json.loads(out)
    assert data["config"]["separator"] == search.SEPARATOR
    assert search.ZWSP in data["docs"][0]["title"] and search.ZWSP in data["docs"][0]["text"]
    assert "\\u0e" not in out and "อาสาสมัคร" in out  # UTF-8, not \\u escapes
    assert len(out.encode()) < len(raw.encode())


def test_worker_script_wraps_the_installed_material_worker() -> None:
    name = search.material_worker_name()
    script = search.worker_script()
    assert name.startswith("search.") and name.endswith(".min.js")
    assert f'importScripts("{name}")' in script and "__MATERIAL_WORKER__" not in script


def test_pages_name_our_worker_and_the_index_is_segmented(tmp_path) -> None:  # type: ignore[no-untyped-def]
    repo = make_repo(tmp_path, {"a": org_yaml("a", summary="ดูแลชายหาดและสอนเด็กในชุมชน")})
    result = build(repo)
    assert result.returncode == 0, result.stderr
    site = repo / "site"
    page = (site / "orgs" / "a" / "index.html").read_text(encoding="utf-8")
    assert "workers/guidemap-search.js" in page and "workers/search." not in page
    assert (site / search.WORKER_PATH).is_file()
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    texts = " ".join(d["text"] for d in index["docs"])
    assert f"ชายหาด{search.ZWSP}" in texts or f"{search.ZWSP}ชายหาด" in texts
    # No Thai dictionary on any page: Material's wordcut.js is never requested.
    assert index["config"]["lang"] == ["en"]


def test_thai_search_can_be_turned_off(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from conftest import MINI_MKDOCS

    config = MINI_MKDOCS.replace("  - guidemap\n", "  - guidemap:\n      thai_search: false\n")
    repo = make_repo(tmp_path, {"a": org_yaml("a")}, mkdocs_yml=config)
    assert build(repo).returncode == 0
    page = (repo / "site" / "index.html").read_text(encoding="utf-8")
    assert "guidemap-search.js" not in page
