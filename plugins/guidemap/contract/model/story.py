"""The declaration of a story's front matter (``content/stories/*.md``): :data:`STORY`, with the
lessons-learned record it may carry (:data:`LESSON`).
"""

from __future__ import annotations

from guidemap.contract.model.profile import ID_HINT, ID_PATTERN
from guidemap.contract.spec import Choice, Date, Field, ListOf, Obj, Text
from guidemap.contract.vocab import Label

MAX_STORY_BYTES = 60_000  # Python-Markdown is quadratic on some inputs: bound the work

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
