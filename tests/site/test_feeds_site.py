"""Integration: the newsletter's feeds, archive and autodiscovery links in real `mkdocs build
--strict` output. Every feed is parsed with feedparser; each rule of the W3C feed validator that
can be checked offline (absolute URLs, guids, RFC 822 dates, self link, channel fields) has its
own test."""

from __future__ import annotations

import datetime as dt
import email.utils
import re
import shutil
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import pytest
from lxml import etree

from conftest import MINI_MKDOCS, build, make_repo, org_yaml, unwrap_words
from feed_reader import entry_texts, seen

SITE_URL = "https://example.org/guide/"
ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
RFC822 = re.compile(r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} "
                    r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$")
# A tiny valid PNG (1x1), so the enclosure has a real length (the build now decodes pictures;
# the one here before had a bad zlib checksum).
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
                    "0000000d4944415478da636460f85f0f0002870180eb47ba920000000049454e44ae426082")

HOSTILE_TITLE = "ข่าว & ]]> \u200fมูลนิธิ\u200f <b>หนา</b>"
# A summary that closes an attribute and opens a script, and tags, an author and lesson text
# that are markup: every one must reach a reader as the characters typed.
HOSTILE_SUMMARY = 'สรุป ]]> & <i>เอียง</i> x"><script>alert(2)</script>'
HOSTILE_TAG = "<b>แท็ก</b>"
HOSTILE_AUTHOR = "<img src=x onerror=alert(4)>"
# Written in Markdown as character references: the story shows the text "<script>...", and
# the fallback summary made from it must too.
FALLBACK_TEXT = "บทนำสั้น ๆ <script>alert(3)</script> <a href=javascript:alert(5)>ลิงก์</a>"
STORIES = {
    "2025-12-31-old.md": "---\ntitle: เรื่องปีก่อน\ndate: 2025-12-31\nsummary: สรุปเรื่องปีก่อน\n---\nเนื้อหาเก่า\n",
    "2026-01-05-beach.md": (
        "---\ntitle: วันเก็บขยะชายหาด\ndate: 5 มกราคม 2569\nsummary: เด็ก ๆ ช่วยกันเก็บขยะ\n"
        "orgs: [beach]\ntags: [ทะเล, เยาวชน]\nauthor: กลุ่มรักษ์ทะเล\nimage: beach.png\n"
        "image_alt: เด็กเก็บขยะบนหาด\n---\n"
        "เช้าวันเสาร์ [อ่านเรื่องเก่า](2025-12-31-old.md) และ [เกี่ยวกับเรา](../index.md)\n\n"
        "![ชายหาด](beach.png)\n"),
    "2026-02-10-hostile.md": (
        "---\ntitle: '" + HOSTILE_TITLE + "'\ndate: 2026-02-10\nsummary: '" + HOSTILE_SUMMARY + "'\n"
        "tags: ['" + HOSTILE_TAG + "']\nauthor: '" + HOSTILE_AUTHOR + "'\norgs: [peace-a]\n---\n"
        "ข้อความ ]]> & <script>window.__pwned=1</script> \x01\x0b ตัวควบคุม\n\n"
        "<![CDATA[ ]]> [x](javascript:alert(1)) \u200fسلام\u200f\n"),
    "2026-03-01-lesson.md": (
        "---\ntitle: ถอดบทเรียนเครือข่าย\ndate: 2026-03-01\norgs: [peace-a, beach]\n"
        "lesson:\n  problem: กลุ่มต่างคนต่างทำ\n  place: ปัตตานี\n"
        "  story: |\n    เล่า **เรื่อง** การรวมกลุ่ม\n"
        "  knowledge: [ฟังกันก่อน]\n  competency: [การประสานงาน]\n  strategies: [นัดทุกหกเดือน]\n"
        "---\n" + FALLBACK_TEXT.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") + "\n"),
    "2099-01-01-future.md": "---\ntitle: เรื่องอนาคต\ndate: 2099-01-01\n---\nยังไม่ถึงวัน\n",
    "2026-01-20-draft.md": "---\ntitle: เรื่องร่าง\ndate: 2026-01-20\ndraft: true\n---\nร่าง\n",
}
PUBLISHED = ["2026-03-01-lesson", "2026-02-10-hostile", "2026-01-05-beach", "2025-12-31-old"]
FEED_ITEMS = 3


def news_repo(root: Path, mkdocs_yml: str | None = None) -> Path:
    option = f"  - guidemap:\n      feed_items: {FEED_ITEMS}\n"
    yml = mkdocs_yml or MINI_MKDOCS.replace("  - guidemap\n", option)
    orgs = {"beach": org_yaml("beach", province="Songkhla", lat="7.2", lon="100.6", focus="marine"),
            "peace-a": org_yaml("peace-a"),
            # No story names this one: it has no feed of its own yet.
            "quiet": org_yaml("quiet", province="Yala", lat="6.54", lon="101.28", focus="healing")}
    repo = make_repo(root, orgs, STORIES, yml)
    (repo / "content" / "stories" / "beach.png").write_bytes(PNG)
    return repo


@pytest.fixture(scope="module")
def news_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = news_repo(tmp_path_factory.mktemp("news"))
    result = build(repo)
    assert result.returncode == 0, result.stderr
    return repo / "site"


def feed_paths(site: Path) -> list[Path]:
    return sorted(p for p in [*site.rglob("*.xml"), *site.rglob("*.atom")] if p.name != "sitemap.xml")


def rss_paths(site: Path) -> list[Path]:
    return [p for p in feed_paths(site) if p.suffix == ".xml"]


def xml(path: Path) -> etree._Element:
    return etree.fromstring(path.read_bytes())


def public_url(site: Path, path: Path, base: str = SITE_URL) -> str:
    return base + path.relative_to(site).as_posix()


def test_feeds_exist_for_the_network_and_each_focus_province_and_group(news_site: Path) -> None:
    names = {p.relative_to(news_site).as_posix() for p in feed_paths(news_site)}
    for rss in ("feed.xml", "feeds/focus/marine.xml", "feeds/focus/peace.xml", "feeds/province/pattani.xml",
                "feeds/province/songkhla.xml", "feeds/orgs/beach.xml", "feeds/orgs/peace-a.xml"):
        assert rss in names and rss.replace(".xml", ".atom") in names


@pytest.mark.parametrize("which", ["news", "repository"])
def test_every_feed_parses_with_feedparser_without_bozo(which: str, request: pytest.FixtureRequest) -> None:
    site: Path = request.getfixturevalue("news_site" if which == "news" else "repo_site")
    paths = feed_paths(site)
    assert len(paths) >= 14
    for path in paths:
        parsed = feedparser.parse(path.read_bytes())
        assert parsed.bozo == 0, (path, parsed.get("bozo_exception"))
        assert parsed.version in ("rss20", "atom10"), path
        xml(path)  # and a strict XML parser


def test_a_reader_sees_contributed_text_only_as_text_in_every_feed(news_site: Path) -> None:
    """Read every feed as a reader would (feedparser, no sanitizing of its own): no title,
    summary, category or author holds an element, the words are the ones typed, and the
    contents hold nothing that could run."""
    checked: set[str] = set()
    for path in feed_paths(news_site):
        parsed = feedparser.parse(path.read_bytes(), sanitize_html=False)
        where = path.relative_to(news_site).as_posix()
        for key in ("title_detail", "subtitle_detail"):
            assert not seen(parsed.feed[key]).elements, (where, key)
        for entry in parsed.entries:
            slug = entry.link.rstrip("/").rsplit("/", 1)[-1]
            texts = entry_texts(entry)
            for part, shown in texts.items():
                assert not shown.dangers(), (where, slug, part, shown.dangers())
                if not part.startswith("content"):
                    assert not shown.elements, (where, slug, part, shown.elements)
            if slug == "2026-02-10-hostile":
                assert texts["title"].text == HOSTILE_TITLE, where
                assert texts["summary"].text == HOSTILE_SUMMARY, where
                assert HOSTILE_TAG in [t.term for t in entry.tags], where
                assert entry.author == HOSTILE_AUTHOR, where
                assert '"><script>' not in texts["content0"].text  # the summary is not in the body
                checked.add("hostile")
            if slug == "2026-03-01-lesson":
                assert texts["summary"].text.startswith(FALLBACK_TEXT), (where, texts["summary"].text)
                assert FALLBACK_TEXT in texts["content0"].text, where
                checked.add("fallback")
    assert checked == {"hostile", "fallback"}


# --- W3C feed validator rules that can be checked offline, one test each ------------------

def _urls_in(path: Path) -> list[str]:
    root = xml(path)
    found: list[str] = []
    for el in root.iter():
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in ("link", "guid", "docs", f"{ATOM}id", "comments") and el.text and el.text.strip():
            found.append(el.text.strip())
        for attr in ("href", "url", "src"):
            if el.get(attr):
                found.append(el.get(attr) or "")
        if tag in (CONTENT, f"{ATOM}content", "description", f"{ATOM}summary") and el.text:
            found += re.findall(r'(?:href|src)="([^"]*)"', el.text)
    return found


def test_rule_every_url_is_absolute(news_site: Path) -> None:
    for path in feed_paths(news_site):
        for url in _urls_in(path):
            assert re.match(r"^https?://[^/\s]+/", url), (path.name, url)
            if "example.org/guide" not in url:
                assert url == "http://www.rssboard.org/rss-specification", (path.name, url)


def test_rule_links_inside_stories_point_at_published_pages(news_site: Path) -> None:
    html = unescape(xml(news_site / "feeds" / "orgs" / "beach.xml").findtext(f"channel/item/{CONTENT}") or "")
    for url in re.findall(r'(?:href|src)="([^"]*)"', html):
        local = news_site / url.removeprefix(SITE_URL)
        assert (local / "index.html").is_file() if url.endswith("/") else local.is_file(), url


def test_rule_guids_are_permanent_unique_and_stable_across_feeds(news_site: Path) -> None:
    by_story: dict[str, set[str]] = {}
    for path in rss_paths(news_site):
        guids = []
        for item in xml(path).iter("item"):
            guid = item.find("guid")
            assert guid is not None and guid.get("isPermaLink") == "true"
            assert guid.text == item.findtext("link")
            guids.append(guid.text)
            by_story.setdefault(item.findtext("title") or "", set()).add(guid.text or "")
        assert len(guids) == len(set(guids)), path
    assert all(len(g) == 1 for g in by_story.values())  # one story, one guid, in every feed
    for path in feed_paths(news_site):
        if path.suffix == ".atom":
            ids = [e.findtext(f"{ATOM}id") for e in xml(path).iter(f"{ATOM}entry")]
            assert len(ids) == len(set(ids)) and all(i and i.startswith(SITE_URL) for i in ids)


def test_rule_dates_are_rfc822_in_thai_time_from_the_story_date(news_site: Path) -> None:
    for path in rss_paths(news_site):
        channel = xml(path).find("channel")
        assert channel is not None
        dates = []
        for item in channel.iter("item"):
            text = item.findtext("pubDate") or ""
            assert RFC822.match(text), text
            moment = email.utils.parsedate_to_datetime(text)
            assert moment.utcoffset() == dt.timedelta(hours=7)
            slug = (item.findtext("link") or "").rstrip("/").rsplit("/", 1)[-1]
            if path.name == "editions.xml":  # an edition ('2569-01') is dated the day after its month
                year, month = int(slug[:4]) - 543, int(slug[5:7])
                assert moment.date() == dt.date(year + month // 12, month % 12 + 1, 1) and moment.hour == 0
                dates.append(moment)
                continue
            assert moment.date().isoformat() == slug[:10] and moment.hour == 0
            dates.append(moment)
        last = channel.findtext("lastBuildDate") or ""
        assert RFC822.match(last), last
        if dates:
            assert email.utils.parsedate_to_datetime(last) == max(dates)  # newest story, not build time


def test_rule_self_link_matches_the_feed_address(news_site: Path) -> None:
    for path in feed_paths(news_site):
        root = xml(path)
        links = [el for el in root.iter(f"{ATOM}link") if el.get("rel") == "self"]
        assert len(links) == 1, path
        kind = "application/rss+xml" if path.suffix == ".xml" else "application/atom+xml"
        assert links[0].get("href") == public_url(news_site, path) and links[0].get("type") == kind
        if path.suffix == ".atom":
            assert root.findtext(f"{ATOM}id") == public_url(news_site, path)


def test_rule_channel_has_title_link_description_and_language_th(news_site: Path) -> None:
    for path in rss_paths(news_site):
        channel = xml(path).find("channel")
        assert channel is not None
        for field in ("title", "link", "description"):
            assert (channel.findtext(field) or "").strip(), (path, field)
        assert channel.findtext("language") == "th"
        link = channel.findtext("link") or ""
        assert (news_site / link.removeprefix(SITE_URL) / "index.html").is_file()  # the page it follows
    for path in feed_paths(news_site):
        if path.suffix == ".atom":
            root = xml(path)
            assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "th"
            assert root.findtext(f"{ATOM}updated") and root.find(f"{ATOM}author/{ATOM}name") is not None


# --- what a subscriber gets ----------------------------------------------------------------

def test_items_carry_every_field(news_site: Path) -> None:
    feed = feedparser.parse((news_site / "feed.xml").read_bytes())
    assert feed.feed.title and feed.feed.language == "th"
    assert [e.link.rstrip("/").rsplit("/", 1)[-1] for e in feed.entries] == PUBLISHED[:FEED_ITEMS]
    beach = next(e for e in feed.entries if e.link.endswith("/2026-01-05-beach/"))
    assert beach.title == "วันเก็บขยะชายหาด" and beach.author == "กลุ่มรักษ์ทะเล"
    assert beach.summary == "เด็ก ๆ ช่วยกันเก็บขยะ"
    assert beach.published == "Mon, 05 Jan 2026 00:00:00 +0700"
    assert [t.term for t in beach.tags] == ["ทะเล", "เยาวชน", "กลุ่ม beach", "สงขลา"]
    assert beach.enclosures == [{"href": SITE_URL + "stories/beach.png", "length": str(len(PNG)),
                                 "type": "image/png"}]
    html = beach.content[0].value
    assert 'alt="เด็กเก็บขยะบนหาด"' in html and f'href="{SITE_URL}orgs/beach/"' in html
    hostile = next(e for e in feed.entries if e.link.endswith("/2026-02-10-hostile/"))
    assert seen(hostile.title_detail).text == HOSTILE_TITLE  # Thai, RTL marks, "]]>", "&" kept
    body = unescape(hostile.content[0].value)
    assert "]]>" in body and "سلام" in body and "<script" not in body and "javascript:" not in body
    assert "\x01" not in body and "\x0b" not in body


def test_feed_items_option_limits_feeds_but_the_archive_lists_every_story(news_site: Path) -> None:
    assert len(feedparser.parse((news_site / "feed.xml").read_bytes()).entries) == FEED_ITEMS
    assert len(feedparser.parse((news_site / "feed.atom").read_bytes()).entries) == FEED_ITEMS
    archive = (news_site / "stories" / "index.html").read_text(encoding="utf-8")
    order = [archive.find(f'href="{slug}/"') for slug in PUBLISHED]
    assert -1 not in order and order == sorted(order)  # all of them, newest first


def test_future_and_draft_stories_are_in_no_feed(news_site: Path) -> None:
    for path in feed_paths(news_site):
        text = path.read_text(encoding="utf-8")
        assert "future" not in text and "draft" not in text and "เรื่องอนาคต" not in text


def test_narrow_feeds_hold_the_right_stories(news_site: Path) -> None:
    def slugs(rel: str) -> list[str]:
        entries = feedparser.parse((news_site / rel).read_bytes()).entries
        return [e.link.rstrip("/").rsplit("/", 1)[-1] for e in entries]

    assert slugs("feeds/orgs/beach.xml") == ["2026-03-01-lesson", "2026-01-05-beach"]
    assert slugs("feeds/province/pattani.atom") == ["2026-03-01-lesson", "2026-02-10-hostile"]
    assert slugs("feeds/focus/marine.xml") == ["2026-03-01-lesson", "2026-01-05-beach"]


def test_feeds_are_byte_identical_between_builds(news_site: Path, tmp_path: Path) -> None:
    again = news_repo(tmp_path / "again")
    assert build(again).returncode == 0
    for path in feed_paths(news_site):
        assert (again / "site" / path.relative_to(news_site)).read_bytes() == path.read_bytes(), path


# --- autodiscovery, subscribe link, archive, story pages -----------------------------------

class Alternates(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.feeds: list[tuple[str, str]] = []
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        d = dict(attrs)
        if tag == "link" and d.get("rel") == "alternate" and (d.get("type") or "").endswith("xml"):
            self.feeds.append((d.get("type") or "", d.get("href") or ""))
        if tag == "a" and d.get("href"):
            self.hrefs.append(d["href"] or "")


def alternates(page: Path) -> Alternates:
    parser = Alternates()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def _resolve(site: Path, page: Path, href: str) -> Path:
    if href.startswith(SITE_URL):
        return site / href.removeprefix(SITE_URL)
    if href.startswith("/"):  # 404.html uses root-relative links
        return site / href.removeprefix("/guide/").lstrip("/")
    return (page.parent / href).resolve()


@pytest.mark.parametrize("which", ["news", "repository"])
def test_every_page_advertises_the_feeds_and_the_links_resolve(which: str,
                                                              request: pytest.FixtureRequest) -> None:
    site: Path = request.getfixturevalue("news_site" if which == "news" else "repo_site")
    # Not the newsletter editions' e-mail copies (newsletter/*/email.html): a message, not a page.
    pages = sorted(p for p in site.rglob("*.html") if p.name != "email.html")
    assert len(pages) > 5
    for page in pages:
        found = alternates(page).feeds
        kinds = {kind for kind, _ in found}
        assert {"application/rss+xml", "application/atom+xml"} <= kinds, page
        for _, href in found:
            target = _resolve(site, page, href)
            assert target.is_file(), (page, href)
            assert feedparser.parse(target.read_bytes()).bozo == 0


def test_group_province_and_focus_pages_advertise_their_own_feed(news_site: Path) -> None:
    for page, feed in (("orgs/beach/index.html", "feeds/orgs/beach.xml"),
                       ("provinces/songkhla/index.html", "feeds/province/songkhla.xml"),
                       ("focus/marine/index.html", "feeds/focus/marine.xml")):
        parsed = alternates(news_site / page)
        hrefs = {href for _, href in parsed.feeds}
        assert f"../../{feed}" in hrefs and f"../../{feed.replace('.xml', '.atom')}" in hrefs, page
        # and a visible link, to the feed's page for people (a browser shows the XML as code)
        assert f"../../{feed}" not in parsed.hrefs
        if "/orgs/" in feed:  # a group's page is its feed's page: the address to copy
            assert f'value="{SITE_URL}{feed}"' in (news_site / page).read_text(encoding="utf-8")
        else:
            assert "../../follow/" + feed.removeprefix("feeds/").removesuffix(".xml") + "/" in parsed.hrefs


def test_a_group_no_story_names_offers_its_province_feed_instead_of_an_empty_one(
        news_site: Path) -> None:
    assert not (news_site / "feeds" / "orgs" / "quiet.xml").exists()
    assert not (news_site / "feeds" / "orgs" / "quiet.atom").exists()
    page = news_site / "orgs" / "quiet" / "index.html"
    parsed = alternates(page)
    feed = "../../feeds/province/yala.xml"
    assert feed in {href for _, href in parsed.feeds} and "../../follow/province/yala/" in parsed.hrefs
    text = page.read_text(encoding="utf-8")
    assert "ยังไม่มีเรื่องเล่าที่กล่าวถึงกลุ่มนี้" in text and "จังหวัดยะลา" in text
    assert (news_site / "feeds" / "province" / "yala.xml").is_file()
    subscribe = (news_site / "subscribe" / "index.html").read_text(encoding="utf-8")
    assert "orgs/quiet" not in subscribe and 'href="../orgs/beach/#follow"' in subscribe


def test_every_page_has_a_visible_subscribe_link_and_the_page_explains_rss(news_site: Path) -> None:
    for page in news_site.rglob("*.html"):
        if page.name == "404.html" or page.parent.name in ("search", "subscribe"):
            continue
        hrefs = alternates(page).hrefs
        assert any(h.rstrip("/").endswith("subscribe") for h in hrefs), page
    subscribe = (news_site / "subscribe" / "index.html").read_text(encoding="utf-8")
    assert "RSS" in subscribe and "แอปอ่านฟีด" in subscribe and f"{SITE_URL}feed.xml" in subscribe
    assert 'href="../orgs/beach/#follow"' in subscribe and 'href="../follow/focus/marine/"' in subscribe


def test_archive_by_buddhist_era_year_and_thai_month_with_image_summary_and_groups(news_site: Path) -> None:
    archive = (news_site / "stories" / "index.html").read_text(encoding="utf-8")
    for text in ("พ.ศ. 2569", "พ.ศ. 2568", "มีนาคม 2569", "กุมภาพันธ์ 2569", "มกราคม 2569", "ธันวาคม 2568"):
        assert text in archive, text
    assert archive.index("พ.ศ. 2569") < archive.index("พ.ศ. 2568")
    assert 'src="beach.png" alt="เด็กเก็บขยะบนหาด"' in archive
    assert "เด็ก ๆ ช่วยกันเก็บขยะ" in archive and 'href="../orgs/beach/"' in archive
    assert 'href="../follow/newsletter/"' in archive and 'href="../subscribe/"' in archive


def test_story_page_shows_image_groups_lesson_sections_and_links_back(news_site: Path) -> None:
    beach = (news_site / "stories" / "2026-01-05-beach" / "index.html").read_text(encoding="utf-8")
    assert 'src="../beach.png" alt="เด็กเก็บขยะบนหาด"' in beach
    assert 'href="../../orgs/beach/"' in beach and 'href="../"' in beach  # the group, and back
    lesson = unwrap_words((news_site / "stories" / "2026-03-01-lesson" / "index.html")
                          .read_text(encoding="utf-8"))
    for heading in ("เป็นการแก้ปัญหาเกี่ยวกับ", "สถานที่เกิดเหตุการณ์", "เนื้อเรื่อง", "ขุมความรู้", "แก่นความรู้",
                    "กลยุทธ์ในการทำงาน"):
        assert heading in lesson, heading
    assert "<strong>เรื่อง</strong>" in lesson and "นัดทุกหกเดือน" in lesson
    group = (news_site / "orgs" / "beach" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../stories/2026-01-05-beach/"' in group  # and the group page links to the story


def test_a_story_with_an_image_needs_alt_text(tmp_path: Path) -> None:
    stories = {"pic.md": "---\ntitle: รูป\ndate: 2026-01-01\nimage: https://example.org/a.jpg\n---\nx\n"}
    result = build(make_repo(tmp_path, {"a": org_yaml("a")}, stories))
    assert result.returncode != 0 and "image_alt" in result.stderr


def test_stories_without_site_url_fail_with_a_clear_message(tmp_path: Path) -> None:
    yml = MINI_MKDOCS.replace("site_url: https://example.org/guide/\n", "")
    result = build(make_repo(tmp_path, {"a": org_yaml("a")}, {"s.md": STORIES["2025-12-31-old.md"]}, yml))
    assert result.returncode != 0 and "site_url" in result.stderr and "feed" in result.stderr


def test_without_site_url_or_stories_there_are_no_feeds_and_no_links_to_them(tmp_path: Path) -> None:
    yml = MINI_MKDOCS.replace("site_url: https://example.org/guide/\n", "")
    repo = make_repo(tmp_path, {"a": org_yaml("a")}, {}, yml)
    result = build(repo)
    assert result.returncode == 0, result.stderr
    site = repo / "site"
    assert not (site / "feed.xml").exists() and not (site / "subscribe").exists()
    for page in site.rglob("*.html"):
        assert alternates(page).feeds == [], page


def test_copying_a_built_site_keeps_feeds_readable(news_site: Path, tmp_path: Path) -> None:
    # Feeds hold absolute links only, so a mirror of the files (another folder, another host)
    # serves the same bytes without a rebuild.
    mirror = tmp_path / "mirror"
    shutil.copytree(news_site, mirror)
    assert (mirror / "feed.xml").read_bytes() == (news_site / "feed.xml").read_bytes()
