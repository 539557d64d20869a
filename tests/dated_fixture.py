"""A tiny repository with calls for volunteers and events (fixtures, never the real groups'),
built with the real ``mkdocs build --strict`` at a chosen build date (SOURCE_DATE_EPOCH)."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
from pathlib import Path

from conftest import BIN, MINI_MKDOCS, make_repo, org_yaml

# The build's "today": 2026-11-18 (UTC), as tests/conftest.py's build() uses.
EPOCH = 1795000000
TODAY = dt.datetime.fromtimestamp(EPOCH, dt.timezone.utc).date()
LATER = EPOCH + 5 * 86400  # 2026-11-23: "expires-soon" (apply by 2026-11-22) has expired

# Hostile text in every free-text field: markup, script, iCalendar's separators and line
# breaks that would forge a component if written by string concatenation.
HOSTILE = 'ร้าย & <script>window.__pwned=1</script> "q" ; , \\ <img src=x onerror=window.__pwned=2> ]]>'
HOSTILE_LINES = HOSTILE + "\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:forged;x,y\n<b onclick=alert(1)>b</b>"

ORGS = {
    "beach": org_yaml("beach", province="Songkhla", lat="7.2", lon="100.6", focus="marine"),
    "peace-a": org_yaml("peace-a"),
    "kids": org_yaml("kids", province="Yala", lat="6.54", lon="101.28", focus="orphans",
                     needs="volunteers"),
    # No call, no event: the map's "open calls" filter leaves it out.
    "quiet": org_yaml("quiet", province="Narathiwat", lat="6.42", lon="101.82", focus="health",
                      needs="funding"),
}


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # JSON strings are YAML double-quoted scalars


CALLS = {
    "beach-clean": """\
title:
  th: อาสาเก็บขยะชายหาด
  en: Beach clean-up
orgs: [beach]
description:
  th: เก็บขยะและคัดแยก
start: 2569-11-21 09:00
end: 2569-11-21 12:00
apply_by: 2569-11-20
remote: no
skills:
  - th: ว่ายน้ำเป็น
min_age: 15
insured: yes
updated: 2026-11-01
""",
    "translate": """\
title: แปลเอกสารภาษามลายู
orgs: [peace-a]
remote: yes
languages: [ms, th]
preparation:
  th: อบรมออนไลน์หนึ่งชั่วโมง
updated: 2026-10-01
""",
    "camp": """\
title:
  th: พี่เลี้ยงค่ายเด็กกำพร้า
orgs: [kids, peace-a]
start: 2569-12-10
end: 2569-12-12
apply_by: 2569-12-01
remote: partly
background_check: yes
safeguarding:
  th: ไม่อยู่กับเด็กตามลำพัง
updated: 2026-11-10
""",
    "expires-soon": """\
title: อาสาจัดของบริจาค
orgs: [peace-a]
start: 2569-11-25 13:00
apply_by: 2569-11-22
updated: 2026-11-05
""",
    "expired": """\
title: อาสาที่ปิดรับแล้ว
orgs: [beach]
start: 2569-11-05
apply_by: 2569-11-01
updated: 2026-10-20
""",
    "hostile": f"""\
title:
  th: {_q(HOSTILE)}
  en: {_q(HOSTILE)}
orgs: [kids]
description:
  th: {_q(HOSTILE_LINES)}
start: 2569-12-20
skills:
  - th: {_q(HOSTILE)}
preparation:
  th: {_q(HOSTILE_LINES)}
safeguarding:
  th: {_q(HOSTILE_LINES)}
how_to_join:
  th: {_q(HOSTILE_LINES)}
url: https://example.org/join?a=1&b=<x>
updated: 2026-11-11
""",
}

EVENTS = {
    "meeting-2569": """\
title:
  th: ประชุมเครือข่ายครั้งที่สอง
  en: Second network meeting
kind: meeting
orgs: [peace-a, beach]
start: 2569-12-05 09:00
end: 2569-12-05 16:00
venue:
  name:
    th: หอประชุมโรงเรียนบ้านแหลม
  public: yes
  province: ยะลา
  lat: 6.5412
  lon: 101.2803
updated: 2026-11-02
""",
    "open-day": """\
title: วันเปิดบ้านกลุ่มชายหาด
kind: open-day
orgs: [beach]
start: 2569-11-28
status: cancelled
updated: 2026-11-12
""",
    "past-training": """\
title: อบรมปฐมพยาบาล
kind: training
orgs: [kids]
start: 2569-10-01 09:00
end: 2569-10-01 15:00
attendance: mixed
online_url: https://meet.example.org/first-aid
updated: 2026-09-01
""",
    "hostile-event": f"""\
title:
  th: {_q(HOSTILE)}
kind: other
orgs: [kids]
description:
  th: {_q(HOSTILE_LINES)}
start: 2569-12-24 18:30
venue:
  name:
    th: {_q(HOSTILE)}
  public: yes
updated: 2026-11-13
""",
}

HOME = ("# หน้าแรก\n\n<!-- guidemap:volunteer-now -->\n\n<!-- guidemap:summary -->\n\n"
        "<!-- guidemap:next-event -->\n\n<!-- guidemap:latest-stories -->\n")


def dated_repo(root: Path, calls: dict[str, str] | None = None, events: dict[str, str] | None = None) -> Path:
    repo = make_repo(root, ORGS, mkdocs_yml=MINI_MKDOCS)
    (repo / "content" / "index.md").write_text(HOME, encoding="utf-8")
    for folder, files in (("calls", CALLS if calls is None else calls),
                          ("events", EVENTS if events is None else events)):
        (repo / folder).mkdir(exist_ok=True)
        for name, text in files.items():
            (repo / folder / f"{name}.yml").write_text(text, encoding="utf-8")
    return repo


def build_at(root: Path, epoch: int, out: str = "site") -> Path:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": str(epoch)}
    env.pop("SITE_URL", None)
    result = subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "-d", str(root / out)], cwd=root,
                            env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return root / out
