"""The generated pages finished in batches (guidemap.adapter.finishing): by the worker when it
was handed a batch and has answered, else by the build itself, the same bytes either way, and
never from Markdown another plugin has changed since."""

from __future__ import annotations

import time

from guidemap.adapter.finishing import PAGES_PER_BATCH, Batches
from guidemap.adapter.helper import Helper, finish_pages
from guidemap.outputs.html.htmlkit import join_parts, part_marker
from guidemap.outputs.site.types import GeneratedPage

PARTS = (("description", "## ค่ายเยาวชน\n\n*ชายหาด* <script>x()</script>"),)
EXTENSIONS = ["toc", "attr_list", "md_in_html"]


def pages(n: int) -> list[GeneratedPage]:
    return [GeneratedPage(url=f"orgs/g{i}/", title=f"กลุ่ม {i}", description="",
                          html=f"<h2>กลุ่มอาสาสมัคร {i}</h2>{part_marker('description')}", parts=PARTS)
            for i in range(n)]


def expected(made: list[GeneratedPage]) -> dict[str, object]:
    text, token = join_parts(PARTS)
    return finish_pages(EXTENSIONS, {}, {p.src_uri: (p.html, text, token, PARTS) for p in made})


def texts(made: list[GeneratedPage]) -> dict[str, tuple[str, str, tuple[tuple[str, str], ...]]]:
    return {p.src_uri: (*join_parts(PARTS), PARTS) for p in made}


def test_a_page_whose_markdown_changed_since_is_finished_from_its_own() -> None:
    made = pages(3)
    batches = Batches(Helper(enabled=False), made, texts(made), EXTENSIONS, {})
    text = texts(made)["orgs/g0.md"][0]
    assert batches.get("orgs/g0.md", text) == expected(made)["orgs/g0.md"]
    assert batches.get("orgs/g1.md", text + "\n\nadded by another plugin") is None
    assert batches.get("orgs/other.md", text) is None
    finished = expected(made)["orgs/g0.md"]
    assert isinstance(finished, tuple) and "<script" not in finished[3] and "gm-w" in finished[3]


def _started(helper: Helper) -> None:
    assert helper.submit(int, "7").result() == 7  # the pool is up


def test_the_worker_takes_the_last_batch_when_idle_and_the_build_does_the_rest() -> None:
    made = pages(2 * PAGES_PER_BATCH + 1)  # three batches
    helper = Helper(enabled=True)
    try:
        _started(helper)
        batches = Batches(helper, made, texts(made), EXTENSIONS, {})
        batches.feed()  # idle: the last batch
        batches.feed()  # busy with it: nothing more
        deadline = time.monotonic() + 60
        while not helper.idle:
            assert time.monotonic() < deadline
            time.sleep(0.05)
        got = {p.src_uri: batches.get(p.src_uri, texts(made)[p.src_uri][0]) for p in made}
        assert got == expected(made)
        assert helper.helped == 2  # int, then the last batch; the other two were done here
    finally:
        helper.close()


def test_the_build_never_waits_for_a_batch() -> None:
    """MkDocs reaches batches still queued behind the worker's other work: it does them itself,
    taken back (or, for the ones the pool has already handed its process, done twice)."""
    made = pages(2 * PAGES_PER_BATCH + 1)  # three batches, handed over last first
    helper = Helper(enabled=True)
    try:
        _started(helper)
        busy = helper.submit(time.sleep, 3)
        batches = Batches(helper, made, texts(made), EXTENSIONS, {})
        batches.hand_all_over()
        assert not helper.idle
        start = time.monotonic()
        got = {p.src_uri: batches.get(p.src_uri, texts(made)[p.src_uri][0]) for p in made}
        assert time.monotonic() - start < 2.5  # not waited for
        assert got == expected(made) and helper.helped == 1  # only the first job's answer
        busy.result()
    finally:
        helper.close()
