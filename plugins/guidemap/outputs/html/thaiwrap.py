"""Thai words kept whole in titles, headings, card names and buttons.

Thai has no spaces between words, so a browser breaks a line wherever its own dictionary says
(Chromium's ICU cuts "สู่เครือ / ข่าย", "ผู้ / ด้อยโอกาส"), and may start a line with ๆ. On a phone,
where a heading takes two or three lines, that reads as a misspelling. The site cuts the words
itself, with the segmenter its search uses (:func:`guidemap.contract.thai.thai_run_words`, newmm),
and keeps each word on one line (a ``nowrap`` span) with a break opportunity (``<wbr>``) between
words. Only text between tags is touched, unescaped first and each piece escaped again, so no
attribute, tag or entity changes meaning.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

from guidemap.contract.thai import thai_run_words

WORD_CLASS = "gm-w"
# A word longer than this is left to the browser: newmm returns unknown text (a name spelt
# oddly, a string of letters) as one long token, which must still be able to wrap on 320 px.
MAX_WORD = 24
# A longer word (มหาวิทยาลัยสงขลานครินทร์) may be wider than a phone in a page title: it is an
# inline block as wide as the line at most, so it moves whole to the next line, and breaks only
# where it could never fit on one.
LONG_WORD = 10
LONG_CLASS = "gm-wl"
# Marks that belong to the word before them and must never start a line.
_TRAILING = frozenset("ๆฯ")
_THAI_RUN = re.compile(r"[\u0E00-\u0E7F]+(?:\u00a0ๆ[\u0E00-\u0E7F]*)*")
# A space before ๆ (the usual spelling "ต่าง ๆ") becomes a no-break space.
_SPACE_BEFORE_REPEAT = re.compile(r"[ \t\n\u00a0]+(?=ๆ)")

# The elements whose text is kept in whole words: every heading, buttons, and names in lists
# (a class ending in ``__title``: cards, stories, calls, events). An element of this kind never
# holds another of the same tag, so its end is its first closing tag.
_HEADING = re.compile(r"(<(h[1-6])\b[^>]*>)(.*?)(</\2\s*>)", re.S | re.I)
_CLASSED = re.compile(
    r"""<(a|button|span|p|div)\b([^>]*\bclass="[^"]*(?:\bmd-button\b|\bgm-share__button\b|__title\b)[^"]*"[^>]*)>"""
    r"""(.*?)</\1\s*>""", re.S | re.I)
_DONE = f'<span class="{WORD_CLASS}'  # the start of every word's span, long or not
_TEXT = re.compile(r">([^<>]+)<")
_KEPT = re.compile("\x00(\\d+)\x00")  # where _set_aside took a script out
# Texts never changed: scripts and styles (their text is not text), and what is already cut.
_SKIP_START = re.compile(r"<(script|style|textarea|svg)\b", re.I)
# Where one of them may start: a two-letter prefix is found three times faster than the names
# (a page is mostly Thai text, which every regex step reads character by character).
_SKIP_HINT = re.compile(r"<(?:[sS][cCtTvV]|[tT][eE])")
# Where a tag of _CLASSED may start: its marker class (each found with ``str.find``, several
# times faster than a regex alternation of the three).
_MARKERS = ("md-button", "gm-share__button", "__title")
# _CLASSED in quick steps where they are certain to give its match (see _classed_at): the tag's
# name; its class attribute, found from its ``="`` (a plain literal, which the regex engine
# finds fast; ``class`` itself matches in any case); then the element as a plain tag.
_CLASSED_NAME = re.compile(r"<(a|button|span|p|div)\b", re.I)
_CLASS_EQ = re.compile(r'="(?<=\bclass=")', re.I)
_MARKER = re.compile(r"\bmd-button\b|\bgm-share__button\b|__title\b", re.I)  # as in _CLASSED
_ELEMENT = re.compile(r"<(a|button|span|p|div)\b[^>]*>(.*?)</\1\s*>", re.S | re.I)


def _with_marks(tokens: list[str]) -> list[str]:
    """Tokens with ๆ and ฯ (alone, or after a no-break space) joined to the word before."""
    out: list[str] = []
    for token in tokens:
        if out and (token[0] in _TRAILING or token.startswith("\u00a0ๆ")):
            out[-1] += token
        else:
            out.append(token)
    return out


def run_words(run: str) -> list[str]:
    """The words of a run of Thai letters (possibly with ``\\u00a0ๆ`` inside), ๆ kept with its word."""
    tokens: list[str] = []
    for i, part in enumerate(run.split("\u00a0ๆ")):
        if i:
            tokens.append("\u00a0ๆ")
        if part:
            tokens.extend(thai_run_words(part))
    return _with_marks(tokens)


@lru_cache(maxsize=8192)
def wrap_text(escaped: str) -> str:
    """HTML text (entities allowed, no tags) with its Thai words in nowrap spans."""
    text = _SPACE_BEFORE_REPEAT.sub("\u00a0", html.unescape(escaped))
    if not _THAI_RUN.search(text):
        return escaped
    out: list[str] = []
    at = 0
    for m in _THAI_RUN.finditer(text):
        out.append(html.escape(text[at:m.start()], quote=False))
        pieces = []
        for word in run_words(m.group()):  # Thai letters and no-break spaces: nothing to escape
            if len(word) <= 1 or len(word) > MAX_WORD:
                pieces.append(word)
            elif len(word) > LONG_WORD:
                pieces.append(f'<span class="{WORD_CLASS} {LONG_CLASS}">{word}</span>')
            else:
                pieces.append(f'<span class="{WORD_CLASS}">{word}</span>')
        out.append("<wbr>".join(pieces))
        at = m.end()
    out.append(html.escape(text[at:], quote=False))
    return "".join(out).replace("\u00a0", "&nbsp;")


@lru_cache(maxsize=8192)  # a button or a section heading comes back on many pages
def _wrap_inner(inner: str) -> str:
    if _DONE in inner:  # a title inside a heading: cut with the heading
        return inner
    return _TEXT.sub(lambda m: f">{wrap_text(m.group(1))}<", f">{inner}<")[1:-1]


def _wrap_heading(m: re.Match[str]) -> str:
    return m[1] + _wrap_inner(m[3]) + m[4]


def _set_aside(page: str, kept: list[str]) -> str:
    """The page with its scripts, styles, text areas and SVG replaced by numbered markers (their
    text is not text). Found with ``str.find``: a regex with a lazy back-reference to the tag
    name was a fifth of this module's time on every page."""
    parts: list[str] = []
    at = pos = 0  # at: what is copied so far; pos: where to look next
    while hint := _SKIP_HINT.search(page, pos):
        m = _SKIP_START.match(page, hint.start())
        if m is None:
            pos = hint.end()
            continue
        tag = m.group(1)
        end = page.find(f"</{tag}", m.end())
        if end < 0:
            end = page.find(f"</{tag.lower()}", m.end())  # <SVG ...></svg>
        close = page.find(">", end) + 1 if end >= 0 else 0
        if close <= 0:  # never closed: left in the text, as the regex left it
            pos = m.end()
            continue
        parts.append(page[at:m.start()])
        parts.append(f"\x00{len(kept)}\x00")
        kept.append(page[m.start():close])
        at = pos = close
    parts.append(page[at:])
    return "".join(parts)


def _classed(body: str) -> str:
    """``_CLASSED.sub`` of the page, tried only where a marker class occurs: most tags of a page
    are links and spans without one, and scanning each of them was most of this module's time."""
    out: list[str] = []
    at = 0
    for found in _marked(body):
        if found < at:
            continue
        start = body.rfind("<", at, found)
        if start < 0:
            continue
        if _only_start(body, at, start, found):
            inner = _classed_at(body, start)
        else:  # a "<" or ">" inside an attribute: the regex finds the next match itself
            m = _CLASSED.search(body, at)
            if m is None:
                break
            inner = m.start(3), m.end(3), m.end()
        if inner is None:
            continue
        out.append(body[at:inner[0]])
        out.append(_wrap_inner(body[inner[0]:inner[1]]))
        out.append(body[inner[1]:inner[2]])
        at = inner[2]
    if not out:
        return body
    out.append(body[at:])
    return "".join(out)


def _only_start(body: str, at: int, start: int, found: int) -> bool:
    """Whether the last ``<`` before a marker is the only place after ``at`` where a match of
    _CLASSED with that marker in its class could start, and no match starts before it: the tag
    has a quote before the marker (a class value holding the marker began inside this tag, not
    before it) and no ``<`` is left open before the tag (a ``<`` inside an attribute value)."""
    if body.find('"', start, found) < 0:
        return False
    before = body.rfind(">", at, start)
    return body.find("<", max(before + 1, at), start) < 0


def _classed_at(body: str, start: int) -> tuple[int, int, int] | None:
    """Where ``_CLASSED.match(body, start)`` finds the element's text (start, end) and the
    element's end, or None. The regex backs off through every character of an opening tag to
    find its class (a share link's address is hundreds of characters long), which cost more than
    all the rest; a tag with one class attribute, its value closed inside the tag, matches only
    with a marker in that value, and then exactly where the plain element does."""
    name = _CLASSED_NAME.match(body, start)
    if name is None:
        return None
    close = body.find(">", name.end())
    first = _CLASS_EQ.search(body, name.end(), close) if close >= 0 else None
    if close >= 0 and first is None:
        return None  # no class attribute before the tag's end: the regex needs one
    if first is not None and _CLASS_EQ.search(body, first.end(), close) is None:
        value_end = body.find('"', first.end(), close)
        if value_end >= 0:
            if _MARKER.search(body, first.end(), value_end) is None:
                return None
            m = _ELEMENT.match(body, start)
            return None if m is None else (m.start(2), m.end(2), m.end())
    # Two class attributes, a ">" inside one, a tag never closed: the regex itself decides.
    m = _CLASSED.match(body, start)
    return None if m is None else (m.start(3), m.end(3), m.end())


def _marked(body: str) -> list[int]:
    """Where a marker class occurs, in order (as a regex search for the three would find them:
    no two can overlap)."""
    found: list[int] = []
    for marker in _MARKERS:
        i = body.find(marker)
        while i >= 0:
            found.append(i)
            i = body.find(marker, i + len(marker))
    found.sort()
    return found


def keep_words(page: str) -> str:
    """The page with the Thai words of its headings, titles and buttons kept whole."""
    kept: list[str] = []
    body = _set_aside(page, kept)
    body = _HEADING.sub(_wrap_heading, body)
    body = _classed(body)
    return _KEPT.sub(lambda m: kept[int(m[1])], body) if kept else body


def keep_words_in_title(page: str) -> str:
    """The page with the Thai words of its first ``<h1>`` kept whole: the title the theme adds
    above a page's content when the content has none. The content itself is cut where it is
    made (:func:`keep_words` on each page's body, once), not the header, menus and footer of
    every page: their titles never wrap (Material sets them ``nowrap``)."""
    start = page.find("<h1")
    if start < 0:
        return page
    m = _HEADING.match(page, start)
    if m is None or _DONE in m[3] or _SKIP_START.search(m[3]):
        return page
    return page[:m.start(3)] + _wrap_inner(m[3]) + page[m.end(3):]
