"""The contract of dated entries: a call for volunteers (``calls/<id>.yml``) and a network event
(``events/<id>.yml``), one file each, so a group adds one without touching anything else.

Each field is declared once (:data:`CALL_FIELDS`, :data:`EVENT_FIELDS`) with the machinery
profiles use (:class:`~guidemap.contract.model.fields.FieldDecl`): its spec, its labels, its
documentation and how it fills the model; the validator (:data:`CALL`, :data:`EVENT`), the JSON
Schemas, the loader and the contributors' field tables come from the declarations. Text goes
through :class:`~guidemap.contract.spec.Text`, dates through :mod:`guidemap.contract.thai`
(Buddhist Era years and Thai digits accepted), and times are Thai time (Asia/Bangkok).

There is deliberately no field for a contact: the contact of a call or an event is its
group's, so no person's name or phone number needs to be written here.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from guidemap.contract import thai
from guidemap.contract.location import LAT_RANGE, LON_RANGE
from guidemap.contract.model.fields import (
    Declarations,
    Doc,
    Exports,
    FieldDecl,
    Flag,
    FormElement,
    PublicVenue,
)
from guidemap.contract.model.profile import ID_HINT, ID_PATTERN
from guidemap.contract.model.types import MAX_OCCURRENCES, Moved, Repeat, When
from guidemap.contract.network import Network
from guidemap.contract.spec import (
    INVALID,
    NO_LABEL,
    Choice,
    Context,
    Date,
    Field,
    ListOf,
    Localized,
    Number,
    Obj,
    Spec,
    Text,
    TextSpec,
    Url,
    plausible_day,
)
from guidemap.contract.vocab import LANGUAGES, Label
from guidemap.contract.yamlsafe import Path

CALLS_DIR = "calls"
EVENTS_DIR = "events"

YES_NO: dict[str, Label] = {"yes": Label("ใช่", "yes"), "no": Label("ไม่ใช่", "no")}
REMOTE: dict[str, Label] = {
    "no": Label("ต้องมาที่พื้นที่", "on site"),
    "yes": Label("ทำจากที่ไหนก็ได้", "remote"),
    "partly": Label("บางส่วนทำจากที่อื่นได้", "partly remote"),
}
EVENT_KINDS: dict[str, Label] = {
    "meeting": Label("ประชุมเครือข่าย", "Network meeting"),
    "training": Label("อบรม", "Training"),
    "open-day": Label("วันเปิดบ้าน", "Open day"),
    "activity": Label("กิจกรรมอาสา", "Volunteer activity"),
    "other": Label("อื่น ๆ", "Other"),
}
ATTENDANCE: dict[str, Label] = {
    "offline": Label("พบกันที่สถานที่จริง", "in person"),
    "online": Label("ออนไลน์", "online"),
    "mixed": Label("ทั้งที่สถานที่และออนไลน์", "in person and online"),
}
REPEAT_UNITS: dict[str, Label] = {
    "weeks": Label("สัปดาห์", "weeks"),
    "months": Label("เดือน", "months"),
}
STATUS: dict[str, Label] = {
    "scheduled": Label("ตามกำหนด", "scheduled"),
    "cancelled": Label("ยกเลิก", "cancelled"),
}

# "2569-01-10 09:00", "๑๐/๑/๒๕๖๙ ๙.๓๐ น.", "2026-01-10T09:00": a date, then maybe a time.
_TIME_AT_END = re.compile(r"^(?P<day>.+?)(?:[T ]\s*(?P<h>\d{1,2})[:.](?P<m>\d{2})(?:\s*น\.?)?)?$")


@dataclass
class WhenSpec(TextSpec):
    """A day (``2569-01-10``) or a day and a time (``2569-01-10 09:00``), Thai time."""

    description: Label = NO_LABEL

    def check_text(self, text: str, at: Path, ctx: Context) -> Any:
        value = " ".join(thai.arabic_digits(text).split())
        m = _TIME_AT_END.match(value)
        try:
            if m is None:
                raise ValueError("write the date as YYYY-MM-DD, e.g. 2561-07-24 or 2018-07-24")
            day = thai.parse_date(m["day"])
            if plausible_day(day, at, ctx) is INVALID:
                return INVALID
            if m["h"] is None:
                return When(day)
            hour, minute = int(m["h"]), int(m["m"])
            if hour > 23 or minute > 59:
                raise ValueError(f"{hour:02d}:{minute:02d} is not a time of day")
            return When(day, dt.time(hour, minute))
        except ValueError as exc:
            return ctx.error(at, f"{text!r} is not a date and time: {exc}",
                             f"{text!r} ไม่ใช่วันที่และเวลา เขียนแบบ ปปปป-ดด-วว หรือ ปปปป-ดด-วว ชช:นน "
                             "เช่น 2569-01-10 09:00 (เวลาประเทศไทย)", "e.g. 2569-01-10 09:00")

    def json_schema(self, net: Network) -> dict[str, Any]:
        return self._described({"type": "string"})


@dataclass
class Age(TextSpec):
    """A minimum age in years."""

    description: Label = NO_LABEL

    def check_text(self, text: str, at: Path, ctx: Context) -> Any:
        value = thai.arabic_digits(text.strip())
        if not re.fullmatch(r"\d{1,2}", value):
            return ctx.error(at, f"{text!r} is not an age in years", f"{text!r} ไม่ใช่อายุเป็นปี",
                             "e.g. 18")
        return int(value)

    def json_schema(self, net: Network) -> dict[str, Any]:
        return self._described({"type": ["integer", "string"]})


@dataclass
class Whole(TextSpec):
    """A whole number from ``minimum`` to ``maximum`` (Thai digits allowed)."""

    minimum: int
    maximum: int
    description: Label = NO_LABEL

    def check_text(self, text: str, at: Path, ctx: Context) -> Any:
        value = thai.arabic_digits(text.strip())
        if not re.fullmatch(r"\d{1,4}", value) or not self.minimum <= int(value) <= self.maximum:
            return ctx.error(at, f"{text!r} is not a whole number from {self.minimum} to {self.maximum}",
                             f"{text!r} ไม่ใช่จำนวนเต็มตั้งแต่ {self.minimum} ถึง {self.maximum}",
                             f"e.g. {self.minimum + 1}")
        return int(value)

    def json_schema(self, net: Network) -> dict[str, Any]:
        return self._described({"type": ["integer", "string"]})


def _f(path: str, label: Label, spec: Spec | None, example: str | Label, rule: Label,
       required: bool = False, **more: Any) -> FieldDecl:
    ex = example if isinstance(example, Label) else Label(f"`{example}`", f"`{example}`")
    return FieldDecl(path, label, spec, required, doc=Doc(ex, rule), **more)


def _keys(vocab: dict[str, Label]) -> Label:
    return Label(" ".join(f"`{k}` {v.th}" for k, v in vocab.items()),
                 ", ".join(f"`{k}` {v.en}" for k, v in vocab.items()))


_ID = Text(60, pattern=ID_PATTERN, pattern_hint=ID_HINT)
_JSON = Exports(json=True)  # in the open data beside the fields every entry has (see outputs/opendata)
_WHEN_RULE = Label("วันที่ หรือวันที่และเวลา (เวลาประเทศไทย) พ.ศ. หรือ ค.ศ. เลขไทยได้ เช่น `2569-01-10 09:00`",
                   "a date, or a date and time (Thai time), BE or CE, Thai digits allowed, "
                   "e.g. `2569-01-10 09:00`")


# The issue forms' hints shared by several elements.
WHEN_HINT = Label("พ.ศ. หรือ ค.ศ. วันที่ หรือวันที่และเวลา (เวลาประเทศไทย) เช่น 2569-01-10 09:00",
                  "BE or CE; a date, or a date and time (Thai time), e.g. 2569-01-10 09:00")
NO_PERSON = Label("ห้ามใส่ชื่อหรือเบอร์โทรของบุคคล ช่องทางติดต่อคือของกลุ่ม",
                  "No person's name or phone number: the contact is the group's.")


def _common(what: Label, in_form: Label, description: FormElement) -> tuple[FieldDecl, ...]:
    """The fields calls and events share; ``in_form``: what the issue form calls the entry."""
    return (
        _f("title", Label(f"ชื่อ{what.th}", f"Title of the {what.en}"),
           Localized(Text(150)), Label("`th: อาสาเก็บขยะชายหาด`", "`en: Beach clean-up volunteers`"),
           Label("ภาษาละไม่เกิน 150 ตัวอักษร ต้องมี `th:`", "at most 150 characters each; `th:` required"),
           required=True, form=(
               FormElement("title-th",
                           Label(f"ชื่อ{in_form.th} (ภาษาไทย)", f"Title of the {in_form.en} in Thai"),
                           "input", True, "th", Label("ไม่เกิน 150 ตัวอักษร", "At most 150 characters."),
                           after="orgs"),
               FormElement("title-en", Label("ชื่อภาษาอังกฤษ (ถ้ามี)", "Title in English (if any)"), "input",
                           part="en", after="title-th"))),
        _f("orgs", Label("รหัสกลุ่มที่จัด (กลุ่มแรกคือผู้จัดหลัก)", "Ids of the organising groups (first: the host)"),
           ListOf(_ID, max_items=10, min_items=1, unique=True), "[beach-for-life]",
           Label("รหัสกลุ่มใน `orgs/` 1 ถึง 10 รหัส ติดต่อ ตำแหน่ง และความละเอียดของตำแหน่งใช้ของกลุ่มแรก",
                 "1 to 10 ids of profiles in `orgs/`; the first group's contacts, position and "
                 "precision are used"), required=True, form=(
               FormElement("orgs", Label("รหัสกลุ่มที่จัด (คั่นด้วยจุลภาค กลุ่มแรกคือผู้จัดหลัก)",
                                         "Ids of the organising groups (comma-separated, host first)"),
                           "input", True, description=Label("รหัสในทำเนียบกลุ่ม เช่น beach-for-life",
                                                            "Ids from the directory, e.g. beach-for-life."),
                           placeholder="beach-for-life"),)),
        _f("updated", Label("วันที่แก้ไขข้อมูลล่าสุด", "Date last updated"), Date(dated=True), "2569-01-02",
           Label("วันที่ พ.ศ. หรือ ค.ศ. ใช้เป็นเวลาประทับในไฟล์ปฏิทิน", "a date, BE or CE; the calendar "
                 "files' timestamp"), required=True),
        _f("description", Label(f"รายละเอียด{what.th}", f"What the {what.en} is about"),
           Localized(Text(2000, multiline=True), require_th=False),
           Label("`th: เก็บขยะและคัดแยก`", "`en: Collect and sort litter`"),
           Label("ไม่เกิน 2000 ตัวอักษร (Markdown) ห้ามใส่ชื่อหรือเบอร์โทรของบุคคล",
                 "at most 2000 characters (Markdown); no person's name or phone number"),
           form=(description,)),
        _f("end", Label("วันสิ้นสุด", "End"), WhenSpec(), "2569-01-12 16:00",
           Label("เหมือน `start` ต้องไม่ก่อน `start`", "as `start`, not before it"),
           form=(FormElement("end", Label("วันสิ้นสุด", "End"), "input", description=WHEN_HINT),)),
        _f("venue", Label("สถานที่สาธารณะ", "Public venue"), None,
           Label("ดูด้านล่าง", "see below"),
           Label("ใส่เฉพาะสถานที่สาธารณะ เช่น หอประชุมโรงเรียน มัสยิด ศูนย์ชุมชน ถ้าไม่ใส่ แสดงตำแหน่งตามความละเอียดของกลุ่ม",
                 "only a public place (a school hall, a mosque, a community centre); without it the "
                 "group's own precision is used"), rules=(PublicVenue(),)),
        _f("venue.name", Label("ชื่อสถานที่", "Name of the place"), Localized(Text(150)),
           Label("`th: ศูนย์ชุมชนบ้านแหลม`", "`en: Ban Laem community centre`"),
           Label("ไม่เกิน 150 ตัวอักษร", "at most 150 characters"), required=True, form=(
               FormElement("venue-name", Label("ชื่อสถานที่สาธารณะ (ถ้ามี)", "Public venue (if any)"), "input",
                           part="th", description=Label(
                               "เฉพาะสถานที่สาธารณะ เช่น หอประชุมโรงเรียน มัสยิด ศูนย์ชุมชน ถ้าไม่ใส่ "
                               "เว็บไซต์แสดงพื้นที่ตามที่กลุ่มอนุญาต",
                               "Only a public place (school hall, mosque, community centre); without it the "
                               "site shows the group's area as its profile allows.")),)),
        _f("venue.public", Label("เป็นสถานที่สาธารณะ", "The place is public"), Choice(YES_NO), "yes",
           Label("`yes` เท่านั้นที่เผยแพร่ชื่อและพิกัด `no` ไม่เผยแพร่", "only `yes` publishes the name and "
                 "position; `no` keeps them private"), required=True, form=(
               FormElement("venue-public", Label("สถานที่นี้เป็นที่สาธารณะ เผยแพร่ได้", "The venue is public"),
                           "dropdown"),)),
        _f("venue.province", Label("จังหวัดของสถานที่", "Province of the place"), Text(60), "ยะลา",
           Label("ชื่อไทย อังกฤษ หรือรหัสจังหวัด", "Thai or English name, or code"), form=(
               FormElement("venue-province", Label("จังหวัดของสถานที่", "Province of the venue"), "input",
                           placeholder="ยะลา"),)),
        _f("venue.lat", Label("ละติจูดของสถานที่", "Latitude of the place"), Number(*LAT_RANGE), "6.54",
           Label("ทศนิยม 5.5 ถึง 20.6 ต้องใส่คู่กับ `lon`", "decimal, 5.5 to 20.6, with `lon`")),
        _f("venue.lon", Label("ลองจิจูดของสถานที่", "Longitude of the place"), Number(*LON_RANGE), "101.28",
           Label("ทศนิยม 97.3 ถึง 105.7 ต้องใส่คู่กับ `lat`", "decimal, 97.3 to 105.7, with `lat`")),
        _f("url", Label("ลิงก์รายละเอียดหรือใบสมัคร", "Link to details or a sign-up form"), Url(),
           "https://example.org/join", Label("ขึ้นต้นด้วย `https://` หรือ `http://`",
                                             "must start with `https://` or `http://`"), form=(
               FormElement("url", Label("ลิงก์รายละเอียดหรือใบสมัคร", "Link to details or a sign-up form"),
                           "input", placeholder="https://"),)),
    )


def _order(fields: tuple[FieldDecl, ...], order: tuple[str, ...]) -> tuple[FieldDecl, ...]:
    by_path = {f.path: f for f in fields}
    assert set(by_path) == set(order), set(by_path) ^ set(order)
    return tuple(by_path[p] for p in order)


_CALL = Label("งานอาสา", "call")
CALL_FIELDS: tuple[FieldDecl, ...] = _order((
    *_common(_CALL, Label("ประกาศ", "call"), FormElement(
        "description", Label("งานที่อาสาสมัครจะทำ", "What volunteers will do"), "textarea", part="th",
        description=NO_PERSON)),
    _f("start", Label("วันเริ่ม (ไม่ใส่: รับตลอด)", "Start (none: ongoing)"), WhenSpec(), "2569-01-10 09:00",
       _WHEN_RULE, form=(FormElement("start", Label("วันเริ่ม (ไม่ใส่: รับตลอด)", "Start (empty: ongoing)"),
                                     "input", description=WHEN_HINT, placeholder="2569-01-10 09:00"),)),
    _f("apply_by", Label("สมัครได้ถึงวันที่", "Apply by"), Date(dated=True), "2569-01-05",
       Label("วันที่ พ.ศ. หรือ ค.ศ. ไม่หลัง `end` เลยวันนี้แล้วประกาศจะออกจากรายการ",
             "a date, BE or CE, not after `end`; the call leaves the list after it"),
       exports=_JSON, form=(FormElement("apply-by", Label("สมัครได้ถึงวันที่", "Apply by"), "input",
                                        placeholder="2569-01-05"),)),
    _f("skills", Label("ทักษะหรือภาษาที่ช่วยได้", "Skills that help"),
       ListOf(Localized(Text(100), require_th=False), max_items=20),
       Label("`- th: ว่ายน้ำเป็น`", "`- en: Can swim`"),
       Label("ไม่เกิน 20 รายการ รายการละไม่เกิน 100 ตัวอักษร", "at most 20 items of at most 100 characters"),
       exports=_JSON, form=(FormElement("skills", Label("ทักษะที่ช่วยได้ (บรรทัดละหนึ่ง)",
                                                        "Skills that help (one per line)"), "textarea"),)),
    _f("languages", Label("ภาษาที่อาสาสมัครควรใช้ได้", "Languages volunteers should speak"),
       ListOf(Choice(LANGUAGES), max_items=9, unique=True), "[th, ms]", _keys(LANGUAGES),
       exports=_JSON, form=(FormElement("languages", Label(
           "ภาษาที่อาสาสมัครควรใช้ได้", "Languages volunteers should speak"), "checkboxes"),)),
    _f("min_age", Label("อายุขั้นต่ำ (ปี)", "Minimum age (years)"), Age(), "18",
       Label("ตัวเลข 0 ถึง 99 เลขไทยได้", "a number, 0 to 99; Thai digits allowed"),
       exports=_JSON, form=(FormElement("min-age", Label("อายุขั้นต่ำ (ปี)", "Minimum age (years)"), "input",
                                        placeholder="18"),)),
    _f("remote", Label("ทำจากที่อื่นได้หรือไม่", "Can it be done remotely"), Choice(REMOTE), "no",
       _keys(REMOTE), exports=_JSON, form=(
           FormElement("remote", Label("ทำจากที่อื่นได้หรือไม่", "Can it be done remotely"), "dropdown", True,
                       default=0),)),
    _f("preparation", Label("การเตรียมตัวที่กลุ่มจัดให้ (ปฐมนิเทศ อบรม)",
                            "Preparation the group gives (orientation, training)"),
       Localized(Text(500, multiline=True), require_th=False),
       Label("`th: ปฐมนิเทศครึ่งวันก่อนเริ่ม`", "`en: Half-day orientation`"),
       Label("ไม่เกิน 500 ตัวอักษร", "at most 500 characters"), exports=_JSON, form=(
           FormElement("preparation", Label("การเตรียมตัวที่กลุ่มจัดให้ (ปฐมนิเทศ อบรม)",
                                            "Preparation the group gives (orientation, training)"),
                       "textarea", part="th"),)),
    _f("background_check", Label("ต้องตรวจประวัติหรือไม่", "Background check required"),
       Choice(YES_NO), "yes", _keys(YES_NO), model=Flag(), exports=_JSON, form=(
           FormElement("background-check", Label("ต้องตรวจประวัติหรือไม่", "Background check required"),
                       "dropdown"),)),
    _f("safeguarding", Label("กติกาคุ้มครองเด็กที่ใช้", "Child-safeguarding rule that applies"),
       Localized(Text(500, multiline=True), require_th=False),
       Label("`th: ไม่อยู่กับเด็กตามลำพัง ไม่ถ่ายภาพเด็กโดยไม่ได้รับอนุญาต`",
             "`en: Never alone with a child`"),
       Label("ไม่เกิน 500 ตัวอักษร ควรใส่เมื่อทำงานกับเด็กหรือเด็กกำพร้า",
             "at most 500 characters; give it when the work is with children or orphans"),
       exports=_JSON, form=(FormElement("safeguarding", Label(
           "กติกาคุ้มครองเด็กที่ใช้ (ถ้าทำงานกับเด็ก)", "Child-safeguarding rule (when working with children)"),
           "textarea", part="th"),)),
    _f("insured", Label("อาสาสมัครมีประกันหรือไม่", "Volunteers are insured"), Choice(YES_NO), "no",
       _keys(YES_NO), model=Flag(), exports=_JSON, form=(
           FormElement("insured", Label("อาสาสมัครมีประกันหรือไม่", "Volunteers are insured"), "dropdown"),)),
    _f("how_to_join", Label("วิธีสมัคร", "How to join"), Localized(Text(1000, multiline=True), require_th=False),
       Label("`th: ส่งข้อความถึงเพจของกลุ่ม`", "`en: Message our page`"),
       Label("ไม่เกิน 1000 ตัวอักษร ไม่ใส่: ใช้วิธีสมัครในข้อมูลกลุ่ม",
             "at most 1000 characters; without it, the group profile's own"), exports=_JSON, form=(
           FormElement("how-to-join", Label("วิธีสมัคร (ไม่ใส่: ใช้ของข้อมูลกลุ่ม)",
                                            "How to join (empty: the group's)"),
                       "textarea", part="th", description=NO_PERSON),)),
), ("title", "orgs", "description", "start", "end", "apply_by", "skills", "languages", "min_age",
    "remote", "preparation", "background_check", "safeguarding", "insured", "how_to_join", "venue",
    "venue.name", "venue.public", "venue.province", "venue.lat", "venue.lon", "url", "updated"))

# A repeating event (a meeting every six months): RRULE, EXDATE and RECURRENCE-ID in the
# calendar files; every date the rule gives is checked by the loader (load/dated.py).
_MOVED_HINT = Label("บรรทัดละหนึ่งวัน: วันเดิม > วันใหม่ เช่น 2570-01-24 > 2570-01-31 09:00",
                    "One a line: the date > the new date, e.g. 2570-01-24 > 2570-01-31 09:00")
_REPEAT: tuple[FieldDecl, ...] = (
    _f("repeat", Label("จัดซ้ำ", "Repeats"), None, Label("ดูด้านล่าง", "see below"),
       Label("กิจกรรมที่จัดซ้ำทุกกี่สัปดาห์หรือกี่เดือน นับจาก `start` ต้องมี `unit` และ `until` หรือ `count` "
             f"อย่างใดอย่างหนึ่ง ไม่เกิน {MAX_OCCURRENCES} ครั้ง",
             "an event held again every so many weeks or months from `start`: `unit`, and `until` "
             f"or `count` (one of them); at most {MAX_OCCURRENCES} dates"),
       model=Repeat, exports=_JSON),
    _f("repeat.unit", Label("จัดซ้ำเป็นสัปดาห์หรือเดือน", "Repeats in weeks or months"), Choice(REPEAT_UNITS),
       "months", Label(f"{_keys(REPEAT_UNITS).th} รายเดือนที่เริ่มวันที่ 29 ถึง 31 ข้ามเดือนที่ไม่มีวันนั้น "
                       "(เหมือนปฏิทินทุกโปรแกรม)",
                       f"{_keys(REPEAT_UNITS).en}; a monthly rule from the 29th to 31st skips the months "
                       "without that day (as every calendar program does)"), required=True, form=(
           FormElement("repeat-unit", Label("จัดซ้ำทุก ... (ถ้าจัดซ้ำ)", "Repeats every ... (if it repeats)"),
                       "dropdown",
                       description=Label("ไม่จัดซ้ำ: ไม่ต้องเลือก", "Leave empty if it does not repeat.")),)),
    _f("repeat.every", Label("ทุกกี่สัปดาห์หรือกี่เดือน", "Every how many weeks or months"), Whole(1, 52),
       "6", Label("ตัวเลข 1 ถึง 52 ไม่ใส่: ทุกสัปดาห์หรือทุกเดือน", "1 to 52; without it, every week or month"),
       form=(FormElement("repeat-every", Label("ทุกกี่สัปดาห์หรือกี่เดือน", "Every how many weeks or months"),
                         "input", placeholder="6"),)),
    _f("repeat.until", Label("จัดซ้ำถึงวันที่", "Repeats until"), Date(), "2571-07-24",
       Label("วันที่ พ.ศ. หรือ ค.ศ. (รวมวันนั้น) ไม่ใส่คู่กับ `count`", "a date, BE or CE (included); not with `count`"),
       form=(FormElement("repeat-until", Label("จัดซ้ำถึงวันที่ (หรือใส่จำนวนครั้ง)",
                                               "Repeats until (or give the number of times)"),
                         "input", placeholder="2571-07-24"),)),
    _f("repeat.count", Label("จำนวนครั้งทั้งหมด", "Number of times in all"), Whole(2, MAX_OCCURRENCES), "4",
       Label(f"ตัวเลข 2 ถึง {MAX_OCCURRENCES} นับครั้งแรกด้วย ไม่ใส่คู่กับ `until`",
             f"2 to {MAX_OCCURRENCES}, the first date included; not with `until`"),
       form=(FormElement("repeat-count", Label("จำนวนครั้งทั้งหมด", "Number of times in all"), "input",
                         placeholder="4"),)),
    _f("repeat.cancelled", Label("วันที่งดจัด", "Dates cancelled"),
       ListOf(Date(), max_items=MAX_OCCURRENCES, unique=True), "[2570-01-24]",
       Label("วันที่ตามกำหนดที่งดจัดเฉพาะครั้งนั้น ปฏิทินของผู้ติดตามจะลบวันนั้นออก",
             "dates the rule gives on which this time only it is not held; subscribed calendars drop them"),
       form=(FormElement("repeat-cancelled", Label("วันที่งดจัด (บรรทัดละหนึ่งวัน)", "Dates cancelled (one a line)"),
                         "textarea", placeholder="2570-01-24"),)),
    _f("repeat.moved", Label("วันที่เลื่อน", "Dates moved"),
       ListOf(Obj({"date": Field(Date(), True), "to": Field(WhenSpec(), True)}), max_items=20),
       Label("`- {date: 2570-01-24, to: 2570-01-31 09:00}`", "`- {date: 2570-01-24, to: 2570-01-31 09:00}`"),
       Label("ไม่เกิน 20 รายการ `date` วันตามกำหนด `to` วันและเวลาใหม่ (ไม่ใส่เวลา: เวลาเดิม)",
             "at most 20, each `date` (a date the rule gives) and `to` (the new day, and time: without "
             "it, the usual time)"), model=Moved, form=(
           FormElement("repeat-moved", Label("วันที่เลื่อน", "Dates moved"), "textarea",
                       description=_MOVED_HINT),)),
)

_EVENT = Label("กิจกรรม", "event")
EVENT_FIELDS: tuple[FieldDecl, ...] = _order((
    *_common(_EVENT, Label("กิจกรรม", "event"), FormElement(
        "description", Label("รายละเอียดกิจกรรม", "What the event is about"), "textarea", part="th",
        description=NO_PERSON, after="end")),
    _f("start", Label("วันเริ่ม", "Start"), WhenSpec(), "2569-01-10 09:00", _WHEN_RULE, required=True,
       form=(FormElement("start", Label("วันเริ่ม", "Start"), "input", True, description=WHEN_HINT,
                         placeholder="2569-07-24 09:00"),)),
    _f("kind", Label("ประเภทกิจกรรม", "Kind of event"), Choice(EVENT_KINDS), "meeting", _keys(EVENT_KINDS),
       required=True, exports=_JSON, form=(
           FormElement("kind", Label("ประเภทกิจกรรม", "Kind of event"), "dropdown", True, default=0,
                       after="title-en"),)),
    _f("attendance", Label("เข้าร่วมแบบใด", "How people attend"), Choice(ATTENDANCE), "offline",
       _keys(ATTENDANCE), exports=_JSON, form=(
           FormElement("attendance", Label("เข้าร่วมแบบใด", "How people attend"), "dropdown", True,
                       default=0),)),
    _f("online_url", Label("ลิงก์เข้าร่วมออนไลน์", "Link to join online"), Url(), "https://meet.example.org/x",
       Label("ขึ้นต้นด้วย `https://` หรือ `http://`", "must start with `https://` or `http://`"),
       exports=_JSON, form=(
           FormElement("online-url", Label("ลิงก์เข้าร่วมออนไลน์", "Link to join online"), "input"),)),
    *_REPEAT,
    _f("status", Label("สถานะ", "Status"), Choice(STATUS), "scheduled",
       Label("`scheduled` ตามกำหนด (ค่าเริ่มต้น) `cancelled` ยกเลิก (ยังแสดงและแจ้งในปฏิทินว่ายกเลิก)",
             "`scheduled` (default) or `cancelled` (still shown, and cancelled in calendars)"),
       model=Flag("cancelled", "cancelled"), form=(
           FormElement("status", Label("สถานะ", "Status"), "dropdown"),)),
), ("title", "kind", "orgs", "description", "start", "end", *(f.path for f in _REPEAT), "attendance",
    "online_url", "status",
    "venue", "venue.name", "venue.public", "venue.province", "venue.lat", "venue.lon", "url", "updated"))


CALLS = Declarations(CALL_FIELDS, Label("ประกาศรับอาสาสมัคร", "Call for volunteers"))
EVENTS = Declarations(EVENT_FIELDS, Label("กิจกรรมของเครือข่าย", "Network event"))
CALL = CALLS.spec
EVENT = EVENTS.spec
