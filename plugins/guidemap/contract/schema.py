"""The data contract: every field of a profile (``orgs/<id>.yml``) and of a story's front
matter, declared once. Validation, normalization and the editors' JSON Schema all come from
here; CONTRIBUTING.md documents the same fields for people.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import geothai

from guidemap.contract.location import LAT_RANGE, LON_RANGE
from guidemap.contract.spec import (
    Choice,
    Date,
    Email,
    Field,
    Handle,
    ListOf,
    Localized,
    Number,
    Obj,
    Phone,
    Text,
    Url,
    Year,
)
from guidemap.contract.vocab import FOCUS, LANGUAGES, NEEDS, PRECISION, Label

ID_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"
ID_HINT = Label("ตัวอักษรอังกฤษพิมพ์เล็ก ตัวเลข และขีดกลาง เช่น beach-for-life",
                "lowercase letters, digits and hyphens, e.g. beach-for-life")

NAME = Text(150)
SHORT = Text(200)


class ProvinceSpec(Text):
    """Province text; resolved against the gazetteer by the loader (with the district)."""

    def json_schema(self) -> dict[str, Any]:
        names = sorted({n for p in geothai.provinces() for n in (p.name_th, p.name_en, p.code)})
        # Suggest the canonical names for completion, but accept any text: the validator also
        # reads "จังหวัดปัตตานี", "pattani" or Thai digits, which editors must not flag.
        return self._described({"type": "string", "anyOf": [{"enum": names}, {"minLength": 1}]})


ORG = Obj(
    {
        "id": Field(Text(60, pattern=ID_PATTERN, pattern_hint=ID_HINT,
                         description=Label("รหัสกลุ่ม ต้องตรงกับชื่อไฟล์", "id, equal to the file name")),
                    required=True),
        "name": Field(Localized(NAME, description=Label("ชื่อกลุ่ม", "Name of the group")),
                      required=True),
        "province": Field(ProvinceSpec(60, description=Label(
            "จังหวัด (ชื่อไทย ชื่ออังกฤษ หรือรหัสจังหวัด)", "Province (Thai, English or code)")),
            required=True),
        "district": Field(Text(60, description=Label("อำเภอ", "District"))),
        "location": Field(Obj({
            "lat": Field(Number(*LAT_RANGE, description=Label("ละติจูด", "Latitude")), required=True),
            "lon": Field(Number(*LON_RANGE, description=Label("ลองจิจูด", "Longitude")), required=True),
            "precision": Field(Choice(PRECISION, description=Label(
                "ความละเอียดสูงสุดของตำแหน่งที่ยอมให้เผยแพร่ (ค่าเริ่มต้น district)",
                "Most precise position the group allows to publish (default district)"))),
        }, description=Label("ตำแหน่งบนแผนที่", "Position on the map")), required=True),
        "focus": Field(ListOf(Choice(FOCUS), max_items=6, min_items=1, unique=True,
                              description=Label("ประเด็นที่ทำงาน", "Focus areas")), required=True),
        "summary": Field(Localized(Text(300), description=Label(
            "สรุปงานของกลุ่มในหนึ่งถึงสองประโยค", "One or two sentences on the group's work")),
            required=True),
        "updated": Field(Date(not_after_today=True, description=Label(
            "วันที่ตรวจข้อมูลล่าสุด", "Date the profile was last checked")), required=True),
        "description": Field(Localized(Text(6000, multiline=True), require_th=False,
                                       description=Label("รายละเอียด (Markdown)", "Description (Markdown)"))),
        "activities": Field(ListOf(Localized(SHORT, require_th=False), max_items=30,
                                   description=Label("กิจกรรม", "Activities"))),
        "volunteer": Field(Obj({
            "roles": Field(ListOf(Localized(SHORT, require_th=False), max_items=20)),
            "skills": Field(ListOf(Localized(Text(100), require_th=False), max_items=30)),
            "languages": Field(ListOf(Choice(LANGUAGES), max_items=9, unique=True)),
            "how_to_join": Field(Localized(Text(1000, multiline=True), require_th=False)),
        }, description=Label("การรับอาสาสมัคร", "Volunteering with the group"))),
        "needs": Field(ListOf(Choice(NEEDS), max_items=len(NEEDS), unique=True,
                              description=Label("สิ่งที่กลุ่มต้องการ", "What the group needs"))),
        "contact": Field(Obj({
            "website": Field(Url()),
            "facebook": Field(Handle(("facebook.com", "fb.com", "fb.me"),
                                     "https://www.facebook.com/{}")),
            "line": Field(Handle(("line.me", "lin.ee", "page.line.me"), "https://line.me/R/ti/p/@{}")),
            "email": Field(Email()),
            "phone": Field(Phone()),
            "instagram": Field(Handle(("instagram.com",), "https://www.instagram.com/{}")),
            "youtube": Field(Handle(("youtube.com", "youtu.be"), "https://www.youtube.com/@{}")),
            "tiktok": Field(Handle(("tiktok.com",), "https://www.tiktok.com/@{}")),
        }, description=Label("ช่องทางติดต่อของกลุ่ม (ไม่ใช่ของบุคคล)",
                             "The group's contacts (not a person's)"))),
        "donate": Field(Url(description=Label("ลิงก์รับบริจาค", "Donation link"))),
        "founded": Field(Year(description=Label("ปีที่ก่อตั้ง (พ.ศ. หรือ ค.ศ.)", "Year founded (BE or CE)"))),
        "logo": Field(Text(200, pattern=r"[A-Za-z0-9_\-]+(/[A-Za-z0-9_\-]+)*"
                           r"\.(png|jpg|jpeg|webp|svg|PNG|JPG|JPEG|WEBP|SVG)",
                           pattern_hint=Label("ไฟล์รูปในโฟลเดอร์ orgs/ เช่น logos/beach-for-life.png",
                                              "an image file under orgs/, e.g. logos/beach-for-life.png"),
                           description=Label("ไฟล์โลโก้", "Logo file"))),
        "logo_alt": Field(Text(300, description=Label(
            "คำบรรยายโลโก้สำหรับผู้ที่มองไม่เห็นรูป (ต้องมีเมื่อใส่ logo)",
            "Text describing the logo for people who cannot see it (required with logo)"))),
        "languages": Field(ListOf(Choice(LANGUAGES), max_items=9, unique=True,
                                  description=Label("ภาษาที่ใช้ทำงาน", "Working languages"))),
    },
    description=Label("ข้อมูลกลุ่มอาสาสมัคร", "Profile of a volunteer group"),
)

LESSON = Obj(
    {
        "problem": Field(Text(500, multiline=True, description=Label(
            "เป็นการแก้ปัญหาเกี่ยวกับ", "The problem the work set out to solve"))),
        "place": Field(Text(200, description=Label(
            "สถานที่เกิดเหตุการณ์ (ระดับที่ปลอดภัย)", "Where it happened (at a safe level of detail)"))),
        "story": Field(Text(6000, multiline=True, description=Label(
            "เนื้อเรื่อง (Markdown)", "What happened (Markdown)"))),
        "knowledge": Field(ListOf(Text(300), max_items=10, description=Label(
            "ขุมความรู้ (Knowledge Assets)", "Knowledge assets"))),
        "competency": Field(ListOf(Text(300), max_items=10, description=Label(
            "แก่นความรู้ (Core Competency)", "Core competency"))),
        "strategies": Field(ListOf(Text(300), max_items=10, description=Label(
            "กลยุทธ์ในการทำงาน", "Working strategies"))),
    },
    description=Label("บันทึกองค์ความรู้ (ถอดบทเรียน)", "Lessons-learned record"),
)

STORY = Obj(
    {
        "title": Field(Text(200, description=Label("หัวข้อเรื่อง", "Title")), required=True),
        "date": Field(Date(description=Label("วันที่เผยแพร่", "Publication date")), required=True),
        "summary": Field(Text(400, description=Label("สรุปสั้น", "Short summary"))),
        "orgs": Field(ListOf(Text(60, pattern=ID_PATTERN, pattern_hint=ID_HINT), max_items=30,
                             unique=True, description=Label("รหัสกลุ่มที่เกี่ยวข้อง", "Ids of the groups named"))),
        "tags": Field(ListOf(Text(50), max_items=15, unique=True, description=Label("แท็ก", "Tags"))),
        "image": Field(Text(300, description=Label("รูปประกอบ", "Image"))),
        "image_alt": Field(Text(300, description=Label(
            "คำบรรยายรูปสำหรับผู้ที่มองไม่เห็นรูป (ต้องมีเมื่อใส่ image)",
            "Text describing the image for people who cannot see it (required with image)"))),
        "author": Field(Text(100, description=Label("ผู้เขียน (ชื่อกลุ่มหรือนามปากกา)",
                                                    "Author (a group or pen name)"))),
        "draft": Field(Choice({"true": Label("ร่าง", "draft"), "false": Label("เผยแพร่", "published")},
                              description=Label("ร่าง: ยังไม่เผยแพร่", "Draft: not yet published"))),
        "lesson": Field(LESSON),
    },
    description=Label("ข้อมูลหน้าของเรื่องเล่า", "Front matter of a story"),
)

# The JSON Schema editors use (``guidemap schema --write`` makes it from ORG; a test checks it).
SCHEMA_PATH = Path(__file__).parent / "data" / "org.schema.json"

MAX_STORY_BYTES = 60_000  # Python-Markdown is quadratic on some inputs: bound the work


def org_json_schema() -> dict[str, Any]:
    schema = ORG.json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": "https://guidemap.invalid/schema/org.schema.json",
            "title": "Volunteer group profile / ข้อมูลกลุ่มอาสาสมัคร", **schema}
