"""The entry a pull request adds, as a maintainer checks it from the GitHub app: name, province,
focus, dates, read back from the written file by the repository's own loader (so the values are
the validated ones: canonical province names, dates in the Buddhist Era and in ISO)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from guidemap.contract.load.repository import load_repository
from guidemap.contract.model.dated import EVENT_KINDS
from guidemap.contract.model.types import Area, Dated, Event, LText, Org, Story, When
from guidemap.contract.network import Network
from guidemap.contract.thai import thai_date
from guidemap.contract.vocab import Label
from guidemap.tools.approve.convert import Written

Row = tuple[str, str]  # (what, its value), Thai first in both


def _both(text: LText | Label | None) -> str:
    if text is None:
        return ""
    th, en = text.th or "", text.en or ""
    return f"{th} / {en}" if th and en and th != en else th or en


def _area(area: Area, district: Area | None = None) -> str:
    inside = f" ({district.th} / {district.en})" if district else ""
    return f"{area.th} / {area.en}{inside}"


def _day(day: dt.date) -> str:
    return f"{thai_date(day)} ({day.isoformat()})"


def _when(when: When) -> str:
    return f"{_day(when.day)} {when.time:%H:%M}" if when.time else _day(when.day)


def _profile(org: Org, net: Network) -> list[Row]:
    focus = "; ".join(_both(net.focus.get(k)) or k for k in org.focus)
    rows = [("ชื่อกลุ่ม / Name", _both(org.name)), ("จังหวัด / Province", _area(org.province, org.district)),
            ("ประเด็น / Focus", focus), ("สรุป / Summary", _both(org.summary))]
    if org.needs:
        rows.append(("ต้องการ / Needs", "; ".join(_both(net.needs.get(k)) or k for k in org.needs)))
    return rows


def _story(story: Story) -> list[Row]:
    rows = [("ชื่อเรื่อง / Title", story.title), ("วันที่ / Date", _day(story.date))]
    if story.orgs:
        rows.append(("กลุ่ม / Groups", ", ".join(story.orgs)))
    if story.summary:
        rows.append(("สรุป / Summary", story.summary))
    rows.append(("รูป / Picture", (story.image_alt or story.image or "") if story.image else "ไม่มี / none"))
    return rows


def _dated(entry: Dated) -> list[Row]:
    rows = [("ชื่อ / Title", _both(entry.title)), ("กลุ่มที่จัด / Organised by", ", ".join(entry.orgs)),
            ("จังหวัด / Province", _area(entry.province))]
    if isinstance(entry, Event):
        rows.append(("ประเภท / Kind", _both(EVENT_KINDS.get(entry.kind)) or entry.kind))
    if entry.start:
        dates = _when(entry.start) + (f" – {_when(entry.end)}" if entry.end else "")
        rows.append(("วันที่ / Dates", dates))
    else:
        rows.append(("วันที่ / Dates", "รับตลอด / ongoing"))
    if isinstance(entry, Event) and entry.repeat is not None:
        rows += _repeat(entry)
    apply_by = getattr(entry, "apply_by", None)
    if apply_by:
        rows.append(("รับสมัครถึง / Apply by", _day(apply_by)))
    return rows


def _repeat(event: Event) -> list[Row]:
    """A repeating event's every date as the site and calendars will show it, so a maintainer
    sees what the rule gives before merging."""
    assert event.repeat is not None
    held = "; ".join(_when(o.start) for o in event.held)
    rows = [("จัดซ้ำ / Repeats", f"{len(event.held)} ครั้ง / times: {held}")]
    if event.repeat.cancelled:
        rows.append(("งดจัด / Not held", "; ".join(_day(d) for d in sorted(event.repeat.cancelled))))
    return rows


def summary_rows(written: Written, root: Path) -> list[Row]:
    """The entry's rows, then its files; only the files when it cannot be read back (it was
    validated before it was written, so that would be a fault of this module)."""
    result = load_repository(root)
    data = result.dataset
    rows: list[Row] = []
    if written.kind == "profile":
        rows = next((_profile(o, result.network) for o in data.orgs if o.id == written.id), [])
    elif written.kind == "story":
        rows = next((_story(s) for s in data.stories if s.slug == written.id), [])
    else:
        entries: list[Dated] = [*data.calls] if written.kind == "call" else [*data.events]
        rows = next((_dated(e) for e in entries if e.id == written.id), [])
    return [*rows, ("ไฟล์ / Files", ", ".join(written.paths))]
