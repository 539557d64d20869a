"""A tiny repository with three months of newsletter content (January to March 2026: stories,
calls, events, a campaign, groups updated) and a story in April, built at a chosen date
(SOURCE_DATE_EPOCH): the numbered editions' test data (fixtures, never the real groups')."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PIL import Image

from conftest import make_repo, org_yaml

# 2026-04-10 (UTC, Thai time the same day): January to March are over, April is not.
APRIL = int(dt.datetime(2026, 4, 10, 3, tzinfo=dt.timezone.utc).timestamp())
# A month later: April is over too.
MAY = int(dt.datetime(2026, 5, 10, 3, tzinfo=dt.timezone.utc).timestamp())

HOSTILE = 'ร้าย & <script>window.__pwned=1</script> "q" <img src=x onerror=window.__pwned=2> ]]>'

ORGS = {
    "alpha": org_yaml("alpha", updated="2026-01-05"),
    "beta": org_yaml("beta", province="Yala", lat="6.54", lon="101.28", focus="education",
                     updated="2026-02-10"),
    "gamma": org_yaml("gamma", province="Songkhla", lat="7.2", lon="100.6", focus="marine",
                      updated="2026-03-03") + (
        "campaigns:\n"
        "  - title: {th: ระดมทุนเรือกู้ภัย, en: A rescue boat}\n"
        "    url: https://taejai.com/th/d/rescue-boat/\n"
        "    start: 2026-02-01\n"
        "    end: 2026-04-30\n"
        "    goal: 150000\n"),
}


def _story(title: str, day: str, orgs: str = "[alpha]", extra: str = "") -> str:
    return (f"---\ntitle: '{title}'\ndate: {day}\nsummary: สรุปของ {day}\norgs: {orgs}\n{extra}---\n\n"
            f"เนื้อเรื่อง {day}\n")


STORIES = {
    "january.md": _story("เรื่องเดือนมกราคม", "2026-01-12",
                         extra="image: january.jpg\nimage_alt: 'ค่าย <อาสา> & \"ทะเล\"'\n"),
    "february.md": _story("เรื่องเดือนกุมภาพันธ์", "2026-02-14", "[beta]"),
    "march.md": _story("เรื่องเดือนมีนาคม", "2026-03-08", "[gamma]"),
    "march-hostile.md": ("---\ntitle: " + repr(HOSTILE).replace("\\'", "''")
                         + "\ndate: 2026-03-20\nsummary: " + repr(HOSTILE) + "\n---\n\nข้อความ\n"),
    "march-draft.md": _story("ฉบับร่าง", "2026-03-25", extra="draft: true\n"),
    "april.md": _story("เรื่องเดือนเมษายน", "2026-04-05"),
}

CALLS = {
    "tutors": "title: {th: ครูอาสาสอนการบ้าน, en: Homework tutors}\norgs: [beta]\n"
              "apply_by: 2026-02-15\nupdated: 2026-01-20\n",
    "beach": "title: อาสาเก็บขยะชายหาด\norgs: [gamma]\napply_by: 2026-03-20\nupdated: 2026-01-28\n",
}

EVENTS = {
    "meeting": "title: ประชุมเครือข่าย\nkind: meeting\norgs: [alpha]\nstart: 2026-02-20 09:00\n"
               "updated: 2026-01-25\n",
    "training": "title: อบรมปฐมพยาบาล\nkind: training\norgs: [beta]\nstart: 2026-05-15\n"
                "updated: 2026-03-10\n",
}


def editions_repo(root: Path, april: bool = True) -> Path:
    stories = {k: v for k, v in STORIES.items() if april or k != "april.md"}
    repo = make_repo(root, ORGS, stories)
    # The January story's picture: wider than an e-mail's column, so the e-mail takes a copy.
    picture = repo / "content" / "stories" / "january.jpg"
    Image.new("RGB", (1200, 800), (30, 120, 160)).save(picture, quality=80)
    for folder, files in (("calls", CALLS), ("events", EVENTS)):
        (repo / folder).mkdir(exist_ok=True)
        for name, text in files.items():
            (repo / folder / f"{name}.yml").write_text(text, encoding="utf-8")
    return repo
