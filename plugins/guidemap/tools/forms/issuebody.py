"""The body GitHub writes for an issue form, read the same way for every form (profile, story,
call, event): a ``### <label>`` heading per question, the answer under it, ``_No response_`` for
an empty one.

Only a heading that is exactly one of the form's labels starts an answer; any other ``###`` line
(in a description, say) stays part of the answer it is in, so a contributor cannot forge a field.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Any

NO_RESPONSE = "_No response_"
MAX_BODY_CHARS = 65_536  # GitHub's own limit on an issue body
_HEADING = re.compile(r"###[ \t]+(.+?)[ \t]*#*[ \t]*")
_HTML = re.compile(r"<\s*[A-Za-z!/?]")  # a tag, a comment or a declaration begins
# Control characters but tab and line break: nothing a form needs, and escape sequences that
# drive the terminal of whoever reads the answer (set its title, erase lines, write the clipboard).
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# A checkbox as GitHub writes it: "- [X] option" (ticked) or "- [ ] option".
CHECKBOX = re.compile(r"[-*][ \t]+\[([ xX])\][ \t]+(.*)")


def norm(label: str) -> str:
    """A label as headings are compared: NFC, white space folded, case ignored."""
    return " ".join(unicodedata.normalize("NFC", label).split()).casefold()


def body_problem(body: str) -> str | None:
    """Why a body is refused before it is read at all (too long, or holding a NUL), or None."""
    if len(body) > MAX_BODY_CHARS:
        return (f"the issue body is too long ({len(body)} characters, at most {MAX_BODY_CHARS}) / "
                "ข้อความยาวเกินไป")
    if "\x00" in body:
        return "the issue body contains a NUL character / มีอักขระ NUL"
    return None


def too_long(label: str, text: str, limit: int) -> str | None:
    if len(text) > limit:
        return (f"{label}: answer is too long ({len(text)} characters, at most {limit}) / "
                f"ยาวเกินไป ({len(text)} ตัวอักษร ไม่เกิน {limit})")
    return None


def control_problem(label: str, text: str) -> str | None:
    if found := CONTROL.search(text):
        return (f"{label}: a control character ({found[0]!a}) is not accepted / "
                "มีอักขระควบคุมที่ไม่รับ")
    return None


def answer_problem(label: str, text: str, limit: int, required: bool, single_line: bool) -> str | None:
    """The rules every form's answer meets (profile, story, call, event), the first one broken:
    at most ``limit`` characters, no control character, no HTML (the answer is plain text,
    whatever page it lands on), given if ``required``, on one line if ``single_line``. None:
    nothing to say (an empty optional answer included)."""
    if problem := too_long(label, text, limit) or control_problem(label, text):
        return problem
    if _HTML.search(text):
        return f"{label}: HTML is not accepted; write plain text / ไม่รับ HTML กรุณาเขียนเป็นข้อความธรรมดา"
    if not text:
        return f"{label}: required / ต้องกรอก" if required else None
    if single_line and "\n" in text:
        return f"{label}: must be a single line / ต้องเขียนในบรรทัดเดียว"
    return None


def set_path(data: dict[str, Any], dotted: str, value: Any) -> None:
    """Put ``value`` at a dotted path of a file's data (``venue.name.th``)."""
    *parents, last = dotted.split(".")
    for name in parents:
        data = data.setdefault(name, {})
    data[last] = value


def split(body: str, questions: Mapping[str, tuple[str, str]], not_this_form: str,
          ignored: frozenset[str] = frozenset()) -> tuple[dict[str, str], list[str]]:
    """The raw answer of each question found (by its id), and problems with the body's shape.

    ``questions``: normalized label → (id, label as shown in messages); ``not_this_form``: the
    problem when no question is found; ``ignored``: normalized labels whose answers are dropped
    (confirmations that are not part of the file)."""
    problems: list[str] = []
    sections: dict[str, list[str]] = {}
    current: str | None = None
    for line in body.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        m = _HEADING.fullmatch(line)
        heading = norm(m[1]) if m else None
        if heading is not None and heading in ignored:
            current = None
            continue
        found = questions.get(heading) if heading is not None else None
        if found is not None:
            key, shown = found
            if key in sections:
                problems.append(f"{shown}: the field appears twice in the issue / ช่องนี้ปรากฏสองครั้ง")
            sections[key] = []
            current = key
        elif current is not None:
            sections[current].append(line)
    if not sections:
        problems.append(not_this_form)
    answers = {}
    for key, lines in sections.items():
        text = "\n".join(lines).strip()
        answers[key] = "" if text == NO_RESPONSE else text
    return answers, problems
