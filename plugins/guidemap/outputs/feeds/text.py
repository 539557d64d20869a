"""Contributed Markdown as plain text, for the places that want text and not HTML: a calendar
entry's ``DESCRIPTION`` is TEXT in RFC 5545 (calendar apps show it as it is, so raw Markdown
would show its asterisks and brackets, and HTML its tags).

The Markdown is rendered and sanitized exactly as the pages show it (so what a page drops, a
script or an ``onclick``, is dropped here too), then read back as text: paragraphs and headings
separated by a blank line, list items on lines of their own with a bullet, a link's address
after its words when they differ. Characters stay what they are: ``<`` in the text is ``<``
(the calendar library escapes what RFC 5545 wants escaped).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from guidemap.outputs.html.htmlkit import markdown_to_safe_html

# C0 controls never reach here (the contract refuses them in every text field), so two of them
# can mark breaks while the text is gathered.
_PARAGRAPH, _LINE = "\x00", "\x01"
_BLOCKS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "ul",
                     "ol", "dl", "hr", "figure", "section", "article", "details", "summary"})
_LINES = frozenset({"br", "li", "tr", "dt", "dd"})
_BREAKS = re.compile(f"[ {_PARAGRAPH}{_LINE}]*[{_PARAGRAPH}{_LINE}][ {_PARAGRAPH}{_LINE}]*")


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[tuple[str | None, int]] = []  # (address, where its words start)
        self.lists: list[int | None] = []  # None: a bulleted list; else the next number
        self.pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self.parts.append(_PARAGRAPH)
        elif tag in _LINES:
            self.parts.append(_LINE)
        if tag == "pre":
            self.pre += 1
        elif tag in ("ul", "ol"):
            self.lists.append(None if tag == "ul" else 1)
        elif tag == "li":
            number = self.lists[-1] if self.lists else None
            if self.lists and number is not None:
                self.lists[-1] = number + 1
            self.parts.append(f"{number}. " if number is not None else "• ")
        elif tag == "a":
            self.links.append((dict(attrs).get("href"), len(self.parts)))
        elif tag == "img" and (alt := dict(attrs).get("alt")):
            self.parts.append(alt)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self.links:
            href, first = self.links.pop()
            words = " ".join("".join(self.parts[first:]).split())
            shown = href.removeprefix("mailto:").removeprefix("tel:") if href else ""
            # Only an absolute address means something outside the page it was written for.
            if href and re.match(r"(?:https?|mailto|tel):", href) and shown and shown != words:
                self.parts.append(f" ({shown})" if words else shown)
        elif tag == "pre":
            self.pre = max(self.pre - 1, 0)
        elif tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        if tag in _BLOCKS:
            self.parts.append(_PARAGRAPH)

    def handle_data(self, data: str) -> None:
        data = data.replace(_PARAGRAPH, "").replace(_LINE, "")  # refused upstream; never a break here
        if self.pre:
            self.parts.append(data.replace("\n", _LINE))
        else:
            self.parts.append(re.sub(r"\s+", " ", data))

    def text(self) -> str:
        joined = "".join(self.parts)

        def one_break(match: re.Match[str]) -> str:
            return "\n\n" if _PARAGRAPH in match.group() else "\n"

        return _BREAKS.sub(one_break, joined).strip(f" {_PARAGRAPH}{_LINE}\n")


def html_text(html: str) -> str:
    """Sanitized HTML as plain text (see the module's docstring)."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.text()


def markdown_text(text: str) -> str:
    """Contributed Markdown as the plain text a reader of its page sees."""
    return html_text(markdown_to_safe_html(text))
