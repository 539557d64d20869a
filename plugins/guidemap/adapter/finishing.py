"""The generated pages finished in batches, by the worker or by the build itself.

A generated page's content is the core's HTML with its contributed Markdown (a group's
description) converted with the site's extensions, sanitized and put in, and its Thai words kept
whole (:func:`guidemap.adapter.helper.finish_pages`). MkDocs renders these pages in order, after
the docs folder's; the first page of a batch collects the batch: the worker's answer if it is
there, else the batch done here in one go (taken back if the worker has not begun it; the pool
hands its process up to two jobs beyond the one it runs, and those can no longer be taken back).
The same function on the same input, so the same bytes either way, and the build never waits.

The worker is handed batches from the last one, so that it and MkDocs meet in the middle: all
of them at once when MkDocs gets to these pages at once (:meth:`Batches.hand_all_over`),
otherwise one whenever the worker is idle (:meth:`Batches.feed`): with stories ahead, the worker
has their search index to make, and the build waits for that at its end.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import Any

from guidemap.adapter.helper import Finished, Helper, Job, finish_pages
from guidemap.outputs.site.types import GeneratedPage

# Generated pages a batch: a few hundredths of a second each, so the build waits little for one
# the worker is in the middle of.
PAGES_PER_BATCH = 100
# A page's contributed Markdown: src_uri → (joined text, token, parts) (htmlkit.join_parts).
PartTexts = Mapping[str, tuple[str, str, tuple[tuple[str, str], ...]]]


class Batches:
    """The generated pages of one build, in MkDocs' order, finished a batch at a time."""

    def __init__(self, helper: Helper, pages: Sequence[GeneratedPage], texts: PartTexts,
                 extensions: list[Any], configs: dict[str, Any]) -> None:
        self._helper, self._texts = helper, texts
        batches = [pages[i:i + PAGES_PER_BATCH] for i in range(0, len(pages), PAGES_PER_BATCH)]
        self._at = {page.src_uri: n for n, batch in enumerate(batches) for page in batch}
        self._work = [
            functools.partial(finish_pages, extensions, configs,
                              {p.src_uri: (p.html, *texts.get(p.src_uri, ("", "", ()))) for p in batch})
            for batch in batches]
        # Each batch's job once handed over; None: not handed over, or collected.
        self._jobs: list[Job[dict[str, Finished]] | None] = [None] * len(batches)
        self._collected: set[int] = set()
        self._next = len(batches) - 1  # the next batch the worker may be handed, from the last
        self._reached = -1  # the last batch MkDocs has collected
        self._finished: dict[str, Finished] = {}  # collected, their pages not rendered yet

    def _hand_over(self) -> bool:
        """Hand the worker the last batch MkDocs has not reached, if there is one."""
        n = self._next
        if n <= self._reached or not self._helper.working:
            return False
        work = self._work[n]
        self._jobs[n] = self._helper.submit(work.func, *work.args)
        self._next = n - 1
        return True

    def hand_all_over(self) -> None:
        while self._hand_over():
            pass

    def feed(self) -> None:
        """One more batch for the worker, if it has nothing else to do."""
        if self._helper.idle:
            self._hand_over()

    def get(self, src: str, markdown_text: str) -> Finished | None:
        """The page finished by its batch, if from this very Markdown (another plugin may have
        changed the page's Markdown since); None: the page finishes itself."""
        at = self._at.get(src)
        if at is not None and at not in self._collected:
            self._collected.add(at)
            self._reached = max(self._reached, at)
            job, self._jobs[at] = self._jobs[at], None
            if job is not None and job.done():
                self._finished.update(job.result())
            else:
                if job is not None:
                    job.take_back()
                self._finished.update(self._work[at]())
        sent = self._texts[src][0] if src in self._texts else ""
        return self._finished.get(src) if markdown_text == sent else None

    def rendered(self, src: str) -> None:
        """The page is rendered: its finished content is not kept to the end of the build."""
        self._finished.pop(src, None)
