"""The words of an approval, Thai first with English beside: the branch, the pull request's title
and description, the commit message, and the comments on the issue.

Contributed text (names, titles, the validator's messages quoting an answer) lands in Markdown
that GitHub renders and acts on, so every such string goes through :func:`safe`: one line, no
markup, no HTML, and no ``@name`` that would notify someone, no ``#12`` that would link an issue,
no bare address GitHub would turn into a link.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from guidemap.contract.vocab import Label
from guidemap.tools.approve.convert import Written
from guidemap.tools.approve.summary import Row
from guidemap.tools.forms.writing import for_terminal
from guidemap.tools.job_summary import md

BRANCH = "guidemap/issue-{number}"
MAX_TITLE = 200
_ZWSP = "\u200b"
# What GitHub acts on in rendered text: a mention, an issue reference, a bare address.
_ACTIVE = re.compile(r"(?<=@)(?=\w)|(?<=#)(?=\d)|(?<=:)(?=//)|(?<=www)(?=\\?\.)", re.IGNORECASE)

# What the pull request does, for a new file and for a replaced one.
WHAT: dict[str, tuple[Label, Label]] = {
    "profile": (Label("เพิ่มข้อมูลกลุ่ม", "Add a profile"), Label("แก้ไขข้อมูลกลุ่ม", "Update a profile")),
    "story": (Label("เพิ่มเรื่องเล่า (ฉบับร่าง)", "Add a story (draft)"),) * 2,
    "call": (Label("เพิ่มประกาศรับอาสา", "Add a call for volunteers"),
             Label("แก้ไขประกาศรับอาสา", "Update a call for volunteers")),
    "event": (Label("เพิ่มกิจกรรม", "Add an event"), Label("แก้ไขกิจกรรม", "Update an event")),
}


def safe(text: object) -> str:
    """Contributed text as inert Markdown (see the module's docstring)."""
    return _ACTIVE.sub(_ZWSP, md(for_terminal(str(text))))


def branch(number: int) -> str:
    """One branch per issue: approving again rebuilds it, and its pull request is updated."""
    return BRANCH.format(number=number)


def _what(written: Written) -> Label:
    return WHAT[written.kind][written.update]


def pr_title(written: Written, rows: Sequence[Row], number: int) -> str:
    """``<Thai> / <English>: <name> (<id>)``: plain text, one line (GitHub does not render it)."""
    what = _what(written)
    name = _ACTIVE.sub(_ZWSP, " ".join(for_terminal(rows[0][1]).split())) if len(rows) > 1 else ""
    head = f"{what.th} / {what.en}: "
    tail = f" ({written.id}, #{number})"
    room = MAX_TITLE - len(head) - len(tail)
    name = name if len(name) <= room else name[: max(room - 1, 0)] + "…"
    return f"{head}{name}{tail}" if name else f"{head}{written.id} (#{number})"


def commit_message(written: Written, number: int) -> str:
    what = _what(written)
    return f"{what.en}: {written.paths[0]} (issue #{number}) / {what.th}\n"


def _notes(written: Written) -> list[str]:
    notes = []
    if written.update:
        notes.append("⚠️ **แก้ไขไฟล์ที่มีอยู่แล้ว / Replaces an existing file.** ดูความต่างในแท็บ Files changed "
                     "ว่าเป็นรายการเดียวกัน และผู้แจ้งมีสิทธิ์แก้ / Check in Files changed that it is the same "
                     "entry, and that whoever filed the issue may change it.")
    if written.dropped:
        fields = ", ".join(safe(f) for f in written.dropped)
        notes.append(f"⚠️ **ช่องที่จะหายไป / Fields removed:** {fields}. ไฟล์เดิมมีช่องเหล่านี้ แต่คำตอบ"
                     "ในแบบฟอร์มไม่มี ถ้าต้องเก็บไว้ ให้เพิ่มกลับใน pull request นี้ก่อนรวม / The old file has them and "
                     "the form's answers have not: add them back in this pull request if they should stay.")
    if written.kind == "story":
        notes.append("📝 เรื่องเล่าเป็นฉบับร่าง (`draft: true`) จะยังไม่ขึ้นเว็บ อ่านแล้วลบบรรทัดนั้นเพื่อเผยแพร่ / "
                     "The story is a draft (`draft: true`): read it, then delete that line to publish it.")
    return notes


def pr_body(written: Written, rows: Sequence[Row], number: int) -> str:
    what = _what(written)
    lines = [f"{what.th} จาก issue #{number} ที่ทีมงานอนุมัติแล้ว / {what.en} from issue #{number}, "
             "approved by a maintainer.", "",
             "| ข้อมูล / Field | ค่า / Value |", "| --- | --- |",
             *(f"| {safe(name)} | {safe(value)} |" for name, value in rows), ""]
    for note in _notes(written):
        lines += [note, ""]
    lines += [
        "**ก่อนรวม / Before merging**", "",
        "- การตรวจอัตโนมัติ (ตรวจข้อมูลและสร้างเว็บแบบ strict) ต้องผ่าน ถ้ายังไม่เริ่ม ให้ปิดแล้วเปิด pull request "
        "นี้ใหม่ / The checks (validation and the strict build) must pass; if they have not started, close "
        "and reopen this pull request.",
        "- แก้ข้อความใน issue แล้วติดป้ายอนุมัติอีกครั้ง จะสร้าง branch นี้ใหม่ / Editing the issue and "
        "approving it again rebuilds this branch.", "",
        f"Closes #{number}", ""]
    return "\n".join(lines)


def opened_comment(written: Written) -> str:
    """The answer on the issue; the workflow adds the pull request's address on the last line."""
    what = _what(written)
    return (f"✅ ทีมงานอนุมัติแล้ว เปิด pull request ({what.th}) ให้แล้ว ข้อมูลจะขึ้นเว็บเมื่อรวม pull request นี้\n"
            f"Approved: a pull request ({what.en.lower()}) is open; it reaches the site once merged.\n")


def refused_comment(problems: Iterable[str]) -> str:
    """The converter's problems (the validator's own messages), and what to do next."""
    items = [f"- {safe(p)}" for p in problems]
    return "\n".join([
        "### ❌ ยังเปิด pull request ไม่ได้ / The pull request could not be opened", "",
        f"แบบฟอร์มนี้มีเรื่องที่ต้องแก้ {len(items)} ข้อ / {len(items)} thing(s) to change in this form:", "",
        *items, "",
        "**ทำอย่างไรต่อ:** กดแก้ไข (Edit) ข้อความของ issue นี้ตามรายการข้างบน แล้วบันทึก ทีมงานจะติดป้าย "
        "`อนุมัติ` อีกครั้ง (ป้ายถูกเอาออกแล้ว)",
        "**What to do:** edit this issue's text (Edit) as listed above and save it; a maintainer then "
        "adds the `approved` label again (it has been taken off).", ""])
