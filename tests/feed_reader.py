"""How a feed reader sees the text of a feed, for tests that read feeds with a reader's eyes.

feedparser (with ``sanitize_html=False``, as a reader that trusts its feeds would) says for
each text construct whether it holds plain text or HTML; HTML is then parsed as a browser
would, so a test sees both the words shown and every element and attribute that would be made.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

# Elements and attributes that run code or pull in other documents.
ACTIVE_TAGS = frozenset({"script", "iframe", "frame", "object", "embed", "style", "svg", "math",
                         "form", "base", "meta", "link", "applet"})
URL_ATTRS = frozenset({"href", "src", "action", "formaction", "xlink:href", "data", "poster"})


@dataclass
class Seen:
    """What a reader shows for one text construct."""

    text: str
    elements: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    def dangers(self) -> list[str]:
        """Every element or attribute in here that could run code."""
        found = []
        for tag, attrs in self.elements:
            if tag in ACTIVE_TAGS:
                found.append(f"<{tag}>")
            for name, value in attrs.items():
                if name.startswith("on"):
                    found.append(f"{tag} {name}=")
                if name in URL_ATTRS and "".join(value.split()).lower().startswith(
                        ("javascript:", "vbscript:", "data:text")):
                    found.append(f"{tag} {name}={value}")
        return found


class _Browser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.seen = Seen("")
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.seen.elements.append((tag, {k: v or "" for k, v in attrs}))

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def seen(detail: Any) -> Seen:
    """What a reader shows for feedparser's ``*_detail`` of a text construct."""
    value = str(detail["value"])
    if detail.get("type") not in ("text/html", "application/xhtml+xml"):
        return Seen(value)
    browser = _Browser()
    browser.feed(value)
    browser.close()
    browser.seen.text = "".join(browser.parts)
    return browser.seen


def entry_texts(entry: Any) -> dict[str, Seen]:
    """Title, summary and every content of a feedparser entry, as a reader sees them."""
    out = {}
    if "title_detail" in entry:
        out["title"] = seen(entry.title_detail)
    if "summary_detail" in entry:
        out["summary"] = seen(entry.summary_detail)
    for i, content in enumerate(entry.get("content", [])):
        out[f"content{i}"] = seen(content)
    return out
