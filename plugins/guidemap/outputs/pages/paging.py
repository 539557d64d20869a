"""Long listings split into numbered pages: the directory, each province and focus page, and
the stories archive. Page 1 keeps the listing's own address (``orgs/``); the others follow it
(``orgs/page/2/``, ``orgs/page/3/``, ...), so a network small enough for one page publishes
exactly the pages it did before pagination.

Every page of a listing says "page k of n" in Thai with English beside, links to the previous,
next and numbered pages in a ``<nav>`` that works without JavaScript, and names its neighbours
with ``<link rel="prev"/"next">`` in the head. Each page is its own canonical URL (the theme
writes ``<link rel="canonical">`` from the page's address).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from guidemap.outputs.html.htmlkit import h
from guidemap.outputs.html.markup import en, link
from guidemap.outputs.site import urls

T = TypeVar("T")
R = TypeVar("R")

# Page sizes, measured (gzip -6) with scripts/bench_scale.py at 2,000 groups + 2,000 stories: a
# page without a listing costs about 85 KB on a first view (the theme's CSS and JavaScript, ours,
# the page); a group card adds 0.11 KB (generated text) to 0.16 KB (this repository's profiles:
# summaries of 160 letters, English names) and a story of the archive 0.15 KB. 100 cards (a
# directory page of 16 KB of HTML) and 50 stories (12 KB) keep every listing's first view near
# 97 KB, far inside the 150 KB budget, and are still a list a visitor scrolls through on a
# phone rather than a wall (each story has a thumbnail, fetched as it scrolls into view).
ORGS_PER_PAGE = 100
STORIES_PER_PAGE = 50
# Numbered links around the current page (with the first and the last always shown): a
# pager of 100 pages would otherwise be a screenful of numbers on a phone. Every page stays
# reachable, in order, through "next".
WINDOW = 2


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a listing: its items, where it is, and the pieces that tie it to the others."""

    base: str  # the listing's address, which is also its first page's
    number: int  # 1-based
    count: int  # how many pages the listing has
    items: Sequence[T]
    start: int  # index of the first item in the whole listing (0-based)
    total: int  # items in the whole listing

    @property
    def url(self) -> str:
        return urls.paged(self.base, self.number)

    @property
    def is_paged(self) -> bool:
        return self.count > 1

    def title(self, title: str) -> str:
        """The page's title: the listing's, with the page number after the first page (so
        that tabs, bookmarks and results tell the pages apart)."""
        return title if self.number == 1 else f"{title} · หน้า {self.number}"

    def status(self) -> str:
        """"Page k of n" and which items it shows; empty for a listing of one page."""
        if not self.is_paged:
            return ""
        first, last = self.start + 1, self.start + len(self.items)
        return (f'<p class="gm-pager__status">หน้า {self.number} จาก {self.count} '
                f'(ลำดับที่ {first}–{last} จาก {self.total}) '
                f'{en(f"Page {self.number} of {self.count}, {first}–{last} of {self.total}")}</p>')

    def nav(self) -> str:
        """Previous, numbered and next links; empty for a listing of one page."""
        if not self.is_paged:
            return ""
        items = []
        if self.number > 1:
            prev = self._link(self.number - 1, "← ก่อนหน้า " + en("Previous"), "prev")
            items.append(f'<li class="gm-pager__prev">{prev}</li>')
        shown = 0
        for k in self._numbers():
            if k > shown + 1:
                items.append('<li class="gm-pager__gap" aria-hidden="true">…</li>')
            if k == self.number:
                items.append(f'<li><span class="gm-pager__current" aria-current="page">{k}</span></li>')
            else:
                items.append(f"<li>{self._link(k, str(k))}</li>")
            shown = k
        if self.number < self.count:
            after = self._link(self.number + 1, "ถัดไป → " + en("Next"), "next")
            items.append(f'<li class="gm-pager__next">{after}</li>')
        return f'<nav class="gm-pager" aria-label="เลขหน้า Pages"><ul>{"".join(items)}</ul></nav>'

    def head(self) -> str:
        """``<link rel="prev"/"next">`` for the head, relative to this page."""
        tags = [f'<link rel="{rel}" href="{h(urls.rel(self.url, urls.paged(self.base, k)))}">'
                for rel, k in (("prev", self.number - 1), ("next", self.number + 1))
                if 1 <= k <= self.count]
        return "".join(tags)

    def _numbers(self) -> list[int]:
        near = range(max(1, self.number - WINDOW), min(self.count, self.number + WINDOW) + 1)
        return sorted({1, self.count, *near})

    def _link(self, k: int, text_html: str, rel: str = "") -> str:
        anchor = link(self.url, urls.paged(self.base, k), text_html)
        return anchor.replace("<a ", f'<a rel="{rel}" ', 1) if rel else anchor


def split(base: str, items: Sequence[T], size: int) -> list[Page[T]]:
    """The pages of a listing of ``items`` (already in their order), ``size`` to a page; a
    listing with no items still has its first page."""
    if size < 1:
        raise ValueError(f"page size must be positive, not {size}")
    count = max(1, -(-len(items) // size))
    return [Page(base, k + 1, count, items[k * size:(k + 1) * size], k * size, len(items))
            for k in range(count)]


def paginate(base: str, items: Sequence[T], size: int, make: Callable[[Page[T]], R]) -> list[R]:
    """Each page of the listing, made by ``make``."""
    return [make(page) for page in split(base, items, size)]

