"""Escaping and sanitizing: the only ways contributed text reaches HTML.

Plain fields are escaped with :func:`h`; contributed Markdown is rendered and then cleaned by
nh3 (Python-Markdown passes raw HTML, ``javascript:`` links and ``{: onclick=...}``
attributes straight through, so its output is never trusted).
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from typing import Any
from urllib.parse import urljoin

import markdown
import nh3

from guidemap.contract.files import is_outside_address

SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
_TAGS = {
    "p", "br", "hr", "strong", "em", "b", "i", "u", "s", "del", "ins", "mark", "small", "sub",
    "sup", "code", "pre", "blockquote", "ul", "ol", "li", "dl", "dt", "dd", "a", "img",
    "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td",
    "figure", "figcaption", "abbr", "span", "div",
}
_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height", "loading"},
    "abbr": {"title"},
    "th": {"align"},
    "td": {"align"},
    "*": {"id", "lang"},
}
# Heading ids come from the toc extension; ids a contributor sets must not clobber the theme's
# own elements (Material's start with "__"), so only plain slugs survive, and toc's own "_1",
# "_2" for a heading without letters (a network may set a slugify of its own).
_SAFE_ID = re.compile(r"^([0-9a-z\u0E00-\u0E7F][0-9a-z\u0E00-\u0E7F_\-]{0,80}|_[0-9]{1,4})$")
_SLUG_DROP = re.compile(r"[^0-9a-z\u0E00-\u0E7F]+")
HEADING_ID_MAX = 60
_SAFE_LANG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")


def _filter(tag: str, attr: str, value: str) -> str | None:
    if attr == "id":
        return value if _SAFE_ID.match(value) else None
    if attr == "lang":
        return value if _SAFE_LANG.match(value) else None
    return value


def _contributed_filter(tag: str, attr: str, value: str) -> str | None:
    # A picture from another site tells it who reads the page: the validator refuses them in
    # contributed Markdown (guidemap.contract.files); a build without validation drops them here.
    if tag == "img" and attr == "src" and is_outside_address(value.strip()):
        return None
    return _filter(tag, attr, value)


def heading_id(value: str, separator: str = "-") -> str:
    """A heading's id that keeps Thai letters, for Markdown's ``toc`` (``slugify``).

    toc's own slugify keeps ASCII only, so a Thai heading got an empty slug and the id "_1".
    Latin letters lose their accents; anything else becomes one separator. Never empty and
    short enough for :data:`_SAFE_ID`, with room for toc's "_12" when two headings agree."""
    folded = "".join(c if "\u0e00" <= c <= "\u0e7f" else
                     unicodedata.normalize("NFKD", c).encode("ascii", "ignore").decode()
                     for c in unicodedata.normalize("NFC", value).lower())
    slug = _SLUG_DROP.sub(separator, folded).strip(separator)[:HEADING_ID_MAX].strip(separator)
    return slug or "h"


_NOT_IN_URL = re.compile(r'[\x00-\x20"<>\\^`{|}\x7f]')


def href(url: str) -> str:
    """A contributed address as an attribute value: escaped, and the ASCII characters no URL
    may hold (spaces, ``<``, ``>``, quotes, braces...) percent-encoded, as a browser would send
    them, so the published markup is valid (``?b=<x>`` was an error in the HTML checker)."""
    return h(_NOT_IN_URL.sub(lambda m: f"%{ord(m.group()):02X}", url))


def h(text: object) -> str:
    """Escape text for HTML content and double-quoted attributes."""
    value = text if type(text) is str else str(text)
    # Most text has nothing to escape, and looking for the five characters costs less than
    # html.escape's five replacements (a site of 2,000 groups escapes some 250,000 strings).
    if "&" in value or "<" in value or ">" in value or '"' in value or "'" in value:
        return html.escape(value, quote=True)
    return value


def _valid_unicode(text: str) -> str:
    """Lone surrogates (possible in a str, never in a UTF-8 file) as U+FFFD: nh3 cannot take
    them. Found by fuzzing (tests/properties/test_properties_input.py); the files cannot hold them, so
    this runs only after nh3 refused a text."""
    return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


def sanitize(fragment: str) -> str:
    try:
        return _sanitize(fragment)
    except UnicodeEncodeError:
        return _sanitize(_valid_unicode(fragment))


def _cleaner(attribute_filter: Callable[[str, str, str], str | None]) -> nh3.Cleaner:
    return nh3.Cleaner(tags=_TAGS, attributes=_ATTRIBUTES, attribute_filter=attribute_filter,
                       url_schemes=SAFE_SCHEMES, link_rel="noopener noreferrer nofollow ugc",
                       strip_comments=True)


@lru_cache(maxsize=1)
def _contributed_cleaner() -> nh3.Cleaner:
    # Built once: nh3.clean builds its cleaner on every call, which costs more than cleaning a
    # paragraph (tests/properties/test_properties_feed_shortcuts.py compares the two).
    return _cleaner(_contributed_filter)


def _sanitize(fragment: str) -> str:
    return _contributed_cleaner().clean(fragment)


# An address already absolute and plain (ASCII, no query, fragment, parameters, spaces or
# brackets) is what urljoin makes of it, against any http(s) base: the feeds' own links (a story's
# picture, its groups) take this way (tests/properties/test_properties_feed_shortcuts.py).
_PLAIN_ABSOLUTE = re.compile(r"https?://[A-Za-z0-9\-._~:@!$&'()*+,=%][A-Za-z0-9\-._~/:@!$&'()*+,=%]*")


def _absolute(value: str, page_url: str, folder_url: str) -> str:
    if value.startswith("#"):
        return page_url + value
    if _PLAIN_ABSOLUTE.fullmatch(value):
        return value
    target = urljoin(folder_url, value)
    path, hash_, fragment = target.partition("#")
    if "://" not in value and path.endswith(".md"):  # a link to another page's Markdown source
        path = path.removesuffix("index.md") if path.endswith("/index.md") else path[:-3] + "/"
    return path + hash_ + fragment


def absolutize(fragment: str, page_url: str, folder_url: str) -> str:
    """Sanitize ``fragment`` and make every link and image absolute, for HTML read away from
    the site (a feed reader): ``#x`` against the page, relative paths against the folder of
    the Markdown source (``other.md`` becomes that page's directory URL)."""

    def keep(tag: str, attr: str, value: str) -> str | None:
        kept = _filter(tag, attr, value)
        if kept is not None and attr in ("href", "src"):
            return _absolute(kept, page_url, folder_url)
        return kept

    def clean(text: str) -> str:
        return nh3.clean(text, tags=_TAGS, attributes=_ATTRIBUTES, attribute_filter=keep,
                         url_schemes=SAFE_SCHEMES, link_rel="noopener noreferrer nofollow ugc",
                         strip_comments=True)

    try:
        return clean(fragment)
    except UnicodeEncodeError:
        return clean(_valid_unicode(fragment))


class Absolutizer:
    """:func:`absolutize` for many fragments with one nh3 cleaner (building one costs about as
    much as cleaning a story): the feeds absolutize every story. The page and folder of the
    fragment being cleaned are set for the call, so one instance serves one thread at a time."""

    def __init__(self) -> None:
        self._page_url = self._folder_url = ""
        self._cleaner = _cleaner(self._keep)

    def _keep(self, tag: str, attr: str, value: str) -> str | None:
        kept = _filter(tag, attr, value)
        if kept is not None and attr in ("href", "src"):
            return _absolute(kept, self._page_url, self._folder_url)
        return kept

    def __call__(self, fragment: str, page_url: str, folder_url: str) -> str:
        self._page_url, self._folder_url = page_url, folder_url
        try:
            return self._cleaner.clean(fragment)
        except UnicodeEncodeError:
            return self._cleaner.clean(_valid_unicode(fragment))


_MD_EXTENSIONS = ["extra", "sane_lists", "smarty"]


@lru_cache(maxsize=1)
def _converter() -> markdown.Markdown:
    # One converter, reset between documents: building one per call cost more than converting.
    return markdown.Markdown(extensions=_MD_EXTENSIONS, output_format="html")


def markdown_to_safe_html(text: str) -> str:
    """Contributed Markdown (a profile's description) as sanitized HTML."""
    converter = _converter()
    converter.reset()
    return sanitize(converter.convert(text))


def part_marker(key: str) -> str:
    """Where a contributed Markdown part goes in a generated page's HTML."""
    return f"<!--gm-part:{key}-->"


# One compiled pattern for every page (a per-page token pattern would be compiled each time).
_PART_SEPARATOR = re.compile(r"<p>(gmpart[0-9a-f]{32})x([A-Za-z0-9_-]+)</p>")


def join_parts(parts: tuple[tuple[str, str], ...]) -> tuple[str, str]:
    """One Markdown document holding every part, separated by paragraphs of a token.

    The page builder (MkDocs) renders it in its single Markdown pass for the page, instead
    of one more pass per part. The token is a hash of the parts themselves, so no contributed
    text can contain it and forge a boundary.
    """
    digest = hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode()).hexdigest()[:32]
    token = f"gmpart{digest}"
    markdown_text = "\n\n".join(f"{token}x{key}\n\n{text}" for key, text in parts)
    return markdown_text, token


def render_parts(rendered: str | None, parts: tuple[tuple[str, str], ...],
                 token: str) -> dict[str, str]:
    """Each part's HTML, sanitized, cut out of the page builder's rendering. If a part left a
    block open (an unclosed fence swallowing the next separator), render them one by one."""
    if rendered is not None:
        pieces = _PART_SEPARATOR.split(rendered)
        found = dict(zip(pieces[2::3], pieces[3::3], strict=False))
        if set(pieces[1::3]) == {token} and list(found) == [k for k, _ in parts]:
            return {k: sanitize(v).strip() for k, v in found.items()}
    return {k: markdown_to_safe_html(text).strip() for k, text in parts}


def put_parts(page_html: str, chunks: dict[str, str]) -> str:
    for key, value in chunks.items():
        page_html = page_html.replace(part_marker(key), value)
    return page_html


def json_for_script(data: Any) -> str:
    """JSON safe inside a <script> element: no '</script>' or HTML comment can break out."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def one_block(fragment: str) -> str:
    """Drop blank lines so Markdown keeps a generated HTML block in one piece."""
    return "\n".join(line for line in fragment.splitlines() if line.strip())
