"""The worker process beside MkDocs (guidemap.adapter.helper): folium maps, QR codes, the search
index and the feeds, the same as the build makes them itself, whatever becomes of the pool."""

from __future__ import annotations

import concurrent.futures as cf
import functools
import multiprocessing
import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from guidemap.adapter import helper as worker
from guidemap.adapter.helper import (
    Helper,
    count_pages,
    index_here,
    qr_images,
    render_maps,
    write_counted_index,
)
from guidemap.adapter.search_sections import entries
from guidemap.contract import network
from guidemap.contract.model.types import Dataset
from guidemap.outputs.map import view as map_view
from guidemap.outputs.search import index as search

MAPS = map_view.map_requests(Dataset([], []), network.DEFAULT)
ADDRESSES = ["https://example.org/orgs/a/", "https://example.org/orgs/b/"]
PAGES: list[list[object]] = [
    ["html", "stories/a/", "ค่ายเยาวชน", '<h1 id="a">ค่ายเยาวชนสานสัมพันธ์</h1><p>ชายหาดสงขลา\nline</p>'
     '<h2 id="more">เรื่องเล่าจากปัตตานี</h2><p>ธนาคารหัวใจ <b>bold</b></p><script>x()</script>', None],
    ["html", "about/", "About", "<p>no heading, beach clean-up</p>", "เกี่ยวกับเรา"],
    ["docs", [["orgs/g/", "กลุ่มธนาคารหัวใจ", "<p>ยะลา</p>"]]],
    ["html", "orgs/", "Directory", "<p>listings stay out</p>", None],
]


def written(folder: Path) -> dict[str, str]:
    root = folder / search.SEARCH_DIR
    return {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
            for p in root.rglob("*") if p.is_file()}


def expected_index(tmp_path: Path) -> dict[str, str]:
    index_here(str(tmp_path / "expected"), PAGES)
    return written(tmp_path / "expected")


def a_build(helper: Helper, site: Path,
            break_it: Callable[[Helper], None] = lambda h: None) -> dict[str, object]:
    """What the plugin asks of the pool in a build, the pool broken (``break_it``) half-way
    through the pages; every answer, whether it came from the pool or was made here."""
    maps = helper.submit(render_maps, MAPS)
    codes = helper.submit(qr_images, ADDRESSES)
    sent = 0
    for at, message in enumerate(PAGES):
        if at == 2:
            break_it(helper)
        sent += helper.send(count_pages, [message])
    index = helper.submit(write_counted_index, str(site), sent,
                          here=functools.partial(index_here, str(site), PAGES))
    return {"maps": maps.result(), "codes": codes.result(), "files": index.result(), "index": written(site)}


def test_the_pool_does_what_the_build_would_do(tmp_path: Path) -> None:
    helper = Helper(enabled=True)
    try:
        got = a_build(helper, tmp_path / "site")
        assert helper.working and helper.helped == 3  # every answer came from the pool
    finally:
        helper.close()
    index = expected_index(tmp_path)
    assert got == {"maps": render_maps(MAPS), "codes": qr_images(ADDRESSES), "files": len(index),
                   "index": index}
    assert worker._counting is None  # pages are counted in the worker only
    records = [text for path, text in index.items() if "/r/" in path]
    assert len(records) == 3  # the directory is a listing: not indexed
    assert not any("x()" in text or "listings stay out" in text for text in index.values())


def test_pages_are_split_as_materials_search_splits_them() -> None:
    got = entries("stories/a/", "T", '<h1 id="t">Title<a class="headerlink" href="#t">¶</a></h1>'
                  '<p>hello <b>x</b></p><h2 id="s">Sec</h2><p>body</p><script>bad()</script>', "Meta")
    assert got == [{"location": "stories/a/", "title": "Title", "text": "<p>hello x</p>"},
                   {"location": "stories/a/#s", "title": "Sec", "text": "<p>body</p>"}]
    # No first heading: the title the front matter set.
    assert entries("about/", "About", "<p>text</p>", "เกี่ยวกับ")[0]["title"] == "เกี่ยวกับ"


def _cannot_start() -> cf.Executor:
    raise OSError("no process support here")


def _dies_at_start() -> cf.Executor:  # its worker's initializer fails
    return cf.ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("forkserver"),
                                  initializer=int, initargs=("not a number",))


def _dies(helper: Helper) -> None:
    helper.send(os._exit, 3)  # the worker process ends in the middle of the build


def _talks_nonsense(helper: Helper) -> None:  # a failure inside the worker, its answer an error
    assert helper.submit(int, "nonsense", here=lambda: 7).result() == 7


def _unpicklable(helper: Helper) -> None:
    assert helper.submit(len, [lambda: 0], here=lambda: 1).result() == 1


@pytest.mark.parametrize(("pool", "break_it"), [
    (None, None),  # helper: false
    (_cannot_start, None),
    (_dies_at_start, None),
    ("forkserver", _dies),
    ("forkserver", _talks_nonsense),
    ("forkserver", _unpicklable),
], ids=["disabled", "cannot-start", "dies-at-start", "dies", "nonsense", "unpicklable"])
def test_a_pool_that_fails_gives_the_same_answers(tmp_path: Path, pool: object, break_it: object) -> None:
    helper = Helper(enabled=pool is not None,
                    pool=pool if callable(pool) else None)  # "forkserver": the plugin's own pool
    try:
        got = a_build(helper, tmp_path / "site", break_it if callable(break_it) else lambda h: None)
        assert not helper.working  # the rest of the build is done here
    finally:
        helper.close()
    index = expected_index(tmp_path)
    assert got == {"maps": render_maps(MAPS), "codes": qr_images(ADDRESSES), "files": len(index),
                   "index": index}
    assert worker._counting is None


def test_an_index_that_lost_a_batch_is_made_here(tmp_path: Path) -> None:
    """A batch the worker failed to count (its failure is answered by no one) must not leave a
    shorter index: the worker's index is written only if it counted every page sent."""
    helper = Helper(enabled=True)
    try:
        assert helper.send(count_pages, [["html", "broken/"]])  # fails in the worker, unseen
        assert helper.send(count_pages, PAGES)
        job = helper.submit(write_counted_index, str(tmp_path / "site"), 1 + len(PAGES),
                            here=functools.partial(index_here, str(tmp_path / "site"), PAGES))
        assert job.result() == len(expected_index(tmp_path))
        assert job.from_pool is False
    finally:
        helper.close()
    assert written(tmp_path / "site") == expected_index(tmp_path)


def test_closing_a_busy_pool_does_not_wait_for_it() -> None:
    helper = Helper(enabled=True)
    helper.submit(time.sleep, 60)
    time.sleep(0.5)  # it runs
    start = time.perf_counter()
    helper.close(abandon=True)  # what a failed build does
    assert time.perf_counter() - start < 10


def test_the_pool_writes_the_feeds_the_build_would_write(tmp_path: Path) -> None:
    import datetime as dt

    from guidemap.adapter.helper import write_feeds
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
    for enabled, folder in ((True, tmp_path / "pool"), (False, tmp_path / "here")):
        helper = Helper(enabled=enabled)
        try:
            job = helper.submit(write_feeds, write, rendered, str(folder))
            assert job.result() == len(expected) > 0
            assert job.from_pool is enabled
        finally:
            helper.close()
        assert {path: (folder / path).read_bytes() for path in expected} == expected


def test_the_pool_writes_the_files_no_page_needs_as_the_build_would(tmp_path: Path) -> None:
    """The data files, calendars, icons... (registry ``later_files``): the same bytes from the
    pool as made here, exactly at the paths announced."""
    import datetime as dt

    from guidemap.adapter.helper import write_later_files
    from guidemap.contract.location import coarsen
    from guidemap.contract.model.types import Area, LText, Org
    from guidemap.outputs.registry import site_outputs
    from guidemap.outputs.site.types import SiteInfo

    org = Org(id="a", name=LText(th="กลุ่ม <b>a</b>"), province=Area("94", "ปัตตานี", "Pattani"),
              district=None, location=coarsen(6.87, 101.25, "district"), focus=("peace",),
              summary=LText(th="อาสา"), updated=dt.date(2026, 1, 1), source="orgs/a.yml")
    site = SiteInfo("t", "https://example.org/", None, today=dt.date(2026, 6, 1))
    out = site_outputs(Dataset([org], []), site, files_later=True)
    assert out.later_files is not None
    expected = out.later_files()
    assert set(expected) == set(out.later_paths) and "data/orgs.csv" in expected
    for enabled, folder in ((True, tmp_path / "pool"), (False, tmp_path / "here")):
        helper = Helper(enabled=enabled)
        try:
            job = helper.submit(write_later_files, out.later_files, str(folder))
            assert job.result() == len(expected)
            assert job.from_pool is enabled
        finally:
            helper.close()
        assert {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()} == set(expected)
        assert {path: (folder / path).read_bytes() for path in expected} == {
            path: made.encode() if isinstance(made, str) else made for path, made in expected.items()}


def test_cards_the_worker_has_not_begun_are_drawn_here(tmp_path: Path) -> None:
    """The share cards go to the worker in jobs; at the end of the build, a job it has not begun
    is taken back and drawn here (the same files), one it has begun is waited for."""
    from guidemap.adapter.helper import write_cards
    from guidemap.outputs.pictures.cards import Card, draw

    cards = [Card(f"กลุ่ม {i}", "กลุ่มอาสา · ยะลา", "ไซต์") for i in range(3)]
    helper = Helper(enabled=True)
    try:
        busy = helper.submit(time.sleep, 3)
        jobs = [helper.submit(write_cards, cards[i:i + 1], str(tmp_path / "site"), None) for i in range(3)]
        future = busy._future
        deadline = time.monotonic() + 60
        while not getattr(future, "guidemap_real", future).running():  # the pool is busy with it
            assert time.monotonic() < deadline
            time.sleep(0.05)
        taken = [job.take_back() for job in jobs]  # the last ones wait behind it
        assert taken[-1] and not busy.take_back()
        assert [job.result() for job in jobs] == [1, 1, 1]
        assert [job.from_pool for job in jobs][-1] is False
        assert not jobs[-1].take_back()  # done: nothing left to take
    finally:
        helper.close()
    for card in cards:
        assert (tmp_path / "site" / card.path).read_bytes() == draw(card)


PARTS = (("description", "## ค่ายเยาวชน {#camp onclick=alert(1)}\n\n*ชายหาด* [ลิงก์](javascript:alert(1)) "
                         "<script>x()</script>\n\n| a | b |\n|---|---|\n| 1 | 2 |"),
         ("needs", "- อาสาสมัคร\n- ทุน"))
EXTENSIONS = ["toc", "tables", "attr_list", "md_in_html"]


def test_the_pool_finishes_a_generated_page_as_the_page_would(tmp_path: Path) -> None:
    """A group page's contributed Markdown, converted by the pool with the site's extensions,
    cut into sanitized parts and put into the core's HTML with its Thai words kept whole, is
    what GeneratedHtmlPage.render and on_page_content make here; so is a page without parts."""
    import markdown

    from guidemap.adapter.helper import finish_pages
    from guidemap.outputs.html import thaiwrap
    from guidemap.outputs.html.htmlkit import heading_id, join_parts, part_marker, put_parts, render_parts

    text, token = join_parts(PARTS)
    configs = {"toc": {"permalink": True, "slugify": heading_id}}
    converter = markdown.Markdown(extensions=EXTENSIONS, extension_configs=configs)
    converter.convert("# another page first")  # a converter shared by pages, reset for each
    converter.reset()
    made = converter.convert(text)
    chunks = render_parts(made, PARTS, token)
    page_html = f"<h1>กลุ่มอาสาสมัครชายหาด</h1>{part_marker('description')}<ul>{part_marker('needs')}</ul>"
    plain_html = "<h2>สมาชิกเครือข่ายเยาวชนปัตตานี</h2>"
    finished = thaiwrap.keep_words(put_parts(page_html, chunks))
    tokens = getattr(converter, "toc_tokens", None)
    expected: dict[str, object] = {"orgs/a.md": (made, tokens, chunks, finished),
                                   "orgs/b.md": ("", [], {}, thaiwrap.keep_words(plain_html))}
    helper = Helper(enabled=True)
    try:
        job = helper.submit(finish_pages, EXTENSIONS, configs, {"orgs/a.md": (page_html, text, token, PARTS),
                                                                 "orgs/b.md": (plain_html, "", "", ())})
        assert job.result() == expected
        assert job.from_pool
    finally:
        helper.close()
    assert set(chunks) == {"description", "needs"} and "ค่ายเยาวชน" in chunks["description"]
    assert not any(bad in chunk for chunk in chunks.values() for bad in ("onclick", "javascript:", "<script"))
    assert '<span class="gm-w">ปัตตานี</span>' in expected["orgs/b.md"][3]  # Thai words kept whole


def test_a_large_answer_comes_back_through_a_file_the_helper_removes(tmp_path: Path) -> None:
    """An answer of megabytes (the guide's QR codes) held the worker up while the build, busy,
    read it from the pool's pipe 64 KiB at a time: it comes back through a file instead, the
    same value, read once; the folder goes with the helper, with any answer never asked for."""
    big = worker.LARGE_ANSWER * 4
    spooled = worker._answer(str(tmp_path), bytes, big)
    assert isinstance(spooled, worker._Spooled) and Path(spooled.path).parent == tmp_path
    assert spooled.load() == bytes(big)
    assert not any(tmp_path.iterdir())  # read once, then removed
    assert worker._answer(str(tmp_path), bytes, 10) == bytes(10)  # a small one: through the pipe
    helper = Helper(enabled=True)
    try:
        job = helper.submit(bytes, big)
        assert job.result() == bytes(big) and job.from_pool
        spool = Path(helper._spool)
        assert spool.is_dir() and not any(spool.iterdir())
        unread = helper.submit(bytes, big)._future
        assert unread is not None
        unread.result(timeout=60)
        assert any(spool.iterdir())
    finally:
        helper.close()
    assert not spool.exists()
