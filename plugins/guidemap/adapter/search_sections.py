"""A rendered page's search entries, split by Material's own parser.

Material's search plugin parses every page (``on_page_context``) and writes one index file at
the end; this project writes a sharded index instead (guidemap.outputs.search.index), so the plugin
takes Material's indexing events out of the build and parses each page here, once, with the
same parser: a section per heading (``#id``), kept and skipped tags, permalinks left out. The
entries then go to the helper process (guidemap.adapter.helper), which counts them while the
build renders the next pages, or to the build's own index when there is no helper.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from material.plugins.search.plugin import SearchIndex

_SEARCH_ATTRIBUTE = re.compile(r"\s?data-search-\w+=\"[^\"]+\"")


@dataclass
class _Page:
    """What Material's ``SearchIndex.add_entry_from_context`` reads of a page."""
    url: str
    title: str
    content: str
    meta: dict[str, Any] = field(default_factory=dict)
    toc: list[Any] = field(default_factory=list)  # an anchor's URL is then "#id", as in the toc


def entries(location: str, title: str, content: str, meta_title: str | None) -> list[dict[str, str]]:
    """The page's entries (location, title, text), its own first. ``meta_title``: the title
    its front matter (or the plugin) set, which Material prefers to the heading."""
    index = SearchIndex()
    meta = {"title": meta_title} if meta_title is not None else {}
    index.add_entry_from_context(_Page(location, title, content, meta))
    return [{"location": str(e["location"]), "title": str(e["title"]), "text": str(e["text"])}
            for e in index.entries]


def without_search_attributes(content: str) -> str:
    """What Material's plugin does to a page once indexed: the ``data-search-*`` attributes
    (such as ``data-search-exclude``) are only for the index."""
    return _SEARCH_ATTRIBUTE.sub("", content) if "data-search-" in content else content


def mute_material_indexing(plugins: Any) -> None:
    """Take Material's search plugin's indexing out of the build (its box, results and
    translations stay): this plugin parses pages (:func:`entries`) and writes the index."""
    from material.plugins.search.plugin import SearchPlugin

    for name in ("page_context", "post_build"):
        plugins.events[name] = [method for method in plugins.events[name]
                                if not isinstance(getattr(method, "__self__", None), SearchPlugin)]
