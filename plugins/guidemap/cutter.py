"""Cutting the search index's Thai into words in a helper process, while MkDocs renders pages.

MkDocs renders pages on one core, and cutting a large index's Thai is the biggest single piece
of the plugin's work. Most of that text (the group pages' names, summaries, descriptions) is
known from the profiles before any page is rendered, so a helper process can cut it on another
core and have the words ready when the index is written; the build then waits only for the
few runs it could not know in advance (stories, the contributors' own pages), which the same
helper cuts. Where the helper cannot run or fails, the build cuts everything itself. The index
is the same either way: same segmenter, same words.

The helper is ``python -m guidemap.cutter`` talking plain lines over pipes, not
``multiprocessing``: its ``spawn`` re-imports the caller's main script in the child (a script
that builds a site at import would build it twice), and ``fork`` can deadlock in a process
with threads, such as ``mkdocs serve``.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
from collections.abc import Iterable
from pathlib import Path

from guidemap.search import cut_run

log = logging.getLogger(__name__)
WAIT_SECONDS = 600  # for the helper's first answer; a hung helper must not hang the build


def cut_runs(runs: list[str]) -> list[str]:
    return [cut_run(run) for run in runs]


# The protocol: a request is a count line, then that many runs, one per line; the answer is
# the same count of lines, each run's words. A run is Thai letters only, never a line break,
# and plain lines cost far less to send and read than JSON for a large index.
def _serve() -> None:
    """The helper's loop, until its input ends."""
    read, out = sys.stdin.buffer.readline, sys.stdout.buffer
    while count := read().strip():
        runs = [read().decode().rstrip("\n") for _ in range(int(count))]
        out.write("".join(cut + "\n" for cut in cut_runs(runs)).encode())
        out.flush()


class RunCutter:
    """Thai runs → their words joined by zero-width spaces; see the module's docstring."""

    def __init__(self, helper: bool, command: list[str] | None = None) -> None:
        self._proc: subprocess.Popen[bytes] | None = None
        self._thread: threading.Thread | None = None
        self._early_runs: list[str] = []
        self._early: list[str] | None = None
        self.helped = 0  # runs the helper cut (the rest were cut here)
        if not helper:
            return
        env = dict(os.environ)  # the helper imports guidemap from wherever this one came from
        package_root = str(Path(__file__).resolve().parent.parent)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH")) if p)
        try:
            self._proc = subprocess.Popen(command or [sys.executable, "-m", "guidemap.cutter"], env=env,
                                          stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        except OSError as exc:  # no process support here
            log.debug("guidemap: no helper process for Thai search (%s); cutting in-process", exc)

    def prefetch(self, runs: Iterable[str]) -> None:
        """Have the helper start on runs known before pages are rendered (in a thread: the
        pipe takes the request only as fast as the helper reads it)."""
        if self._proc is None or self._thread is not None:
            return
        self._early_runs = sorted(set(runs))
        self._thread = threading.Thread(target=self._first_round, daemon=True)
        self._thread.start()

    def _first_round(self) -> None:
        self._early = self._ask(self._early_runs)

    def _ask(self, runs: list[str]) -> list[str] | None:
        proc = self._proc
        if proc is None or proc.stdin is None or proc.stdout is None:
            return None
        if any("\n" in run for run in runs):  # never for Thai runs; the protocol needs it
            return None
        try:
            proc.stdin.write("\n".join([str(len(runs)), *runs, ""]).encode())
            proc.stdin.flush()
            answer = [proc.stdout.readline().decode() for _ in runs]
        except (OSError, ValueError) as exc:  # the helper died or said something else
            log.debug("guidemap: helper process failed (%s); cutting in-process", exc)
            return None
        if not all(line.endswith("\n") for line in answer):  # it stopped short
            return None
        return [line[:-1] for line in answer]

    def cuts(self, runs: Iterable[str]) -> dict[str, str]:
        """Every run's words: the helper's early work, then whatever it has not cut yet."""
        runs = list(runs)
        known: dict[str, str] = {}
        try:
            if self._thread is not None:
                self._thread.join(WAIT_SECONDS)
                if self._early is not None and not self._thread.is_alive():
                    known = dict(zip(self._early_runs, self._early, strict=True))
            missing = sorted(set(runs) - known.keys())
            if missing and self._early is not None:
                later = self._ask(missing)
                if later is not None:
                    known.update(zip(missing, later, strict=True))
            self.helped = len(known)
        finally:
            self.close()
        for run in runs:
            if run not in known:
                known[run] = cut_run(run)
        return known

    def close(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        busy = self._thread is not None and self._thread.is_alive()  # a failed build
        try:
            if proc.stdin is not None:
                proc.stdin.close()  # the helper's loop ends at end of input
            if busy:
                proc.kill()
            proc.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            proc.kill()
            proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()


if __name__ == "__main__":
    _serve()
