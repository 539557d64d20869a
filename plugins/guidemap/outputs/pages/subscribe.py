"""The page that explains how to follow the newsletter, and lists every feed."""

from __future__ import annotations

from guidemap.outputs import urls
from guidemap.outputs.feed_catalogue import Feed, FeedCatalogue
from guidemap.outputs.head import page_head
from guidemap.outputs.htmlkit import h, one_block
from guidemap.outputs.markup import en, link
from guidemap.outputs.site import GeneratedPage, SiteInfo

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


def subscribe_page(feeds: FeedCatalogue, site: SiteInfo) -> GeneratedPage:
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
    )
    title = "ติดตามจดหมายข่าว"
    return GeneratedPage(url, title, "ติดตามจดหมายข่าวของเครือข่ายผ่าน RSS หรือ Atom", one_block(body),
                         page_head(site, url, title), searchable=False)
