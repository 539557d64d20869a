"""The newsletter's numbered editions (outputs/editions/): three months of stories, calls,
events and a campaign make three editions with the right items; a build a month later leaves
their files byte-identical and adds a fourth only for a month with content; the e-mail (HTML
checked against caniemail's data for Gmail, Outlook and Apple Mail, under 102 KB, a message with
both parts), the LINE text (within 5,000 characters, with the link) and the editions' feed."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import json
import os
import re
import shutil
import subprocess
from email.message import EmailMessage
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import pytest

from dated_fixture import build_at
from editions_fixture import APRIL, HOSTILE, MAY, editions_repo
from guidemap.contract.load.repository import load_repository
from guidemap.contract.model.types import Dataset, Story
from guidemap.contract.network import Network, load
from guidemap.contract.problems import Problems
from guidemap.outputs.editions import line, mail, select
from guidemap.outputs.editions.items import sections
from guidemap.outputs.editions.select import period_of
from guidemap.outputs.site.types import SiteInfo

AUDIT = Path(__file__).resolve().parents[2] / "scripts" / "audit"
KEYS = ("2569-01", "2569-02", "2569-03")


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = editions_repo(tmp_path_factory.mktemp("editions") / "repo")
    build_at(root, APRIL, "site")
    build_at(root, MAY, "site-may")
    return root


def _files(site: Path, key: str) -> dict[str, bytes]:
    folder = site / "newsletter" / key
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.name != "index.html"}


def _article(site: Path, key: str) -> str:
    page = (site / "newsletter" / key / "index.html").read_text(encoding="utf-8")
    found = re.search(r'<article class="gm-edition">.*?</article>', page, re.S)
    assert found, key
    return found.group(0)


def _text(site: Path, key: str, name: str) -> str:
    return (site / "newsletter" / key / name).read_text(encoding="utf-8")


# --- which editions, with what ----------------------------------------------------------------

def test_three_months_make_three_editions_with_the_right_items(repo: Path) -> None:
    site = repo / "site"
    assert sorted(p.name for p in (site / "newsletter").iterdir() if p.is_dir()) == list(KEYS)
    jan, feb, mar = (_text(site, k, "email.txt") for k in KEYS)
    assert "ฉบับที่ 1 · มกราคม 2569" in jan and "ฉบับที่ 3 · มีนาคม 2569" in mar
    # January: its story, both calls posted, the February meeting, the group that updated.
    assert "เรื่องเดือนมกราคม" in jan and "Homework tutors" in jan and "อาสาเก็บขยะชายหาด" in jan
    assert "ประชุมเครือข่าย" in jan and "กลุ่ม alpha" in jan
    assert "เรื่องเดือนกุมภาพันธ์" not in jan and "ระดมทุนเรือกู้ภัย" not in jan  # later content
    # February: its story, the beach call closing in March, the campaign opened, group beta.
    assert "เรื่องเดือนกุมภาพันธ์" in feb and "ใกล้ปิดรับสมัคร" in feb and "อาสาเก็บขยะชายหาด" in feb
    assert "ระดมทุนเรือกู้ภัย" in feb and "กลุ่ม beta" in feb
    assert "Homework tutors" not in feb and "เรื่องเดือนมกราคม" not in feb  # closed / earlier
    # March: both stories (not the draft), the training announced for May, still the campaign.
    assert "เรื่องเดือนมีนาคม" in mar and "อบรมปฐมพยาบาล" in mar and "ระดมทุนเรือกู้ภัย" in mar
    assert "ฉบับร่าง" not in mar and "เรื่องเดือนเมษายน" not in mar
    archive = (site / "newsletter" / "index.html").read_text(encoding="utf-8")
    assert all(f"{k}/" in archive for k in KEYS)
    stories = (site / "stories" / "index.html").read_text(encoding="utf-8")
    assert "../newsletter/2569-03/" in stories and "../newsletter/" in stories


def test_a_month_later_the_three_are_byte_identical_and_a_fourth_has_content(repo: Path) -> None:
    before, after = repo / "site", repo / "site-may"
    for key in KEYS:
        assert _files(before, key) == _files(after, key), key
        assert _article(before, key) == _article(after, key), key
    assert "เรื่องเดือนเมษายน" in _text(after, "2569-04", "email.txt")
    assert "ฉบับที่ 4 · เมษายน 2569" in _text(after, "2569-04", "line.txt")


def test_a_period_without_news_makes_no_edition(tmp_path: Path) -> None:
    """Without April's story, April (the campaign still running, the May training still
    coming) makes no edition; nothing of the three earlier ones changes."""
    data = load_repository(editions_repo(tmp_path / "r", april=False)).dataset
    may = select.editions(data, 1, dt.date(2026, 5, 10))
    assert [e.period.key for e in may] == list(KEYS)
    assert may == select.editions(data, 1, dt.date(2026, 4, 1))
    assert select.editions(data, 1, dt.date(2026, 3, 31))[-1].period.key == "2569-02"  # March not over


def test_periods_of_two_and_three_months() -> None:
    quarter = period_of(dt.date(2026, 12, 5), 3)
    assert (quarter.start, quarter.end) == (dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    assert quarter.key == "2569-10"
    assert quarter.name == "ตุลาคม–ธันวาคม 2569" and quarter.issued == dt.date(2027, 1, 1)
    edition = select.Edition(7, quarter, (), (), (), (), (), ())
    assert edition.title == "ฉบับที่ 7 · ตุลาคม–ธันวาคม 2569"
    assert edition.title_en == "Issue 7 · October 2026–December 2026"
    assert period_of(dt.date(2026, 2, 28), 2).end == dt.date(2026, 2, 28)
    assert period_of(dt.date(2026, 12, 31), 1).name == "ธันวาคม 2569"


def test_the_period_is_read_from_the_network_file(tmp_path: Path) -> None:
    (tmp_path / "guidemap.yml").write_text("newsletter:\n  period: quarterly\n", encoding="utf-8")
    assert load(tmp_path).edition_months == 3
    assert Network().edition_months == 1
    (tmp_path / "guidemap.yml").write_text("newsletter:\n  period: weekly\n", encoding="utf-8")
    problems = Problems()
    load(tmp_path, problems=problems)
    report = problems.report()
    assert "guidemap.yml:2" in report and "newsletter.period" in report and "weekly" in report


# --- the e-mail ---------------------------------------------------------------------------------

def test_the_email_is_escaped_absolute_and_small(repo: Path) -> None:
    html = _text(repo / "site", "2569-03", "email.html")
    assert len(html.encode()) < 102 * 1024
    assert "<script" not in html and "<img src=x" not in html and "&lt;script&gt;" in html
    assert "<style" not in html  # every style is inlined
    links = re.findall(r'(?:href|src)="([^"]*)"', html)
    assert links and all(u.startswith("https://") for u in links), links
    assert "https://example.org/guide/stories/march/" in links


def test_the_email_shows_the_story_picture_from_the_site(repo: Path) -> None:
    images: list[dict[str, str | None]] = []

    class Images(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag == "img":
                images.append(dict(attrs))

    Images().feed(_text(repo / "site", "2569-01", "email.html"))
    (image,) = images
    assert image["src"] == "https://example.org/guide/stories/january-640w.jpg"
    assert (repo / "site" / "stories" / "january-640w.jpg").is_file()  # published, without metadata
    assert image["alt"] == 'ค่าย <อาสา> & "ทะเล"' and image["width"] == "552"  # an attribute, inert
    page = _article(repo / "site", "2569-01")
    assert 'class="gm-edition__thumb"' in page and "../../stories/january-320w.jpg" in page


def test_the_message_has_a_text_and_an_html_part(repo: Path) -> None:
    raw = (repo / "site" / "newsletter" / "2569-02" / "newsletter-2569-02.eml").read_bytes()
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(msg, EmailMessage)
    assert msg.get_content_type() == "multipart/alternative"
    assert msg["Subject"] == "ฉบับที่ 2 · กุมภาพันธ์ 2569 · Test guide"
    parts = {p.get_content_type(): p.get_content() for p in msg.iter_parts()}
    assert set(parts) == {"text/plain", "text/html"}
    # Line ends as mail carries them (CRLF), the text otherwise the files'.
    assert parts["text/html"].replace("\r\n", "\n").strip() == _text(repo / "site", "2569-02", "email.html")
    assert parts["text/plain"].replace("\r\n", "\n") == _text(repo / "site", "2569-02", "email.txt")


def _caniemail(path: Path) -> dict[str, list[str]]:
    if shutil.which("node") is None or not (AUDIT / "node_modules" / "caniemail").is_dir():
        message = "caniemail is missing: scripts/test.sh runs `npm ci --prefix scripts/audit`"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    result = subprocess.run(["node", str(AUDIT / "email-check.mjs"), str(path)], capture_output=True,
                            text=True, timeout=120, check=True)
    found: dict[str, list[str]] = json.loads(result.stdout)
    return found


@pytest.mark.parametrize("key", KEYS)
def test_the_email_uses_nothing_gmail_outlook_or_apple_mail_lack(repo: Path, key: str) -> None:
    path = repo / "site" / "newsletter" / key / "email.html"
    errors = _caniemail(path)["errors"]
    # Every HTML document has a <body>; Outlook for Mac drops the element (and what is set on
    # it), so nothing is: the backgrounds and spacing are on the tables.
    assert "<body>" in path.read_text(encoding="utf-8")
    assert [e for e in errors if not e.startswith("`<body> element`")] == []


def test_the_check_finds_what_outlook_lacks(tmp_path: Path) -> None:
    """The check can fail: rounded corners and a role, which Outlook for Windows lacks."""
    bad = tmp_path / "bad.html"
    bad.write_text('<table role="presentation"><tr><td style="border-radius:4px">x</td></tr></table>',
                   encoding="utf-8")
    errors = _caniemail(bad)["errors"]
    assert any("border-radius" in e and "outlook.windows" in e for e in errors), errors


# --- LINE ---------------------------------------------------------------------------------------

def test_the_line_text_fits_and_carries_the_link(repo: Path) -> None:
    for key in KEYS:
        text = _text(repo / "site", key, "line.txt")
        assert line.length(text) <= 5000
        assert f"https://example.org/guide/newsletter/{key}/" in text
        page = _article(repo / "site", key)
        assert 'class="gm-edition__line-text"' in page and "gm-edition__copy" in page
        assert "<script" not in page.split("gm-edition__line-text", 1)[1].split("</textarea>")[0]


def test_a_long_edition_is_cut_to_fit_line_and_gmail() -> None:
    stories = [Story(f"s{i}", f"stories/s{i}.md", "เรื่องเล่ายาวมาก " * 5 + str(i), dt.date(2026, 1, 1 + i % 28),
                     "ข้อความ " * 80, summary="สรุป " * 60) for i in range(600)]
    data = Dataset([], stories)
    site = SiteInfo("Test guide", "https://example.org/guide/", None, today=dt.date(2026, 3, 1))
    (edition,) = select.editions(data, 1, site.today)
    parts = sections(edition, data.orgs, site)
    assert len(parts[0].items) == 600
    text = line.line_text(edition, parts, site)
    assert line.length(text) <= 5000 and text.endswith("https://example.org/guide/newsletter/2569-01/")
    html, _ = mail.email_html(edition, parts, site)
    assert len(html.encode()) <= mail.LIMIT_BYTES and "รายการบนเว็บ" in html


# --- the feed -----------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["editions.xml", "editions.atom"])
def test_the_editions_feed_has_one_item_per_edition(repo: Path, name: str) -> None:
    raw = (repo / "site-may" / "feeds" / name).read_bytes()
    feed = feedparser.parse(raw, sanitize_html=False)
    assert not feed.bozo, feed.bozo_exception
    titles = [e.title for e in feed.entries]
    assert titles == ["ฉบับที่ 4 · เมษายน 2569", "ฉบับที่ 3 · มีนาคม 2569", "ฉบับที่ 2 · กุมภาพันธ์ 2569",
                      "ฉบับที่ 1 · มกราคม 2569"]
    newest = feed.entries[1]
    assert newest.link == "https://example.org/guide/newsletter/2569-03/"
    content = newest.content[0].value
    assert "เรื่องเดือนมีนาคม" in content and 'style="' in content and "<table" in content
    assert "<script" not in content and HOSTILE not in content
