"""The ways people follow the news, on a test repository with every content type: the subscribe
page's LINE row (add-friend link, its QR code decoded) and e-mail form when guidemap.yml names
them, and neither when it does not; every feed has a page for people and no link a visitor taps
leads to a feed's XML; alerts for a province or a focus as feeds and calendars, linked from
those pages; every feed valid for feedparser."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin

import feedparser
import icalendar
import pytest

from conftest import unwrap_words
from dated_fixture import EPOCH, build_at
from every_type import every_type_repo

SIGNUP = "https://buttondown.com/api/emails/embed-subscribe/southvol"
NETWORK = f'newsletter:\n  line: "@southvol"\n  email_signup: {SIGNUP}\n'
ADD_FRIEND = "https://line.me/R/ti/p/%40southvol"
SITE_URL = "https://example.org/guide/"


@pytest.fixture(scope="module")
def news_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = every_type_repo(tmp_path_factory.mktemp("subscribe"))
    (repo / "guidemap.yml").write_text(NETWORK, encoding="utf-8")
    return build_at(repo, EPOCH)


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


class _Links(HTMLParser):
    """Every <a href>, <form action> and <link rel=alternate href> of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.anchors: list[str] = []
        self.alternates: list[str] = []
        self.forms: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        if tag == "a" and "href" in found:
            self.anchors.append(found["href"])
        elif tag == "link" and found.get("rel") == "alternate":
            self.alternates.append(found.get("href", ""))
        elif tag == "form" and "action" in found:  # (Material's search form has none: it posts nowhere)
            self.forms.append((found.get("method", "get").lower(), found.get("action", "")))


def links(html: str) -> _Links:
    parser = _Links()
    parser.feed(html)
    return parser


def raw_feed_links(site: Path) -> list[str]:
    """Every page's links a visitor taps that lead to a feed file (RSS or Atom)."""
    found = []
    for file in site.rglob("*.html"):
        for href in links(file.read_text(encoding="utf-8")).anchors:
            if href.split("#")[0].split("?")[0].endswith((".xml", ".atom")):
                found.append(f"{file.relative_to(site)} → {href}")
    return found


def test_line_row_has_the_add_friend_link_and_its_qr_code_decodes_to_it(news_site: Path,
                                                                        tmp_path: Path) -> None:
    if not shutil.which("zbarimg"):
        pytest.skip("zbarimg not installed (scripts/bootstrap.sh installs it)")
    from test_guide import decode_svg

    html = page(news_site, "subscribe")
    assert f'href="{ADD_FRIEND}"' in html
    svg = re.search(r'<figure class="gm-line-qr">(<svg.*?</svg>)', html, re.S)
    assert svg is not None
    assert decode_svg(svg.group(1), tmp_path) == ADD_FRIEND
    # LINE first, then e-mail, then feed readers, then calendars: the order people here use them.
    order = [html.index(mark) for mark in ('id="line"', 'id="email"', 'id="feeds"', 'id="calendars"')]
    assert order == sorted(order)


def test_email_row_is_a_form_posting_to_the_service_and_the_policy_allows_it(news_site: Path) -> None:
    html = page(news_site, "subscribe")
    assert links(html).forms == [("post", SIGNUP)]
    assert re.search(r'<input class="gm-signup__field" type="email" name="email" required', html)
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert policy is not None
    directives = dict(d.strip().split(" ", 1) for d in policy.group(1).replace("&#39;", "'").split(";"))
    assert directives["form-action"] == "'self' https://buttondown.com"


def test_without_newsletter_channels_the_rows_are_absent(every_type_site: Path) -> None:
    html = page(every_type_site, "subscribe")
    assert "line.me" not in html and links(html).forms == [] and 'id="line"' not in html
    assert 'id="email"' not in html and "gm-signup" not in html
    assert re.search(r"form-action 'self'(;|\")", html.replace("&#39;", "'"))


def test_no_link_a_visitor_taps_leads_to_a_feeds_xml(news_site: Path) -> None:
    assert raw_feed_links(news_site) == []
    # Readers still find the files: autodiscovery on the pages, the address to copy.
    assert "../feeds/calls.xml" in links(page(news_site, "volunteer")).alternates
    assert f'value="{SITE_URL}feed.xml"' in page(news_site, "subscribe")


def test_every_feed_has_a_thai_page_with_its_address_latest_items_and_how_to_follow(news_site: Path) -> None:
    feeds = sorted(news_site.rglob("*.xml"))
    feeds = [f for f in feeds if f.name != "sitemap.xml"]
    assert len(feeds) > 10
    for file in feeds:
        rss = file.relative_to(news_site).as_posix()
        people = news_site / f"follow/{rss.removeprefix('feeds/').removesuffix('.xml')}" / "index.html"
        if rss == "feed.xml":
            people = news_site / "follow/newsletter/index.html"
        elif rss.startswith("feeds/orgs/"):  # a group's page, at #follow
            people = news_site / "orgs" / file.stem / "index.html"
        html = people.read_text(encoding="utf-8")
        assert f'value="{SITE_URL}{rss}"' in html, rss  # the address, with a copy button
        assert 'class="md-button gm-copy__button"' in html and "แอปอ่านฟีด" in unwrap_words(html)
        assert f'{SITE_URL}{rss}' in [urljoin(f"{SITE_URL}{people.parent.relative_to(news_site)}/", h)
                                      for h in links(html).alternates]
    calls = page(news_site, "follow/calls")
    assert "พี่เลี้ยงค่ายเด็กกำพร้า" in calls and 'href="../../volunteer/#call-camp"' in calls


def test_every_feed_passes_feedparser_without_bozo(news_site: Path) -> None:
    files = [f for f in news_site.rglob("*") if f.suffix in (".xml", ".atom") and f.name != "sitemap.xml"]
    for file in files:
        parsed = feedparser.parse(file.read_bytes(), sanitize_html=False)
        assert not parsed.bozo, (file, parsed.get("bozo_exception"))
        for entry in parsed.entries:
            assert "<script" not in entry.get("content", [{"value": ""}])[0]["value"], file


def test_alerts_by_province_and_focus_as_feeds_and_calendars(news_site: Path) -> None:
    yala = feedparser.parse((news_site / "feeds/alerts/province/yala.xml").read_bytes())
    titles = [e.title for e in yala.entries]
    assert "พี่เลี้ยงค่ายเด็กกำพร้า" in titles  # the Yala group's call
    assert all("อาสาเก็บขยะชายหาด" not in t for t in titles)  # Songkhla's is not
    orphans = feedparser.parse((news_site / "feeds/alerts/focus/orphans.atom").read_bytes())
    assert "พี่เลี้ยงค่ายเด็กกำพร้า" in [e.title for e in orphans.entries]
    cal = icalendar.Calendar.from_ical((news_site / "calendars/focus/orphans.ics").read_bytes())
    assert any("พี่เลี้ยงค่ายเด็กกำพร้า" in str(c["SUMMARY"]) for c in cal.walk("VEVENT"))
    # Linked from the province's and the focus's pages (to the page for people) and advertised.
    province = links(page(news_site, "provinces/yala"))
    assert "../../follow/alerts/province/yala/" in province.anchors
    assert "../../feeds/alerts/province/yala.xml" in province.alternates
    assert "../../follow/alerts/focus/orphans/" in links(page(news_site, "focus/orphans")).anchors
    alert_page = page(news_site, "follow/alerts/focus/orphans")
    google = re.search(r'href="(https://calendar\.google\.com/calendar/r\?cid=[^"]+)"', alert_page)
    assert google is not None
    assert unquote(google.group(1).split("cid=")[1]) == "webcal://example.org/guide/calendars/focus/orphans.ics"


def test_topic_feeds_are_one_row_and_one_button_each(news_site: Path) -> None:
    html = page(news_site, "subscribe")
    rows = re.findall(r'<li class="gm-row">(.*?)</li>', html, re.S)
    assert len(rows) > 10
    for row in rows:
        assert row.count("<a ") >= 1
        if "gm-row__count" in row:  # a feed: one button, to its page
            assert row.count("<a ") == 1 and ("follow/" in row or "#follow" in row)


def test_no_link_on_this_repositorys_site_or_without_channels_leads_to_a_feeds_xml(
        repo_site: Path, every_type_site: Path) -> None:
    assert raw_feed_links(repo_site) == []
    assert raw_feed_links(every_type_site) == []


def test_volunteer_now_with_open_calls_offers_the_alerts_by_area(news_site: Path) -> None:
    assert "../subscribe/#alerts" in links(page(news_site, "volunteer")).anchors
    assert 'id="alerts"' in page(news_site, "subscribe")
