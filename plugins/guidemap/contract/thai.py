"""Thai text helpers: digits, Buddhist Era dates, phone numbers, word-aware truncation."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from functools import lru_cache

from pythainlp.util.date import thai_abbr_months, thai_full_months

BE_OFFSET = 543
# A year above this is read as Buddhist Era: 2400 BE is 1857 CE, and no CE year here is that large.
BE_THRESHOLD = 2400


_THAI_DIGIT = re.compile("[๐-๙]")
_TO_ARABIC = str.maketrans({chr(ord("๐") + i): str(i) for i in range(10)})


def arabic_digits(text: str) -> str:
    """Thai digits (๐-๙) become 0-9; everything else is kept."""
    # A regular expression finds a Thai digit in C: a Python test per character was a fifth of
    # reading 2,000 profiles (every free-text field passes here, through find_phone).
    return text.translate(_TO_ARABIC) if _THAI_DIGIT.search(text) else text


def ce_year(year: int) -> int:
    return year - BE_OFFSET if year > BE_THRESHOLD else year


_MONTHS = {name: i + 1 for i, name in enumerate(thai_full_months)}
_MONTHS.update({name.rstrip("."): i + 1 for i, name in enumerate(thai_abbr_months)})
_MONTHS.update({name.replace(".", ""): i + 1 for i, name in enumerate(thai_abbr_months)})
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DMY = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")
_THAI_WORDS = re.compile(r"^(\d{1,2})\s*([\u0E00-\u0E7F.]+)\s*(?:พ\.?ศ\.?\s*)?(\d{4})$")


def parse_date(text: str) -> dt.date:
    """Read ``2018-07-24``, ``2561-07-24``, ``24/7/2561`` or ``24 กรกฎาคม 2561`` (Thai digits too).

    Raises ValueError with a message fit for a contributor.
    """
    value = arabic_digits(text.strip())
    if m := _ISO.match(value):
        year, month, day = (int(g) for g in m.groups())
    elif m := _DMY.match(value):
        day, month, year = (int(g) for g in m.groups())
    elif m := _THAI_WORDS.match(value):
        month_name = m.group(2).rstrip(".")
        if month_name not in _MONTHS and month_name.replace(".", "") not in _MONTHS:
            raise ValueError(f"unknown Thai month name {m.group(2)!r}")
        month = _MONTHS.get(month_name) or _MONTHS[month_name.replace(".", "")]
        day, year = int(m.group(1)), int(m.group(3))
    else:
        raise ValueError("write the date as YYYY-MM-DD, e.g. 2018-07-24 or 2561-07-24")
    return dt.date(ce_year(year), month, day)


def parse_year(text: str) -> int:
    value = arabic_digits(text.strip())
    if not re.fullmatch(r"\d{4}", value):
        raise ValueError("write a four-digit year, e.g. 2005 or 2548")
    return ce_year(int(value))


def thai_date(day: dt.date) -> str:
    """``24 กรกฎาคม 2561``: the way Thai readers write dates (Buddhist Era)."""
    # Formatted here rather than by pythainlp's thai_strftime (the same text, several times
    # faster): every story item and group page shows a date.
    return f"{day.day} {thai_full_months[day.month - 1]} {day.year + BE_OFFSET:04d}"


def thai_month_year(year: int, month: int) -> str:
    return f"{thai_full_months[month - 1]} {year + BE_OFFSET}"


_HOTLINE = re.compile(r"^1\d{3}$")


def normalize_phone(text: str) -> str:
    """A Thai phone number in E.164 form (``+6673312222``), or a 4-digit hotline (``1669``).

    Accepts Thai digits, spaces, dashes, dots, brackets and a ``+66``/``0`` prefix.
    """
    value = re.sub(r"[\s\-().]", "", arabic_digits(text.strip()))
    if _HOTLINE.match(value):
        return value
    if value.startswith("+660"):  # "+66 (0)81 ...": the national prefix kept in brackets
        national = value[3:]
    elif value.startswith("+66"):
        national = "0" + value[3:]
    elif value.startswith("66") and len(value) in (10, 11):
        national = "0" + value[2:]
    else:
        national = value
    if not re.fullmatch(r"0\d{8,9}", national):
        raise ValueError("write a Thai phone number such as 073-312-222 or 081-234-5678")
    if len(national) == 10 and national[1] not in "689":
        raise ValueError("a 10-digit Thai number is a mobile number starting 06, 08 or 09")
    if len(national) == 9 and national[1] not in "234567":
        raise ValueError("a 9-digit Thai number is a landline whose area code starts 02 to 07")
    return "+66" + national[1:]


# Something that may be a phone number in free text: a "0" (or "+66") then digits and the
# separators people write between them (spaces, dashes, dots, brackets).
_PHONE_RUN = re.compile(r"(?<![\d+])(?:\+\s?66|\(?0)[\d\s\-().]{7,24}")
# Any decimal digit, as ``\d`` in _PHONE_RUN reads it (Thai digits and other scripts' too).
_DIGIT = re.compile(r"\d")
# The fewest digits of a number find_phone returns (a 9-digit landline).
_PHONE_DIGITS = 9


def find_phone(text: str) -> str | None:
    """The first phone number written in ``text``, as written (None when there is none).

    Most free text holds no digits at all: a number needs at least nine, and counting them in
    C is some three times cheaper than the search below (12,000 fields at 2,000 profiles), with
    the same answer (tests/properties/test_properties_thai.py checks it)."""
    if len(_DIGIT.findall(text)) < _PHONE_DIGITS:
        return None
    return find_phone_plain(text)


def find_phone_plain(text: str) -> str | None:
    """:func:`find_phone` without its cheap first test: the detector itself.

    The one detector of phone numbers in free text: a run is a phone number when
    :func:`normalize_phone`, the reader of the ``phone`` field, accepts it (dots, brackets,
    ``+66`` and Thai digits included). Four-digit hotlines (1669) are public and never found.
    A run's digits must end where the number does: a longer run of digits is something else."""
    plain = arabic_digits(text)  # one character for one: positions are the text's
    for m in _PHONE_RUN.finditer(plain):
        run = m.group()
        for end in range(len(run), 0, -1):
            if not run[end - 1].isdigit() or (end < len(run) and run[end].isdigit()):
                continue
            digits = sum(c.isdigit() for c in run[:end])
            if digits > 12:
                continue
            if digits < _PHONE_DIGITS:
                break
            try:
                normalize_phone(run[:end])
            except ValueError:
                continue
            return text[m.start():m.start() + end]
    return None


def display_phone(e164: str) -> str:
    """``+6673312222`` → ``073 312 222``; mobiles as ``081 234 5678``."""
    if not e164.startswith("+66"):
        return e164
    national = "0" + e164[3:]
    if len(national) == 10:
        return f"{national[:3]} {national[3:6]} {national[6:]}"
    if national.startswith("02"):
        return f"{national[:2]} {national[2:5]} {national[5:]}"
    return f"{national[:3]} {national[3:6]} {national[6:]}"


@lru_cache(maxsize=1)
def _tokenizer():  # type: ignore[no-untyped-def]
    from pythainlp.tokenize import word_tokenize  # imported late: it loads a dictionary

    return word_tokenize


@lru_cache(maxsize=1)
def _engine() -> str:
    """pythainlp's newmm algorithm and dictionary; run by nlpO3 (its Rust port, about seven
    times faster here) when installed, by pythainlp's own Python code otherwise."""
    try:
        import nlpo3  # noqa: F401
    except ImportError:
        return "newmm"
    return "nlpo3"


@lru_cache(maxsize=1)
def _run_segmenter() -> Callable[[str], list[str]]:
    if _engine() == "nlpo3":
        # The engine itself, with pythainlp's dictionary: word_tokenize's own steps (joining
        # numbers like 1,234 and whitespace handling) never apply to a run of Thai letters,
        # and made segmenting a large search index 1.7 times slower.
        from pythainlp.tokenize import nlpo3 as wrapper

        segment = wrapper.segment
        segment("ก")  # loads the dictionary (the wrapper's first call does)
        name = getattr(wrapper, "_NLPO3_DEFAULT_DICT_NAME", None)
        if not isinstance(name, str):
            return segment
        # The engine's own function with the arguments the wrapper passes: the wrapper imported
        # nlpo3 and took a lock at each call, a fifth of cutting a large index's runs.
        import nlpo3

        return functools.partial(nlpo3.segment, dict_name=name, safe=False, parallel=False)
    return lambda run: words(run)


def words(text: str) -> list[str]:
    """Thai-aware word segmentation (newmm); spaces are kept as tokens."""
    tokens: list[str] = _tokenizer()(text, engine=_engine(), keep_whitespace=True)
    return tokens


def thai_run_words(run: str) -> list[str]:
    """The words of a run of Thai characters (no spaces, Latin letters or punctuation): the
    same words as :func:`words`, found faster."""
    return _run_segmenter()(run)


def thai_run_segmenter() -> Callable[[str], list[str]]:
    """:func:`thai_run_words` itself, for a caller that cuts many runs (one look-up)."""
    return _run_segmenter()


def truncate(text: str, limit: int, ellipsis: str = "…") -> str:
    """Cut ``text`` to at most ``limit`` characters at a word boundary (Thai has no spaces)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    room = limit - len(ellipsis)
    if room <= 0:
        return ellipsis[: max(limit, 0)]
    out = ""
    for token in words(text):
        if len(out) + len(token) > room:
            break
        out += token
    out = out.rstrip()
    if not out:  # one enormous word: cut it between Thai character clusters, never inside one
        from pythainlp.tokenize import subword_tokenize

        for cluster in subword_tokenize(text, engine="tcc"):
            if len(out) + len(cluster) > room:
                break
            out += cluster
    return out + ellipsis
