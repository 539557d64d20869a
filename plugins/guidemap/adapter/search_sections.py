"""A rendered page's search entries, split into sections as Material's own parser splits them.

Material's search plugin parses every page (``on_page_context``) and writes one index file at
the end; this project writes a sharded index instead (guidemap.outputs.search.index), so the plugin
takes Material's indexing events out of the build and parses each page here, once, as that
parser does (its steps, quicker, on the plain HTML this project writes; the parser itself on any
other): a section per heading (``#id``), kept and skipped tags, permalinks left out. The
entries then go to the helper process (guidemap.adapter.helper), which counts them while the
build renders the next pages, or to the build's own index when there is no helper.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape, unescape
from typing import Any

from material.plugins.search.plugin import Element, Parser, SearchIndex, Section, void

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
# _Splitter (Material's handlers, quicker) as Python's HTMLParser would feed Material's parser;
# anything else (comments, declarations, raw-text elements, other quoting, a stray "<") goes to
# Material's parser through HTMLParser. tests/properties/test_properties_search_index.py holds
# them equal: HTMLParser and Material's handlers took 40 % of counting a page into the index.
_WS = "[ \t\n\r\f]"  # HTML's spaces: HTMLParser's tag names end at these, not at every \s
_PIECE = re.compile(
    rf"""([^<]+)"""
    rf"""|<([a-zA-Z][a-zA-Z0-9]*)((?:{_WS}+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:="[^"]*")?)*){_WS}*(/?)>"""
    rf"""|</([a-zA-Z][a-zA-Z0-9]*){_WS}*>"""
    rf"""|(<)""")  # any other "<": not plain
_ATTRIBUTE = re.compile(rf"""{_WS}+([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:(=)"([^"]*)")?""")
# Elements whose content HTMLParser reads as raw text in some Python version.
_RAW_TEXT = frozenset({"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
                       "noscript", "plaintext"})


def parsed(content: str) -> Any:
    """Material's section parser after reading ``content``, or a :class:`_Splitter` that read it
    the same way: its ``data`` is the page's sections (Material's ``Section``)."""
    splitter = _Splitter()
    if _fed(splitter, content):
        return splitter
    parser = Parser()
    parser.feed(content)
    parser.close()
    return parser


def _fed(splitter: _Splitter, content: str) -> bool:
    """Feed ``content`` to the splitter if it is plain (False, and fed only in part, if not)."""
    seen: dict[str, dict[str, str | None]] = {}  # a page repeats a few attribute lists
    for text, tag, attributes, closed, end, stray in _PIECE.findall(content):
        if text:
            splitter.handle_data(unescape(text))
        elif end:
            splitter.handle_endtag(end.lower())
        elif stray:
            return False
        else:
            tag = tag.lower()
            if tag in _RAW_TEXT:
                return False
            attrs = seen.get(attributes)
            if attrs is None:  # HTMLParser's pairs, in a dict as Material's parser makes them
                attrs = seen[attributes] = dict(
                    (name.lower(), (unescape(value) if value else value) if equals else None)
                    for name, equals, value in _ATTRIBUTE.findall(attributes))
            splitter.handle_starttag(tag, attrs)
            if closed:  # <tag/>: HTMLParser's handle_startendtag, which Material keeps
                splitter.handle_endtag(tag)
    return True


_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_KEEP = frozenset({"p", "code", "pre", "li", "ol", "ul", "sub", "sup"})  # Material's Parser.keep
_ALWAYS_SKIPPED = frozenset({"object", "script", "style"})


class _Splitter:
    """Material's ``Parser`` handlers (material/plugins/search/plugin.py), step for step, on tag
    names: Material's elements compare and hash by their tag alone, so its skip set, its context
    and its tests of them (``skip.intersection(context)``, ``section.el in context``) are sets
    and lists of tag names; here they are strings, not elements with Python-level ``__eq__``."""

    def __init__(self) -> None:
        self.tags: list[str] = []  # Material's context
        self.attrs: list[dict[str, str | None]] = []
        self.skip = set(_ALWAYS_SKIPPED)
        self.section: Any = None
        self.data: list[Any] = []

    def _preface(self) -> Any:
        self.section = Section(Element("hx"))
        self.data.append(self.section)
        return self.section

    def handle_starttag(self, tag: str, attrs: dict[str, str | None]) -> None:
        if tag in void:
            return
        tags = self.tags
        tags.append(tag)
        self.attrs.append(attrs)
        if tag in _HEADINGS and "id" in attrs:
            depth = len(tags)
            if tag != "h1" and not self.data:
                self.section = Section(Element("hx"), depth)
                self.data.append(self.section)
            self.section = Section(Element(tag, attrs), depth)
            if self.data:
                self.section.id = attrs["id"]
            self.data.append(self.section)
        section = self.section if self.section is not None else self._preface()
        if "data-search-exclude" in attrs or attrs.get("class") == "linenodiv":
            self.skip.add(tag)
            return
        if tag in _KEEP and self.skip.isdisjoint(tags):
            (section.title if section.el.tag in tags else section.text).append(f"<{tag}>")

    def handle_endtag(self, tag: str) -> None:
        tags = self.tags
        if not tags or tags[-1] != tag:
            return
        depth = len(tags)
        section = self.section
        if section.depth > depth:
            for earlier in reversed(self.data):
                if earlier.depth <= depth:
                    section.depth = float("inf")
                    self.section = section = earlier
                    break
        tags.pop()
        self.attrs.pop()
        if tag in self.skip:
            if tag not in _ALWAYS_SKIPPED:
                self.skip.remove(tag)
            return
        if tag in _KEEP and self.skip.isdisjoint(tags):
            data = section.title if section.el.tag in tags else section.text
            index = data.index(f"<{tag}>")
            if all(item.isspace() for item in data[index + 1:]):  # empty: the element goes
                del data[index:]
            else:
                data.append(f"</{tag}>")

    def handle_data(self, text: str) -> None:
        tags = self.tags
        if not self.skip.isdisjoint(tags):
            return
        if "pre" not in tags:
            text = " " if text.isspace() else text.replace("\n", " ")
        section = self.section if self.section is not None else self._preface()
        if section.el.tag in tags:
            if not any(t == "a" and a.get("class") == "headerlink"
                       for t, a in zip(tags, self.attrs, strict=True)):
                section.title.append(escape(text, quote=False))
        elif text.isspace():
            if not section.text or not section.text[-1].isspace() or "pre" in tags:
                section.text.append(text)
        else:
            section.text.append(escape(text, quote=False))


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
