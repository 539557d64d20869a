"""A helper process that works beside MkDocs, on another core.

MkDocs builds on one core. Two pieces of the plugin's work need no page to be rendered first,
and the helper does them while the build loads profiles and renders pages:

* **the guide map's folium part** (guidemap.outputs.map.folium_render): importing folium (with numpy and
  branca) alone takes about half a second; the helper imports it while the build reads the
  profiles, and renders the maps as soon as their data is known;
* **the printable guide's QR codes** (guidemap.outputs.pages.guide): about a millisecond each
  in pure Python; their addresses are known from the profiles' file names, so they are asked
  for before the profiles are read, and made while the build reads them;
* **cutting the search index's Thai into words**: most of it (the group pages' names,
  summaries, descriptions) is known before any page is rendered, so it is cut while pages
  render; the build then waits only for the few runs it could not know in advance (stories,
  the contributors' own pages), which the helper cuts too.

Where the helper cannot start or fails, the build does the same work itself: the output is the
same either way (same functions, same inputs).

The helper is ``python -m guidemap.adapter.helper`` talking over pipes, not ``multiprocessing``: its
``spawn`` re-imports the caller's main script in the child (a script that builds a site at
import would build it twice), and ``fork`` can deadlock in a process with threads, such as
``mkdocs serve``.

Protocol: a request is one header line (``qr``, ``maps`` or ``cut``, then a count), then that
many lines; the answer is that many lines. A QR request line is an address; its answer line,
the SVG. A map request line is its JSON; its answer line, the JSON of the render. A run to cut
is Thai letters only (never a line break), and its answer line the words joined by zero-width
spaces: plain lines, because a large index's request and answer then take milliseconds to
write and read.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import threading
from collections.abc import Iterable
from pathlib import Path

from guidemap.outputs.map.settings import MapRequest, Rendered
from guidemap.outputs.search import cut_run

log = logging.getLogger(__name__)
WAIT_SECONDS = 600  # for the helper's answer; a hung helper must not hang the build


def cut_runs(runs: list[str]) -> list[str]:
    return [cut_run(run) for run in runs]


def _serve() -> None:
    """The helper's loop, until its input ends."""
    from guidemap.outputs.map.folium_render import render_map  # imported first: the build soon asks for maps

    read, out = sys.stdin.buffer.readline, sys.stdout.buffer
    while header := read().split():
        op, count = header[0].decode(), int(header[1])
        lines = [read().decode().rstrip("\n") for _ in range(count)]
        if op == "maps":
            answers = [json.dumps(render_map(_request(json.loads(line)))) for line in lines]
        elif op == "qr":
            from guidemap.outputs.pages.guide import qr_image

            answers = [qr_image(line) for line in lines]
        else:
            answers = cut_runs(lines)
        out.write("".join(answer + "\n" for answer in answers).encode())
        out.flush()


def _request(value: list[object]) -> MapRequest:
    frm, name, js, css, zoom, kind, config, center = value
    assert isinstance(js, list) and isinstance(css, list) and isinstance(zoom, int)
    assert isinstance(center, list)
    lat, lon = (float(x) for x in center)
    return MapRequest(str(frm), str(name), tuple(map(str, js)), tuple(map(str, css)), zoom, str(kind),
                      str(config), (lat, lon))


class Helper:
    """The build's side of the helper process; see the module's docstring."""

    def __init__(self, enabled: bool, command: list[str] | None = None) -> None:
        self._proc: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()  # one request at a time on the pipes
        self._maps: list[MapRequest] = []
        self._qr: list[str] = []
        self._qr_thread: threading.Thread | None = None
        self._qr_sent = False
        self._thread: threading.Thread | None = None
        self._early_runs: list[str] = []
        self._early: list[str] | None = None
        self.helped = 0  # answers that came from the helper (the rest were made here)
        if not enabled:
            return
        env = dict(os.environ)  # the helper imports guidemap from wherever this one came from
        package_root = str(Path(__file__).resolve().parents[2])
        env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH")) if p)
        try:
            self._proc = subprocess.Popen(command or [sys.executable, "-m", "guidemap.adapter.helper"],
                                          env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        except OSError as exc:  # no process support here
            log.debug("guidemap: no helper process (%s); working in-process", exc)

    # -- the exchange ---------------------------------------------------------------------
    def _send(self, op: str, lines: list[str]) -> bool:
        proc = self._proc
        if proc is None or proc.stdin is None or any("\n" in line for line in lines):
            return False
        try:
            proc.stdin.write("\n".join([f"{op} {len(lines)}", *lines, ""]).encode())
            proc.stdin.flush()
        except OSError as exc:
            log.debug("guidemap: helper process failed (%s); working in-process", exc)
            return False
        return True

    def _receive(self, count: int) -> list[str] | None:
        proc = self._proc
        if proc is None or proc.stdout is None:
            return None
        try:
            answer = [proc.stdout.readline().decode() for _ in range(count)]
        except (OSError, ValueError) as exc:
            log.debug("guidemap: helper process failed (%s); working in-process", exc)
            return None
        if not all(line.endswith("\n") for line in answer):  # it stopped short
            return None
        return [line[:-1] for line in answer]

    def _ask(self, op: str, lines: list[str]) -> list[str] | None:
        with self._lock:
            return self._receive(len(lines)) if self._send(op, lines) else None

    # -- maps -----------------------------------------------------------------------------
    def request_maps(self, requests: list[MapRequest]) -> None:
        """Ask for the maps now; :meth:`maps` collects them (the helper may still be starting)."""
        if self._qr_thread is not None:  # the QR request goes first: answers come in order
            self._qr_thread.join(WAIT_SECONDS)
        with self._lock:
            if self._send("maps", [json.dumps(r) for r in requests]):
                self._maps = list(requests)

    def maps(self) -> dict[MapRequest, Rendered]:
        """The renders asked for, or nothing if the helper failed (the build renders them)."""
        requests, self._maps = self._maps, []
        if not requests:
            return {}
        with self._lock:
            answer = self._receive(len(requests))
        if answer is None:
            self.close()
            return {}
        try:
            renders = [json.loads(line) for line in answer]
            found = {r: (str(a[0]), str(a[1]), str(a[2])) for r, a in zip(requests, renders, strict=True)}
        except (ValueError, TypeError, IndexError):
            self.close()
            return {}
        self.helped += len(found)
        return found

    # -- QR codes -------------------------------------------------------------------------
    def request_qr(self, addresses: list[str]) -> None:
        """Ask for QR codes now; :meth:`qr_codes` collects them, before :meth:`maps` (the
        answers come in the order of the requests). Sent from a thread: the helper reads the
        request only once it has imported folium, and a large one fills the pipe."""
        if self._proc is None or not addresses:
            return
        self._qr = list(addresses)
        self._qr_sent = False

        def send() -> None:
            with self._lock:
                self._qr_sent = self._send("qr", self._qr)

        self._qr_thread = threading.Thread(target=send, daemon=True)
        self._qr_thread.start()

    def qr_codes(self) -> dict[str, str]:
        """The codes asked for, or nothing if the helper failed (the build makes them)."""
        if self._qr_thread is not None:
            self._qr_thread.join(WAIT_SECONDS)
            self._qr_thread = None
        addresses, self._qr = (self._qr if self._qr_sent else []), []
        if not addresses:
            return {}
        with self._lock:
            answer = self._receive(len(addresses))
        if answer is None:
            self.close()
            return {}
        self.helped += len(addresses)
        return dict(zip(addresses, answer, strict=True))

    # -- Thai runs ------------------------------------------------------------------------
    def prefetch(self, runs: Iterable[str]) -> None:
        """Have the helper start on runs known before pages are rendered (in a thread: the
        pipe takes the request only as fast as the helper reads it)."""
        if self._proc is None or self._thread is not None:
            return
        self._early_runs = sorted(set(runs))
        self._thread = threading.Thread(target=self._first_round, daemon=True)
        self._thread.start()

    def _first_round(self) -> None:
        self._early = self._ask("cut", self._early_runs)

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
                later = self._ask("cut", missing)
                if later is not None:
                    known.update(zip(missing, later, strict=True))
            self.helped += len(known)
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
        busy = any(t is not None and t.is_alive() for t in (self._thread, self._qr_thread))  # failed build
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
