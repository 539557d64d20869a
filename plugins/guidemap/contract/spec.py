"""A small declarative schema: one description of each field drives validation, value
normalization and the JSON Schema that editors use for completion.

Each spec's ``check`` returns the normalized value, or :data:`INVALID` after reporting a
problem through the context; it never raises, so every problem of every file is collected.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final
from urllib.parse import urlsplit

import geothai

from guidemap.contract import dates, thai
from guidemap.contract.network import Network, wrong_script
from guidemap.contract.problems import Problems, did_you_mean
from guidemap.contract.vocab import Label
from guidemap.contract.yamlsafe import Document, Path

NO_LABEL = Label("", "")


class _Invalid:
    def __repr__(self) -> str:
        return "INVALID"


INVALID: Final = _Invalid()


@dataclass
class Context:
    """Where problems go, the lines of the file being checked, and the network it is checked
    for (its content languages and vocabularies decide what is valid)."""

    path: str
    doc: Document
    problems: Problems
    network: Network

    def error(self, at: Path, en: str, th: str, hint: str = "") -> _Invalid:
        name = ".".join(_shown_key(p) if isinstance(p, str) else f"[{p}]" for p in at).replace(".[", "[")
        self.problems.add(self.path, self.doc.line(at), name, en, th, hint)
        return INVALID


def _shown_key(key: str) -> str:
    """A field name as printed in a report: odd keys (line breaks, escapes) are quoted, so a
    key cannot forge lines of the report."""
    return key if re.fullmatch(r"[A-Za-z0-9_\-]{1,60}", key) else repr(key[:60])


def _type_name(value: Any) -> tuple[str, str]:
    if isinstance(value, dict):
        return "a group of fields", "กลุ่มของช่องข้อมูล"
    if isinstance(value, list):
        return "a list", "รายการ"
    return "text", "ข้อความ"


class Spec:
    description: Label = NO_LABEL

    def check(self, value: Any, at: Path, ctx: Context) -> Any:
        raise NotImplementedError

    def json_schema(self, net: Network) -> dict[str, Any]:
        """The JSON Schema of the field for the site of network ``net``."""
        raise NotImplementedError

    def _described(self, schema: dict[str, Any]) -> dict[str, Any]:
        if self.description.en:
            schema["description"] = f"{self.description.th} / {self.description.en}"
        return schema


# Characters no contributed text may hold, whatever the field or content type: C0 controls
# but tab and newline, DEL and the C1 controls (U+0085 NEL among them), and the bidi embeddings,
# overrides and isolates, which reorder what a reader sees (U+202A-U+202E, U+2066-U+2069).
# The plain marks U+200E/U+200F stay: Thai text quoting Arabic or Malay in Jawi needs them.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


class TextSpec(Spec):
    """A field written as text (every YAML scalar is read as text; the spec gives its type).

    Every text field of every content type (profiles, stories and what comes after) passes
    here first, so the same characters are refused everywhere with the same message, and
    before any normalization: a vertical tab or U+0085 must not slip through a single-line
    field by being read as white space and collapsed into a space."""

    def check(self, value: Any, at: Path, ctx: Context) -> Any:
        if not isinstance(value, str):
            en, th = _type_name(value)
            return ctx.error(at, f"expected text, found {en}", f"ต้องเป็นข้อความ แต่พบ{th}")
        if m := _CONTROL.search(value):
            return ctx.error(at, f"contains an invisible control character (U+{ord(m[0]):04X}); "
                             "retype the text", f"มีอักขระควบคุมที่มองไม่เห็น (U+{ord(m[0]):04X}) กรุณาพิมพ์ใหม่")
        return self.check_text(value, at, ctx)

    def check_text(self, text: str, at: Path, ctx: Context) -> Any:
        raise NotImplementedError


# Python-Markdown's time grows with (number of '[' or '<') x (length): 300 '![' before 59 KB of
# text took 7.9 s here, 20 KB of '![' 44 s. Contributed Markdown gets a budget on that product
# (about a second of work); ordinary prose with a few dozen links uses a small part of it.
MARKDOWN_WORK_BUDGET = 2_000_000


def markdown_too_complex(text: str) -> bool:
    return max(text.count("["), text.count("<")) * len(text) > MARKDOWN_WORK_BUDGET


# Free text is published as written: a phone number there is most likely a person's. A group's
# own number has its field (a profile's contact.phone); four-digit hotlines (1669) are allowed.
PHONE_IN_TEXT = Label(
    "มีเบอร์โทรศัพท์: เบอร์โทรเผยแพร่ได้เฉพาะในช่อง contact.phone ของข้อมูลกลุ่ม ไม่ใส่ในข้อความ "
    "(อาจเป็นเบอร์ของบุคคล) สายด่วน 4 หลัก เช่น 1669 ใส่ได้",
    "contains a phone number: a phone number is published only as a group's own contact "
    "(contact.phone in its profile), never in text, where it may be a person's; a 4-digit "
    "hotline such as 1669 is fine")


@dataclass
class Text(TextSpec):
    """Free text, the one rule set for every content type: refused characters (see
    :class:`TextSpec`), then NFC, outer white space trimmed and, unless ``multiline``, every
    run of white space made one space; then not empty, at most ``max_len`` characters (counted
    after normalization), Markdown that renders in bounded time, and the optional pattern. Text
    without a pattern is free text: no phone number (:func:`~guidemap.contract.thai.find_phone`,
    the reader of the ``phone`` field, so every way of writing one is found)."""

    max_len: int
    multiline: bool = False
    description: Label = NO_LABEL
    pattern: str | None = None
    pattern_hint: Label | None = None

    def check_text(self, text: str, at: Path, ctx: Context) -> Any:
        text = unicodedata.normalize("NFC", text).strip()
        if not self.multiline:
            text = " ".join(text.split())
        if not text:
            return ctx.error(at, "is empty", "ว่างเปล่า")
        if len(text) > self.max_len:
            return ctx.error(at, f"is too long: {len(text)} characters, at most {self.max_len}",
                             f"ยาวเกินไป: {len(text)} ตัวอักษร ไม่เกิน {self.max_len}")
        if self.multiline and markdown_too_complex(text):
            return ctx.error(at, "has too many '[' or '<' characters for its length; "
                             "Markdown would take too long to render it",
                             "มีเครื่องหมาย '[' หรือ '<' มากเกินไปสำหรับ Markdown")
        if self.pattern and not re.fullmatch(self.pattern, text):
            hint = self.pattern_hint or NO_LABEL
            return ctx.error(at, f"has the wrong form: {hint.en}", f"รูปแบบไม่ถูกต้อง: {hint.th}")
        if self.pattern is None and thai.find_phone(text):
            return ctx.error(at, PHONE_IN_TEXT.en, PHONE_IN_TEXT.th, "remove the number / ลบเบอร์โทรออก")
        return text

    def json_schema(self, net: Network) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "string", "minLength": 1, "maxLength": self.max_len}
        if self.pattern:
            schema["pattern"] = f"^(?:{self.pattern})$"
        return self._described(schema)


@dataclass
class Localized(Spec):
    """``{th: ..., en: ...}``; plain text is taken as Thai, the language of the site."""

    text: Text
    require_th: bool = True
    description: Label = NO_LABEL

    def check(self, value: Any, at: Path, ctx: Context) -> Any:
        if isinstance(value, str):
            value = {"th": value}
        if not isinstance(value, dict):
            en, th = _type_name(value)
            return ctx.error(at, f"expected th:/en: text, found {en}",
                             f"ต้องเป็นข้อความ th:/en: แต่พบ{th}")
        result: dict[str, str] = {}
        ok = True
        langs = ctx.network.languages  # the site's content languages (guidemap.yml)
        for key, item in value.items():
            if key not in langs:
                hint = did_you_mean(key, list(langs))
                listed = ", ".join(langs[:-1]) + f" or {langs[-1]}"
                ctx.error((*at, key), f"unknown language {key!r}; use {listed}",
                          f"ไม่รู้จักภาษา {key!r} ใช้ {listed.replace(' or ', ' หรือ ')}",
                          f"{hint}:" if hint else " / ".join(f"{t}:" for t in langs))
                ok = False
            elif item is not None:
                checked = self.text.check(item, (*at, key), ctx)
                if checked is INVALID:
                    ok = False
                elif isinstance(checked, str) and (wrong := wrong_script(key, checked)):
                    ctx.error((*at, key), wrong.en, wrong.th)
                    ok = False
                else:
                    result[key] = checked
        if ok and self.require_th and "th" not in result:
            return ctx.error(at, "the Thai text (th:) is required", "ต้องมีข้อความภาษาไทย (th:)")
        if ok and not result:
            return ctx.error(at, "is empty", "ว่างเปล่า")
        return result if ok else INVALID

    def json_schema(self, net: Network) -> dict[str, Any]:
        inner = self.text.json_schema(net)
        obj: dict[str, Any] = {
            "type": "object",
            "properties": {lang: inner for lang in net.languages},
            "additionalProperties": False,
        }
        if self.require_th:
            obj["required"] = ["th"]
        return self._described({"anyOf": [obj, inner]})


class ProvinceSpec(Text):
    """Province text; resolved against the gazetteer by the loader (with the district)."""

    def json_schema(self, net: Network) -> dict[str, Any]:
        names = sorted({n for p in geothai.provinces() for n in (p.name_th, p.name_en, p.code)})
        # Suggest the canonical names for completion, but accept any text: the validator also
        # reads "จังหวัดปัตตานี", "pattani" or Thai digits, which editors must not flag.
        return self._described({"type": "string", "anyOf": [{"enum": names}, {"minLength": 1}]})


@dataclass
class Choice(TextSpec):
    """One key of a vocabulary: a fixed table (precision, yes/no), or the name of one of the
    network's own (``Choice("focus")``), resolved with the network the value is checked for."""

    vocabulary: Mapping[str, Label] | str
    description: Label = NO_LABEL

    def choices(self, net: Network) -> Mapping[str, Label]:
        v = self.vocabulary
        return net.vocabulary(v) if isinstance(v, str) else v

    def check_text(self, text: str, at: Path, ctx: Context) -> Any:
        keys = self.choices(ctx.network)
        key = text.strip().lower()
        if key in keys:
            return key
        by_label = {lab.th: k for k, lab in keys.items()} | {
            lab.en.lower(): k for k, lab in keys.items()
        }
        if key in by_label:
            return by_label[key]
        allowed = ", ".join(keys)
        guess = did_you_mean(key, list(keys))
        return ctx.error(at, f"{text!r} is not one of the allowed values: {allowed}",
                         f"{text!r} ไม่อยู่ในค่าที่ใช้ได้: {allowed}",
                         f"did you mean / หมายถึง {guess!r}?" if guess else "")

    def json_schema(self, net: Network) -> dict[str, Any]:
        # Keys are what a profile should hold; the validator also reads the labels, and any
        # letter case, so editors must not flag those.
        keys = self.choices(net)
        names = list(keys) + [k.capitalize() for k in keys] + [k.upper() for k in keys]
        names += [lab.th for lab in keys.values()] + [lab.en for lab in keys.values()]
        return self._described({"type": "string", "enum": list(dict.fromkeys(names))})


@dataclass
class ListOf(Spec):
    item: Spec
    max_items: int
    min_items: int = 0
    unique: bool = False
    description: Label = NO_LABEL

    def limit(self, net: Network) -> int:
        """At most ``max_items``; 0 means as many as the choices (a site's own vocabulary)."""
        return self.max_items or (len(self.item.choices(net)) if isinstance(self.item, Choice) else 0)

    def check(self, value: Any, at: Path, ctx: Context) -> Any:
        if isinstance(value, str):  # a single value is a list of one
            value = [value]
        if not isinstance(value, list):
            en, th = _type_name(value)
            return ctx.error(at, f"expected a list (lines starting with '- '), found {en}",
                             f"ต้องเป็นรายการ (บรรทัดขึ้นต้นด้วย '- ') แต่พบ{th}")
        limit = self.limit(ctx.network)
        if len(value) > limit:
            return ctx.error(at, f"has {len(value)} items, at most {limit}",
                             f"มี {len(value)} รายการ ไม่เกิน {limit}")
        if len(value) < self.min_items:
            return ctx.error(at, f"needs at least {self.min_items} item(s)",
                             f"ต้องมีอย่างน้อย {self.min_items} รายการ")
        items = [self.item.check(v, (*at, i), ctx) for i, v in enumerate(value)]
        if any(i is INVALID for i in items):
            return INVALID
        if self.unique:
            seen: list[Any] = []
            for i, v in enumerate(items):
                if v in seen:
                    return ctx.error((*at, i), f"{v!r} is listed twice", f"{v!r} ซ้ำกัน")
                seen.append(v)
        return items

    def json_schema(self, net: Network) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "array", "items": self.item.json_schema(net),
                                  "maxItems": self.limit(net)}
        if self.min_items:
            schema["minItems"] = self.min_items
        if self.unique:
            schema["uniqueItems"] = True
        return self._described(schema)


def _url_error(ctx: Context, at: Path, text: str, schemes: tuple[str, ...]) -> _Invalid:
    allowed = " or ".join(f"{s}://" for s in schemes)
    has_scheme = re.match(r"^[A-Za-z][A-Za-z0-9+.\-]*:", text) is not None
    return ctx.error(at, f"{text!r} is not a full web address; it must start with {allowed}",
                     f"{text!r} ไม่ใช่ที่อยู่เว็บที่สมบูรณ์ ต้องขึ้นต้นด้วย {allowed}",
                     "" if has_scheme else f"e.g. https://{text.lstrip('/')}")


def safe_url(text: str, schemes: tuple[str, ...] = ("https", "http")) -> str | None:
    """The URL if it is absolute, has a host and one of ``schemes``; else None."""
    if any(c.isspace() or ord(c) < 32 for c in text) or "\\" in text:
        return None
    try:
        parts = urlsplit(text)
        _ = parts.port  # raises on a malformed port
    except ValueError:
        return None
    if parts.scheme.lower() not in schemes or not parts.hostname or "." not in parts.hostname:
        return None
    if parts.username or parts.password:
        return None
    return text


@dataclass
class Url(TextSpec):
    max_len: int = 500
    description: Label = NO_LABEL
    https_only: bool = False  # where money changes hands (a fundraising campaign)

    def check_text(self, text: str, at: Path, ctx: Context) -> Any:
        text = text.strip()
        if len(text) > self.max_len:
            return ctx.error(at, f"is too long (at most {self.max_len} characters)",
                             f"ยาวเกินไป (ไม่เกิน {self.max_len} ตัวอักษร)")
        schemes = ("https",) if self.https_only else ("https", "http")
        return safe_url(text, schemes) or _url_error(ctx, at, text, schemes)

    def json_schema(self, net: Network) -> dict[str, Any]:
        pattern = "^[Hh][Tt][Tt][Pp][Ss]://" if self.https_only else "^[Hh][Tt][Tt][Pp][Ss]?://"
        return self._described({"type": "string", "format": "uri", "pattern": pattern,
                                "maxLength": self.max_len})


@dataclass
class Handle(TextSpec):
    """A social account as a full URL on one of ``hosts`` or a bare handle (``@name``)."""

    hosts: tuple[str, ...]
    template: str  # where a bare handle goes, e.g. "https://www.facebook.com/{}"
    description: Label = NO_LABEL

    def check_text(self, text: str, at: Path, ctx: Context) -> Any:
        text = text.strip()
        if "://" in text:
            if not safe_url(text):
                return _url_error(ctx, at, text, ("https", "http"))
            host = (urlsplit(text).hostname or "").lower()
            if not any(host == h or host.endswith("." + h) for h in self.hosts):
                return ctx.error(at, f"this must be an address on {' or '.join(self.hosts)}",
                                 f"ต้องเป็นที่อยู่บน {' หรือ '.join(self.hosts)}")
            return text
        if not re.fullmatch(r"@?[A-Za-z0-9._\-]{1,100}", text):
            return ctx.error(at, f"{text!r} is neither a web address nor an account name",
                             f"{text!r} ไม่ใช่ทั้งที่อยู่เว็บและชื่อบัญชี",
                             f"e.g. {self.template.format('name')}")
        return self.template.format(text.lstrip("@"))

    def json_schema(self, net: Network) -> dict[str, Any]:
        return self._described({"type": "string", "maxLength": 500})


@dataclass
class Email(TextSpec):
    description: Label = NO_LABEL

    def check_text(self, text: str, at: Path, ctx: Context) -> Any:
        text = text.strip().removeprefix("mailto:")
        if len(text) > 254 or not re.fullmatch(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)+",
                                               text):
            return ctx.error(at, f"{text!r} is not an e-mail address", f"{text!r} ไม่ใช่อีเมล",
                             "e.g. contact@example.org")
        return text

    def json_schema(self, net: Network) -> dict[str, Any]:
        return self._described({"type": "string", "format": "email", "maxLength": 254})


@dataclass
class Phone(TextSpec):
    description: Label = NO_LABEL

    def check_text(self, text: str, at: Path, ctx: Context) -> Any:
        try:
            return thai.normalize_phone(text)
        except ValueError as exc:
            return ctx.error(at, f"{text!r}: {exc}",
                             f"{text!r}: เบอร์โทรไม่ถูกต้อง เขียนเช่น 073-312-222 หรือ 081-234-5678")

    def json_schema(self, net: Network) -> dict[str, Any]:
        return self._described({"type": ["string", "integer"]})


def plausible_day(day: dt.date, at: Path, ctx: Context) -> Any:
    """``day``, or a problem when it is too far from the build's date (the one range of every
    date: :mod:`guidemap.contract.dates`)."""
    if found := dates.implausible(day):
        return ctx.error(at, found[0].en, found[0].th, found[1])
    return day


@dataclass
class Date(TextSpec):
    """A day, BE or CE, Thai digits allowed. ``dated``: a day of a dated thing (a call, an
    event, a campaign), held to the plausible range around the build's date."""

    not_after_today: bool = False
    dated: bool = False
    description: Label = NO_LABEL

    def check_text(self, text: str, at: Path, ctx: Context) -> Any:
        try:
            day = thai.parse_date(text)
        except ValueError as exc:
            return ctx.error(at, f"{text!r} is not a date: {exc}",
                             f"{text!r} ไม่ใช่วันที่ เขียนแบบ ปปปป-ดด-วว เช่น 2561-07-24 หรือ 2018-07-24")
        if self.not_after_today and day > dates.build_date() + dt.timedelta(days=1):
            return ctx.error(at, f"{day.isoformat()} is in the future",
                             f"{day.isoformat()} เป็นวันในอนาคต")
        return plausible_day(day, at, ctx) if self.dated else day

    def json_schema(self, net: Network) -> dict[str, Any]:
        return self._described({"type": "string"})


@dataclass
class Year(TextSpec):
    description: Label = NO_LABEL

    def check_text(self, text: str, at: Path, ctx: Context) -> Any:
        try:
            year = thai.parse_year(text)
        except ValueError as exc:
            return ctx.error(at, f"{text!r}: {exc}", f"{text!r}: เขียนปีเป็นตัวเลขสี่หลัก เช่น 2548 หรือ 2005")
        if not 1800 <= year <= dates.build_date().year:
            return ctx.error(at, f"{year} is not a plausible founding year",
                             f"ปี {year} ไม่น่าจะเป็นปีที่ก่อตั้ง")
        return year

    def json_schema(self, net: Network) -> dict[str, Any]:
        return self._described({"type": ["integer", "string"]})


@dataclass
class Baht(TextSpec):
    """A whole amount of baht: ``150000``, ``150,000``, ``๑๕๐,๐๐๐`` or ``150000 บาท``."""

    maximum: int = 100_000_000
    description: Label = NO_LABEL

    def check_text(self, text: str, at: Path, ctx: Context) -> Any:
        value = re.sub(r"(?:บาท|baht|THB|฿)$", "", thai.arabic_digits(text.strip()), flags=re.I).strip()
        if not re.fullmatch(r"[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+", value):
            return ctx.error(at, f"{text!r} is not an amount in baht", f"{text!r} ไม่ใช่จำนวนเงินบาท",
                             "e.g. 150000 or 150,000")
        amount = int(value.replace(",", ""))
        if not 1 <= amount <= self.maximum:
            return ctx.error(at, f"{amount} baht is not a plausible goal (1 to {self.maximum:,})",
                             f"{amount} บาท ไม่น่าจะเป็นเป้าหมายได้ (1 ถึง {self.maximum:,})")
        return amount

    def json_schema(self, net: Network) -> dict[str, Any]:
        return self._described({"type": ["integer", "string"]})


@dataclass
class Number(TextSpec):
    minimum: float
    maximum: float
    description: Label = NO_LABEL

    def check_text(self, text: str, at: Path, ctx: Context) -> Any:
        try:
            number = float(thai.arabic_digits(text.strip()))
        except ValueError:
            return ctx.error(at, f"{text!r} is not a number", f"{text!r} ไม่ใช่ตัวเลข",
                             "e.g. 6.8697")
        if not self.minimum <= number <= self.maximum:
            return ctx.error(at, f"{number} is outside Thailand ({self.minimum} to {self.maximum}); "
                             "are latitude and longitude swapped?",
                             f"{number} อยู่นอกประเทศไทย ({self.minimum} ถึง {self.maximum}) "
                             "สลับละติจูดกับลองจิจูดหรือไม่?")
        return number

    def json_schema(self, net: Network) -> dict[str, Any]:
        return self._described({"type": ["number", "string"]})


@dataclass
class Field:
    spec: Spec
    required: bool = False


@dataclass
class Obj(Spec):
    fields: dict[str, Field]
    description: Label = NO_LABEL
    extra: dict[str, Any] = field(default_factory=dict)

    def check(self, value: Any, at: Path, ctx: Context) -> Any:
        result, ok = self.check_fields(value, at, ctx)
        return result if ok else INVALID

    def check_fields(self, value: Any, at: Path, ctx: Context) -> tuple[dict[str, Any], bool]:
        """The fields that are valid, and whether all were: cross-field checks still run on
        the valid part, so a file's every problem is reported in one pass."""
        if not isinstance(value, dict):
            en, th = _type_name(value)
            ctx.error(at, f"expected a group of fields (name: value), found {en}",
                      f"ต้องเป็นกลุ่มของช่องข้อมูล (ชื่อ: ค่า) แต่พบ{th}")
            return {}, False
        result: dict[str, Any] = {}
        ok = True
        for key, item in value.items():
            if key not in self.fields:
                guess = did_you_mean(key, list(self.fields))
                ctx.error((*at, key), f"unknown field {key!r}", f"ไม่รู้จักช่อง {key!r}",
                          f"did you mean / หมายถึง {guess!r}?" if guess
                          else f"allowed / ที่ใช้ได้: {', '.join(self.fields)}")
                ok = False
                continue
            if item is None:
                continue  # an empty optional field is the same as a missing one
            checked = self.fields[key].spec.check(item, (*at, key), ctx)
            if checked is INVALID:
                ok = False
            else:
                result[key] = checked
        for key, f in self.fields.items():
            if f.required and value.get(key) is None:
                ctx.error((*at, key) if key in value else at, f"required field {key!r} is missing",
                          f"ขาดช่องที่ต้องกรอก {key!r}")
                ok = False
        return result, ok

    def json_schema(self, net: Network) -> dict[str, Any]:
        schema: dict[str, Any] = {
            "type": "object",
            "properties": {k: f.spec.json_schema(net) for k, f in self.fields.items()},
            "additionalProperties": False,
            **self.extra,
        }
        required = [k for k, f in self.fields.items() if f.required]
        if required:
            schema["required"] = required
        return self._described(schema)
