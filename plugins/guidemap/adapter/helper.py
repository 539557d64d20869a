"""A helper process that works beside MkDocs, on another core.

MkDocs builds on one core. Four pieces of the plugin's work need no page to be rendered first,
or only need each page once, and the helper does them while the build goes on:

* **the guide map's folium part** (guidemap.outputs.map.folium_render): importing folium (with
  numpy and branca) alone takes about half a second; the helper imports it while the build
  reads the profiles, and renders the maps as soon as their data is known;
* **the printable guide's QR codes** (guidemap.outputs.pages.guide): about a millisecond each
  in pure Python; asked for once the profiles are read, and put into the guide's page only when
  MkDocs writes it, one of the last steps of a build;
* **the search index** (guidemap.outputs.search.index): each page's HTML is sent as soon as it is
  rendered; the helper splits it into sections (guidemap.adapter.search_sections), cuts its Thai
  into words and counts them while the build renders the next pages, and writes the index's
  files while MkDocs writes the pages. The build waits only for the last of it;
* **the feeds** (guidemap.outputs.feeds.stories): once every story's page is rendered, the feeds' data
  (profiles, stories, the rendered stories) is sent whole (pickled) and the helper writes the
  feed files while MkDocs writes the pages.

Where the helper cannot start or fails, the build does the same work itself: the output is the
same either way (same functions, same inputs).

The helper is ``python -m guidemap.adapter.helper`` talking over pipes, not ``multiprocessing``:
its ``spawn`` re-imports the caller's main script in the child (a script that builds a site at
import would build it twice), and ``fork`` can deadlock in a process with threads, such as
``mkdocs serve``.

Protocol: a request is one header line (an operation, then a count), then that many lines, each
without a line break (JSON where a value may hold one). The answers come in the order of the
requests: a line per map (its render's JSON) and per QR code (the SVG), nothing for a page to
index, and one line (the number of files) for ``index``. Requests are written by a thread and
answers read by another, so the build never waits on a full pipe, only on an answer it needs.
"""

from __future__ import annotations

import base64
import contextlib
import json
import logging
import os
import pickle
import queue
import subprocess
import sys
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import IO

from guidemap.outputs.map.settings import MapRequest, Rendered

log = logging.getLogger(__name__)
WAIT_SECONDS = 600  # for the helper's answer; a hung helper must not hang the build
# Each request wakes the thread that writes it; one per page made the build pass the
# interpreter lock back and forth thousands of times.
PAGES_PER_REQUEST = 200


def _serve() -> None:
    """The helper's loop, until its input ends."""
    from guidemap.outputs.map.folium_render import render_map  # imported first: the build soon asks for maps

    index = None
    read, out = sys.stdin.buffer.readline, sys.stdout.buffer
    while header := read().split():
        op, count = header[0].decode(), int(header[1])
        lines = [read().decode().rstrip("\n") for _ in range(count)]
        if op == "maps":
            answers = [json.dumps(render_map(_request(json.loads(line)))) for line in lines]
        elif op == "qr":
            from guidemap.outputs.pages.guide import qr_image

            answers = [qr_image(line) for line in lines]
        elif op == "page":
            from guidemap.outputs.search.index import IndexBuilder

            index = index or IndexBuilder()
            for line in lines:
                index.add(page_entries(json.loads(line)))
            answers = []
        elif op == "feeds":
            from guidemap.outputs.site.writing import write_files

            write, story_html, site_dir = pickle.loads(base64.b64decode(lines[0]))
            answers = [str(write_files(site_dir, write(story_html)))]
        elif op == "index":
            from guidemap.outputs.search.index import IndexBuilder, write_index

            answers = [str(write_index(lines[0], (index or IndexBuilder()).files()))]
        else:
            raise SystemExit(f"guidemap helper: unknown request {op!r}")
        if answers:
            out.write("".join(answer + "\n" for answer in answers).encode())
            out.flush()
    # Its input ended: every answer is written. Leave without tearing down what it built (a large
    # network's index and feeds took a quarter of a second to free, and the build waited for it).
    out.flush()
    os._exit(0)


def page_entries(message: list[object]) -> list[dict[str, str]]:
    """A page to index, as :meth:`Helper.send_page` sends it: ``["html", location, title,
    content, front matter's title or None]`` (its rendered HTML), or ``["docs", [[location,
    title, text], ...]]`` (entries already made: the group pages' come from the model)."""
    if message[0] == "html":
        from guidemap.adapter.search_sections import entries

        location, title, content, meta_title = message[1:]
        return entries(str(location), str(title), str(content),
                       None if meta_title is None else str(meta_title))
    docs = message[1]
    assert isinstance(docs, list)
    return [{"location": str(d[0]), "title": str(d[1]), "text": str(d[2])} for d in docs]


def _request(value: list[object]) -> MapRequest:
    frm, name, js, css, zoom, kind, config, center = value
    assert isinstance(js, list) and isinstance(css, list) and isinstance(zoom, int)
    assert isinstance(center, list)
    lat, lon = (float(x) for x in center)
    return MapRequest(str(frm), str(name), tuple(map(str, js)), tuple(map(str, css)), zoom, str(kind),
                      str(config), (lat, lon))


class _Answer:
    """An answer the build may wait for: ``lines`` stays None if the helper failed."""

    def __init__(self, count: int) -> None:
        self.count = count
        self.lines: list[str] | None = None
        self.done = threading.Event()

    def wait(self) -> list[str] | None:
        return self.lines if self.done.wait(WAIT_SECONDS) else None


_FAILED = _Answer(0)
_FAILED.done.set()


class Helper:
    """The build's side of the helper process; see the module's docstring."""

    def __init__(self, enabled: bool, command: list[str] | None = None) -> None:
        self._proc: subprocess.Popen[bytes] | None = None
        self._outbox: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        self._expected: queue.SimpleQueue[_Answer | None] = queue.SimpleQueue()
        self._pending: list[_Answer] = []
        self._batch: list[str] = []  # pages to index, sent a few at a time (fewer thread switches)
        self._index = _FAILED
        self._feeds = _FAILED
        self._order = threading.Lock()  # a request's answer slot and its bytes queue in the same order
        self._failed = threading.Event()
        self._maps: tuple[list[MapRequest], _Answer] | None = None
        self._qr: tuple[list[str], _Answer] | None = None
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
            return
        assert self._proc.stdin is not None and self._proc.stdout is not None
        threading.Thread(target=self._write, args=(self._proc.stdin,), daemon=True).start()
        threading.Thread(target=self._read, args=(self._proc.stdout,), daemon=True).start()

    # -- the exchange ---------------------------------------------------------------------
    def _write(self, pipe: IO[bytes]) -> None:
        while (data := self._outbox.get()) is not None:
            if self._failed.is_set():
                continue
            try:
                pipe.write(data)
                pipe.flush()
            except (OSError, ValueError) as exc:
                log.debug("guidemap: helper process failed (%s); working in-process", exc)
                self._failed.set()
        with contextlib.suppress(OSError):
            pipe.close()  # the helper's loop ends at the end of its input

    def _read(self, pipe: IO[bytes]) -> None:
        while (answer := self._expected.get()) is not None:
            if not self._failed.is_set():
                try:
                    lines = [pipe.readline().decode() for _ in range(answer.count)]
                except (OSError, ValueError) as exc:
                    log.debug("guidemap: helper process failed (%s); working in-process", exc)
                    lines = []
                if len(lines) == answer.count and all(line.endswith("\n") for line in lines):
                    answer.lines = [line[:-1] for line in lines]
                else:  # it stopped short
                    self._failed.set()
            answer.done.set()

    def _request(self, op: str, lines: list[str], answers: int) -> _Answer:
        if self._proc is None or self._failed.is_set() or any("\n" in line for line in lines):
            return _FAILED
        answer = _Answer(answers)
        with self._order:
            if answers:
                self._pending.append(answer)
            self._expected.put(answer)
            self._outbox.put("\n".join([f"{op} {len(lines)}", *lines, ""]).encode())
        return answer

    # -- maps -----------------------------------------------------------------------------
    def request_maps(self, requests: list[MapRequest]) -> None:
        """Ask for the maps now; :meth:`maps` collects them (the helper may still be starting)."""
        self._maps = (list(requests), self._request("maps", [json.dumps(r) for r in requests], len(requests)))

    def maps(self) -> dict[MapRequest, Rendered]:
        """The renders asked for, or nothing if the helper failed (the build renders them)."""
        if self._maps is None:
            return {}
        (requests, answer), self._maps = self._maps, None
        lines = answer.wait()
        if lines is None:
            return {}
        try:
            renders = [json.loads(line) for line in lines]
            found = {r: (str(a[0]), str(a[1]), str(a[2])) for r, a in zip(requests, renders, strict=True)}
        except (ValueError, TypeError, IndexError):
            self._failed.set()
            return {}
        self.helped += len(found)
        return found

    # -- QR codes -------------------------------------------------------------------------
    def request_qr(self, addresses: list[str]) -> None:
        """Ask for QR codes now; :meth:`qr_codes` collects them."""
        if addresses:
            self._qr = (list(addresses), self._request("qr", list(addresses), len(addresses)))

    def qr_codes(self) -> dict[str, str]:
        """The codes asked for, or nothing if the helper failed (the build makes them)."""
        if self._qr is None:
            return {}
        (addresses, answer), self._qr = self._qr, None
        lines = answer.wait()
        if lines is None:
            return {}
        self.helped += len(addresses)
        return dict(zip(addresses, lines, strict=True))

    # -- the search index ---------------------------------------------------------------------
    def send_page(self, message: list[object]) -> bool:
        """Have the helper index a page (a message :func:`page_entries` reads); False if it
        cannot (the build then indexes every page itself)."""
        if self._proc is None or self._failed.is_set():
            return False
        self._batch.append(json.dumps(message, ensure_ascii=False))
        if len(self._batch) >= PAGES_PER_REQUEST:
            self._flush_pages()
        return True

    def _flush_pages(self) -> None:
        if self._batch:
            self._request("page", self._batch, 0)
            self._batch = []

    def start_index(self, site_dir: str) -> None:
        """Every page is indexed: have the helper weigh the words and write the index's files
        while MkDocs writes the pages; :meth:`index_written` waits for it."""
        self._flush_pages()
        self._index = self._request("index", [site_dir], 1)

    def index_written(self) -> int | None:
        """The number of files the helper wrote, or None if it failed (the build then indexes
        every page itself)."""
        answer, self._index = self._index, _FAILED
        return self._files_written(answer)

    # -- the feeds ------------------------------------------------------------------------------
    def start_feeds(self, write: Callable[[Mapping[str, str]], Mapping[str, bytes | str]],
                    story_html: Mapping[str, str], site_dir: str) -> bool:
        """Have the helper make the feeds (``write``, given the stories' rendered HTML) and
        write them into ``site_dir`` while MkDocs writes the pages; False if it cannot (the
        build then makes them itself). :meth:`feeds_written` waits for it."""
        if self._proc is None or self._failed.is_set():
            return False
        try:  # the feeds' data (profiles, stories, site) travel whole: the helper read no file
            job = base64.b64encode(pickle.dumps((write, dict(story_html), site_dir), protocol=5))
        except (pickle.PicklingError, TypeError, AttributeError) as exc:
            log.debug("guidemap: feeds not sent to the helper (%s)", exc)
            return False
        self._feeds = self._request("feeds", [job.decode()], 1)
        return self._feeds is not _FAILED

    def feeds_written(self) -> int | None:
        """The number of feed files the helper wrote, or None if it failed."""
        answer, self._feeds = self._feeds, _FAILED
        return self._files_written(answer)

    def _files_written(self, answer: _Answer) -> int | None:
        lines = answer.wait()
        if lines is None or not lines or not lines[0].isdigit():
            return None
        self.helped += 1
        return int(lines[0])

    def close(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        busy = any(not answer.done.is_set() for answer in self._pending)  # a failed build
        self._outbox.put(None)
        self._expected.put(None)
        try:
            if busy:
                proc.kill()
            proc.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            proc.kill()
            proc.wait()


if __name__ == "__main__":
    _serve()
