"""The search index's quicker steps give what the plain definitions give: a page's sections
(guidemap.adapter.search_sections against Material's own ``add_entry_from_context``, which feeds
the page to Python's HTMLParser), its words (shards.words against the regex passes it replaced)
and the weights of the postings (shards.postings and _encoded against the first formula)."""

from __future__ import annotations

import html
import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable

from hypothesis import example, given, settings
from hypothesis import strategies as st
from material.plugins.search.plugin import SearchIndex

from guidemap.adapter import search_sections
from guidemap.outputs.search import shards

# Pieces of a page body as this project writes them (the quick path) ...
_PLAIN = [
    "<h1>", "</h1>", '<h1 id="t">', '<h2 id="ก-ข">', "</h2>", '<h3 id="a&amp;b">', "</h3>", "<h4>", "</h4>",
    "<p>", "</p>", '<p class="gm-story__meta">', "<div>", "</div>", '<div data-search-exclude>',
    '<div class="linenodiv">', "<span>", "</span>", '<span class="gm-w">', "<wbr>", "<br>", "<br/>",
    "<br />", "<span/>", '<img src="x.png" alt="">', '<img alt="a > b"/>', "<ul>", "</ul>", "<li>",
    "</li>", "<ol>", "</ol>", "<pre>", "</pre>", "<code>", "</code>", "<sub>", "</sub>", "<sup>", "</sup>",
    '<a class="headerlink" href="#t" title="Permanent link">', '<a href="#t">', "</a>", "<strong>",
    "</strong>", '<time datetime="2016-01-01">', "</time>", "<table>", "</table>", "<td>", "</td>",
    "<P>", "</P>", '<A HREF="x">', "</div >", '<input\n  disabled/>', '<p\tclass="x"  >',
    "ข้อความ", "ชายหาด ปัตตานี", "Beach", " ", "  ", "\n", "\n\n", " \n ", "¶", "&para;", "&amp;",
    "&lt;", "&gt;", "&quot;", "&#39;", "&#3585;", "&nbsp;", "a &b", "x&", "&", "1 &lt; 2",
    '<h2 id="x" id="y">', "<object>", "</object>", "<hx>", "</hx>", '<h3 id="e" data-search-exclude>',
    '<h2 id="l" class="linenodiv">', '<code class="linenodiv">', '<a class="headerlink">', "<h5 id>",
    '<section><h2 id="n">', "</section>",
]
# ... and what only HTMLParser reads.
_OTHER = [
    "<!-- note -->", "<script>var a = '<p>';</script>", "<style>p{}</style>", "<textarea><p></textarea>",
    "<title>t</title>", "<p class='x'>", "<p class=x>", "< p>", "a < b", "<", "</>", "<!DOCTYPE html>",
    "<?php ?>", "<my-el>", "</my-el>", '<p id = "x">', '<a href="x"title="y">', "<p\u00a0id=\"x\">",
    "<p\vid=\"x\">", "</p\u00a0>", "<![CDATA[x]]>",
]
_BODIES = st.lists(st.sampled_from(_PLAIN), max_size=40).map("".join)
# Well-formed trees of them too: Material's steps on closing tags (an excluded block ending,
# a heading's section left when its parent closes, empty kept elements dropped) need the
# element on top of the stack to close, which a random mix of pieces rarely does.
_OPENERS = ['<h1 id="t">', "<h1>", '<h2 id="a">', '<h3 id="b">', "<h4>", "<p>", "<div>", "<section>",
            "<div data-search-exclude>", '<div class="linenodiv">', "<pre>", "<code>", "<span>",
            '<a class="headerlink" href="#a">', "<a>", "<ul>", "<li>", "<object>", "<sub>"]
_LEAVES = st.sampled_from(["ข้อความ", "Beach", " ", "\n", " \n ", "&amp;", "¶", "<br>", "<wbr>", "<span/>"])


def _element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    def close(parts: tuple[str, list[str]]) -> str:
        opener, inside = parts
        return opener + "".join(inside) + "</" + re.split(r"[ >]", opener[1:], maxsplit=1)[0] + ">"
    return st.tuples(st.sampled_from(_OPENERS), st.lists(children, max_size=4)).map(close)


_TREES = st.lists(st.recursive(_LEAVES, _element, max_leaves=25), max_size=5).map("".join)
_ANY = st.lists(st.sampled_from(_PLAIN + _OTHER), max_size=40).map("".join)


def _outcome(entries: Callable[..., list[dict[str, str]]], content: str,
             meta_title: str | None) -> object:
    """The entries, or the error: Material's parser fails on some nestings (an element closing
    inside an excluded block that ends first), and the quick path must fail the same way."""
    try:
        return entries("stories/x/", "เรื่อง", content, meta_title)
    except ValueError as error:
        return repr(error)


def _quick(content: str) -> bool:
    """Whether the quick path reads the whole page (failing in Material's steps as Material does)."""
    try:
        return search_sections._fed(search_sections._Splitter(), content)
    except ValueError:
        return True


def _reference(location: str, title: str, content: str, meta_title: str | None) -> list[dict[str, str]]:
    index = SearchIndex()
    meta = {"title": meta_title} if meta_title is not None else {}
    index.add_entry_from_context(search_sections._Page(location, title, content, meta))
    return [{"location": str(e["location"]), "title": str(e["title"]), "text": str(e["text"])}
            for e in index.entries]


@settings(max_examples=600)
@given(st.one_of(_BODIES, _TREES), st.sampled_from([None, "ชื่อ"]))
@example('<h2 id="a"><span/></h2>after', None)  # a self-closed element opens and closes
@example("<div data-search-exclude><p><div></div></p></div>", None)  # fails in Material's parser too
@example("<pre> <span> </span>x</pre>", None)  # spaces kept in a pre
# a section left when its parent closed is never taken up again
@example('<p>t</p><div><h2 id="a">A</h2>x</div><section><div><h3 id="b">B</h3></div>z</section>', None)
@example('<div data-search-exclude><p>hidden</p></div><h2 id="b">B &amp; C</h2>\n \n<pre> x\n</pre>', "ชื่อ")
def test_plain_bodies_take_the_quick_path_to_materials_sections(content: str,
                                                                 meta_title: str | None) -> None:
    assert _quick(content)
    got = _outcome(search_sections.entries, content, meta_title)
    assert got == _outcome(_reference, content, meta_title)


@settings(max_examples=600)
@given(_ANY)
def test_any_body_gives_materials_sections(content: str) -> None:
    assert _outcome(search_sections.entries, content, None) == _outcome(_reference, content, None)


def test_other_html_is_left_to_htmlparser() -> None:
    for piece in _OTHER:
        assert not search_sections._fed(search_sections._Splitter(), "<p>a</p>" + piece), piece


# -- words --------------------------------------------------------------------------------------

def _words_reference(text: str, cut: Callable[[str], str]) -> list[str]:
    """shards.words as first written: tags dropped, unescaped, lowered, each Thai run replaced by
    its words, then the tokens of the result."""
    plain = html.unescape(re.sub(r"<[^>]*>", " ", text)).lower()
    plain = re.sub(r"[\u0E00-\u0E7F]+", lambda m: " " + cut(m.group(0)).replace("\u200b", " ") + " ", plain)
    return [w for w in shards._TOKEN.findall(plain) if len(w) >= 2 or w.isdigit()]


def _cut(run: str) -> str:  # a stand-in segmenter: words of two letters, and a one-letter one
    return "\u200b".join([run[:1], *(run[i:i + 2] for i in range(1, len(run), 2))])


_TEXT_PIECES = ["ชายหาด", "ก", "๑๒", "ปัตตานี", "Beach", "AB", "é", "x", "7", " ", "<b>", "</b>",
                "<p class=\"a\">",
                "&amp;", "&#3585;", "&lt;ก&gt;", "-", "\u200b", "جاوي", "ß", "İ", "a1ก2"]


@settings(max_examples=500)
@given(st.lists(st.sampled_from(_TEXT_PIECES), max_size=30).map("".join))
def test_words_are_the_regex_passes_words(text: str) -> None:
    assert shards.words(text, _cut) == _words_reference(text, _cut)
    assert shards.words(text, {}) == _words_reference(text, lambda run: run)


# -- postings -----------------------------------------------------------------------------------

def _postings_reference(counted: list[shards.Counts]) -> dict[str, list[tuple[int, int]]]:
    average = max(1.0, sum(c.length for c in counted) / max(1, len(counted)))
    short = {tf: tf * (shards.K1 + 1) / (tf + shards.K1) for tf in range(1, 64)}
    index: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for number, c in enumerate(counted):
        norm = shards.K1 * (1 - shards.B + shards.B * c.length / average)
        weights = {word: shards.TEXT * tf * (shards.K1 + 1) / (tf + norm) for word, tf in c.text.items()}
        for counts, boost in ((c.heading, shards.HEADING), (c.title, shards.TITLE)):
            for word, tf in counts.items():
                weights[word] = weights.get(word, 0.0) + boost * short.get(tf, shards.K1 + 1)
        for word, weight in weights.items():
            index[word].append((number, max(1, round(weight * 10))))
    return index


_COUNTS = st.dictionaries(st.sampled_from(["a", "b", "c", "d", "e"]), st.integers(1, 80),
                          max_size=5).map(Counter)


@settings(max_examples=500)
@given(st.lists(st.tuples(_COUNTS, _COUNTS, _COUNTS, st.integers(0, 40)), max_size=6))
def test_postings_weigh_as_the_first_formula(pages: list[tuple[Counter[str], ...]]) -> None:
    counted = [shards.Counts(title, heading, text, sum(text.values()) + sum(title.values()) + extra)
               for title, heading, text, extra in pages]  # type: ignore[misc]
    got, expected = shards.postings(counted), _postings_reference(counted)
    assert {word: list(zip(flat[0::2], flat[1::2], strict=True)) for word, flat in got.items()} == expected
    for word, flat in got.items():
        deltas, last = [], 0
        for number, weight in expected[word]:
            deltas += [number - last, weight]
            last = number
        assert shards._encoded(flat) == json.dumps(deltas, separators=(",", ":"))


@given(st.lists(st.text(), max_size=50, unique=True), st.integers(10, 200))
def test_shards_quote_keys_as_json_does(keys: list[str], limit: int) -> None:
    entries = [(key, "[1,2]") for key in sorted(keys)]
    packed = [json.loads(text) for _, text in shards._ranges(entries, limit)]  # each shard is JSON
    assert [key for shard in packed for key in shard] == sorted(keys)
    expected = [json.dumps(key, ensure_ascii=False) + ":[1,2]" for key in sorted(keys)]
    assert ",".join(text[1:-1] for _, text in shards._ranges(entries, limit)) == ",".join(expected)
