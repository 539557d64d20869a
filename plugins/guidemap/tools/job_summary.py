"""Markdown reports for a GitHub job summary (``$GITHUB_STEP_SUMMARY``).

The text comes from contributed files (field names, values quoted in messages), so every cell
is escaped: it can neither break the table nor add links, images or HTML to the summary.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from guidemap.contract.problems import Problem

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~])")


def md(text: object) -> str:
    """Text safe inside a Markdown table cell: one line, no markup, no HTML."""
    value = " ".join(str(text).split())
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", value)


def table(header: Iterable[str], rows: Iterable[Iterable[object]]) -> str:
    head = list(header)
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    lines += ["| " + " | ".join(md(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def problems_markdown(problems: list[Problem], n_profiles: int, n_stories: int) -> str:
    """The pull-request check's summary: a verdict, then one row per problem."""
    if not problems:
        return (f"### ✅ guidemap validate\n\n{n_profiles} profile(s) and {n_stories} story(ies) valid / "
                "ข้อมูลถูกต้องทั้งหมด\n")
    files = len({p.path for p in problems})
    rows = [(f"{p.path}:{p.line}" if p.line else p.path, p.field or "-", p.en, p.th,
             p.hint or "") for p in problems]
    return (f"### ❌ guidemap validate\n\n{len(problems)} problem(s) in {files} file(s) / "
            f"พบ {len(problems)} ปัญหาใน {files} ไฟล์. The lines are also marked in the pull "
            "request's **Files changed** tab / ดูเครื่องหมายบนบรรทัดได้ในแท็บ Files changed\n\n"
            + table(("File / ไฟล์", "Field / ช่อง", "Problem", "ปัญหา", "Hint / คำแนะนำ"), rows))


def append(path: str | Path, text: str) -> None:
    """Append to the summary file, as GitHub expects (several steps may write to it)."""
    with open(path, "a", encoding="utf-8") as out:
        out.write(text + "\n")
