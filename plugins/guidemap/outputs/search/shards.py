"""The search index in pieces, fetched only when a query needs them.

Material's search downloads one ``search_index.json`` on every page view: about half a kilobyte
(compressed) per group, so a network of a few hundred groups spends a first visit's whole budget
on a search most visitors never use. Here the index is cut up the way Pagefind cuts its own
(nothing until a query; then only what that query touches), with this project's Thai words:

``search/shards.json``
    the manifest: the build's version, the number of pages, and the first key of every shard of
    postings and of word lists (shards hold consecutive keys, as Pagefind's chunks do, so a few
    hundred files hold the index of thousands of pages);
``search/<version>/w/<n>.json``
    for consecutive pairs of Thai letters, two lists of the index's Thai words: those that begin
    with the pair, and those that hold it after their first letter. The query side cuts a Thai run
    against the index's own words, so it loads the shards of the letter pairs the run holds (a
    word list of the whole index would be as large as the index for a big network); and a word a
    visitor types may sit inside a longer word of the index (ปลอดภัย in พื้นที่ปลอดภัย), so the
    shortest few words that hold the run are added to the query;
``search/<version>/t/<n>.json``
    postings of consecutive words: for each, the pages that hold it and a weight (BM25's saturated
    term frequency, titles counted more, times ten), page numbers as differences; a shard closes
    at :data:`SHARD_LIMIT` bytes;
``search/<version>/r/<page>.json``
    the records of one page (its own and its sections' location, title and text, as Material's
    search plugin parsed them), fetched only for the results shown.

Shards live under a version directory (a hash of their contents), so a cached manifest never
mixes with another build's shards; keys are compared as code points on both sides (the index
holds no character outside the Basic Multilingual Plane, where JavaScript's order is the same).
"""

from __future__ import annotations

import hashlib
import html
import itertools
import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

MANIFEST = "shards.json"
ZWSP = "\u200b"
SHARD_LIMIT = 12_000  # bytes of JSON in a shard of postings before the next one starts
WORDS_LIMIT = 3_000  # the same for word lists: a query loads one per letter pair it holds
_TAG = re.compile(r"<[^>]*>")
_THAI_RUN = re.compile(r"[\u0E00-\u0E7F]+")
# The query side's TOKEN (search-worker.js): the same letters make a word on both sides.
# Words: digits, Latin (with accents), Thai, and Arabic script for Jawi (a network may publish
# Malay in Jawi, guidemap.yml content languages); the worker cuts queries with the same class.
_JAWI = r"\u0620-\u065f\u066e-\u06d3\u06d5\u06fa-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc"
_TOKEN = re.compile(rf"[0-9a-z\u00c0-\u024f\u0e00-\u0e7f{_JAWI}]+")
# _TOKEN's letters, a Thai run apart from the others' words (see words()).
_PIECE = re.compile(rf"[\u0e00-\u0e7f]+|[0-9a-z\u00c0-\u024f{_JAWI}]+")
_JSON_ESCAPED = re.compile(r'["\\\x00-\x1f]')  # what json.dumps(ensure_ascii=False) writes otherwise
_THAI_WORD = re.compile(r"^[\u0E00-\u0E7F]+$")
K1, B = 1.2, 0.75
TITLE, HEADING, TEXT = 3.0, 1.5, 1.0


@dataclass(frozen=True)
class Page:
    """A page and its sections, as the result list shows them: [location, title, text]."""
    location: str
    docs: tuple[tuple[str, str, str], ...]


def pages_of(docs: Iterable[Mapping[str, str]]) -> list[Page]:
    """Material's index entries (one per page, one per section) grouped by page, sorted by
    location; a page's own entry first."""
    grouped: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for doc in docs:
        location = str(doc.get("location", ""))
        grouped[location.split("#", 1)[0]].append(
            (location, str(doc.get("title") or ""), str(doc.get("text") or "")))
    pages = []
    for location in sorted(grouped):
        entries = grouped[location]
        own = [d for d in entries if d[0] == location] or [(location, entries[0][1], "")]
        pages.append(Page(location, (own[0], *(d for d in entries if d[0] != location))))
    return pages


def runs_of(pages: Iterable[Page]) -> set[str]:
    """Every Thai run of the pages' titles and texts (what has to be cut into words)."""
    return {run for page in pages for doc in page.docs for field in doc[1:]
            for run in _THAI_RUN.findall(field)}


class RunWords:
    """The index words of Thai runs, each run cut once: ``cuts`` gives a run's words joined by
    zero-width spaces (a mapping or a function), or ``split`` gives them as a list. The memo
    lasts as long as this object (one build's index); most runs are cut once anyway, this
    keeps their words split and sifted."""

    def __init__(self, cuts: Mapping[str, str] | Callable[[str], str] | None = None, *,
                 split: Callable[[str], Sequence[str]] | None = None) -> None:
        self._cuts = cuts
        self._split = split or self._joined
        self._memo: dict[str, Sequence[str]] = {}

    def _joined(self, run: str) -> list[str]:
        cuts = self._cuts
        return (cuts(run) if callable(cuts) else (cuts or {}).get(run, run)).split(ZWSP)

    def __call__(self, run: str) -> Sequence[str]:
        found = self._memo.get(run)
        if found is None:  # a run's words hold no space: only one-letter words may go (the
            # segmenter's own list is kept, never changed)
            cut = self._split(run)
            found = self._memo[run] = (cut if min(map(len, cut), default=0) > 1 else
                                       [w for w in cut if len(w) > 1 or w.isdigit()])
        return found


def words(text: str, cuts: Mapping[str, str] | Callable[[str], str] | RunWords) -> list[str]:
    """The index words of some of a page's HTML: tags dropped, lower case, Thai runs cut (by
    ``cuts``: a run's words joined by zero-width spaces, a mapping or a function)."""
    run_words = cuts if isinstance(cuts, RunWords) else RunWords(cuts)
    plain = html.unescape(_TAG.sub(" ", text)).lower()
    # One pass over the text: a piece is a Thai run (cut into its words) or a word of the other
    # letters, as _TOKEN finds them once each Thai run stands apart (both sides cut the same).
    out: list[str] = []
    for piece in _PIECE.findall(plain):
        if "\u0e00" <= piece[0] <= "\u0e7f":
            out += run_words(piece)
        elif len(piece) >= 2 or piece.isdigit():
            out.append(piece)
    return out


@dataclass(frozen=True)
class Counts:
    """A page's words, counted where they stand (title, section headings, text)."""
    title: Counter[str]
    heading: Counter[str]
    text: Counter[str]
    length: int


def count(page: Page, cuts: Mapping[str, str] | Callable[[str], str] | RunWords) -> Counts:
    """A page's words, counted: the part of the index that needs no other page, so it can be
    done as each page comes (guidemap.adapter.helper counts pages while the build renders)."""
    title: Counter[str] = Counter()  # not Counter[str](): an alias's call costs a tenth of counting
    heading: Counter[str] = Counter()
    text: Counter[str] = Counter()
    cuts = cuts if isinstance(cuts, RunWords) else RunWords(cuts)
    for i, (_, doc_title, doc_text) in enumerate(page.docs):
        (title if i == 0 else heading).update(words(doc_title, cuts))
        text.update(words(doc_text, cuts))
    return Counts(title, heading, text, sum(text.values()) + sum(title.values()))


def postings(counted: list[Counts]) -> dict[str, list[int]]:
    """word -> [page number, weight, page number, weight, ...], page numbers ascending."""
    average = max(1.0, sum(c.length for c in counted) / max(1, len(counted)))
    short = {tf: tf * (K1 + 1) / (tf + K1) for tf in range(1, 64)}  # a title is a few words long
    index: dict[str, list[int]] = defaultdict(list)
    for number, c in enumerate(counted):
        norm = K1 * (1 - B + B * c.length / average)
        # A word of the text alone weighs what its count does: each count's weight is worked
        # out once a page (a page's words share a few counts), the same sums in the same order.
        by_count = {tf: _tenths(TEXT * tf * (K1 + 1) / (tf + norm)) for tf in set(c.text.values())}
        weights = {word: by_count[tf] for word, tf in c.text.items()}
        for word in c.heading.keys() | c.title.keys():
            tf = c.text.get(word)
            weight = TEXT * tf * (K1 + 1) / (tf + norm) if tf else 0.0
            for counts, boost in ((c.heading, HEADING), (c.title, TITLE)):
                if word in counts:
                    weight += boost * short.get(counts[word], K1 + 1)
            weights[word] = _tenths(weight)
        for word, weight in weights.items():  # page numbers ascend: each list stays sorted
            index[word] += (number, weight)
    return index


def _tenths(weight: float) -> int:
    return max(1, round(weight * 10))


def _dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _encoded(flat: list[int]) -> str:
    """A word's postings as JSON, each page number as its difference from the one before."""
    numbers = flat[0::2]
    out = flat[:]
    out[2::2] = [b - a for a, b in itertools.pairwise(numbers)]
    return "[" + ",".join(map(str, out)) + "]"  # json.dumps's text for a list of ints


def _ranges(entries: list[tuple[str, str]], limit: int) -> list[tuple[str, str]]:
    """Consecutive ``(key, JSON value)`` entries (sorted by key) packed into shards of about
    ``limit`` bytes: ``(first key, JSON object)`` for each."""
    out: list[tuple[str, str]] = []
    chunk: list[str] = []
    first, size = "", 0
    for key, value in entries:
        # A key is an index word or a letter pair: JSON's quotes around it are its text, unless
        # it holds a character JSON escapes (json.dumps for each key was a third of this).
        quoted = json.dumps(key, ensure_ascii=False) if _JSON_ESCAPED.search(key) else '"' + key + '"'
        item = quoted + ":" + value
        length = len(item.encode())
        if chunk and size + length > limit:
            out.append((first, "{" + ",".join(chunk) + "}"))
            chunk, size = [], 0
        if not chunk:
            first = key
        chunk.append(item)
        size += length + 1
    if chunk:
        out.append((first, "{" + ",".join(chunk) + "}"))
    return out


def build(docs: Iterable[Mapping[str, str]], cuts: Mapping[str, str]) -> dict[str, str]:
    """The files of the sharded index, by path under ``search/``."""
    return build_counted([(page, count(page, cuts)) for page in pages_of(docs)])


def build_counted(counted: Iterable[tuple[Page, Counts]]) -> dict[str, str]:
    """The files of the sharded index from pages already counted (in any order)."""
    ordered = sorted(counted, key=lambda pc: pc[0].location)
    pages = [page for page, _ in ordered]
    index = postings([c for _, c in ordered])
    shards = _ranges([(term, _encoded(index[term])) for term in sorted(index)], SHARD_LIMIT)
    thai: dict[str, list[str]] = defaultdict(list)
    for term in sorted(index):
        if len(term) >= 2 and _THAI_WORD.match(term):
            thai[term[:2]].append(term)
    inside: dict[str, set[str]] = defaultdict(set)
    for listed in thai.values():
        for term in listed:
            for i in range(1, len(term) - 1):
                inside[term[i:i + 2]].add(term)
    pairs = _ranges([(k, _dump([thai.get(k, []), sorted(inside.get(k, ()))]))
                     for k in sorted(thai.keys() | inside.keys())], WORDS_LIMIT)
    files = {f"t/{n}.json": text for n, (_, text) in enumerate(shards)}
    files.update({f"w/{n}.json": text for n, (_, text) in enumerate(pairs)})
    files.update({f"r/{n}.json": _dump([list(d) for d in page.docs]) for n, page in enumerate(pages)})
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.encode() + b"\0" + files[path].encode() + b"\0")
    version = digest.hexdigest()[:12]
    out = {f"{version}/{path}": text for path, text in files.items()}
    out[MANIFEST] = _dump({"v": version, "n": len(pages), "t": " ".join(k for k, _ in shards),
                           "w": " ".join(k for k, _ in pairs)})
    return out

