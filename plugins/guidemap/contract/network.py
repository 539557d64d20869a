"""The network a site is for: its name, region, content languages and vocabularies.

Read from ``guidemap.yml`` at the site's root (the file ``guidemap init`` writes), without
MkDocs, so that the validator, the JSON Schema, the issue forms and the pages all follow one
file: a network whose work is ``forest`` or ``elderly`` changes this file, never code. With no
file (or a key left out) the defaults are this project's first network's, the southern border
provinces, so an older site builds exactly as before.

The network is passed explicitly, as Pelican passes its settings: :func:`load` returns it, the
loader puts it on the validation context and on its result, and the outputs read it from the
site's :class:`~guidemap.outputs.site.types.SiteInfo`. A field whose values come from one of its
vocabularies names it (``Choice("focus")``) and is resolved with :meth:`Network.vocabulary`.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from guidemap.contract import vocab
from guidemap.contract.gazetteer import find_province, province_suggestion
from guidemap.contract.problems import Problems, did_you_mean
from guidemap.contract.vocab import Label
from guidemap.contract.yamlsafe import Document, read_file, shown_path

FILE_NAME = "guidemap.yml"
_KEY = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
# BCP 47: a language, then an optional script (Arab, Latn, Thai...) and region.
_TAG = re.compile(r"^[a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2})?$")
SCRIPTS_PATH = Path(__file__).parent / "data" / "iso15924.tsv"


@dataclass(frozen=True)
class Script:
    """An ISO 15924 script: its English name, direction, and the starts of its letters'
    Unicode names (``LATIN``, ``CJK UNIFIED IDEOGRAPH``...; none: text cannot be checked)."""

    code: str
    name: str
    rtl: bool
    letters: tuple[str, ...]


@lru_cache(maxsize=1)
def scripts() -> dict[str, Script]:
    """Every ISO 15924 code (``contract/data/iso15924.tsv``), by code."""
    found = {}
    for line in SCRIPTS_PATH.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            code, name, way, letters = line.split("\t")
            found[code] = Script(code, name, way == "rtl", tuple(x for x in letters.split("|") if x))
    return found


# Names people give a script that are not its ISO 15924 code (Jawi is Malay in Arabic script).
_SCRIPT_ALIASES = {"jawi": "Arab", "arabic": "Arab", "rumi": "Latn", "latin": "Latn", "roman": "Latn",
                   "thai": "Thai", "yawi": "Arab", "pegon": "Arab"}
# contact:, donate: and the newsletter's channels (newsletter.line, newsletter.email_signup) are
# read by guidemap.contract.channels, with the profile's own field declarations (which sit above
# this module); newsletter.period here.
_TOP = ("name", "region", "languages", "focus", "needs", "contact", "donate", "newsletter")
# The newsletter's period (one numbered edition each): its name in guidemap.yml → months.
EDITION_PERIODS = {"monthly": 1, "bimonthly": 2, "quarterly": 3}
# newsletter: its period, the network's LINE official account and the e-mail service's sign-up address.
NEWSLETTER_KEYS = ("period", "line", "email_signup")
_REGION = ("name", "provinces", "map")
# The vocabularies a site defines in its network file (a field names one: Choice("focus")).
VOCABULARIES = ("focus", "needs")

# Today's colours of the map's pins, by focus key (guidemap-map.css has the same rules).
DEFAULT_COLOURS: dict[str, str] = {
    "peace": "#1e88e5", "healing": "#8e24aa", "children-youth": "#fb8c00", "women": "#d81b60",
    "education": "#3949ab", "environment": "#43a047", "marine": "#00acc1", "rescue": "#e53935",
    "orphans": "#f4b400", "livelihoods": "#6d4c41", "health": "#00897b", "culture": "#c0ca33",
    "media": "#5e35b1", "community": "#546e7a",
}
# A pin colour for a key the site gives none (cycled): dark enough for the white outline.
_PALETTE = ("#1e88e5", "#8e24aa", "#fb8c00", "#d81b60", "#3949ab", "#43a047", "#00acc1",
            "#e53935", "#6d4c41", "#00897b", "#5e35b1", "#546e7a")


_FIRST_NAME = Label("เครือข่ายอาสาสมัครชายแดนใต้", "Southern border volunteer network")
_FIRST_REGION = Label("จังหวัดชายแดนภาคใต้", "the southern border provinces")


@dataclass(frozen=True)
class Network:
    name: Label = _FIRST_NAME
    region: Label = _FIRST_REGION
    provinces: tuple[str, ...] = ("94", "95", "96", "90")  # gazetteer codes
    center: tuple[float, float] = (6.6, 101.2)
    zoom: int = 8
    languages: tuple[str, ...] = ("th", "en")  # content languages; Thai first and required
    focus: dict[str, Label] = field(default_factory=lambda: dict(vocab.DEFAULT_FOCUS))
    needs: dict[str, Label] = field(default_factory=lambda: dict(vocab.DEFAULT_NEEDS))
    colours: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_COLOURS))
    # The network's own channels (the keys and rules of a profile's contact, in that order)
    # and its joint fund (https): a visitor reaches a group without one of its own through them.
    contact: tuple[tuple[str, str], ...] = ()
    donate: str | None = None
    # Months in one newsletter edition (newsletter.period: monthly, bimonthly or quarterly).
    edition_months: int = 1
    # Where people follow the newsletter (newsletter: in guidemap.yml): the LINE official
    # account's link and the address an e-mail service takes sign-ups at (https).
    newsletter_line: str | None = None
    email_signup: str | None = None

    def vocabulary(self, name: str) -> dict[str, Label]:
        """One of the network's own vocabularies by name (see :data:`VOCABULARIES`)."""
        if name == "focus":
            return self.focus
        if name == "needs":
            return self.needs
        raise KeyError(f"no vocabulary named {name!r}; the network has {', '.join(VOCABULARIES)}")

    def colour(self, key: str) -> str:
        found = self.colours.get(key) or DEFAULT_COLOURS.get(key)
        return found or _PALETTE[list(self.focus).index(key) % len(_PALETTE)]

    def extra_pin_css(self) -> str:
        """Pin colours guidemap-map.css does not already have (a network's own keys)."""
        return "".join(f".gm-pin--{k}{{background:{self.colour(k)}}}" for k in self.focus
                       if DEFAULT_COLOURS.get(k) != self.colour(k))


DEFAULT = Network()


def direction(tag: str) -> str:
    """``rtl`` for a tag whose script (named, or the language's usual one) is written right to
    left, else ``ltr``."""
    script = scripts().get(script_of(tag) or "")
    return "rtl" if script and script.rtl else "ltr"


# A language's usual script when its tag names none (BCP 47 "suppress-script").
_DEFAULT_SCRIPT = {"th": "Thai", "en": "Latn", "ms": "Latn", "id": "Latn", "ar": "Arab", "fa": "Arab",
                   "ur": "Arab", "ps": "Arab", "he": "Hebr", "yi": "Hebr", "dv": "Thaa", "my": "Mymr",
                   "km": "Khmr", "lo": "Laoo", "zh": "Hani", "ja": "Jpan", "ko": "Kore", "hi": "Deva",
                   "bn": "Beng", "ta": "Taml", "ru": "Cyrl", "el": "Grek", "vi": "Latn", "tl": "Latn",
                   "fr": "Latn", "de": "Latn", "es": "Latn", "nl": "Latn", "jv": "Latn", "su": "Latn"}
_SCRIPT_NAMES = {"Thai": Label("อักษรไทย", "Thai script"),
                 "Arab": Label("อักษรยาวี/อาหรับ", "Jawi/Arabic script"),
                 "Latn": Label("อักษรโรมัน (รูมี)", "Latin (Rumi) script")}
_BY_LETTERS = {"THAI": "Thai", "ARABIC": "Arab", "LATIN": "Latn"}


def script_of(tag: str) -> str | None:
    parts = tag.split("-")
    explicit = parts[1] if len(parts) > 1 and len(parts[1]) == 4 else None
    return explicit or _DEFAULT_SCRIPT.get(parts[0])


def _script_name(code: str) -> Label:
    script = scripts().get(code)
    name = script.name if script else code
    return _SCRIPT_NAMES.get(code) or Label(f"อักษร {name}", f"{name} script")


@lru_cache(maxsize=4096)
def _letter_name(char: str) -> str:
    return unicodedata.name(char, "")


def _is_of(char: str, starts: tuple[str, ...]) -> bool:
    name = _letter_name(char)
    return any(name.startswith(start) and name[len(start):len(start) + 1] in (" ", "-") for start in starts)


def wrong_script(tag: str, text: str) -> Label | None:
    """A problem when text under one of the site's added languages is mostly in another script
    than its tag says (Thai text under ``ms-Arab``); Thai and English fields are not checked,
    as they name places and groups in either script."""
    code = script_of(tag)
    script = scripts().get(code or "")
    if tag in ("th", "en") or code is None or script is None or not script.letters:
        return None
    letters = [c for c in text if unicodedata.category(c).startswith("L")]
    own = sum(1 for c in letters if _is_of(c, script.letters))
    if not letters or own * 2 > len(letters):
        return None
    others = Counter(_letter_name(c).split(" ")[0] for c in letters if not _is_of(c, script.letters))
    word = others.most_common(1)[0][0]
    want = _script_name(code)
    got = _script_name(_BY_LETTERS[word]) if word in _BY_LETTERS else Label(
        f"อักษร {word.title()}", f"{word.title()} script")
    return Label(f"ข้อความ {tag} ต้องเขียนด้วย{want.th} แต่พบ{got.th}",
                 f"text tagged {tag} must be in {want.en}, found {got.en}")


def tag_problem(tag: str) -> tuple[str, str, str] | None:
    """Why a well-formed language tag cannot be a content language's (en, th, hint): its script
    must be a real ISO 15924 code, with letters to check the text against."""
    parts = tag.split("-")
    code = parts[1] if len(parts) > 1 and len(parts[1]) == 4 else None
    if code is None:
        return None
    script = scripts().get(code)
    if script is None:
        guess = _SCRIPT_ALIASES.get(code.lower()) or did_you_mean(code, scripts())
        better = "-".join([parts[0], guess, *parts[2:]]) if guess else ""
        return (f"{code!r} in {tag!r} is not an ISO 15924 script code",
                f"{code!r} ใน {tag!r} ไม่ใช่รหัสอักษรตาม ISO 15924",
                f"did you mean / หมายถึง {better}?" if better else "e.g. ms-Arab (Jawi), ms-Latn (Rumi)")
    if not script.letters:
        return (f"{tag!r}: the script {code} ({script.name}) has no letters to write a content language in",
                f"{tag!r}: อักษร {code} ไม่มีตัวอักษรสำหรับเขียนเนื้อหา", "e.g. ms-Arab (Jawi), ms-Latn (Rumi)")
    return None


def locate(root: Path, name: str | None = None) -> Path:
    return root / (name or FILE_NAME)


def load(root: Path, name: str | None = None, problems: Problems | None = None) -> Network:
    """The site's network (the defaults when it has no file); problems are added to ``problems``
    (or raised as ValueError with the report when none is given)."""
    path = locate(root, name)
    own = problems if problems is not None else Problems()
    if not path.is_file():
        if name is not None:
            own.add(str(path.name), 0, "", "network file not found", "ไม่พบไฟล์ตั้งค่าเครือข่าย",
                    f"create it with `guidemap init` or remove the option ({FILE_NAME})")
        network = DEFAULT
    else:
        network = _read(path, shown_path(path, root), own)
    if problems is None and own:
        raise ValueError(own.report())
    return network


def _read(path: Path, shown: str, problems: Problems) -> Network:
    doc = read_file(path, shown, problems)
    if doc is None:
        return DEFAULT
    data = doc.data if doc.data is not None else {}
    r = _Reader(shown, doc, problems)
    if not isinstance(data, dict):
        r.err((), "expected keys such as name:, region:, focus:", "ต้องเป็นรายการคีย์ เช่น name:, region:, focus:")
        return DEFAULT
    for key in data:
        if key not in _TOP:
            r.err((key,), f"unknown key {key!r}; allowed: {', '.join(_TOP)}",
                  f"ไม่รู้จักคีย์ {key!r} ใช้ได้: {', '.join(_TOP)}")
    kw: dict[str, Any] = {}
    if "name" in data:
        kw["name"] = r.label(data["name"], ("name",))
    region = data.get("region")
    if "region" in data:
        if not isinstance(region, dict):
            r.err(("region",), "expected name:, provinces: and map:", "ต้องมี name:, provinces: และ map:")
        else:
            r.known(region, ("region",), _REGION)
            if "name" in region:
                kw["region"] = r.label(region["name"], ("region", "name"))
            if "provinces" in region:
                kw["provinces"] = r.provinces(region["provinces"])
            if "map" in region:
                kw["center"], kw["zoom"] = r.map_view(region["map"])
    if "languages" in data:
        kw["languages"] = r.languages(data["languages"])
    colours: dict[str, str] = {}
    for key in ("focus", "needs"):
        if key in data:
            kw[key] = r.vocabulary(data[key], key, colours if key == "focus" else None)
    if "focus" in data:
        kw["colours"] = colours
    if "newsletter" in data:
        kw["edition_months"] = r.newsletter(data["newsletter"])
    kw = {k: v for k, v in kw.items() if v is not None}
    return Network(**kw)


@dataclass
class _Reader:
    shown: str
    doc: Document
    problems: Problems

    def err(self, at: tuple[str | int, ...], en: str, th: str, hint: str = "") -> None:
        name = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in at).lstrip(".")
        self.problems.add(self.shown, self.doc.line(at), name, en, th, hint)

    def known(self, value: dict[str, Any], at: tuple[str | int, ...], keys: tuple[str, ...]) -> None:
        """Every key of ``value`` is one of ``keys``: a misspelt key is an error, never ignored."""
        for key in value:
            if key not in keys:
                guess = did_you_mean(str(key), keys)
                self.err((*at, key), f"unknown key {key!r}; allowed: {', '.join(keys)}",
                         f"ไม่รู้จักคีย์ {key!r} ใช้ได้: {', '.join(keys)}",
                         f"did you mean / หมายถึง {guess!r}?" if guess else "")

    def text(self, value: Any, at: tuple[str | int, ...]) -> str | None:
        if isinstance(value, str) and value.strip():
            return value.strip()
        self.err(at, "expected text", "ต้องเป็นข้อความ")
        return None

    def label(self, value: Any, at: tuple[str | int, ...]) -> Label | None:
        if not isinstance(value, dict) or set(value) - {"th", "en", "colour"}:
            self.err(at, "expected th: and en: (and colour: for a focus)",
                     "ต้องมี th: และ en: (และ colour: สำหรับประเด็น)")
            return None
        if "th" not in value:
            self.err(at, "the Thai label th: is required", "ต้องมีชื่อภาษาไทย th:")
            return None
        th = self.text(value["th"], (*at, "th"))
        en = self.text(value["en"], (*at, "en")) if "en" in value else th
        return Label(th, en) if th and en else None

    def provinces(self, value: Any) -> tuple[str, ...] | None:
        at: tuple[str | int, ...] = ("region", "provinces")
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not value:
            self.err(at, "expected a list of provinces", "ต้องเป็นรายชื่อจังหวัด")
            return None
        codes: list[str] = []
        first: dict[str, int] = {}  # a province's code: the item that listed it first
        for i, item in enumerate(value):
            text = self.text(item, (*at, i))
            province = find_province(text) if text else None
            if text and province is None:
                guess = province_suggestion(text)
                self.err((*at, i), f"unknown province {text!r}", f"ไม่รู้จักจังหวัด {text!r}",
                         f"did you mean / หมายถึง {guess!r}?" if guess else "e.g. เชียงใหม่, Lampang, 50")
            elif province is not None and province.code in first:
                line = self.doc.line((*at, first[province.code]))
                self.err((*at, i), f"{text!r} is {province.name_en} ({province.name_th}), already listed "
                         f"on line {line}", f"{text!r} คือจังหวัด{province.name_th} ซึ่งมีแล้วในบรรทัดที่ {line}",
                         "list each province once / ใส่แต่ละจังหวัดครั้งเดียว")
            elif province is not None:
                first[province.code] = i
                codes.append(province.code)
        return tuple(codes) if len(codes) == len(value) else None

    def map_view(self, value: Any) -> tuple[tuple[float, float] | None, int | None]:
        at: tuple[str | int, ...] = ("region", "map")
        if not isinstance(value, dict) or "center" not in value:
            self.err(at, "expected center: [lat, lon] and zoom:", "ต้องมี center: [ละติจูด, ลองจิจูด] และ zoom:")
            return None, None
        self.known(value, at, ("center", "zoom"))
        center: tuple[float, float] | None = None
        try:
            lat, lon = (float(x) for x in value["center"])
        except (TypeError, ValueError):
            self.err((*at, "center"), "expected [lat, lon] in degrees", "ต้องเป็น [ละติจูด, ลองจิจูด]",
                     "e.g. [18.8, 98.98]")
        else:
            if 5 <= lat <= 21 and 97 <= lon <= 106:
                center = (lat, lon)
            else:
                self.err((*at, "center"), f"[{lat}, {lon}] is not in Thailand (latitude first)",
                         f"[{lat}, {lon}] ไม่อยู่ในประเทศไทย (ละติจูดก่อน)")
        zoom: int | None = 8
        raw = value.get("zoom", "8")
        if not (isinstance(raw, str) and raw.isdigit() and 6 <= int(raw) <= 15):
            self.err((*at, "zoom"), "expected a whole number from 6 to 15", "ต้องเป็นเลข 6 ถึง 15")
            zoom = None
        else:
            zoom = int(raw)
        return (center, zoom) if center and zoom else (None, None)

    def newsletter(self, value: Any) -> int | None:
        if not isinstance(value, dict):
            self.err(("newsletter",), "expected period:, line: or email_signup:",
                     "ต้องมี period:, line: หรือ email_signup:")
            return None
        self.known(value, ("newsletter",), NEWSLETTER_KEYS)
        period = value.get("period", "monthly")
        if period not in EDITION_PERIODS:
            choices = ", ".join(EDITION_PERIODS)
            self.err(("newsletter", "period"), f"unknown period {period!r}; allowed: {choices}",
                     f"ไม่รู้จักรอบ {period!r} ใช้ได้: {choices}")
            return None
        return EDITION_PERIODS[period]

    def languages(self, value: Any) -> tuple[str, ...] | None:
        at: tuple[str | int, ...] = ("languages",)
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.err(at, "expected a list of language tags", "ต้องเป็นรายการรหัสภาษา")
            return None
        tags = [t for i, v in enumerate(value) if (t := self.text(v, (*at, i)))]
        bad = [t for t in tags if not _TAG.match(t)]
        for t in bad:
            self.err((*at, tags.index(t)), f"{t!r} is not a BCP 47 tag",
                     f"{t!r} ไม่ใช่รหัสภาษาแบบ BCP 47", "e.g. th, en, ms, ms-Arab")
        for t in tags:
            if t not in bad and (problem := tag_problem(t)):
                self.err((*at, tags.index(t)), *problem)
                bad.append(t)
        if "th" not in tags:
            self.err(at, "Thai (th) is required", "ต้องมีภาษาไทย (th)")
            return None
        if bad or len(set(tags)) != len(tags):
            if not bad:
                self.err(at, "a language is listed twice", "มีภาษาซ้ำ")
            return None
        return ("th", *[t for t in tags if t != "th"])

    def vocabulary(self, value: Any, key: str, colours: dict[str, str] | None) -> dict[str, Label] | None:
        if not isinstance(value, dict) or not value:
            self.err((key,), "expected keys, each with th: and en:", "ต้องเป็นรหัส แต่ละรหัสมี th: และ en:")
            return None
        out: dict[str, Label] = {}
        for k, spec in value.items():
            at = (key, k)
            if not _KEY.match(k):
                self.err(at, f"{k!r} is not a key in lowercase-with-hyphens",
                         f"{k!r} ไม่ใช่รหัสตัวพิมพ์เล็กคั่นด้วยขีด", f"e.g. {k.lower().replace('_', '-')!r}")
                continue
            label = self.label(spec, at)
            if label is None:
                continue
            out[k] = label
            colour = spec.get("colour")
            if colour is not None:
                if colours is None:
                    self.err((*at, "colour"), "only a focus has a colour", "มีสีได้เฉพาะประเด็น")
                elif not (isinstance(colour, str) and _COLOUR.match(colour)):
                    self.err((*at, "colour"), f"{colour!r} is not a colour such as #1e88e5",
                             f"{colour!r} ไม่ใช่รหัสสี เช่น #1e88e5")
                else:
                    colours[k] = colour.lower()
        return out if len(out) == len(value) else None
