"""The page that explains how to follow the newsletter, and lists every feed."""

from __future__ import annotations

from guidemap.outputs.html.head import page_head
from guidemap.outputs.html.htmlkit import h, one_block
from guidemap.outputs.html.markup import en, link
from guidemap.outputs.pages.dated_common import calendar_links
from guidemap.outputs.pages.feed_links import Feed, FeedCatalogue
from guidemap.outputs.site import urls
from guidemap.outputs.site.types import GeneratedPage, SiteInfo

_NARROW_KINDS = (("focus", "ตามประเด็น"), ("province", "ตามจังหวัด"), ("org", "ตามกลุ่ม"))


def _row(url: str, feed: Feed) -> str:
    return (f"<li>{link(url, feed.page, h(feed.title.split(': ', 1)[-1]))}: "
            f"{link(url, feed.rss, 'RSS')} · {link(url, feed.atom, 'Atom')} "
            f"({len(feed.stories)} เรื่อง)</li>")


def _narrow_feeds(url: str, feeds: tuple[Feed, ...]) -> str:
    groups = []
    for kind, title in _NARROW_KINDS:
        rows = "".join(_row(url, f) for f in feeds if f.kind == kind)
        if rows:
            groups.append(f"<h3>{h(title)}</h3><ul>{rows}</ul>")
    return "".join(groups)


def _calendars(url: str, site: SiteInfo, calendars: list[tuple[str, str, str]]) -> str:
    """The calendar files (iCalendar) of events and calls: subscribe (webcal://) or download."""
    if not calendars:
        return ""
    rows = "".join(f"<li>{h(name)}: {calendar_links(url, path, site, 'ดาวน์โหลด')}</li>"
                   for _, name, path in calendars)
    return (
        '<h2 id="calendars">ปฏิทินกิจกรรมและประกาศรับอาสา</h2>'
        "<p>แตะ “ติดตามในแอปปฏิทิน” บนโทรศัพท์ แล้วกิจกรรมของเครือข่ายและประกาศรับอาสาจะขึ้นในปฏิทินของคุณเอง "
        "และปรับตามเมื่อมีการเปลี่ยนแปลงหรือยกเลิก หรือดาวน์โหลดไฟล์ .ics ไปนำเข้าเอง (เวลาเป็นเวลาประเทศไทย)</p>"
        + en("Tap “Subscribe” on a phone to get the network's events and calls in your calendar app, "
             "kept up to date; or download the .ics file.", "p")
        + f'<ul class="gm-calendars">{rows}</ul>'
        + f'<p>{link(url, urls.CALLS_RSS, "ประกาศรับอาสาทาง RSS")} · '
        + f'{link(url, urls.atom_of(urls.CALLS_RSS), "Atom")}</p>'
    )


def subscribe_page(feeds: FeedCatalogue, site: SiteInfo,
                   calendars: list[tuple[str, str, str]] | None = None) -> GeneratedPage:
    url = urls.SUBSCRIBE
    main = feeds.feeds[0]
    feed_url = urls.absolute(site.url, main.rss) or main.rss
    body = (
        '<p>RSS (และ Atom) คือช่องทางติดตามเว็บไซต์แบบไม่ต้องสมัครสมาชิกและไม่ต้องให้อีเมล '
        'นำที่อยู่ฟีดด้านล่างไปใส่ในแอปอ่านฟีด (feed reader) เช่น Feeder, Inoreader, Feedly หรือ NetNewsWire '
        'แล้วเมื่อเครือข่ายลงเรื่องเล่าใหม่ เรื่องนั้นจะขึ้นในแอปเอง ไม่ต้องคอยเปิดเว็บ '
        'และไม่มีใครรู้ว่าคุณติดตามอยู่</p>'
        + en('RSS lets you follow the newsletter in a feed reader: no account, '
             'no e-mail address. Paste a feed address into your reader and new stories appear there.', "p")
        + f'<h2>จดหมายข่าวทั้งหมด</h2><p class="gm-feed-url"><code>{h(feed_url)}</code></p>'
        f'<p>{link(url, main.rss, "ฟีด RSS", "md-button md-button--primary")} '
        f'{link(url, main.atom, "ฟีด Atom", "md-button")} '
        f'{link(url, urls.STORIES, "อ่านจดหมายข่าวบนเว็บ", "md-button")}</p>'
        '<h2>ฟีดเฉพาะเรื่องที่สนใจ</h2><p>ติดตามเฉพาะเรื่องเล่าที่กล่าวถึงกลุ่มในประเด็น จังหวัด '
        'หรือกลุ่มที่คุณสนใจ</p>' + _narrow_feeds(url, feeds.feeds)
        + _calendars(url, site, calendars or [])
    )
    title = "ติดตามจดหมายข่าว"
    return GeneratedPage(url, title, "ติดตามจดหมายข่าวของเครือข่ายผ่าน RSS หรือ Atom", one_block(body),
                         page_head(site, url, title), searchable=False)
