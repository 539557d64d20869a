"""Profiles whose ``updated`` date is more than a year old: their groups should be asked to
check them (group pages already show a notice after the same delay)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from guidemap.contract.model.types import STALE_AFTER_DAYS, Org
from guidemap.tools.job_summary import table


def stale_orgs(orgs: Iterable[Org], today: dt.date, days: int = STALE_AFTER_DAYS) -> list[Org]:
    """Oldest first, then by id, so the list is stable from run to run."""
    return sorted((o for o in orgs if o.is_stale(today, days)), key=lambda o: (o.updated, o.id))


def stale_text(orgs: list[Org], today: dt.date) -> str:
    return "".join(f"{o.source}: updated {o.updated.isoformat()} ({(today - o.updated).days} days ago) "
                   f"{o.name.best}\n" for o in orgs)


def stale_markdown(orgs: list[Org], today: dt.date, days: int, total: int) -> str:
    head = (f"### Profiles not checked for over {days} days / ข้อมูลที่ไม่ได้ตรวจเกิน {days} วัน\n\n"
            f"{len(orgs)} of {total} profile(s) / {len(orgs)} จาก {total} กลุ่ม\n\n")
    if not orgs:
        return head
    rows = [(o.source, o.name.best, o.updated.isoformat(), (today - o.updated).days) for o in orgs]
    return head + table(("File / ไฟล์", "Group / กลุ่ม", "Updated / ตรวจล่าสุด", "Days / วัน"), rows)
