"""Hypothesis strategies and settings profiles for the property tests (tests/properties/)
and the long fuzzing run (scripts/fuzz.py).

* hostile text: markup, ``javascript:`` in many spellings, template syntax, bidi controls,
  ``]]>``, NUL, lone surrogates, spreadsheet formulas, iCalendar lines, mixed into Thai and Latin text. Every
  payload that could run carries the marker ``gmx`` (in a tag or attribute name, or a script),
  and template payloads only *compute* 7**6: an output that contains a tag or attribute named
  gmx…, or the number 117649, made contributed text active
  (see tests/inert.py);
* valid profiles and stories (Thai text included), written as real YAML files;
* broken YAML: pieces of YAML syntax, mutations of a valid profile, invalid UTF-8.

Settings profiles (chosen with ``GUIDEMAP_HYPOTHESIS_PROFILE``; ``CI=true`` picks ``ci``):
``ci`` is derandomized with no example database, ``dev`` (the default) random with a database
outside the repository, ``fuzz`` for scripts/fuzz.py. No profile has a deadline: timing is
never asserted in the suite.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from pathlib import Path
from typing import Any

import geothai
import yaml
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.database import DirectoryBasedExampleDatabase

from guidemap.contract.location import GRID, LAT_RANGE, LON_RANGE
from guidemap.contract.thai import find_phone
from guidemap.contract.vocab import DEFAULT_FOCUS as FOCUS
from guidemap.contract.vocab import DEFAULT_NEEDS as NEEDS
from guidemap.contract.vocab import LANGUAGES

# --- settings profiles ---------------------------------------------------------------------------

_SLOW_OK = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture,
            HealthCheck.large_base_example]
settings.register_profile("ci", derandomize=True, database=None, deadline=None,
                          suppress_health_check=_SLOW_OK, print_blob=True)
settings.register_profile(
    "dev", deadline=None, suppress_health_check=_SLOW_OK,
    database=DirectoryBasedExampleDatabase(
        str(Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "guidemap-hypothesis")))
settings.register_profile("fuzz", deadline=None, suppress_health_check=_SLOW_OK, print_blob=True,
                          database=None)


def load_profile() -> str:
    name = os.environ.get("GUIDEMAP_HYPOTHESIS_PROFILE") or (
        "ci" if os.environ.get("CI", "").lower() in ("true", "1") else "dev")
    settings.load_profile(name)
    return name


PROFILE = load_profile()

# --- text ----------------------------------------------------------------------------------------

THAI = "".join(map(chr, range(0x0E01, 0x0E3B))) + "".join(map(chr, range(0x0E3F, 0x0E5C)))
LATIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
PUNCT = " .,;:!?()-'\"/&%#*_+=@<>[]{}|~^$`\\"

MARKER = "gmx"  # in every payload that could run; see tests/inert.py
# What an evaluated template payload would print (7**6; a heading's slug of the payload
# keeps only "777777", so slugs cannot fake it).
TEMPLATE_WORD = "117649"

# Payloads that could become markup, a script, a link with a script, or a template expression.
HOSTILE_PIECES: tuple[str, ...] = (
    "<script>gmx()</script>", "</script><script>gmx()</script>", "<gmxtag gmxattr=1>",
    '"><gmxtag gmxattr="1">', "'><gmxtag gmxattr='1'>", "<img src=x onerror=gmx()>",
    '<svg onload="gmx()">', "<iframe src=javascript:gmx()>", "<a href=\"javascript:gmx()\">x</a>",
    "[gmx](javascript:gmx())", "[gmx](JaVaScRiPt:gmx())", "[gmx]( javascript:gmx() )",
    "[gmx](java\tscript:gmx())", "[gmx](&#106;avascript:gmx())", "[gmx](&#x6A;avascript:gmx())",
    "[gmx](javascript&colon;gmx())", "[gmx](data:text/html,<script>gmx()</script>)",
    "![gmx](javascript:gmx())", "<javascript:gmx()>", "javascript:gmx()", "JAVASCRIPT:gmx()",
    "vbscript:gmx()", "{: onclick=\"gmx()\" }", "{: gmxattr=1 }", "<!-- gmx -->", "<!--", "-->",
    "${7*7*7*7*7*7}", "{{ 7*7*7*7*7*7 }}", "{{7*7*7*7*7*7}}", "{% print(7*7*7*7*7*7) %}",
    "`${7*7*7*7*7*7}`", "#{7*7*7*7*7*7}", "<%= 7*7*7*7*7*7 %>", "```", "`gmx`", "]]>",
    "<![CDATA[gmx]]>", "&lt;gmxtag gmxattr=1&gt;",
    "&amp;lt;gmxtag&amp;gt;", "&#60;gmxtag gmxattr=1&#62;", "<style>*{}</style>",
    "<base href=//evil.example>", "<meta http-equiv=refresh content=0;url=javascript:gmx()>",
    "<form action=javascript:gmx()><button>x</button></form>", "<math><mi xlink:href=javascript:gmx()>",
    "\u202e", "\u2066", "\u200f", "\x00", "\ud800", "\udfff", "\x1b[31m", "\x85", "\u2028",
    "=HYPERLINK(\"http://evil.example\",\"gmx\")", "+gmx", "-gmx", "@SUM(1)", "\t=1", "%0A",
    "\r\nGMXPROP:1\r\n", "\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY;GMXPARAM=1:x", "\\nGMX:1",
    ";GMXPARAM=1:", "\\,\\;", "\\u003cgmxtag\\u003e", "</title><gmxtag>", "</textarea><gmxtag>",
    "<noscript><gmxtag>",
    "\"", "'", "&", "<", ">", "#", ": ", "- ", "|", "*", "_", "~", "\\",
)


def _nfc_line(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


# Valid free text holds no phone number (the validator refuses one: contract/thai.find_phone).
def plain_text(max_len: int, alphabet: str = THAI + LATIN + " ,-()") -> st.SearchStrategy[str]:
    """One line as the validator keeps it (NFC, no control characters, spaces collapsed)."""
    return (st.text(alphabet=alphabet, min_size=1, max_size=max_len)
            .map(_nfc_line).filter(lambda t: 0 < len(t) <= max_len and not find_phone(t)))


def thai_text(max_len: int) -> st.SearchStrategy[str]:
    return plain_text(max_len, THAI + " ")


@st.composite
def hostile_text(draw: st.DrawFn, max_len: int = 300) -> str:
    """Hostile pieces mixed with Thai, Latin and punctuation; never empty."""
    pieces = draw(st.lists(st.one_of(st.sampled_from(HOSTILE_PIECES),
                                     st.text(alphabet=THAI + LATIN + PUNCT, max_size=8)),
                           min_size=1, max_size=6))
    text = "".join(pieces)[:max_len]
    return text or "<gmxtag>"


# What the validator refuses in a text field (contract/spec.py): C0/C1 controls but tab and
# newline, bidi overrides and isolates.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _validated(text: str, multiline: bool) -> str:
    text = unicodedata.normalize("NFC", text).strip()
    return text if multiline else " ".join(text.split())


# What a single-line text field holds after validation, when it is valid: hostile text the
# validator keeps (it refuses control characters, NUL, bidi controls, lone surrogates).
def kept_hostile(max_len: int) -> st.SearchStrategy[str]:
    return (hostile_text(max_len).map(lambda t: _validated(t, False))
            .filter(lambda t: 0 < len(t) <= max_len and not _CONTROL.search(t)
                    and not any(0xD800 <= ord(c) <= 0xDFFF for c in t) and not find_phone(t)))


def markdown_text(max_len: int, hostile: bool = False) -> st.SearchStrategy[str]:
    """A few paragraphs of Markdown: Thai prose, lists, emphasis, links (and payloads)."""
    word = thai_text(40) | plain_text(20, LATIN + " ")
    inline = st.one_of(
        word, word.map(lambda w: f"**{w}**"), word.map(lambda w: f"*{w}*"),
        word.map(lambda w: f"[{w}](https://example.org/{len(w)})"),
        *([st.sampled_from(HOSTILE_PIECES)] if hostile else []))
    line = st.lists(inline, min_size=1, max_size=5).map(" ".join)
    block = st.one_of(line, line.map(lambda t: f"- {t}"), line.map(lambda t: f"## {t}"),
                      line.map(lambda t: f"> {t}"))
    return (st.lists(block, min_size=1, max_size=5).map("\n\n".join)
            .map(lambda t: _validated(t, True)[:max_len].strip())
            .filter(lambda t: bool(t) and not any(0xD800 <= ord(c) <= 0xDFFF for c in t)
                    and not find_phone(t)))


# --- places --------------------------------------------------------------------------------------

# The four southern border provinces and a few others; each with its districts (Thai names).
_PROVINCE_CODES = ("94", "95", "96", "90", "10", "50")
PLACES: tuple[tuple[str, str, str, tuple[str, ...]], ...] = tuple(
    (p.code, p.name_th, p.name_en, tuple(d.name_th for d in geothai.districts(p.code)))
    for p in geothai.provinces() if p.code in _PROVINCE_CODES)


@st.composite
def place(draw: st.DrawFn) -> dict[str, Any]:
    code, th, en, districts = draw(st.sampled_from(PLACES))
    province = draw(st.sampled_from([th, en, code, f"จังหวัด{th}"]))
    district = draw(st.none() | st.sampled_from(districts))
    return {"province": province, "district": district, "province_code": code}


def _thai_digits(text: str) -> str:
    return text.translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))


@st.composite
def coordinate(draw: st.DrawFn, low: float, high: float) -> tuple[str, float]:
    """(as written in the file, the number): up to 12 decimals, sometimes in Thai digits."""
    value = draw(st.floats(low, high, allow_nan=False, allow_infinity=False))
    decimals = draw(st.integers(0, 12))
    text = f"{value:.{decimals}f}"
    number = float(text)
    if not low <= number <= high:
        text, number = repr(value), value
    return (_thai_digits(text) if draw(st.booleans()) and draw(st.booleans()) else text), number


# --- profiles and stories ------------------------------------------------------------------------

TODAY = dt.date(2026, 6, 1)  # the site's "today" in the properties (stories up to it are published)


@st.composite
def date_text(draw: st.DrawFn, low: dt.date = dt.date(1990, 1, 1),
              high: dt.date = TODAY) -> tuple[str, dt.date]:
    day = draw(st.dates(low, high))
    style = draw(st.sampled_from(["iso", "be", "thai"]))
    if style == "iso":
        return day.isoformat(), day
    be = f"{day.year + 543}-{day.month:02d}-{day.day:02d}"
    return (be if style == "be" else _thai_digits(be)), day


def _slug(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=1,
                                  max_size=8), min_size=1, max_size=4))
    return "-".join(parts)[:60].strip("-") or "g"


@st.composite
def profile(draw: st.DrawFn, org_id: str | None = None, hostile: bool = False) -> dict[str, Any]:
    """A valid profile: ``raw`` is what the YAML file holds, the other keys what the model
    should end up holding (normalized text, the raw coordinates, the precision)."""
    text = (lambda n: kept_hostile(n) | thai_text(n)) if hostile else (
        lambda n: thai_text(n) | plain_text(n))
    org_id = org_id or _slug(draw)
    where = draw(place())
    lat_text, lat = draw(coordinate(*LAT_RANGE))
    lon_text, lon = draw(coordinate(*LON_RANGE))
    precision = draw(st.none() | st.sampled_from(sorted(GRID)))
    name = {"th": draw(text(150))}
    if draw(st.booleans()):
        name["en"] = draw(text(150))
    summary = {"th": draw(text(300))}
    if draw(st.booleans()):
        summary["en"] = draw(text(300))
    updated_text, updated = draw(date_text())
    raw: dict[str, Any] = {"id": org_id, "name": name, "province": where["province"]}
    if where["district"]:
        raw["district"] = where["district"]
    raw["location"] = {"lat": lat_text, "lon": lon_text}
    if precision:
        raw["location"]["precision"] = precision
    raw["focus"] = draw(st.lists(st.sampled_from(sorted(FOCUS)), min_size=1, max_size=6, unique=True))
    raw["summary"] = summary
    raw["updated"] = updated_text
    if draw(st.booleans()):
        raw["description"] = {"th": draw(markdown_text(2000, hostile).filter(
            lambda t: not _CONTROL.search(t)))}
    if draw(st.booleans()):
        raw["activities"] = draw(st.lists(st.builds(lambda t: {"th": t}, text(200)), min_size=1,
                                          max_size=4))
    if draw(st.booleans()):
        raw["volunteer"] = {"roles": draw(st.lists(st.builds(lambda t: {"th": t}, text(100)),
                                                   min_size=1, max_size=3)),
                            "languages": draw(st.lists(st.sampled_from(sorted(LANGUAGES)),
                                                       min_size=1, max_size=3, unique=True)),
                            "how_to_join": {"th": draw(text(300))}}
    if draw(st.booleans()):
        raw["needs"] = draw(st.lists(st.sampled_from(sorted(NEEDS)), min_size=1, max_size=3,
                                     unique=True))
    if draw(st.booleans()):
        raw["contact"] = {"website": f"https://{_slug(draw)}.example.org/",
                          "email": f"{_slug(draw)}@example.org",
                          "phone": draw(st.sampled_from(["073-312-222", "๐๘๑-๒๓๔-๕๖๗๘", "1669"])),
                          "facebook": f"@{_slug(draw)}"}
    if draw(st.booleans()):
        raw["founded"] = str(draw(st.integers(1900, 2025)))
    if draw(st.booleans()):
        raw["languages"] = draw(st.lists(st.sampled_from(sorted(LANGUAGES)), min_size=1, max_size=3,
                                         unique=True))
    return {"raw": raw, "id": org_id, "name": name, "summary": summary, "lat": lat, "lon": lon,
            "precision": precision or "district", "province_code": where["province_code"],
            "focus": raw["focus"], "updated": updated}


@st.composite
def profiles(draw: st.DrawFn, min_size: int = 1, max_size: int = 8,
             hostile: bool = False) -> list[dict[str, Any]]:
    # An id is ours to put in addresses: one that holds the payloads' marker would look like
    # contributed markup to the checks (the long run drew the id "gmx").
    names = draw(st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=1,
                                  max_size=12).filter(lambda n: MARKER not in n),
                          min_size=min_size, max_size=max_size, unique=True))
    return [draw(profile(org_id=n, hostile=hostile)) for n in names]


@st.composite
def story(draw: st.DrawFn, org_ids: list[str], hostile: bool = False) -> dict[str, Any]:
    """A valid, published story naming some of ``org_ids``."""
    text = kept_hostile if hostile else thai_text
    date_raw, day = draw(date_text(dt.date(2015, 1, 1), TODAY))
    front: dict[str, Any] = {"title": draw(text(200)), "date": date_raw}
    if draw(st.booleans()):
        front["summary"] = draw(text(400))
    named = draw(st.lists(st.sampled_from(org_ids), max_size=3, unique=True)) if org_ids else []
    if named:
        front["orgs"] = named
    if draw(st.booleans()):
        front["tags"] = draw(st.lists(thai_text(50), min_size=1, max_size=3, unique=True))
    if draw(st.booleans()):
        front["author"] = draw(text(100))
    body = draw(markdown_text(3000, hostile))
    return {"front": front, "body": body, "date": day, "orgs": named, "title": front["title"]}


# --- files ---------------------------------------------------------------------------------------


def yaml_text(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def story_text(s: dict[str, Any]) -> str:
    return f"---\n{yaml_text(s['front'])}---\n\n{s['body']}\n"


def write_repo(root: Path, orgs: list[dict[str, Any]], stories: list[dict[str, Any]] = ()) -> Path:  # type: ignore[assignment]
    (root / "orgs").mkdir(parents=True, exist_ok=True)
    (root / "content" / "stories").mkdir(parents=True, exist_ok=True)
    for o in orgs:
        (root / "orgs" / f"{o['id']}.yml").write_text(yaml_text(o["raw"]), encoding="utf-8")
    for i, s in enumerate(stories):
        s["slug"] = f"{s['date'].isoformat()}-s{i}"
        (root / "content" / "stories" / f"{s['slug']}.md").write_text(story_text(s), encoding="utf-8")
    return root


# --- broken input --------------------------------------------------------------------------------

YAML_PIECES: tuple[str, ...] = (
    "\n", "  ", "    ", "- ", ": ", ":", "[", "]", "{", "}", ",", "&a ", "*a", "!!python/object:os.system ",
    "!custom ", "!!binary ", "<<: ", "? ", "|", ">", "|-", "#", "'", '"', "\\", "---\n", "...\n",
    "%YAML 1.1\n", "%TAG ! tag:x:\n", "\t", "\ufeff", "\x00", "\x85", "\u2028", "~", "null", "NO",
    "073000000", "10:30", "2018-07-24", "1e9999", ".inf", "id", "name", "th", "en", "location",
    "lat", "lon", "precision", "focus", "summary", "updated", "contact", "ข้อความ", "๖.๘๖",
    "x" * 60, "[" * 20, "{" * 20, "- " * 15, "a: " * 14,
)

VALID_PROFILE = """\
id: ban-rak-thale
name:
  th: กลุ่มบ้านรักทะเล
  en: Ban Rak Thale Group
province: ปัตตานี
district: ยะหริ่ง
location:
  lat: 6.86
  lon: 101.37
  precision: district
focus:
  - marine
summary:
  th: ชวนเด็กเก็บขยะชายหาด
updated: 2018-07-24
description:
  th: |
    กลุ่มเริ่มจากชาวบ้าน

    - เก็บขยะ
"""


@st.composite
def broken_yaml(draw: st.DrawFn) -> bytes:
    """Bytes of a would-be profile: YAML pieces, a mutated valid profile, or invalid UTF-8."""
    kind = draw(st.sampled_from(["pieces", "mutant", "bytes"]))
    if kind == "pieces":
        text = "".join(draw(st.lists(st.sampled_from(YAML_PIECES) | st.text(max_size=5), max_size=60)))
        return text.encode("utf-8", "surrogatepass")
    if kind == "mutant":
        text = VALID_PROFILE
        for _ in range(draw(st.integers(1, 6))):
            at = draw(st.integers(0, len(text)))
            cut = draw(st.integers(0, 10))
            new = draw(st.sampled_from(YAML_PIECES) | st.text(max_size=4))
            text = text[:at] + new + text[at + cut:]
        return text.encode("utf-8", "surrogatepass")
    return draw(st.binary(max_size=400))
