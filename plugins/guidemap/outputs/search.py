"""Thai search on Material's search box, with an index of our own that costs nothing until used.

Thai has no spaces between words, and Material only segments Chinese (build side) and Japanese
(query side); its index is one file every page view downloads. Here:

* build side: the entries Material's search plugin parsed (and the group pages' entries, made
  from the model) are cut into words (pythainlp's ``newmm``) and written as a sharded index
  (:mod:`guidemap.outputs.search_shards`); Material's ``search_index.json`` is removed;
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
from collections.abc import Callable, Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from guidemap.contract.model import Story
from guidemap.contract.thai import thai_run_words
from guidemap.outputs import search_shards, urls
from guidemap.outputs.htmlkit import put_parts
from guidemap.outputs.site import GeneratedPage

ZWSP = "\u200b"
SEPARATOR = r"[\s\u200b\-]+"
WORKER_PATH = "assets/javascripts/workers/guidemap-search.js"
INDEX_PATH = "search/search_index.json"  # where Material's search plugin writes its index
# Listing pages stay out of the index: they repeat every group's name and summary, and a
# result should lead to the group itself.
LISTINGS = frozenset({urls.DIRECTORY, urls.HELP, urls.PROVINCES, urls.FOCUS_INDEX, urls.STORIES,
                      urls.MAP, urls.SUBSCRIBE})
_THAI_RUN = re.compile(r"[\u0E00-\u0E7F]+")
_MATERIAL_WORKER = re.compile(r"assets/javascripts/workers/search\.[0-9a-f]+\.min\.js")


@lru_cache(maxsize=1 << 16)
def cut_run(run: str) -> str:
    """One run of Thai letters as its words, joined by zero-width spaces."""
    return ZWSP.join(w for w in thai_run_words(run) if w.strip())


def thai_runs(text: str) -> list[str]:
    return _THAI_RUN.findall(text)


def _cut_here(runs: Iterable[str]) -> dict[str, str]:
    return {run: cut_run(run) for run in runs}


def model_entry(location: str, page: GeneratedPage, parts_html: dict[str, str]) -> dict[str, str]:
    """The index entry of a page indexed from the model (:attr:`GeneratedPage.search_text`),
    its contributed Markdown parts filled in as the page shows them."""
    assert page.search_text is not None
    return {"location": location, "title": html.escape(page.title, quote=False),
            "text": put_parts(page.search_text, parts_html)}


def known_runs(pages: Iterable[GeneratedPage]) -> set[str]:
    """The Thai runs of the pages indexed from the model: known before any page is rendered,
    so they can be cut (in the helper process) while the pages render."""
    runs: set[str] = set()
    for page in pages:
        if page.indexed_from_model:
            for text in (page.title, page.search_text or "", *(part for _, part in page.parts)):
                runs.update(thai_runs(text))
    return runs


def story_runs(stories: Iterable[Story]) -> set[str]:
    """The Thai runs of the stories' Markdown: their rendered pages hold the same runs (Markdown
    syntax does not split a run of Thai letters), so these can be cut while pages render too."""
    return {run for s in stories for text in (s.title, s.summary or "", s.body) for run in thai_runs(text)}


def write_index(site_dir: Path, extra_docs: list[dict[str, str]],
                cuts: Callable[[Iterable[str]], dict[str, str]] | None = None) -> int:
    """Replace the index Material's search plugin wrote into ``site_dir`` (if it wrote one) with
    the sharded index, its entries joined by the pages indexed from the model; returns the
    number of files written.

    ``cuts`` gives the words of every Thai run at once (guidemap.adapter.helper has them cut in a
    helper process; by default they are cut here).
    """
    index = site_dir / INDEX_PATH
    if not index.is_file():
        return 0
    data: dict[str, Any] = json.loads(index.read_text(encoding="utf-8"))
    docs = [doc for doc in (*data.get("docs", []), *extra_docs)
            if str(doc.get("location", "")).split("#", 1)[0] not in LISTINGS]
    pages = search_shards.pages_of(docs)
    words = (cuts or _cut_here)(search_shards.runs_of(pages))
    files = search_shards.build(docs, words)
    index.unlink()
    folder = str(index.parent)
    made: set[str] = set()
    for path, text in files.items():  # thousands of small files: os calls, no pathlib
        target = os.path.join(folder, path)
        parent = os.path.dirname(target)
        if parent not in made:
            os.makedirs(parent, exist_ok=True)
            made.add(parent)
        with open(target, "wb") as out:
            out.write(text.encode())
    return len(files)


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


def point_page_to_worker(html: str) -> str:
    """A page's Material config names the search worker (relative to the page): name ours, and
    put the shim that keeps it asleep until it is needed before Material's bundle."""
    # Found with str.find first: a regex scan of every page's whole HTML cost more.
    at = html.find("assets/javascripts/workers/search.")
    found = _MATERIAL_WORKER.match(html, at) if at >= 0 else None
    if found is None:
        return html
    html = html[:at] + WORKER_PATH + html[found.end():]
    bundle = html.find("<script src=", at + len(WORKER_PATH))  # Material's bundle
    if bundle < 0:
        return html
    return html[:bundle] + SHIM + html[bundle:]
