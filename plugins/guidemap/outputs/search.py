"""Thai search on Material's built-in search, without Material's Thai dictionary.

Thai has no spaces between words, and Material only segments Chinese (build side, with jieba)
and Japanese (query side). Here:

* build side: every Thai run in the search index is cut into words with pythainlp's ``newmm``
  and the words are joined by zero-width spaces, which the index's separator splits on;
* query side: a small wrapper in front of Material's own search worker cuts the Thai runs of
  a query into the index's own terms (maximal matching against them), so index and query
  always agree, whatever the segmenter;
* the search language stays ``en``: Material's ``lang: th`` makes every first visit download
  ``wordcut.js`` (158 KB gzipped) and never uses it.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from guidemap.contract.thai import thai_run_words
from guidemap.outputs.htmlkit import put_parts
from guidemap.outputs.site import GeneratedPage

ZWSP = "\u200b"
SEPARATOR = r"[\s\u200b\-]+"
WORKER_PATH = "assets/javascripts/workers/guidemap-search.js"
INDEX_PATH = "search/search_index.json"  # where Material's search plugin writes its index
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


def segment_index(index_json: str, extra_docs: list[dict[str, str]] | None = None,
                  cuts: Callable[[Iterable[str]], dict[str, str]] | None = None) -> str:
    """Material's search_index.json with Thai segmented and the separator set to match.

    ``cuts`` gives the words of every Thai run at once (guidemap.adapter.helper has them cut in a
    helper process; by default they are cut here). Written as UTF-8 rather than ``\\uXXXX``
    escapes: Thai text then takes half the bytes before compression, which more than pays
    for the zero-width spaces.
    """
    data: dict[str, Any] = json.loads(index_json)
    data["config"]["separator"] = SEPARATOR
    # Pages indexed from the model (group pages) join the ones Material's plugin parsed.
    data["docs"] = [*data.get("docs", []), *(extra_docs or [])]
    fields = [(doc, name) for doc in data["docs"] for name in ("title", "text")
              if isinstance(doc.get(name), str)]
    words = (cuts or _cut_here)({run for doc, name in fields for run in _THAI_RUN.findall(doc[name])})
    for doc, name in fields:
        doc[name] = _THAI_RUN.sub(lambda m: words[m.group(0)], doc[name])
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


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


def rewrite_index(site_dir: Path, extra_docs: list[dict[str, str]],
                  cuts: Callable[[Iterable[str]], dict[str, str]] | None = None) -> None:
    """Segment the index Material's search plugin wrote into ``site_dir`` (see
    :func:`segment_index`), if it wrote one."""
    index = site_dir / INDEX_PATH
    if index.is_file():
        index.write_text(segment_index(index.read_text(encoding="utf-8"), extra_docs, cuts),
                         encoding="utf-8")


def material_worker_name() -> str:
    """File name of Material's search worker (it carries a content hash)."""
    folder = resources.files("material") / "templates" / "assets" / "javascripts" / "workers"
    names = sorted(p.name for p in folder.iterdir() if _MATERIAL_WORKER.search(
        f"assets/javascripts/workers/{p.name}"))
    if not names:
        raise RuntimeError("Material's search worker was not found in the installed package")
    return names[0]


def worker_script() -> str:
    """Our worker: segments Thai queries, then hands everything to Material's worker."""
    worker = resources.files("guidemap.outputs") / "assets" / "search-worker.js"
    template = worker.read_text(encoding="utf-8")
    return template.replace("__MATERIAL_WORKER__", json.dumps(material_worker_name()))


def point_page_to_worker(html: str) -> str:
    """A page's Material config names the search worker (relative to the page): name ours."""
    # Found with str.find first: a regex scan of every page's whole HTML cost more.
    at = html.find("assets/javascripts/workers/search.")
    found = _MATERIAL_WORKER.match(html, at) if at >= 0 else None
    if found is None:
        return html
    return html[:at] + WORKER_PATH + html[found.end():]
