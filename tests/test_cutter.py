"""The helper process that cuts the search index's Thai while pages render (guidemap.cutter)."""

from __future__ import annotations

import sys

from guidemap import search
from guidemap.cutter import RunCutter

EARLY = ["ค่ายเยาวชนสานสัมพันธ์", "ธนาคารหัวใจ", "ชายหาดสงขลา"]
LATER = ["เรื่องเล่าจากปัตตานี", "ธนาคารหัวใจ"]  # one run the helper has seen, one it has not


def expected(runs: list[str]) -> dict[str, str]:
    return {run: search.cut_run(run) for run in runs}


def test_the_helper_cuts_early_and_late_runs_like_the_build_itself() -> None:
    cutter = RunCutter(helper=True)
    assert cutter._proc is not None  # a helper really runs here
    cutter.prefetch(EARLY)
    assert cutter.cuts(LATER + EARLY) == expected(LATER + EARLY)
    assert cutter.helped == len(set(LATER + EARLY))  # every run came from the helper
    assert cutter._proc is None  # and it is gone once the index is cut


def test_without_a_helper_everything_is_cut_in_process() -> None:
    cutter = RunCutter(helper=False)
    cutter.prefetch(EARLY)
    assert cutter.cuts(LATER) == expected(LATER)


def test_a_helper_that_cannot_start_or_dies_leaves_the_same_words() -> None:
    missing = RunCutter(helper=True, command=["/nonexistent/python"])
    missing.prefetch(EARLY)
    assert missing.cuts(LATER) == expected(LATER)
    exits_at_once = [sys.executable, "-c", "pass"]
    talks_nonsense = [sys.executable, "-c", "import sys; sys.stdin.readline(); print('[1]')"]
    for command in (exits_at_once, talks_nonsense):
        dying = RunCutter(helper=True, command=command)
        dying.prefetch(EARLY)
        assert dying.cuts(EARLY + LATER) == expected(EARLY + LATER)
        assert dying.helped == 0


def test_closing_a_busy_helper_does_not_wait_for_it() -> None:
    cutter = RunCutter(helper=True, command=[sys.executable, "-c", "import time; time.sleep(60)"])
    cutter.prefetch(EARLY)
    cutter.close()  # what a failed build does
    assert cutter._proc is None
