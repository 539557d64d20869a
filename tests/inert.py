"""Checks that contributed text came out inert, and that coordinates respect a group's
precision; shared by the property tests and scripts/fuzz.py.

Contributed payloads (tests/strategies.py) carry the marker ``gmx``: a tag or attribute whose
name holds it, an event-handler attribute or a script that holds it, or a link to a script
scheme, means contributed text became markup or code. Template payloads only compute 7**6, so
finding 117649 means a template was evaluated.
"""

from __future__ import annotations

import html
import json
import re
from decimal import Decimal
from html.parser import HTMLParser
from typing import Any
from xml.etree import ElementTree

from guidemap.contract.location import GRID
from strategies import MARKER, TEMPLATE_WORD

_URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background",
              "srcset", "cite", "longdesc", "ping"}
_BAD_SCHEME = re.compile(r"^(javascript|vbscript|data|livescript|mocha):", re.IGNORECASE)
_TAB_NEWLINE = re.compile(r"[\t\n\r]")
_JSON_TYPES = {"application/ld+json", "application/json"}
_EXTERNAL_TAGS = {"link", "iframe", "frame", "object", "embed", "form", "script", "img", "video",
                  "audio", "source"}


def bad_url(value: str) -> bool:
    """A URL a browser would run as script: entities decoded, then as the URL standard reads
    it (leading and trailing C0 controls and spaces stripped, tab and newlines removed)."""
    url = _TAB_NEWLINE.sub("", html.unescape(value).strip("".join(map(chr, range(0x21)))))
    return bool(_BAD_SCHEME.match(url))


def text_problems(text: str, where: str) -> list[str]:
    found = []
    if TEMPLATE_WORD in text:
        found.append(f"{where}: a template payload was evaluated ({TEMPLATE_WORD!r} appears)")
    if "\x00" in text:
        found.append(f"{where}: a NUL character")
    if any(0xD800 <= ord(c) <= 0xDFFF for c in text):
        found.append(f"{where}: a lone surrogate")
    return found


class _Scan(HTMLParser):
    def __init__(self, where: str, no_tags: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.where = where
        self.no_tags = no_tags
        self.problems: list[str] = []
        self.script: tuple[str, list[str]] | None = None

    def _tag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.no_tags:
            self.problems.append(f"{self.where}: plain text became the element <{tag}>")
        if MARKER in tag:
            self.problems.append(f"{self.where}: element <{tag}> made from contributed text")
        for name, value in attrs:
            value = value or ""
            if MARKER in name:
                self.problems.append(f"{self.where}: attribute {name!r} on <{tag}> made from "
                                     "contributed text")
            if name.startswith("on") and MARKER in value:
                self.problems.append(f"{self.where}: event handler {name}={value!r} on <{tag}>")
            if name in _URL_ATTRS and bad_url(value):
                self.problems.append(f"{self.where}: script link {name}={value!r} on <{tag}>")
            loads = (tag == "base" or (tag == "meta" and "http-equiv" in dict(attrs))
                     or (tag in _EXTERNAL_TAGS and name in _URL_ATTRS))
            if loads and ("evil.example" in value or MARKER in value):
                self.problems.append(f"{self.where}: <{tag} {name}={value!r}> from contributed text")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, attrs)
        if tag in ("script", "style"):
            kind = dict(attrs).get("type") or ("text/css" if tag == "style" else "text/javascript")
            self.script = (kind, [])

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self.script is not None:
            kind, chunks = self.script
            self.script = None
            self._script(kind, "".join(chunks))

    def handle_data(self, data: str) -> None:
        if self.script is not None:
            self.script[1].append(data)

    def _script(self, kind: str, body: str) -> None:
        if kind in _JSON_TYPES:
            try:
                json.loads(body)
            except ValueError as exc:
                self.problems.append(f"{self.where}: a {kind} script is not JSON ({exc})")
            if "<!--" in body or "</" in body.lower():
                self.problems.append(f"{self.where}: a {kind} script holds '<!--' or '</'")
        elif MARKER in body:
            self.problems.append(f"{self.where}: contributed text inside a {kind} script")


def html_problems(text: str, where: str, *, no_tags: bool = False) -> list[str]:
    """Problems of an HTML page or fragment; ``no_tags``: it must be plain text (no element)."""
    scan = _Scan(where, no_tags)
    scan.feed(text)
    scan.close()
    if scan.script is not None:  # a script left open swallows the rest of the page
        scan.problems.append(f"{where}: a <script> or <style> is never closed")
    return scan.problems + text_problems(text, where)


def xml_problems(data: bytes, where: str) -> list[str]:
    """Well-formed XML whose element and attribute names hold no contributed text."""
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        return [f"{where}: not well-formed XML ({exc})"]
    found = []
    for el in root.iter():
        if MARKER in el.tag or any(MARKER in k for k in el.attrib):
            found.append(f"{where}: XML element or attribute from contributed text: {el.tag}")
    return found


def feed_problems(data: bytes, where: str) -> list[str]:
    """An RSS or Atom file as a reader sees it (feedparser, without its own sanitizing): the
    HTML of every entry inert, and text fields without elements."""
    import feedparser

    found = xml_problems(data, where) + text_problems(data.decode("utf-8"), where)
    parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    if parsed.bozo:
        found.append(f"{where}: feedparser: {parsed.bozo_exception}")
    found += _detail_problems(parsed.feed.get("title_detail"), f"{where} feed title", True)
    for i, entry in enumerate(parsed.entries):
        at = f"{where} entry {i}"
        # Each text as the reader takes it (feedparser's type: plain text or HTML). The summary
        # (RSS <description>, HTML to a reader) is made from plain text: no element may appear.
        found += _detail_problems(entry.get("title_detail"), f"{at} title", True)
        contents = [c.get("value") for c in entry.get("content", [])]
        # feedgen writes the (sanitized) content as the RSS <description> when the summary is
        # empty (a story whose text is only markup nh3 removes): HTML then, checked as content.
        plain = not (entry.get("summary") and entry.get("summary") in contents) and "content" in entry
        found += _detail_problems(entry.get("summary_detail"), f"{at} summary", plain)
        for content in entry.get("content", []):
            found += _detail_problems(content, f"{at} content", False)
        for tag in entry.get("tags", []):
            found += text_problems(tag.get("term") or "", f"{at} category")  # text, not HTML
        for link in entry.get("links", []):
            if bad_url(link.get("href", "")):
                found.append(f"{at}: script link {link.get('href')!r}")
    return found


def _detail_problems(detail: Any, where: str, no_tags: bool) -> list[str]:
    if not detail:
        return []
    value = detail.get("value", "")
    if "html" in (detail.get("type") or ""):
        return html_problems(value, where, no_tags=no_tags)
    return text_problems(value, where)


_ICS_VALUE = r'(?:"[^"]*"|[^;:,"]*)'
_ICS_LINE = re.compile(rf"([A-Za-z0-9-]+)((?:;[A-Za-z0-9-]+={_ICS_VALUE}(?:,{_ICS_VALUE})*)*):(.*)", re.S)


def ics_problems(data: bytes | str, where: str) -> list[str]:
    """An iCalendar file (RFC 5545) whose lines, components and parameters all come from the
    generator: contributed text (with the ``gmx`` marker, or line breaks) made no line, property,
    parameter or component of its own, and every BEGIN has its END."""
    text = data.decode("utf-8") if isinstance(data, bytes) else data
    found = text_problems(text, where)
    if re.search(r"(?<!\r)\n|\r(?!\n)", text):
        found.append(f"{where}: a line break other than CRLF")
    unfolded = re.sub(r"\r\n[ \t]", "", text)
    stack: list[str] = []
    for n, line in enumerate(unfolded.split("\r\n"), 1):
        if not line:
            continue
        m = _ICS_LINE.fullmatch(line)
        if m is None:
            found.append(f"{where}:{n}: not a content line: {line[:80]!r}")
            continue
        name, params, value = m.groups()
        if MARKER in name.lower() or MARKER in params.lower():
            found.append(f"{where}:{n}: property or parameter from contributed text: {line[:80]!r}")
        if name.upper() == "BEGIN":
            stack.append(value.upper())
        elif name.upper() == "END" and (not stack or stack.pop() != value.upper()):
            found.append(f"{where}:{n}: END:{value} without its BEGIN")
    if stack:
        found.append(f"{where}: BEGIN:{stack[-1]} never ends")
    return found


def on_grid(value: float, precision: str) -> bool:
    """``value`` is a multiple of the grid step of ``precision`` (contract/location.py)."""
    return Decimal(repr(value)) % GRID[precision] == 0


_NUMBER = re.compile(r"(?<![\w.])-?\d{1,3}\.\d+(?![\w.])")


def precise_numbers(text: str, near: tuple[float, float], precision: str) -> list[str]:
    """Decimal numbers in ``text`` within a degree of the group's public position that are off
    the grid its precision allows (a raw or finer coordinate leaked)."""
    lat, lon = near
    return [m for m in _NUMBER.findall(text)
            if (abs(float(m) - lat) < 1 or abs(float(m) - lon) < 1) and not on_grid(float(m), precision)]


def walk_strings(data: Any) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [s for k, v in data.items() for s in (*walk_strings(k), *walk_strings(v))]
    if isinstance(data, list):
        return [s for v in data for s in walk_strings(v)]
    return []
