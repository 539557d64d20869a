"""The helper process that works beside MkDocs (guidemap.adapter.helper): folium maps and Thai words."""

from __future__ import annotations

import sys

from guidemap.adapter.helper import Helper
from guidemap.contract.model import Dataset
from guidemap.outputs import search
from guidemap.outputs.map import view as map_view
from guidemap.outputs.map.folium_render import render_map

EARLY = ["ค่ายเยาวชนสานสัมพันธ์", "ธนาคารหัวใจ", "ชายหาดสงขลา"]
LATER = ["เรื่องเล่าจากปัตตานี", "ธนาคารหัวใจ"]  # one run the helper has seen, one it has not
MAPS = map_view.map_requests(Dataset([], []))
EXITS_AT_ONCE = [sys.executable, "-c", "pass"]
TALKS_NONSENSE = [sys.executable, "-c", "import sys; sys.stdin.readline(); print('[1]')"]


def expected(runs: list[str]) -> dict[str, str]:
    return {run: search.cut_run(run) for run in runs}


def test_the_helper_renders_maps_and_cuts_runs_like_the_build_itself() -> None:
    helper = Helper(enabled=True)
    assert helper._proc is not None  # a helper really runs here
    helper.request_maps(MAPS)
    assert helper.maps() == {request: render_map(request) for request in MAPS}
    helper.prefetch(EARLY)
    assert helper.cuts(LATER + EARLY) == expected(LATER + EARLY)
    assert helper.helped == len(MAPS) + len(set(LATER + EARLY))  # every answer came from it
    assert helper._proc is None  # and it is gone once the index is cut


def test_without_a_helper_everything_is_done_in_process() -> None:
    helper = Helper(enabled=False)
    helper.request_maps(MAPS)
    assert helper.maps() == {}  # the build renders them itself
    helper.prefetch(EARLY)
    assert helper.cuts(LATER) == expected(LATER)
    assert helper.helped == 0


def test_a_helper_that_cannot_start_or_dies_leaves_the_same_words() -> None:
    missing = Helper(enabled=True, command=["/nonexistent/python"])
    missing.prefetch(EARLY)
    assert missing.cuts(LATER) == expected(LATER)
    for command in (EXITS_AT_ONCE, TALKS_NONSENSE):
        dying = Helper(enabled=True, command=command)
        dying.request_maps(MAPS)
        assert dying.maps() == {}
        dying = Helper(enabled=True, command=command)
        dying.prefetch(EARLY)
        assert dying.cuts(EARLY + LATER) == expected(EARLY + LATER)
        assert dying.helped == 0


def test_closing_a_busy_helper_does_not_wait_for_it() -> None:
    helper = Helper(enabled=True, command=[sys.executable, "-c", "import time; time.sleep(60)"])
    helper.prefetch(EARLY)
    helper.close()  # what a failed build does
    assert helper._proc is None
