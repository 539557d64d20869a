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
from html import unescape
from typing import Any

from material.plugins.search.plugin import Parser, SearchIndex

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
    page = _Page(location, title, content, meta)
    # Material's add_entry_from_context, with the page parsed by parsed() (the same sections).
    for section in parsed(content).data:
        if not section.is_excluded():
            index.create_entry_for_section(section, page.toc, page.url, page)
    return [{"location": str(e["location"]), "title": str(e["title"]), "text": str(e["text"])}
            for e in index.entries]


# The page bodies this project writes are plain HTML: tags with double-quoted attributes and
# text (contributed Markdown is sanitized, the rest is ours). Split by one regex, they are fed to
# Material's own handlers as Python's HTMLParser feeds them, in a third of its time; anything
# else (comments, declarations, raw-text elements, other quoting, a stray "<") goes to
# HTMLParser itself. tests/properties/test_properties_search_sections.py holds them equal.
_WS = "[ \t\n\r\f]"  # HTML's spaces: HTMLParser's tag names end at these, not at every \s
_PIECE = re.compile(
    rf"""([^<]+)"""
    rf"""|<([a-zA-Z][a-zA-Z0-9]*)((?:{_WS}+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:="[^"]*")?)*){_WS}*(/?)>"""
    rf"""|</([a-zA-Z][a-zA-Z0-9]*){_WS}*>""")
_ATTRIBUTE = re.compile(rf"""{_WS}+([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:(=)"([^"]*)")?""")
# Elements whose content HTMLParser reads as raw text in some Python version.
_RAW_TEXT = frozenset({"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
                       "noscript", "plaintext"})


def parsed(content: str) -> Parser:
    """Material's section parser after reading ``content``."""
    parser = Parser()
    if not _fed(parser, content):
        parser = Parser()
        parser.feed(content)
        parser.close()
    return parser


def _fed(parser: Parser, content: str) -> bool:
    """Feed ``content`` to the parser's handlers if it is plain (False, and fed only in part,
    if it is not)."""
    pieces = [m for m in _PIECE.finditer(content)]
    if sum(m.end() - m.start() for m in pieces) != len(content):  # a "<" no rule read
        return False
    for m in pieces:
        if m.lastindex == 1:
            parser.handle_data(unescape(m.group(1)))
        elif m.lastindex == 5:
            parser.handle_endtag(m.group(5).lower())
        else:
            tag = m.group(2).lower()
            if tag in _RAW_TEXT:
                return False
            attrs = [(name.lower(), (unescape(value) if value else value) if equals else None)
                     for name, equals, value in _ATTRIBUTE.findall(m.group(3))]
            parser.handle_starttag(tag, attrs)
            if m.group(4):  # <tag/>: HTMLParser's handle_startendtag, which Material keeps
                parser.handle_endtag(tag)
    return True


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
