"""The helper process that works beside MkDocs (guidemap.adapter.helper): folium maps, QR codes
and the search index, the same as the build would make them itself."""

from __future__ import annotations

import sys
from pathlib import Path

from guidemap.adapter.helper import Helper, page_entries
from guidemap.adapter.search_sections import entries
from guidemap.contract.model.types import Dataset
from guidemap.outputs.map import view as map_view
from guidemap.outputs.map.folium_render import render_map
from guidemap.outputs.search import index as search

MAPS = map_view.map_requests(Dataset([], []))
EXITS_AT_ONCE = [sys.executable, "-c", "pass"]
TALKS_NONSENSE = [sys.executable, "-c", "import sys; sys.stdin.readline(); print('[1]')"]
PAGES: list[list[object]] = [
    ["html", "stories/a/", "ค่ายเยาวชน", '<h1 id="a">ค่ายเยาวชนสานสัมพันธ์</h1><p>ชายหาดสงขลา\nline</p>'
     '<h2 id="more">เรื่องเล่าจากปัตตานี</h2><p>ธนาคารหัวใจ <b>bold</b></p><script>x()</script>', None],
    ["html", "about/", "About", "<p>no heading, beach clean-up</p>", "เกี่ยวกับเรา"],
    ["docs", [["orgs/g/", "กลุ่มธนาคารหัวใจ", "<p>ยะลา</p>"]]],
    ["html", "orgs/", "Directory", "<p>listings stay out</p>", None],
]


def in_process(pages: list[list[object]]) -> dict[str, str]:
    index = search.IndexBuilder()
    for message in pages:
        index.add(page_entries(message))
    return index.files()


def written(folder: Path) -> dict[str, str]:
    root = folder / search.SEARCH_DIR
    return {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
            for p in root.rglob("*") if p.is_file()}


def test_the_helper_renders_maps_and_writes_the_index_like_the_build_itself(tmp_path: Path) -> None:
    helper = Helper(enabled=True)
    assert helper._proc is not None  # a helper really runs here
    try:
        helper.request_maps(MAPS)
        assert helper.maps() == {request: render_map(request) for request in MAPS}
        for message in PAGES:
            assert helper.send_page(message)
        helper.start_index(str(tmp_path))
        expected = in_process(PAGES)
        assert helper.index_written() == len(expected)
        assert written(tmp_path) == expected
        assert helper.helped == len(MAPS) + 1  # every answer came from it
    finally:
        helper.close()
    records = [text for path, text in expected.items() if "/r/" in path]
    assert len(records) == 3  # the directory is a listing: not indexed
    assert not any("x()" in text or "listings stay out" in text for text in expected.values())


def test_pages_are_split_as_materials_search_splits_them() -> None:
    got = entries("stories/a/", "T", '<h1 id="t">Title<a class="headerlink" href="#t">¶</a></h1>'
                  '<p>hello <b>x</b></p><h2 id="s">Sec</h2><p>body</p><script>bad()</script>', "Meta")
    assert got == [{"location": "stories/a/", "title": "Title", "text": "<p>hello x</p>"},
                   {"location": "stories/a/#s", "title": "Sec", "text": "<p>body</p>"}]
    # No first heading: the title the front matter set.
    assert entries("about/", "About", "<p>text</p>", "เกี่ยวกับ")[0]["title"] == "เกี่ยวกับ"


def test_without_a_helper_everything_is_done_in_process() -> None:
    helper = Helper(enabled=False)
    helper.request_maps(MAPS)
    assert helper.maps() == {}  # the build renders them itself
    assert not helper.send_page(PAGES[0])
    helper.start_index("/nonexistent")
    assert helper.index_written() is None  # the build indexes every page itself
    assert helper.helped == 0


def test_a_helper_that_cannot_start_or_dies_gives_no_answer(tmp_path: Path) -> None:
    missing = Helper(enabled=True, command=["/nonexistent/python"])
    missing.start_index(str(tmp_path))
    assert missing.index_written() is None
    for command in (EXITS_AT_ONCE, TALKS_NONSENSE):
        dying = Helper(enabled=True, command=command)
        dying.request_maps(MAPS)
        assert dying.maps() == {}
        dying.close()
        dying = Helper(enabled=True, command=command)
        dying.request_qr(["https://example.org/orgs/a/"])
        for message in PAGES:
            dying.send_page(message)
        dying.start_index(str(tmp_path))
        # Nonsense may come back as a code: the guide keeps only its own SVGs (test_guide.py).
        assert not any(code.startswith("<svg") for code in dying.qr_codes().values())
        assert dying.index_written() is None
        dying.close()
    assert not (tmp_path / search.SEARCH_DIR).exists()


def test_closing_a_busy_helper_does_not_wait_for_it() -> None:
    helper = Helper(enabled=True, command=[sys.executable, "-c", "import time; time.sleep(60)"])
    helper.request_maps(MAPS)
    helper.close()  # what a failed build does
    assert helper._proc is None


def test_the_helper_writes_the_feeds_the_build_would_write(tmp_path: Path) -> None:
    import datetime as dt

    from guidemap.contract.location import coarsen
    from guidemap.contract.model.types import Area, LText, Org, Story
    from guidemap.outputs.registry import site_outputs
    from guidemap.outputs.site.types import SiteInfo

    org = Org(id="a", name=LText(th="กลุ่ม <b>a</b>"), province=Area("94", "ปัตตานี", "Pattani"),
              district=None, location=coarsen(6.87, 101.25, "district"), focus=("peace",),
              summary=LText(th="อาสา"), updated=dt.date(2026, 1, 1), source="orgs/a.yml")
    story = Story(slug="s", source="stories/s.md", date=dt.date(2026, 1, 1), title="เรื่อง", body="x\n",
                  orgs=("a",))
    site = SiteInfo("t", "https://example.org/", None, today=dt.date(2026, 6, 1))
    write = site_outputs(Dataset([org], [story]), site, feeds_later=True).write_later_feeds
    assert write is not None
    rendered = {"s": "<p>ชายหาด <script>x()</script></p>"}
    expected = write(rendered)
    helper = Helper(enabled=True)
    try:
        assert helper.start_feeds(write, rendered, str(tmp_path))
        assert helper.feeds_written() == len(expected) > 0
    finally:
        helper.close()
    assert {path: (tmp_path / path).read_bytes() for path in expected} == expected
    # What cannot travel to the helper is made by the build itself.
    unsendable = Helper(enabled=True)
    try:
        assert not unsendable.start_feeds(lambda html: {}, rendered, str(tmp_path))
    finally:
        unsendable.close()
    assert not Helper(enabled=False).start_feeds(write, rendered, str(tmp_path))
