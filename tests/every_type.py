"""A test repository with every content type and page state the validators must see, which this
repository's own data lacks: coming, past, cancelled, online-only, mixed and repeating events; dated, long
(eight weeks) and ongoing calls; a campaign; a group with every contact, a donate link and a
logo; a story with a picture and Thai headings; hostile text in every free-text field.

Built once per test session (tests/conftest.py's ``every_type_site``) at the build date of
tests/dated_fixture.py."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import REPO, org_yaml
from dated_fixture import CALLS, EPOCH, EVENTS, ORGS, build_at, dated_repo

_FULL_CASE = REPO / "tests" / "cases" / "orgs" / "good-full" / "orgs"
_STORY_CASE = REPO / "tests" / "cases" / "orgs" / "good-story" / "content" / "stories" / "2024"

FUNDED = org_yaml("funded", name_th="กลุ่มระดมทุน", province="Songkhla", lat="7.01", lon="100.47",
                  focus="education", needs="funding") + (
    "donate: https://taejai.com/th/d/funded/\n"
    "campaigns:\n"
    "  - title: {th: 'ทุนการศึกษา <เด็ก>', en: Scholarships}\n"
    "    url: https://taejai.com/th/d/scholarships/\n"
    "    end: 2569-12-31\n"
    "    goal: '๑๕๐,๐๐๐'\n")

LONG_CALL = """\
title:
  th: ครูอาสาภาคเรียนที่สอง
  en: Volunteer teachers, second term
orgs: [nong-chik-healing, funded]
description:
  th: สอนการบ้านเด็กหลังเลิกเรียน
start: 2569-12-01
end: 2570-01-26
apply_by: 2569-11-28
remote: no
updated: 2026-11-15
"""

ONLINE_EVENT = """\
title:
  th: คุยออนไลน์เรื่องการดูแลใจอาสา
  en: Online talk on volunteers' wellbeing
kind: training
orgs: [nong-chik-healing]
start: 2569-12-15 19:00
end: 2569-12-15 20:30
attendance: online
online_url: https://meet.example.org/wellbeing
updated: 2026-11-14
"""

# A test meeting every two weeks (no real meeting): one date cancelled, one moved.
REPEATING_EVENT = """\
title:
  th: วงคุยอาสาทุกสองสัปดาห์
  en: Volunteers' circle every two weeks
kind: meeting
orgs: [nong-chik-healing]
start: 2569-11-04 18:00
end: 2569-11-04 19:30
repeat:
  unit: weeks
  every: 2
  count: 6
  cancelled: [2569-12-02]
  moved:
    - date: 2569-12-16
      to: 2569-12-17 17:30
updated: 2026-11-01
"""

STORY = """\
---
title: บทเรียนจากค่ายอาสา
date: 2026-11-01
summary: สิ่งที่เราเรียนรู้จากค่ายครั้งแรก
orgs: [nong-chik-healing, funded]
tags: [ค่าย, เยาวชน]
author: กลุ่มระดมทุน
image: beach.png
image_alt: เด็ก ๆ ช่วยกันเก็บขยะบนชายหาด
---

เช้าวันเสาร์ที่ผ่านมา

## สิ่งที่ได้เรียนรู้

เนื้อหา

## ก้าวต่อไป

ดู[หัวข้อแรก](#สิ่งที่ได้เรียนรู้)
"""


def every_type_repo(root: Path) -> Path:
    repo = dated_repo(root, calls={**CALLS, "long-term": LONG_CALL},
                      events={**EVENTS, "online-talk": ONLINE_EVENT, "circle": REPEATING_EVENT})
    for name, text in {**ORGS, "funded": FUNDED}.items():
        (repo / "orgs" / f"{name}.yml").write_text(text, encoding="utf-8")
    shutil.copy(_FULL_CASE / "nong-chik-healing.yml", repo / "orgs")
    shutil.copytree(_FULL_CASE / "logos", repo / "orgs" / "logos")
    stories = repo / "content" / "stories"
    (stories / "2026-11-01-camp-lessons.md").write_text(STORY, encoding="utf-8")
    shutil.copy(_STORY_CASE / "beach.png", stories)
    return repo


def build_every_type(root: Path) -> Path:
    return build_at(every_type_repo(root), EPOCH)
