"""From looking to acting, on a phone (390×844, touch): each journey (volunteer in a chosen
province and focus; give to a group that needs funding; follow the news) reaches a working
channel within three taps of the home page; the "I want to help" link carries a Thai message
naming the group or call and its address; with no channel anywhere there is no button and the
page says what to do; the 404 page is Thai and its search finds pages; no page asks for a file
the site does not have, and nothing leaves the local server."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from conftest import BIN, MINI_MKDOCS, local_context, make_repo, org_yaml

pytestmark = pytest.mark.browser

SITE_URL = "https://example.org/"  # served at the root here, so the 404 page's links resolve
MKDOCS = MINI_MKDOCS.replace("https://example.org/guide/", SITE_URL).replace(
    "  - stories/index.md\n",
    "  - stories/index.md\n  - ร่วมเป็นอาสา: volunteer.md\n  - กิจกรรม: events/index.md\n"
    "  - ช่วยกลุ่มได้อย่างไร: help.md\n  - ติดตาม: subscribe.md\n")
NETWORK = 'contact:\n  line: "@southnet"\n  email: hello@example.org\n'
ORGS = {
    # Its own LINE official account; welcomes volunteers in Yala, works with children and youth.
    "yala-youth": org_yaml("yala-youth", province="Yala", lat="6.54", lon="101.28", focus="children-youth",
                           needs="volunteers") + 'contact:\n  line: "@yalayouth"\n',
    # Nothing of its own: reached through the network; asks for funding.
    "quiet": org_yaml("quiet", province="Narathiwat", lat="6.42", lon="101.82", focus="orphans",
                      needs="funding"),
    # A running campaign.
    "fund": org_yaml("fund", needs="funding") + (
        "campaigns:\n  - title: ระดมทุนค่ายเด็ก\n    url: https://taejai.com/th/d/camp/\n    end: 2026-12-31\n"),
}
CALL = """\
title: พี่เลี้ยงค่ายเยาวชนยะลา
orgs: [yala-youth]
start: 2569-12-10
end: 2569-12-12
remote: no
updated: 2026-11-10
"""


def _build(root: Path) -> Path:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1795000000"}
    env.pop("SITE_URL", None)
    done = subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "-d", str(root / "site")], cwd=root,
                          env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return root / "site"


def _repo(root: Path, network: str) -> Path:
    make_repo(root, ORGS, mkdocs_yml=MKDOCS)
    (root / "content" / "index.md").write_text(
        "# หน้าแรก\n\n<!-- guidemap:volunteer-now -->\n\n<!-- guidemap:summary -->\n\n"
        "<!-- guidemap:latest-stories -->\n", encoding="utf-8")
    (root / "calls").mkdir()
    (root / "calls" / "youth-camp.yml").write_text(CALL, encoding="utf-8")
    (root / "guidemap.yml").write_text(network, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    with_network = _build(_repo(tmp_path_factory.mktemp("journeys"), NETWORK))
    alone = _build(_repo(tmp_path_factory.mktemp("journeys-alone"), "name: {th: เครือข่ายทดสอบ}\n"))
    return with_network, alone


class Phone:
    """A phone's browser that counts taps and records every failed request."""

    def __init__(self, browser: Any, base: str) -> None:
        self.context, self.outside, _ = local_context(browser, has_touch=True, is_mobile=True)
        self.page = self.context.new_page()
        self.base = base
        self.taps = 0
        self.missing: list[str] = []
        self.page.on("response", lambda r: r.status >= 400 and self.missing.append(f"{r.status} {r.url}"))

    def home(self) -> None:
        self.page.goto(self.base)
        self.taps = 0

    def tap(self, selector: str, navigates: bool = True) -> None:
        target = self.page.locator(selector).first
        if navigates:
            with self.page.expect_navigation():
                target.tap()
        else:
            target.tap()
        self.taps += 1

    def channel(self, selector: str) -> str:
        """The link a last tap would follow (it leaves the site, so it is read, not followed)."""
        link = self.page.locator(selector).first
        assert link.is_visible()
        box = link.bounding_box()
        assert box is not None and box["height"] >= 44  # a thumb's target
        self.taps += 1
        return str(link.get_attribute("href"))

    def close(self) -> None:
        self.context.close()
        assert self.outside == [], f"requests left the local server: {self.outside}"
        assert self.missing == [], f"pages asked for missing files: {self.missing}"


@pytest.fixture()
def phone(browser: Any, serve: Any, sites: tuple[Path, Path]):  # type: ignore[no-untyped-def]
    p = Phone(browser, serve(sites[0]))
    yield p
    p.close()


def _message(href: str) -> str:
    parts = urlsplit(href)
    assert (parts.scheme, parts.netloc) == ("https", "line.me") and parts.path.startswith("/R/oaMessage/%40")
    return unquote(parts.query)


def test_volunteer_in_a_chosen_province_and_focus(phone: Phone) -> None:
    phone.home()
    phone.tap('.gm-stats a[href="provinces/yala/"]')  # the province chosen
    assert phone.page.url.endswith("/provinces/yala/")
    phone.tap('a[href$="orgs/yala-youth/"]')
    assert phone.page.locator(".gm-badge, .gm-org a[href*='focus/children-youth']").count() >= 1
    text = _message(phone.channel(".gm-org .gm-help__button"))
    assert phone.taps <= 3
    assert text.startswith("สวัสดี") and "กลุ่ม yala-youth" in text
    assert "https://example.org/orgs/yala-youth/" in text
    button = phone.page.locator(".gm-help__button").first
    assert "/R/oaMessage/%40yalayouth/" in str(button.get_attribute("href"))
    # The maintainers' links are out of a visitor's way: no repository link in the header, no
    # edit pencil; one edit link at the end of the group's page.
    assert phone.page.locator(".md-header .md-source, .md-content__button").count() == 0
    assert phone.page.locator(".gm-actions a[href*='/edit/']").count() == 1


def test_volunteer_for_an_open_call_from_the_menu(phone: Phone) -> None:
    phone.home()
    phone.tap("label.md-header__button[for='__drawer']", navigates=False)
    phone.tap('.md-nav--primary a[href="volunteer/"]')
    text = _message(phone.channel("#call-youth-camp .gm-help__button"))
    assert phone.taps <= 3
    assert "พี่เลี้ยงค่ายเยาวชนยะลา" in text and "https://example.org/volunteer/#call-youth-camp" in text


def test_give_to_a_group_that_needs_funding(phone: Phone) -> None:
    phone.home()
    phone.tap('.gm-cta a[href="help/"]')
    phone.tap('a[href$="orgs/quiet/"]')
    href = phone.channel(".gm-needs .gm-help__button")
    assert phone.taps <= 3
    assert "/R/oaMessage/%40southnet/" in href  # no channel of its own: the network's
    text = _message(href)
    assert "ทุน" in text and "กลุ่ม quiet" in text and "https://example.org/orgs/quiet/" in text
    assert "ติดต่อผ่านเครือข่าย" in phone.page.inner_text(".gm-contacts")


def test_give_through_a_running_campaign(phone: Phone) -> None:
    phone.home()
    phone.tap('.gm-cta a[href="help/"]')
    link = phone.page.locator('.gm-campaign a[href="https://taejai.com/th/d/camp/"]').first
    assert link.is_visible() and phone.taps + 1 <= 3
    text = _message(phone.channel(".gm-campaign .gm-help__button"))
    assert "ระดมทุนค่ายเด็ก" in text


def test_follow_the_news(phone: Phone) -> None:
    phone.home()
    phone.tap('.gm-footer a[href="subscribe/"]')
    assert phone.page.url.endswith("/subscribe/")
    # The newsletter's feed address, in a field with its copy button (one tap more).
    field = phone.page.locator('.gm-copy__field[value$="feed.xml"]').first
    assert field.is_visible() and field.input_value() == SITE_URL + "feed.xml"
    phone.channel(".gm-copy:has(.gm-copy__field[value$='feed.xml']) .gm-copy__button")
    assert phone.taps <= 2
    answer = phone.page.request.get(phone.base + "feed.xml")  # the site's address, served here
    assert answer.ok and b"<rss" in answer.body()
    # The network's own channel is in every page's footer.
    assert phone.page.locator('.gm-footer a[href="https://line.me/R/ti/p/@southnet"]').count() == 1


def test_no_channel_anywhere_no_button_and_what_to_do(browser: Any, serve: Any,
                                                      sites: tuple[Path, Path]) -> None:
    phone = Phone(browser, serve(sites[1]))
    phone.page.goto(phone.base + "orgs/quiet/")
    assert phone.page.locator(".gm-help__button").count() == 0
    note = phone.page.locator(".gm-help--none").first
    assert note.is_visible() and "ยังไม่มีช่องทางติดต่อ" in note.inner_text()
    assert note.locator('a[href*="template=add-organization.yml"]').count() == 1
    assert "เครือข่ายยังไม่ได้เผยแพร่ช่องทางติดต่อ" in phone.page.inner_text(".gm-footer")
    phone.close()


def test_the_404_page_is_thai_and_its_search_finds_pages(phone: Phone) -> None:
    phone.page.goto(phone.base + "404.html")
    assert phone.page.get_attribute("html", "lang") == "th"
    assert "ไม่พบหน้านี้" in phone.page.inner_text("h1")
    assert phone.page.locator('.gm-404-links a[href="/volunteer/"]').count() == 1
    phone.page.locator("label.gm-404-search").tap()
    box = phone.page.locator("input.md-search__input")
    box.fill("yala")
    box.press("End")  # Material listens to keyup, which fill() does not fire
    phone.page.wait_for_selector(".md-search-result__item", timeout=15000)
    assert phone.page.locator(".md-search-result__item").count() >= 1


PAGES = ("", "orgs/", "orgs/yala-youth/", "orgs/quiet/", "volunteer/", "events/", "help/", "subscribe/",
         "map/", "provinces/yala/", "stories/", "404.html")


def test_no_page_fetches_or_links_a_missing_file(phone: Phone, sites: tuple[Path, Path]) -> None:
    """Every page type loads without a failed request (Phone.close), and the menu, the footer and
    the 404 page's links all lead to pages the site has (this test site has no about page)."""
    for path in PAGES:
        phone.page.goto(phone.base + path)
        hrefs = phone.page.eval_on_selector_all(
            ".md-nav--primary a[href], .gm-footer a[href], .gm-404-links a[href]",
            "links => links.map(a => a.href)")
        for href in hrefs:
            if not href.startswith(phone.base):
                continue
            local = urlsplit(href).path.lstrip("/")
            target = sites[0] / local / "index.html" if not local or local.endswith("/") else sites[0] / local
            assert target.is_file(), f"{path or 'home'} links to a missing page: {href}"
