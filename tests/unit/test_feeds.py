"""Unit tests of the feed core (guidemap.outputs.feeds.stories): hostile text, determinism, what is left out,
the item limit, dates, summaries and absolute links. Every feed is read back with feedparser."""

from __future__ import annotations

import dataclasses
import datetime as dt
import email.utils
from html import unescape
from pathlib import Path

import feedparser
import pytest
from lxml import etree

from feed_reader import entry_texts, seen
from guidemap.contract import thai
from guidemap.contract.location import coarsen
from guidemap.contract.model.types import Area, Dataset, Lesson, LText, Org, Story
from guidemap.outputs.feeds import stories as feeds
from guidemap.outputs.site import urls
from guidemap.outputs.site.types import SiteInfo

PATTANI = Area("94", "ปัตตานี", "Pattani")
YALA = Area("95", "ยะลา", "Yala")
SITE = SiteInfo(name="แผนที่อาสา", url="https://example.org/guide/", repo_url=None,
                today=dt.date(2026, 6, 1), description="จดหมายข่าวของเครือข่าย")


def org(org_id: str, area: Area = PATTANI, focus: tuple[str, ...] = ("peace",)) -> Org:
    return Org(id=org_id, name=LText(th=f"กลุ่ม {org_id}"), province=area, district=None,
               location=coarsen(6.87, 101.25, "district"), focus=focus,
               summary=LText(th="ทำงานอาสา"), updated=dt.date(2026, 1, 1), source=f"orgs/{org_id}.yml")


def story(slug: str, day: dt.date, **kw: object) -> Story:
    values: dict[str, object] = {"title": f"เรื่อง {slug}", "body": "เนื้อหา **ภาษาไทย**\n",
                                 "summary": f"สรุป {slug}"}
    values.update(kw)
    return Story(slug=slug, source=f"stories/{slug}.md", date=day, **values)


def dataset(*stories: Story, orgs: list[Org] | None = None) -> Dataset:
    return Dataset(orgs or [org("a"), org("b", YALA, ("education",))], list(stories))


def parsed(files: dict[str, bytes], path: str) -> feedparser.FeedParserDict:
    result = feedparser.parse(files[path])
    assert result.bozo == 0, (path, result.get("bozo_exception"))
    etree.fromstring(files[path])  # strict XML parser too
    return result


HOSTILE_TITLE = "A & B ]]> <script>alert(1)</script> \x01\x0b\x1f\x7f\x85 \u200fมูลนิธิ\u200e \u202eRTL"
HOSTILE_BODY = ("ข้อความ ]]> และ & และ &amp; <script>alert(1)</script>\x00\x08\x1b\ufffe "
                "[x](javascript:alert(1)) <img src=x onerror=alert(1)> \u200fسلام\u200f\n\n"
                "<![CDATA[ boom ]]>\n")


def test_hostile_text_gives_well_formed_feeds_that_keep_the_words() -> None:
    data = dataset(story("evil", dt.date(2026, 1, 2), title=HOSTILE_TITLE, body=HOSTILE_BODY,
                         summary="สรุป ]]> & \x02", author="ผู้เขียน & <b>", tags=("แท็ก & ]]>",),
                         orgs=("a",)))
    files = feeds.feed_files(data, SITE)
    for path in (urls.FEED_RSS, urls.FEED_ATOM, urls.org_feed("a"), urls.atom_of(urls.org_feed("a"))):
        entry = parsed(files, path).entries[0]
        title = seen(entry.title_detail).text  # RSS titles are HTML to readers, Atom's text
        assert "A & B ]]>" in title and "\u200fมูลนิธิ\u200e" in title
        assert not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F for c in title)
        html = entry.content[0].value
        assert "]]>" in unescape(html) and "سلام" in html
        for bad in ("<script", "javascript:", "onerror", "\x00", "\x1b"):
            assert bad not in html
        assert "แท็ก & ]]>" in [t.term for t in entry.tags]
        assert seen(entry.summary_detail).text.startswith("สรุป ]]> &")
    raw = files[urls.FEED_RSS]
    assert b"<![CDATA[" not in raw  # escaped text, never CDATA that "]]>" could close


SCRIPT_SUMMARY = 'x"><script>alert(2)</script>'


@pytest.mark.parametrize("summary, body", [
    (SCRIPT_SUMMARY, "เนื้อหา\n"),
    # No summary: the start of the text, where the markup was written as character references.
    (None, "&lt;script&gt;alert(2)&lt;/script&gt; &lt;img src=x onerror=alert(3)&gt; &amp;lt;\n"),
])
def test_summaries_reach_a_reader_as_the_text_never_as_markup(summary: str | None, body: str) -> None:
    name = LText(th='กลุ่ม "><script>alert(6)</script>')
    data = dataset(story("s", dt.date(2026, 1, 2), summary=summary, body=body, orgs=("a",),
                         title="<b>หัวข้อ</b> & <script>x</script>"),
                   orgs=[dataclasses.replace(org("a"), name=name)])
    files = feeds.feed_files(data, SITE)
    want = summary or "<script>alert(2)</script> <img src=x onerror=alert(3)> &lt;"
    for path in (urls.FEED_RSS, urls.FEED_ATOM, urls.org_feed("a"), urls.atom_of(urls.org_feed("a"))):
        result = feedparser.parse(files[path], sanitize_html=False)
        assert result.bozo == 0, path
        texts = entry_texts(result.entries[0])
        assert texts["summary"].text == want and not texts["summary"].elements, path
        assert texts["title"].text == "<b>หัวข้อ</b> & <script>x</script>" and not texts["title"].elements
        assert not texts["content0"].dangers(), path
        assert not seen(result.feed.title_detail).elements, path
        assert name.th in seen(result.feed.title_detail).text or path in (urls.FEED_RSS, urls.FEED_ATOM)
        assert name.th in [t.term for t in result.entries[0].tags]


def test_same_stories_give_byte_identical_feeds_whatever_the_order_or_build_day() -> None:
    stories = [story(f"s{i}", dt.date(2026, 1, i + 1), orgs=("a", "b")) for i in range(5)]
    first = feeds.feed_files(dataset(*stories), SITE)
    later = dataclasses.replace(SITE, today=dt.date(2030, 1, 1))
    again = feeds.feed_files(dataset(*reversed(stories)), later)
    assert first == again
    assert all(isinstance(v, bytes) for v in first.values())
    today = dt.date.today()
    for content in first.values():
        assert email.utils.format_datetime(dt.datetime.now(dt.timezone.utc))[:16].encode() not in content
        assert today.isoformat().encode() not in content


def test_last_build_date_is_the_newest_story() -> None:
    data = dataset(story("old", dt.date(2025, 3, 1)), story("new", dt.date(2026, 2, 14)))
    files = feeds.feed_files(data, SITE)
    rss = parsed(files, urls.FEED_RSS)
    assert rss.feed.updated == "Sat, 14 Feb 2026 00:00:00 +0700"
    atom = parsed(files, urls.FEED_ATOM)  # the newest entry's updated, within its day's first hour
    assert atom.feed.updated == max(e.updated for e in atom.entries)
    assert atom.feed.updated.startswith("2026-02-14T00:") and atom.feed.updated.endswith("+07:00")


def test_future_and_draft_stories_stay_out_until_their_date() -> None:
    data = dataset(story("now", dt.date(2026, 5, 1)), story("later", dt.date(2026, 6, 2)),
                   story("draft", dt.date(2026, 5, 2), draft=True))
    links = [e.link for e in parsed(feeds.feed_files(data, SITE), urls.FEED_RSS).entries]
    assert links == ["https://example.org/guide/stories/now/"]
    on_the_day = feeds.feed_files(data, dataclasses.replace(SITE, today=dt.date(2026, 6, 2)))
    assert [e.link for e in parsed(on_the_day, urls.FEED_RSS).entries] == [
        "https://example.org/guide/stories/later/", "https://example.org/guide/stories/now/"]


@pytest.mark.parametrize("limit", [1, 3, 30])
def test_item_limit_keeps_the_newest(limit: int) -> None:
    stories = [story(f"s{i:02d}", dt.date(2026, 1, 1) + dt.timedelta(days=i)) for i in range(12)]
    files = feeds.feed_files(dataset(*stories), dataclasses.replace(SITE, feed_items=limit))
    for path in (urls.FEED_RSS, urls.FEED_ATOM):
        entries = parsed(files, path).entries
        assert len(entries) == min(limit, 12)
        assert entries[0].link.endswith("/s11/")  # newest first (feedgen would prepend)


def test_pub_dates_are_rfc822_in_thai_time() -> None:
    files = feeds.feed_files(dataset(story("d", dt.date(2018, 7, 24))), SITE)
    raw = files[urls.FEED_RSS].decode()
    assert "<pubDate>Tue, 24 Jul 2018 00:00:00 +0700</pubDate>" in raw
    moment = email.utils.parsedate_to_datetime("Tue, 24 Jul 2018 00:00:00 +0700")
    assert moment.utcoffset() == dt.timedelta(hours=7)


def test_summary_is_cut_at_a_thai_word_boundary() -> None:
    long_text = "เครือข่ายอาสาสมัครชายแดนใต้ร่วมกันเยียวยาและสร้างความสมานฉันท์ในชุมชน" * 12
    files = feeds.feed_files(dataset(story("long", dt.date(2026, 1, 1), summary=None, body=long_text)), SITE)
    summary = parsed(files, urls.FEED_RSS).entries[0].summary
    assert summary.endswith("…") and len(summary) <= feeds.SUMMARY_CHARS
    cut = summary.removesuffix("…")
    boundaries = set()
    total = ""
    for token in thai.words(long_text):
        total += token
        boundaries.add(len(total))
    assert long_text.startswith(cut) and len(cut) in boundaries


def test_links_and_images_in_the_story_become_absolute() -> None:
    body = ("[อีกเรื่อง](other.md) [ในหน้า](#top) [เกี่ยวกับ](../about.md) "
            "[นอก](https://example.com/x)\n\n![รูป](pic.jpg)\n")
    data = dataset(story("abs", dt.date(2026, 1, 1), body=body, image="pic.jpg", image_alt="รูปชายหาด",
                         image_bytes=1234))
    files = feeds.feed_files(data, SITE)
    entry = parsed(files, urls.FEED_RSS).entries[0]
    html = entry.content[0].value
    for url in ("https://example.org/guide/stories/other/", "https://example.org/guide/stories/abs/#top",
                "https://example.org/guide/about/", "https://example.com/x",
                "https://example.org/guide/stories/pic.jpg"):
        assert f'"{url}"' in html, url
    assert 'alt="รูปชายหาด"' in html
    assert entry.enclosures == [{"href": "https://example.org/guide/stories/pic.jpg", "length": "1234",
                                 "type": "image/jpeg"}]
    atom = parsed(files, urls.FEED_ATOM).entries[0]
    assert [(link.rel, link.href) for link in atom.links if link.rel == "enclosure"] == [
        ("enclosure", "https://example.org/guide/stories/pic.jpg")]


def test_categories_are_tags_groups_and_provinces_and_author_is_kept() -> None:
    data = dataset(story("c", dt.date(2026, 1, 1), tags=("ทะเล",), orgs=("a", "b"), author="ทีมข่าว"))
    entry = parsed(feeds.feed_files(data, SITE), urls.FEED_RSS).entries[0]
    assert [t.term for t in entry.tags] == ["ทะเล", "กลุ่ม a", "กลุ่ม b", "ปัตตานี", "ยะลา"]
    assert entry.author == "ทีมข่าว"


def test_narrow_feeds_follow_focus_province_and_group() -> None:
    data = dataset(story("pa", dt.date(2026, 1, 1), orgs=("a",)),
                   story("ya", dt.date(2026, 1, 2), orgs=("b",)), story("none", dt.date(2026, 1, 3)),
                   orgs=[org("a"), org("b", YALA, ("education",)), org("c")])
    files = feeds.feed_files(data, SITE)

    def slugs(path: str) -> list[str]:
        return [e.link.rstrip("/").rsplit("/", 1)[-1] for e in parsed(files, path).entries]

    assert slugs(urls.FEED_RSS) == ["none", "ya", "pa"]
    assert slugs(urls.focus_feed("peace")) == ["pa"]
    assert slugs(urls.focus_feed("education")) == ["ya"]
    assert slugs(urls.province_feed(YALA)) == ["ya"]
    assert slugs(urls.org_feed("a")) == ["pa"]
    assert urls.focus_feed("marine") not in files  # no group works on it: no page, no feed
    assert urls.org_feed("c") not in files  # no story names it: its page offers its province's


def test_empty_feed_is_valid_and_dated_from_the_data() -> None:
    files = feeds.feed_files(dataset(), SITE)
    rss = parsed(files, urls.FEED_RSS)
    assert rss.entries == [] and rss.feed.updated == "Thu, 01 Jan 2026 00:00:00 +0700"  # newest profile check
    assert parsed(files, urls.FEED_ATOM).feed.updated == "2026-01-01T00:00:00+07:00"


def test_lessons_learned_sections_are_in_the_feed() -> None:
    lesson = Lesson(problem="ปัญหา & ทุน", place="ปัตตานี", story="เล่า **เรื่อง**",
                    knowledge=("ขุมหนึ่ง",), competency=("แก่นหนึ่ง",), strategies=("กลยุทธ์หนึ่ง",))
    html = parsed(feeds.feed_files(dataset(story("l", dt.date(2026, 1, 1), lesson=lesson)), SITE),
                  urls.FEED_RSS).entries[0].content[0].value
    for text in ("เป็นการแก้ปัญหาเกี่ยวกับ", "ปัญหา &amp; ทุน", "<strong>เรื่อง</strong>", "ขุมความรู้",
                 "แก่นความรู้", "กลยุทธ์ในการทำงาน", "กลยุทธ์หนึ่ง"):
        assert text in html, text


def test_feeds_need_a_site_url_when_stories_exist() -> None:
    no_url = dataclasses.replace(SITE, url=None)
    assert feeds.feed_files(dataset(story("x", dt.date(2026, 1, 1))), no_url) == {}
    problem = feeds.config_problem(dataset(story("x", dt.date(2026, 1, 1))), no_url)
    assert problem is not None and "site_url" in problem
    assert feeds.config_problem(dataset(), no_url) is None
    assert feeds.config_problem(dataset(story("x", dt.date(2026, 1, 1))), SITE) is None
    bad_limit = feeds.config_problem(dataset(), dataclasses.replace(SITE, feed_items=0))
    assert bad_limit is not None and "feed_items" in bad_limit


@pytest.mark.parametrize("text", ["\x00", "\x0b", "\x1f", "\x7f", "\x9f", "\ud800", "\ufffe", "\uffff"])
def test_xml_text_removes_every_character_xml_cannot_carry(text: str) -> None:
    assert feeds.xml_text(f"ก{text}ข") == "กข"
    assert feeds.xml_text("\t\n\r\u200f\u202e") == "\t\n\r\u200f\u202e"


# --- feed links: each page maker adds its own, from the catalogue made first ------------------

def test_each_page_advertises_its_own_feed_or_its_provinces() -> None:
    from guidemap.outputs.pages import listings
    from guidemap.outputs.pages.feed_links import NO_FEEDS, FeedCatalogue, catalogue
    from guidemap.outputs.pages.group import org_page

    data = dataset(story("s", dt.date(2026, 1, 2), orgs=("a",)))
    feed_list = FeedCatalogue(tuple(catalogue(data, SITE)), site_url=SITE.url)
    orgs = {o.id: o for o in data.orgs}
    named, unnamed = (org_page(o, SITE, [], orgs, feed_list) for o in data.orgs)
    assert f'href="../../{urls.org_feed("a")}"' in named.head
    assert 'id="follow"' in named.html and f'https://example.org/guide/{urls.org_feed("a")}' in named.html
    # No story names "b" yet: its page offers its province's feed.
    assert f'href="../../{urls.province_feed(YALA)}"' in unnamed.head and "จังหวัดยะลา" in unnamed.html
    province = listings.province_pages(data, SITE, feed_list)[0]
    assert province.head.count('rel="alternate"') == 2 and "gm-subscribe--narrow" in province.html
    # Without the site URL there are no feeds, and nothing points at one.
    alone = org_page(data.orgs[0], SITE, [], orgs, NO_FEEDS)
    assert 'rel="alternate"' not in alone.head and "gm-subscribe" not in alone.html


def test_a_story_rendered_by_its_page_is_not_rendered_again(monkeypatch: pytest.MonkeyPatch) -> None:
    # The site builder passes each story's body as its page rendered it: the feeds sanitize and
    # reuse it (links made absolute against the page, heading permalinks dropped) and never
    # render the Markdown themselves.
    def no_second_render(text: str) -> str:
        raise AssertionError("the story's Markdown was rendered a second time")

    monkeypatch.setattr(feeds, "markdown_to_safe_html", no_second_render)
    page = ('<h2 id="why">ทำไม<a class="headerlink" href="#why" title="Permanent link">¶</a></h2>'
            '<p>ดู <a href="../other/">อีกเรื่อง</a> <img src="pic.jpg" alt="ภาพ" onerror="x()"></p>'
            '<script>alert(1)</script>')
    data = dataset(story("r", dt.date(2026, 1, 1), summary=None))
    files = feeds.feed_files(data, SITE, rendered={"r": page})
    for path in (urls.FEED_RSS, urls.FEED_ATOM):
        entry = parsed(files, path).entries[0]
        html = entry.content[0].value
        assert "ทำไม" in html and "¶" not in html and "<script" not in html and "onerror" not in html
        assert 'href="https://example.org/guide/stories/other/"' in html
        assert 'src="https://example.org/guide/stories/r/pic.jpg"' in html
        assert "alert" not in entry.summary and entry.summary.startswith("ทำไม")


def test_a_call_in_the_calls_feed_is_a_whole_block_not_a_list_item(tmp_path: Path) -> None:
    """A feed item is shown outside any list: the call's page markup (an <li> of the page's
    list) would be a stray list item there."""
    from lxml import html as lxml_html

    from dated_fixture import dated_repo
    from guidemap.contract.load.repository import load_repository
    from guidemap.outputs.feeds.calls import call_feed_files

    data = load_repository(dated_repo(tmp_path)).dataset
    site = dataclasses.replace(SITE, today=dt.date(2026, 11, 18))
    feed = feedparser.parse(call_feed_files(data, site)[urls.CALLS_RSS], sanitize_html=False)
    assert len(feed.entries) == 5
    for entry in feed.entries:
        body = entry.content[0].value
        top = lxml_html.fragments_fromstring(body)
        assert [getattr(el, "tag", None) for el in top] == ["div"], body[:80]
        assert "<li" not in body.split(">", 1)[0]
