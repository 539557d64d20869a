"""A test repository with every dated kind a calendar or a feed carries: the calls and events of
``dated_fixture`` (coming, past, cancelled, mixed, hostile; dated, undated, expiring calls), plus
an online-only event, a coming mixed one with its own venue, a repeating one, a long call (eight
weeks), a call done from anywhere, a group and a province whose only call has no date, a running campaign,
stories, and a network file that gives an e-mail (so calendars say who publishes them).
"""

from __future__ import annotations

from pathlib import Path

from conftest import org_yaml
from dated_fixture import CALLS, EVENTS, ORGS, dated_repo

NETWORK_EMAIL = "network@example.org"
NETWORK = f"""\
name:
  th: เครือข่ายทดสอบ, "ใต้"; ชายแดน
  en: Test network
contact:
  email: {NETWORK_EMAIL}
"""

EXTRA_ORGS = {
    # Its one call has no date: no calendar of its own, nor for its province (Satun).
    "undated": org_yaml("undated", province="Satun", lat="6.62", lon="100.07", focus="health"),
    "fund": org_yaml("fund", name_th="กลุ่มระดมทุน", needs="funding") + (
        "campaigns:\n"
        "  - title: {th: 'ทุนค่ายเยาวชน', en: Youth camp fund}\n"
        "    url: https://taejai.com/th/d/youth-camp/\n"
        "    end: 2569-12-31\n"),
}

EXTRA_CALLS = {
    "long-call": """\
title:
  th: อาสาสอนหนังสือแปดสัปดาห์
  en: Eight weeks of teaching
orgs: [kids]
description:
  th: |
    สอน **ภาษาไทย** ให้เด็กในชุมชน ดู [รายละเอียด](https://example.org/teach) ก่อนสมัคร

    - วันจันทร์ถึงศุกร์
    - ช่วงเย็น a < b > c
start: 2569-11-23
end: 2570-01-17
remote: partly
updated: 2026-11-14
""",
    "anywhere": """\
title: อาสาออกแบบโปสเตอร์
orgs: [beach]
start: 2569-12-01
end: 2569-12-20
remote: yes
updated: 2026-11-15
""",
    "undated-only": """\
title: อาสาประจำคลินิก
orgs: [undated]
remote: no
updated: 2026-11-01
""",
}

EXTRA_EVENTS = {
    "online-talk": """\
title:
  th: เสวนาออนไลน์เรื่องการเยียวยา
  en: Online talk on healing
kind: other
orgs: [kids]
description:
  th: |
    ฟัง **วิทยากร** สามคน แล้วถามได้ที่ [แบบฟอร์ม](https://example.org/ask)
  en: Three *speakers*, then questions.
start: 2569-12-03 19:00
end: 2569-12-03 20:30
attendance: online
online_url: https://meet.example.org/healing
updated: 2026-11-16
""",
    "mixed-workshop": """\
title: อบรมสื่อสารชุมชน
kind: training
orgs: [beach]
start: 2569-12-12 09:00
end: 2569-12-13 16:00
attendance: mixed
online_url: https://meet.example.org/media
venue:
  name:
    th: ศาลาประชาคม
  public: yes
  province: สงขลา
  lat: 7.19
  lon: 100.59
updated: 2026-11-17
""",
}

# A repeating event, with a date not held and a date moved (RRULE, EXDATE, RECURRENCE-ID and the
# Thai time zone's VTIMEZONE in the calendar files).
EXTRA_EVENTS["monthly-circle"] = """\
title: วงคุยประจำเดือน
kind: meeting
orgs: [peace-a]
start: 2569-12-15 18:00
end: 2569-12-15 19:30
repeat:
  unit: months
  every: 1
  count: 6
  cancelled: [2570-01-15]
  moved:
    - date: 2570-02-15
      to: 2570-02-16 18:00
updated: 2026-11-18
"""

STORIES = {
    "2026-11-01-beach.md": "---\ntitle: เก็บขยะครั้งแรก\ndate: 2026-11-01\norgs: [beach]\n---\nเรื่องเล่า\n",
    "2026-11-01-kids.md": "---\ntitle: ค่ายเด็ก\ndate: 2026-11-01\norgs: [kids]\n---\nอีกเรื่อง\n",
}


def every_kind_repo(root: Path) -> Path:
    """The repository (built by ``dated_fixture.build_at`` at ``EPOCH``, 2026-11-18)."""
    repo = dated_repo(root, {**CALLS, **EXTRA_CALLS}, {**EVENTS, **EXTRA_EVENTS})
    for org_id, text in EXTRA_ORGS.items():
        (repo / "orgs" / f"{org_id}.yml").write_text(text, encoding="utf-8")
    for name, text in STORIES.items():
        (repo / "content" / "stories" / name).write_text(text, encoding="utf-8")
    (repo / "guidemap.yml").write_text(NETWORK, encoding="utf-8")
    assert set(ORGS).isdisjoint(EXTRA_ORGS)
    return repo
