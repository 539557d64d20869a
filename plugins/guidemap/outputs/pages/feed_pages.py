"""A page for people about each feed: what it covers, its latest items, how to follow it, and
its address with a copy button.

A browser shows a feed's XML as raw code (and Chromium is removing XSLT, so a stylesheet cannot
dress it), so no button or link a visitor taps leads to a feed file: they lead here. Feed
readers still find the files at their addresses, through the copyable address and the
``<link rel="alternate">`` tags in the page's head.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from guidemap.contract.model.types import Call, Event
from guidemap.contract.thai import thai_date
from guidemap.outputs.html.head import page_head
from guidemap.outputs.html.htmlkit import h, one_block
from guidemap.outputs.html.markup import copy_field, en, link
from guidemap.outputs.pages.alerts import Alert
from guidemap.outputs.pages.feed_links import Feed, alternate_pair
from guidemap.outputs.site import urls
from guidemap.outputs.site.selection import shown_occurrence
from guidemap.outputs.site.types import GeneratedPage, SiteInfo

LATEST = 10  # items a feed's page lists
READERS = "Feeder, Inoreader, Feedly หรือ NetNewsWire"


@dataclass(frozen=True)
class Listed:
    """One item on a feed's page: its title (plain text), its page and its day."""

    title: str
    page: str
    day: dt.date | None = None


def _item(url: str, item: Listed) -> str:
    day = f' <span class="gm-feed-page__day">{h(thai_date(item.day))}</span>' if item.day else ""
    return f"<li>{link(url, item.page, h(item.title))}{day}</li>"


def feed_page(site: SiteInfo, rss: str, title: str, covers: str, topic: str, topic_name: str,
              items: Sequence[Listed], more: str = "") -> GeneratedPage:
    """The page of the feed whose RSS file is ``rss`` (the Atom file beside it); ``topic``: the
    page it follows; ``more``: HTML added after the latest items (its calendar)."""
    url = urls.feed_page(rss)
    rss_url = urls.absolute(site.url, rss) or rss
    atom_url = urls.absolute(site.url, urls.atom_of(rss)) or urls.atom_of(rss)
    latest = "".join(_item(url, i) for i in items[:LATEST])
    listing = (f'<ul class="gm-feed-page__items">{latest}</ul>' if latest
               else f"<p>ยังไม่มีรายการในตอนนี้ เมื่อมีรายการใหม่ แอปอ่านฟีดจะแจ้งให้ทราบ "
                    f'{en("Nothing yet: a feed reader shows the next item when it comes.")}</p>')
    body = (
        f'<p>{h(covers)}</p>'
        f"<p>{link(url, topic, 'ดูหน้า' + h(topic_name))}</p>"
        f'<h2>ติดตามทางแอปอ่านฟีด {en("Follow in a feed reader")}</h2>'
        f"<p>คัดลอกที่อยู่ด้านล่างไปวางในแอปอ่านฟีด (feed reader) เช่น {READERS} "
        "แล้วรายการใหม่จะขึ้นในแอปเอง ไม่ต้องสมัครสมาชิกและไม่ต้องให้อีเมล "
        f'{en("Paste this address into a feed reader: new items appear there, with no account.")}</p>'
        + copy_field(rss_url, f'ที่อยู่ฟีด (RSS) {en("Feed address")}')
        + copy_field(atom_url, f'หรือแบบ Atom {en("or Atom")}')
        + f"<p>{link(url, urls.SUBSCRIBE, 'ช่องทางติดตามอื่น ๆ ' + en('Other ways to follow'))}</p>"
        + f'<h2>รายการล่าสุด {en("Latest")}</h2>{listing}{more}'
    )
    page_title = title
    head = page_head(site, url, page_title, covers) + alternate_pair(url, rss, title)
    return GeneratedPage(url, page_title, covers, one_block(f'<div class="gm-feed-page">{body}</div>'), head,
                         searchable=False)


def story_feed_page(site: SiteInfo, feed: Feed) -> GeneratedPage:
    items = [Listed(s.title, urls.story(s), s.date) for s in feed.stories[:LATEST]]
    name = "จดหมายข่าว" if feed.kind == "all" else feed.title.split(": ", 1)[-1]
    return feed_page(site, feed.rss, feed.title, feed.description, feed.page, name, items)


def _dated_items(calls: Sequence[Call], events: Sequence[Event], site: SiteInfo) -> list[Listed]:
    found = [Listed(f"รับอาสา: {c.title.best}", urls.call_anchor(c.id), c.updated) for c in calls]
    found += [Listed(e.title.best, urls.event(e.id), shown_occurrence(e, site.today).start.day)
              for e in events]
    return found


def calendar_row(frm: str, path: str, site: SiteInfo, name: str) -> str:
    """One calendar: add to Google Calendar (Android's calendar ignores ``webcal://``), subscribe
    in another calendar app (``webcal://``), or download the file; one button each."""
    buttons = []
    if google := urls.google_calendar(site.url, path):
        buttons.append(f'<a class="md-button gm-row__button" href="{h(google)}" rel="noopener">'
                       f'Google Calendar</a>')
    if webcal := urls.webcal(site.url, path):
        buttons.append(f'<a class="md-button gm-row__button" href="{h(webcal)}">แอปปฏิทินอื่น '
                       f'{en("Other calendar app")}</a>')
    buttons.append(link(frm, path, f'ดาวน์โหลด {en("Download")} .ics', "md-button gm-row__button"))
    return (f'<li class="gm-row"><span class="gm-row__name">{h(name)}</span>'
            f'<span class="gm-row__buttons">{"".join(buttons)}</span></li>')


def alert_feed_page(site: SiteInfo, alert: Alert) -> GeneratedPage:
    url = urls.feed_page(alert.rss)
    more = ""
    if alert.calendar:
        more = (f'<h2>ในปฏิทินของคุณ {en("In your calendar")}</h2><ul class="gm-rows">'
                f'{calendar_row(url, alert.calendar, site, alert.name)}</ul>')
    return feed_page(site, alert.rss, alert.title, alert.description, alert.page, alert.name,
                     _dated_items(alert.calls, alert.events, site), more)


def editions_feed_page(site: SiteInfo, latest: Sequence[tuple[str, str]]) -> GeneratedPage:
    """The numbered editions' feed (one item per edition, outputs/editions/); ``latest``: the
    latest editions (page, title), newest first."""
    return feed_page(site, urls.EDITIONS_RSS, f"จดหมายข่าวรายฉบับ · {site.name}",
                     "จดหมายข่าวของเครือข่ายทีละฉบับ หนึ่งรายการต่อหนึ่งฉบับ ใช้กับแอปอ่านฟีด "
                     "หรือบริการที่ส่งอีเมลจากฟีด", urls.NEWSLETTER, "จดหมายข่าวรายฉบับ",
                     [Listed(title, page) for page, title in latest])


def calls_feed_page(site: SiteInfo, title: str, calls: Sequence[Call]) -> GeneratedPage:
    return feed_page(site, urls.CALLS_RSS, title, f"ประกาศรับอาสาสมัครที่เปิดอยู่ของกลุ่มใน{site.name}",
                     urls.VOLUNTEER, "ร่วมเป็นอาสา", _dated_items(calls, [], site))
