"""Fundraising campaigns: shown with the days left on the pages of every group running them and
in the help page's funding section, carried in orgs.json, and gone from every page and file
after a rebuild past their last day (SOURCE_DATE_EPOCH); the donation link beside a need for
funding. (Validation: tests/cases/orgs/campaigns-good and campaigns-bad.)"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from conftest import BIN, local_context, make_repo, org_yaml, unwrap_words
from feed_reader import seen
from guidemap.contract.model.types import Campaign, Dataset, LText
from guidemap.outputs.site import selection

# 1795000000 (conftest.build) is 2026-11-18 in UTC.
BUILT = dt.date(2026, 11, 18)
OWNER = org_yaml("owner", name_th="กลุ่มเจ้าของ", needs="funding") + (
    "donate: https://taejai.com/th/d/owner-donate/\n"
    "campaigns:\n"
    "  - title: {th: 'ค่าย <เยาวชน>', en: Youth camp}\n"
    "    url: https://taejai.com/th/d/joint-camp/\n"
    "    end: 2569-11-30\n"       # BE: 2026-11-30, 12 days after the build
    "    goal: '๑๕๐,๐๐๐'\n"
    "    groups: [partner]\n"
    "  - title: ระดมทุนเก่า\n"
    "    url: https://taejai.com/th/d/old/\n"
    "    end: 2026-11-17\n")       # ended the day before the build
PARTNER = org_yaml("partner", name_th="กลุ่มร่วม", needs="media")
OTHER = org_yaml("other", name_th="กลุ่มอื่น", needs="funding")
# Stories naming partner and other: their groups get feeds.
STORIES = {f"2026-10-0{i}-{o}.md": f"---\ntitle: เรื่อง {o}\ndate: 2026-10-0{i}\norgs: [{o}]\n---\nข้อความ\n"
           for i, o in ((1, "partner"), (2, "other"))}


def build_at(repo: Path, epoch: int) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": str(epoch)}
    env.pop("SITE_URL", None)
    result = subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "-d", str(repo / "site")],
                            cwd=repo, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_repo(tmp_path_factory.mktemp("campaigns"),
                     {"owner": OWNER, "partner": PARTNER, "other": OTHER}, STORIES)
    build_at(root, 1795000000)
    return root


def read(repo: Path, path: str) -> str:
    return unwrap_words((repo / "site" / path).read_text(encoding="utf-8"))


def test_open_only_keeps_campaigns_open_on_the_day() -> None:
    camp = Campaign(title=LText("x"), url="https://taejai.com/a", end=dt.date(2026, 3, 31),
                    start=dt.date(2026, 1, 1))
    assert camp.is_open(dt.date(2026, 3, 31)) and camp.is_open(dt.date(2026, 1, 1))
    assert not camp.is_open(dt.date(2026, 4, 1)) and not camp.is_open(dt.date(2025, 12, 31))
    assert selection.open_only(Dataset([], []), dt.date(2026, 1, 1)).orgs == []


def test_open_only_keeps_everything_but_ended_campaigns() -> None:
    """Dropping ended campaigns drops nothing else: stories, calls and events pass through
    (a merged version once rebuilt the dataset from orgs and stories alone, and every call and
    event vanished from the site without a word)."""
    stories, calls, events = [object()], [object()], [object()]
    kept = selection.open_only(Dataset([], stories, calls, events), dt.date(2026, 1, 1))  # type: ignore[arg-type]
    assert (kept.stories, kept.calls, kept.events) == (stories, calls, events)


def test_a_joint_campaign_is_on_both_groups_pages_with_days_left(repo: Path) -> None:
    for org_id in ("owner", "partner"):
        html = read(repo, f"orgs/{org_id}/index.html")
        assert 'href="https://taejai.com/th/d/joint-camp/"' in html, org_id
        assert "ค่าย &lt;เยาวชน&gt;" in html and "<เยาวชน>" not in html
        assert "เป้าหมาย 150,000 บาท" in html and "30 พฤศจิกายน 2569" in html
        assert 'data-end="2026-11-30">เหลืออีก 12 วัน' in html
        assert "ระดมทุนเก่า" not in html
        # A joint campaign names its groups.
        assert 'href="../owner/"' in html or 'href="./"' in html
    assert "joint-camp" not in read(repo, "orgs/other/index.html")


def test_help_page_funding_section_lists_campaigns_and_where_to_give(repo: Path) -> None:
    html = read(repo, "help/index.html")
    funding = html.split('id="need-funding"', 1)[1].split("</section>", 1)[0]
    assert "แคมเปญระดมทุนที่เปิดอยู่" in funding and "joint-camp" in funding
    assert "เหลืออีก 12 วัน" in funding and "ระดมทุนเก่า" not in funding
    assert 'href="https://taejai.com/th/d/owner-donate/"' in funding  # donate beside the need
    group = read(repo, "orgs/owner/index.html")
    needs = group.split('gm-needs', 1)[1].split("</section>", 1)[0]
    assert "owner-donate" in needs


def test_orgs_json_carries_open_campaigns_only(repo: Path) -> None:
    data = {o["id"]: o for o in json.loads(read(repo, "data/orgs.json"))["orgs"]}
    assert data["owner"]["campaigns"] == [{
        "title": {"th": "ค่าย <เยาวชน>", "en": "Youth camp"}, "url": "https://taejai.com/th/d/joint-camp/",
        "end": "2026-11-30", "goal": 150000, "groups": ["partner"]}]
    assert data["partner"]["campaigns"] == []


def test_the_feeds_announce_it(repo: Path) -> None:
    import feedparser

    for path in ("feed.xml", "feed.atom", "feeds/orgs/partner.xml"):
        parsed = feedparser.parse(read(repo, path))
        entries = [e for e in parsed.entries if e.link == "https://taejai.com/th/d/joint-camp/"]
        assert len(entries) == 1, path
        entry = entries[0]
        # What a reader shows (RSS titles are HTML, escaped; Atom's are text).
        assert seen(entry.title_detail).text == "ระดมทุน: ค่าย <เยาวชน>"
        assert "เป้าหมาย 150,000 บาท" in entry.summary and "กลุ่มร่วม" in entry.summary
        # Dated the day the owner's profile was checked (no start date): after the stories.
        assert entry.published in ("2026-01-15T00:00:00+07:00", "Thu, 15 Jan 2026 00:00:00 +0700")
        assert [e.link for e in parsed.entries][-1] == entry.link
    assert "joint-camp" not in read(repo, "feeds/orgs/other.xml")


def test_after_the_last_day_a_rebuild_shows_it_nowhere(tmp_path: Path) -> None:
    root = make_repo(tmp_path, {"owner": OWNER, "partner": PARTNER, "other": OTHER}, STORIES)
    build_at(root, 1795000000 + 13 * 86400)  # 2026-12-01: the campaign ended on 11-30
    site = root / "site"
    hits = [p for p in site.rglob("*") if p.is_file() and p.suffix in
            (".html", ".json", ".xml", ".atom", ".csv", ".geojson")
            and "joint-camp" in p.read_text(encoding="utf-8")]
    # The newsletter's past editions are an archive: each keeps what was running in its month,
    # byte for byte, whatever the build's date (outputs/editions/select.py).
    archive = [p for p in hits if p.relative_to(site).parts[0] == "newsletter"
               or p.name.startswith("editions.")]
    assert [p for p in hits if p not in archive] == []
    assert "แคมเปญระดมทุนที่เปิดอยู่" not in read(root, "help/index.html")


@pytest.mark.browser
def test_days_left_are_counted_again_in_the_browser(browser: Any, serve: Any, repo: Path) -> None:
    context, outside, _tiles = local_context(browser)
    try:
        page = context.new_page()
        base = serve(repo / "site")
        # Five days after the build (Thai time): 7 days left; after the last day: hidden.
        for now, expected in (("2026-11-23T10:00:00+07:00", "เหลืออีก 7 วัน"),
                              ("2026-11-30T23:30:00+07:00", "วันนี้วันสุดท้าย"),
                              ("2026-12-01T00:30:00+07:00", None)):
            millis = int(dt.datetime.fromisoformat(now).timestamp() * 1000)
            page.add_init_script(f"Date.now = () => {millis};")
            page.goto(base + "orgs/partner/")
            item = page.locator(".gm-campaign")
            if expected is None:
                assert not item.is_visible()
            else:
                assert item.is_visible() and expected in item.inner_text()
            page.close()
            page = context.new_page()
    finally:
        context.close()
    assert outside == []
