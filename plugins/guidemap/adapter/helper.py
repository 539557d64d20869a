"""Work beside the build: a process pool of the standard library, the build itself as fallback.

MkDocs builds on one core. Much of the plugin's work needs no page to be rendered first, or
only needs each page once: a worker process on another core does it while the build goes on
(as Material's social plugin hands its cards to an executor and collects the futures):

* **the guide map's folium part** (:func:`render_maps`): importing folium (with numpy and branca)
  alone takes about half a second; the pool's process has it imported before it is asked, and
  renders the maps while the build reads the profiles;
* **the generated pages' finishing** (:func:`finish_pages`): a group's contributed Markdown
  converted and sanitized, put into the page the core made, its Thai words kept whole; in
  batches the build does itself when it gets there first (adapter/finishing.py);
* **the printable guide's QR codes** (:func:`qr_images`): asked for once the pages are listed,
  put into the guide's pages only when MkDocs writes them, one of the last steps of a build;
* **the search index** (:func:`count_pages`, :func:`write_counted_index`): pages are sent as
  they render, a batch at a time; the worker splits them into sections
  (guidemap.adapter.search_sections), cuts their Thai into words and counts them while the build
  renders the next pages, and writes the index's files while MkDocs writes the pages;
* **the feeds** (:func:`write_feeds`): once every story's page is rendered, the feeds' data
  (profiles, stories, the rendered stories) goes to the worker, which writes the feed files
  while MkDocs writes the pages;
* **the files no page needs** (:func:`write_later_files`): open data, map data, the editions'
  e-mails, calendars... (``registry.SiteOutputs.later_files``): asked for as soon as the
  registry has listed them, made and written while MkDocs renders the pages;
* **the share cards** (:func:`write_cards`): a page's title drawn on its share card takes tens
  of milliseconds a card; the worker draws them (or takes them from the cache folder of an
  earlier build) while MkDocs renders the pages.

:class:`Helper` is the one wrapper: :meth:`Helper.submit` gives a :class:`Job` whose
:meth:`Job.result` is the pool's answer or, if the pool cannot start, broke
(``BrokenProcessPool``), could not pickle the work, failed or took too long, the same work done
here: the same functions on the same inputs, so the same bytes either way.

The pool is ``concurrent.futures.ProcessPoolExecutor`` with one worker and a ``forkserver``
context: ``fork`` can deadlock in a process with threads (``mkdocs serve`` has them), and the
fork server, started once per process, imports folium (:data:`PRELOAD`) once: a ``mkdocs serve``
rebuild's worker starts with it in memory. As with any
``multiprocessing`` start method but ``fork``, the worker imports the main script (as
``__mp_main__``): a script that builds a site must do it under ``if __name__ == "__main__":``.
A large answer (the guide's QR codes, the generated pages' parts) comes back through a file in a
folder the helper removes when it closes (:data:`LARGE_ANSWER`).
"""

from __future__ import annotations

import concurrent.futures as cf
import logging
import multiprocessing
import os
import pickle
import shutil
import tempfile
import threading
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from guidemap.outputs.map.settings import MapRequest, Rendered
from guidemap.outputs.pictures.cards import Card

if TYPE_CHECKING:
    from guidemap.outputs.search.index import IndexBuilder

log = logging.getLogger(__name__)
T = TypeVar("T")
WAIT_SECONDS = 600  # for an answer of the pool; a hung worker must not hang the build
# Pages to index go to the worker this many at a time: each submission wakes the pool's threads,
# and one per page passed the interpreter lock back and forth thousands of times.
PAGES_PER_BATCH = 200
# Imported by the fork server before it forks the worker (and every later build's worker in
# `mkdocs serve`); an import that fails there is only done later, in the worker.
# An answer this large (pickled) comes back through a file, not the pool's pipe: the build reads
# a pipe 64 KiB at a time, each read waiting for the interpreter lock its busy thread holds (up to
# sys.getswitchinterval(), 5 ms), and the worker waits until its answer is read: the guide's
# QR codes (5 MB) held it up for 0.7 s, and the theme's templates waited behind them.
LARGE_ANSWER = 1 << 16
# Only what the worker's first job needs: the maps are waited for at the build's on_files, and
# the search's modules (a tenth of a second more) are imported by its first count, later.
PRELOAD = ["guidemap.outputs.map.folium_render", "guidemap.adapter.helper"]


# -- the work (run in the worker, or here when the pool cannot) ---------------------------------

def render_maps(requests: list[MapRequest]) -> dict[MapRequest, Rendered]:
    from guidemap.outputs.map.folium_render import render_map

    return {request: render_map(request) for request in requests}


def load_thai_words() -> None:
    """The Thai dictionary loaded (a tenth of a second, holding the interpreter lock) while the
    worker has nothing else to do, before the first pages it finishes or counts need it."""
    from guidemap.contract.thai import thai_run_segmenter

    thai_run_segmenter()


def qr_images(addresses: list[str]) -> dict[str, str]:
    from guidemap.outputs.pages.guide import qr_image

    return {address: qr_image(address) for address in addresses}


# A generated page as the build finishes it: the HTML of its contributed Markdown and its table
# of contents' tokens (GeneratedHtmlPage.render), its parts cut out and sanitized, and its
# content: the core's HTML with the parts put in and Thai words kept whole (on_page_content).
Finished = tuple[str, list[Any], dict[str, str], str]
# What a generated page's finishing needs: the core's HTML, its contributed Markdown joined
# (htmlkit.join_parts; "" for none), the parts' token and the parts.
Unfinished = tuple[str, str, str, tuple[tuple[str, str], ...]]


def finish_pages(extensions: list[Any], configs: dict[str, Any],
                 pages: Mapping[str, Unfinished]) -> dict[str, Finished]:
    """Generated pages (``src_uri → Unfinished``) finished as the build's own hooks finish
    them: the Markdown through one converter with the site's extensions, as
    ``GeneratedHtmlPage.render`` converts it, then cut, sanitized, put in and wrapped as
    ``on_page_content`` does: the same steps on the same text, so the same bytes in the worker
    or here."""
    import markdown

    converter: markdown.Markdown | None = None
    out: dict[str, Finished] = {}
    for src, (page_html, text, token, parts) in pages.items():
        made, tokens = "", list[Any]()
        if parts:
            if converter is None:
                converter = markdown.Markdown(extensions=extensions, extension_configs=configs)
            converter.reset()  # the documented way to reuse a converter for another document
            made, tokens = converter.convert(text), getattr(converter, "toc_tokens", [])
        out[src] = finish_page(page_html, made, tokens, token, parts)
    return out


def finish_page(page_html: str, made: str, tokens: list[Any], token: str,
                parts: tuple[tuple[str, str], ...]) -> Finished:
    """One generated page finished from its Markdown's HTML (``made``): the parts cut out and
    sanitized, put into the core's HTML, Thai words kept whole."""
    from guidemap.outputs.html import thaiwrap
    from guidemap.outputs.html.htmlkit import put_parts, render_parts

    chunks = render_parts(made, parts, token) if parts else {}
    return made, tokens, chunks, thaiwrap.keep_words(put_parts(page_html, chunks))


def write_feeds(write: Callable[[Mapping[str, str]], Mapping[str, bytes | str]],
                story_html: Mapping[str, str], site_dir: str) -> int:
    """The feeds made from the stories as their pages rendered them, written into ``site_dir``."""
    from guidemap.outputs.site.writing import write_files

    return write_files(site_dir, write(story_html))


def write_later_files(make: Callable[[], Mapping[str, bytes | str]], site_dir: str) -> int:
    """The files no page needs (``registry.SiteOutputs.later_files``), written into ``site_dir``."""
    from guidemap.outputs.site.writing import write_files

    return write_files(site_dir, make())


def write_cards(cards: Sequence[Card], site_dir: str, cache: str | None) -> int:
    """The share cards with their pages' titles drawn, written into ``site_dir``; ``cache``
    keeps each drawn card for the next build (found by the hash of what it shows)."""
    from guidemap.outputs.pictures.cards import drawn
    from guidemap.outputs.site.writing import write_files

    folder = Path(cache) if cache else None
    return write_files(site_dir, {card.path: drawn(card, folder) for card in cards})


def page_entries(message: list[object]) -> list[dict[str, str]]:
    """A page to index: ``["html", location, title, content, front matter's title or None]``
    (its rendered HTML), or ``["docs", [[location, title, text], ...]]`` (entries already made:
    the group pages' come from the model)."""
    if message[0] == "html":
        from guidemap.adapter.search_sections import entries

        location, title, content, meta_title = message[1:]
        return entries(str(location), str(title), str(content),
                       None if meta_title is None else str(meta_title))
    docs = message[1]
    assert isinstance(docs, list)
    return [{"location": str(d[0]), "title": str(d[1]), "text": str(d[2])} for d in docs]


def index_here(site_dir: str, messages: list[list[object]]) -> int:
    """The whole index made and written in one go (the build's own way, without the pool)."""
    from guidemap.outputs.search.index import IndexBuilder, write_index

    index = IndexBuilder()
    for message in messages:
        index.add(page_entries(message))
    return write_index(site_dir, index.files())


class _Counting:
    """The worker's index so far. It lives in the worker process, which serves one build: the
    pool's initializer makes it, and it is never made in the build's own process. Its builder
    (and the search's modules) come with the first page: the worker starts with the maps."""

    def __init__(self) -> None:
        self._index: IndexBuilder | None = None
        self.pages = 0

    @property
    def index(self) -> IndexBuilder:
        if self._index is None:
            from guidemap.outputs.search.index import IndexBuilder

            self._index = IndexBuilder()
        return self._index


_counting: _Counting | None = None


def _start_worker() -> None:
    global _counting
    _counting = _Counting()


def count_pages(messages: list[list[object]]) -> None:
    """Count a batch of pages into the worker's index (only ever run in the worker)."""
    assert _counting is not None, "count_pages runs in the pool's worker"
    for message in messages:
        _counting.index.add(page_entries(message))
    _counting.pages += len(messages)


def write_counted_index(site_dir: str, pages: int) -> int:
    """Write the worker's index, once it has counted all ``pages`` sent (a batch lost on the way
    fails this job: the build then indexes every page itself)."""
    from guidemap.outputs.search.index import write_index

    if _counting is None or _counting.pages != pages:
        raise RuntimeError(f"the worker counted {_counting and _counting.pages} of {pages} pages")
    # The index is never freed: the worker leaves with os._exit at the end of the build, and
    # freeing a large network's index took a quarter of a second the build waited for.
    return write_index(site_dir, _counting.index.files())


# -- the wrapper ------------------------------------------------------------------------------

class _Spooled:
    """A large answer the worker wrote to a file (see LARGE_ANSWER): read once, then removed."""

    __slots__ = ("path",)

    def __init__(self, path: str) -> None:
        self.path = path

    def load(self) -> Any:
        try:
            with open(self.path, "rb") as file:
                data = file.read()
        finally:
            os.remove(self.path)
        return pickle.loads(data)


def _answer(spool: str, fn: Callable[..., Any], *args: Any) -> Any:
    """``fn(*args)`` in the worker; a large answer is written to a file in ``spool``."""
    value = fn(*args)
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    if len(data) < LARGE_ANSWER:
        return value  # pickled again by the pool: small
    handle, path = tempfile.mkstemp(dir=spool, suffix=".pickle")
    with os.fdopen(handle, "wb") as file:
        file.write(data)
    return _Spooled(path)


class Job(Generic[T]):
    """Work handed to the pool: :meth:`result` is its answer, or the same work done here."""

    def __init__(self, helper: Helper, future: cf.Future[T] | None, here: Callable[[], T]) -> None:
        self._helper, self._future, self._here = helper, future, here
        self.from_pool: bool | None = None  # known once result() has answered

    def take_back(self) -> bool:
        """Cancel the work if the pool has not begun it: :meth:`result` then does it here."""
        future = self._future
        if future is None:
            return False
        with self._helper._lock:  # not while the pool, just started, takes the early work
            real = getattr(future, _REAL, None)  # an early job's future in the pool
            cancelled = (real if real is not None else future).cancel()
        if cancelled:
            self._future = None
        return cancelled

    def done(self) -> bool:
        """Whether the pool's answer (or its failure) is there, so :meth:`result` will not wait."""
        return self._future is not None and self._future.done()

    def result(self) -> T:
        if self._future is not None:
            try:
                value = self._future.result(timeout=WAIT_SECONDS)
                if isinstance(value, _Spooled):
                    value = value.load()
            except Exception as exc:  # broken pool, pickling, a failure in the worker, a timeout
                self._helper.failed(exc)
            else:
                self.from_pool = True
                self._helper.helped += 1
                return value
            finally:
                self._future = None
        self.from_pool = False
        return self._here()


class Helper:
    """A pool of one worker process beside the build (``enabled``), or none: then every job is
    done here when its result is asked for. ``pool`` makes the pool (tests give failing ones)."""

    def __init__(self, enabled: bool, pool: Callable[[], cf.Executor] | None = None) -> None:
        self._pool: cf.Executor | None = None
        self._broken = not enabled
        self.helped = 0  # answers that came from the pool
        self._pending = 0  # jobs sent and not answered yet (idle)
        self._pending_lock = threading.Lock()
        # Work asked for while the pool starts, handed over by the starting thread in order.
        self._lock = threading.Lock()
        self._early: list[tuple[Callable[..., object], tuple[Any, ...], cf.Future[Any]]] | None = None
        self._starting: threading.Thread | None = None
        # Where the worker leaves its large answers (_answer), removed with the pool.
        self._spool = tempfile.mkdtemp(prefix="guidemap-answers-") if enabled else ""
        if enabled:
            # Started in a thread: the worker's first start waits for the fork server to import
            # folium, and the build reads the profiles meanwhile.
            self._early = []
            self._starting = threading.Thread(target=self._start, args=(pool or _forkserver_pool,),
                                              daemon=True)
            self._starting.start()

    def _start(self, make: Callable[[], cf.Executor]) -> None:
        pool: cf.Executor | None = None
        try:
            pool = make()
            pool.submit(int)  # starts the worker (and the fork server, the first time)
        except Exception as exc:  # no process support, no fork server
            self.failed(exc)
        with self._lock:
            early, self._early = self._early or [], None
            self._pool = pool
            for fn, args, placeholder in early:
                if placeholder.cancelled():  # taken back before the pool started
                    continue
                try:
                    if pool is None or self._broken:
                        raise cf.BrokenExecutor("the pool did not start")
                    _chain(pool.submit(_answer, self._spool, fn, *args), placeholder)
                except Exception as exc:
                    self.failed(exc)
                    placeholder.set_exception(exc)

    def _submit(self, fn: Callable[..., T], args: tuple[Any, ...]) -> cf.Future[T] | None:
        """The future of ``fn(*args)`` in the pool, or None if there is no working pool."""
        if self._broken:
            return None
        with self._lock:
            if self._early is not None:  # still starting: handed over once it has
                placeholder: cf.Future[T] = cf.Future()
                self._early.append((fn, args, placeholder))
                return self._counted(placeholder)
            pool = self._pool
        if pool is None or self._broken:
            return None
        try:
            return self._counted(pool.submit(_answer, self._spool, fn, *args))
        except Exception as exc:  # a pool that broke since (BrokenProcessPool), or shut down
            self.failed(exc)
            return None

    def _counted(self, future: cf.Future[T]) -> cf.Future[T]:
        with self._pending_lock:
            self._pending += 1
        future.add_done_callback(self._one_less)  # answered, failed or taken back
        return future

    def _one_less(self, future: cf.Future[Any]) -> None:
        # Its own lock: a job taken back is cancelled under _lock, which runs this at once.
        with self._pending_lock:
            self._pending -= 1

    @property
    def idle(self) -> bool:
        """Whether the worker has nothing left to do (every job sent is answered): work that
        the build would otherwise do itself is worth handing over only then."""
        return not self._broken and self._pending == 0

    @property
    def working(self) -> bool:
        """Whether work still goes to the pool (False once it failed or was never there)."""
        return not self._broken

    def submit(self, fn: Callable[..., T], *args: Any, here: Callable[[], T] | None = None) -> Job[T]:
        """``fn(*args)`` in the pool; its job's result is ``here()`` (by default ``fn(*args)``
        run here) if the pool cannot give it."""
        return Job(self, self._submit(fn, args), here if here is not None else (lambda: fn(*args)))

    def send(self, fn: Callable[..., object], *args: Any) -> bool:
        """``fn(*args)`` in the pool, with no answer to wait for (a later job's result tells
        whether it was done); False if there is no pool to do it."""
        return self._submit(fn, args) is not None

    def failed(self, exc: BaseException) -> None:
        """The pool failed: from now on, the build does all the work itself."""
        if not self._broken:
            log.debug("guidemap: the worker process failed (%r); working in-process", exc)
        self._broken = True

    def close(self, abandon: bool = False) -> None:
        """End the pool. After a failure, or when the build itself failed (``abandon``), its
        worker may be busy: it is stopped, not waited for."""
        if self._starting is not None:
            self._starting.join()
            self._starting = None
        pool, self._pool = self._pool, None
        if pool is not None:
            if self._broken or abandon:
                _stop_workers(pool)
                pool.shutdown(wait=False, cancel_futures=True)
            else:
                pool.shutdown(wait=True)
        if self._spool:  # answers never asked for (a stopped worker may still be writing one)
            shutil.rmtree(self._spool, ignore_errors=True)
            self._spool = ""


_REAL = "guidemap_real"  # the pool's future of an early job, on the job's placeholder


def _chain(future: cf.Future[Any], placeholder: cf.Future[Any]) -> None:
    setattr(placeholder, _REAL, future)

    def copy(done: cf.Future[Any]) -> None:
        if placeholder.done():
            return
        if done.cancelled():
            placeholder.cancel()
        elif (exc := done.exception()) is not None:
            placeholder.set_exception(exc)
        else:
            placeholder.set_result(done.result())

    future.add_done_callback(copy)


def _forkserver_pool() -> cf.Executor:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)  # only read when this process's fork server starts
    return cf.ProcessPoolExecutor(1, mp_context=context, initializer=_start_worker)


def _stop_workers(pool: cf.Executor) -> None:
    kill = getattr(pool, "kill_workers", None)  # Python 3.14
    if kill is not None:
        kill()
        return
    # Before 3.14 the pool has no public way to stop a busy worker; shutdown() would wait for it.
    processes: dict[int, Any] = getattr(pool, "_processes", None) or {}
    for process in list(processes.values()):
        process.kill()
