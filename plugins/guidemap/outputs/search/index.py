"""Thai search on Material's search box, with an index of our own that costs nothing until used.

Thai has no spaces between words, and Material only segments Chinese (build side) and Japanese
(query side); its index is one file every page view downloads. Here:

* build side: each page's entries (split by Material's parser, guidemap.adapter.search_sections;
  the group pages' made from the model) are cut into words (pythainlp's ``newmm``) and counted
  as the page comes (:class:`IndexBuilder`), then written as a sharded index
  (:mod:`guidemap.outputs.search.shards`); Material's ``search_index.json`` is never written;
* query side: Material's search box, result list, suggestions and highlighting are kept; a few
  hundred bytes of script in each page (:data:`SHIM`) give Material's bundle an empty index
  without a request and start our worker (``search-worker.js``) only at the first focus of the
  search box or the first query; the worker cuts a query's Thai runs into the index's own words
  and fetches only the shards and records that query needs;
* the search language stays ``en``: Material's ``lang: th`` makes every first visit download
  ``wordcut.js`` (158 KB gzipped) and never uses it.
"""

from __future__ import annotations

import html
import json
import os
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from importlib import resources

from guidemap.contract.thai import thai_run_segmenter, thai_run_words
from guidemap.outputs.html.htmlkit import put_parts
from guidemap.outputs.search import shards as search_shards
from guidemap.outputs.site import urls
from guidemap.outputs.site.types import GeneratedPage
from guidemap.outputs.site.writing import write_files

ZWSP = "\u200b"
SEPARATOR = r"[\s\u200b\-]+"
WORKER_PATH = "assets/javascripts/workers/guidemap-search.js"
SEARCH_DIR = "search"
INDEX_PATH = "search/search_index.json"  # where Material's own search would write its index
# Listing pages stay out of the index: they repeat every group's name and summary, and a
# result should lead to the group itself.
LISTINGS = frozenset({urls.DIRECTORY, urls.HELP, urls.PROVINCES, urls.FOCUS_INDEX, urls.STORIES,
                      urls.MAP, urls.SUBSCRIBE})
_MATERIAL_WORKER = re.compile(r"assets/javascripts/workers/search\.[0-9a-f]+\.min\.js")


@lru_cache(maxsize=1 << 16)
def cut_run(run: str) -> str:
    """One run of Thai letters as its words, joined by zero-width spaces."""
    return ZWSP.join(w for w in thai_run_words(run) if w.strip())


def model_entry(location: str, page: GeneratedPage, parts_html: dict[str, str]) -> dict[str, str]:
    """The index entry of a page indexed from the model (:attr:`GeneratedPage.search_text`),
    its contributed Markdown parts filled in as the page shows them."""
    assert page.search_text is not None
    return {"location": location, "title": html.escape(page.title, quote=False),
            "text": put_parts(page.search_text, parts_html)}


class IndexBuilder:
    """The sharded index, a page at a time: each page's words are cut and counted as it comes
    (guidemap.adapter.helper does this in its process while the build renders pages), and
    :meth:`files` weighs them all at the end. Listing pages are left out."""

    def __init__(self) -> None:
        self._counted: dict[str, tuple[search_shards.Page, search_shards.Counts]] = {}
        # This build's runs, cut once each (a run the lru cache had forgotten was cut again),
        # their words kept as a list: joining them as cut_run does and splitting cost a fifth
        # of the cutting.
        self._runs = search_shards.RunWords(split=thai_run_segmenter())

    def add(self, docs: Iterable[Mapping[str, str]]) -> None:
        """One page's entries: its own (location, title, text) and its sections' (``#id``)."""
        kept = [doc for doc in docs if str(doc.get("location", "")).split("#", 1)[0] not in LISTINGS]
        for page in search_shards.pages_of(kept):
            self._counted[page.location] = (page, search_shards.count(page, self._runs))

    def __len__(self) -> int:
        return len(self._counted)

    def files(self) -> dict[str, str]:
        return search_shards.build_counted(self._counted.values())


def write_index(site_dir: str, files: Mapping[str, str]) -> int:
    """Write the index's files under ``site_dir/search/``; returns how many."""
    return write_files(os.path.join(site_dir, SEARCH_DIR), files)


def worker_script() -> str:
    """The search worker (no part of Material's: it reads the sharded index)."""
    return (resources.files("guidemap.outputs") / "assets" / "search-worker.js").read_text(encoding="utf-8")


def _shim() -> str:
    source = (resources.files("guidemap.outputs") / "assets" / "search-shim.js").read_text(encoding="utf-8")
    body = "\n".join(line.strip() for line in source.splitlines()
                     if line.strip() and not line.strip().startswith(("/*", "*")))
    empty = {"config": {"lang": ["en"], "separator": SEPARATOR, "pipeline": [], "fields": {}}, "docs": []}
    return "<script>" + body.replace("__EMPTY_INDEX__", json.dumps(json.dumps(empty))) + "</script>"


SHIM = _shim()


# Each page as the theme writes it (adapter/theme/main.html), not the whole page afterwards:
# searching and copying every page's HTML cost more than the rest of these steps.
def worker_config(config_block: str) -> str:
    """Material's config (its ``config`` block, relative to the page) naming our search worker."""
    return _MATERIAL_WORKER.sub(WORKER_PATH, str(config_block), count=1)


def shim_first(scripts_block: str) -> str:
    """Material's scripts (its ``scripts`` block) with the shim that keeps our worker asleep until
    it is needed before the first, Material's bundle."""
    text = str(scripts_block)  # not Markup: the shim is no text to escape
    bundle = text.find("<script src=")
    return text if bundle < 0 else text[:bundle] + SHIM + text[bundle:]
