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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from guidemap.contract import vocab
from guidemap.contract.gazetteer import find_province, province_suggestion
from guidemap.contract.problems import Problems
from guidemap.contract.vocab import Label
from guidemap.contract.yamlsafe import Document, read_file, shown_path

FILE_NAME = "guidemap.yml"
_KEY = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
# BCP 47: a language, then an optional script (Arab, Latn, Thai...) and region.
_TAG = re.compile(r"^[a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2})?$")
# Scripts written right to left (the ``dir`` of a passage in one of them).
RTL_SCRIPTS = frozenset({"Arab", "Hebr", "Thaa", "Syrc", "Nkoo", "Adlm", "Rohg"})
# contact: and donate: are read by guidemap.contract.channels, with the profile's own field
# declarations (which sit above this module).
_TOP = ("name", "region", "languages", "focus", "needs", "contact", "donate")
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
    """``rtl`` for a tag whose script is written right to left, else ``ltr``."""
    parts = tag.split("-")
    return "rtl" if len(parts) > 1 and parts[1] in RTL_SCRIPTS else "ltr"


# Letters of the scripts a content language may be written in, by ISO 15924 code.
_SCRIPT_LETTERS: dict[str, str] = {
    "Thai": "\u0e01-\u0e4e",
    "Arab": "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff",
    "Latn": "A-Za-z\u00c0-\u024f\u1e00-\u1eff",
}
_SCRIPTS = {name: re.compile(f"[{chars}]") for name, chars in _SCRIPT_LETTERS.items()}
# A language's usual script when its tag names none (BCP 47 "suppress-script").
_DEFAULT_SCRIPT = {"th": "Thai", "en": "Latn", "ms": "Latn", "id": "Latn", "ar": "Arab"}
_SCRIPT_NAMES = {"Thai": Label("อักษรไทย", "Thai script"),
                 "Arab": Label("อักษรยาวี/อาหรับ", "Jawi/Arabic script"),
                 "Latn": Label("อักษรโรมัน (รูมี)", "Latin (Rumi) script")}


def script_of(tag: str) -> str | None:
    parts = tag.split("-")
    explicit = parts[1] if len(parts) > 1 and len(parts[1]) == 4 else None
    return explicit or _DEFAULT_SCRIPT.get(parts[0])


def wrong_script(tag: str, text: str) -> Label | None:
    """A problem when text under one of the site's added languages is mostly in another script
    than its tag says (Thai text under ``ms-Arab``); Thai and English fields are not checked,
    as they name places and groups in either script."""
    script = script_of(tag)
    if tag in ("th", "en") or script not in _SCRIPTS:
        return None
    counts = {name: len(rx.findall(text)) for name, rx in _SCRIPTS.items()}
    letters = sum(counts.values())
    if not letters or counts[script] * 2 > letters:
        return None
    found = max(counts, key=lambda k: counts[k])
    want, got = _SCRIPT_NAMES[script], _SCRIPT_NAMES[found]
    return Label(f"ข้อความ {tag} ต้องเขียนด้วย{want.th} แต่พบ{got.th}",
                 f"text tagged {tag} must be in {want.en}, found {got.en}")


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
    if region is not None:
        if not isinstance(region, dict):
            r.err(("region",), "expected name:, provinces: and map:", "ต้องมี name:, provinces: และ map:")
        else:
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
        for i, item in enumerate(value):
            text = self.text(item, (*at, i))
            province = find_province(text) if text else None
            if text and province is None:
                guess = province_suggestion(text)
                self.err((*at, i), f"unknown province {text!r}", f"ไม่รู้จักจังหวัด {text!r}",
                         f"did you mean / หมายถึง {guess!r}?" if guess else "e.g. เชียงใหม่, Lampang, 50")
            elif province is not None and province.code not in codes:
                codes.append(province.code)
        return tuple(codes) if len(codes) == len(value) else None

    def map_view(self, value: Any) -> tuple[tuple[float, float] | None, int | None]:
        at: tuple[str | int, ...] = ("region", "map")
        if not isinstance(value, dict) or "center" not in value:
            self.err(at, "expected center: [lat, lon] and zoom:", "ต้องมี center: [ละติจูด, ลองจิจูด] และ zoom:")
            return None, None
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
