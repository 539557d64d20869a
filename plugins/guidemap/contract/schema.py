"""The data contract as specs: a profile (``orgs/<id>.yml``, derived from the field
declarations in :mod:`guidemap.contract.model`) and a story's front matter. Validation,
normalization and the editors' JSON Schema all come from here.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from guidemap.contract.model import (
    ID_HINT,
    ID_PATTERN,
    NAME,
    PROFILE_FIELDS,
    SHORT,
    ProfileField,
    Requires,
    children,
    top_level,
)
from guidemap.contract.spec import (
    Choice,
    Date,
    Field,
    ListOf,
    Obj,
    ProvinceSpec,
    Spec,
    Text,
)
from guidemap.contract.vocab import Label

__all__ = [
    "ID_HINT",
    "ID_PATTERN",
    "LESSON",
    "MAX_STORY_BYTES",
    "NAME",
    "ORG",
    "SCHEMA_PATH",
    "SHORT",
    "STORY",
    "ProvinceSpec",
    "org_json_schema",
    "schema_json",
]


def _spec(f: ProfileField) -> Spec:
    if f.spec is not None:
        return f.spec
    return Obj({c.name: Field(_spec(c), c.required) for c in children(f)}, description=f.label)


def _dependent_required(fields: tuple[ProfileField, ...]) -> dict[str, Any]:
    """Requires rules as JSON Schema's dependentRequired, which editors check as you type."""
    found = {f.name: [r.other for r in f.rules if isinstance(r, Requires)] for f in fields}
    found = {k: v for k, v in found.items() if v}
    return {"dependentRequired": found} if found else {}


# Every field of a profile, derived from the declarations in contract/model.py.
ORG = Obj({f.name: Field(_spec(f), f.required) for f in top_level()},
          description=Label("ข้อมูลกลุ่มอาสาสมัคร", "Profile of a volunteer group"),
          extra=_dependent_required(top_level()))
assert len(PROFILE_FIELDS) == len({f.path for f in PROFILE_FIELDS}), "a field is declared twice"

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


def schema_json() -> str:
    """The profile's JSON Schema as written to org.schema.json (for the site's vocabularies)."""
    return json.dumps(org_json_schema(), ensure_ascii=False, indent=2, sort_keys=False) + "\n"
