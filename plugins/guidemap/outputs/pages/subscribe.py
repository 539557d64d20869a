"""The page that tells people how to follow the network's news, in the order people here use the
channels: LINE (the network's official account), e-mail (a sign-up form), feed readers, then
calendars. LINE and e-mail appear only when ``guidemap.yml``'s ``newsletter:`` names them.

Nothing is requested before a tap: the add-friend link and its QR code (drawn at build time)
are plain, the sign-up form posts to the e-mail service only when sent (the site's
Content-Security-Policy allows that one origin as ``form-action``), and every feed row leads to
the feed's page for people, never to its XML.
"""

from __future__ import annotations

from urllib.parse import quote, urlsplit

from guidemap.outputs.html.head import page_head
from guidemap.outputs.html.htmlkit import h, href, one_block
from guidemap.outputs.html.markup import copy_field, en, link
from guidemap.outputs.pages.alerts import Alert
from guidemap.outputs.pages.feed_links import Feed, FeedCatalogue
from guidemap.outputs.pages.feed_pages import READERS, calendar_row
from guidemap.outputs.pages.guide import qr_image
from guidemap.outputs.pages.reach import line_account
from guidemap.outputs.site import urls
from guidemap.outputs.site.types import GeneratedPage, SiteInfo

_NARROW_KINDS = (("focus", "ตามประเด็น", "By focus"), ("province", "ตามจังหวัด", "By province"),
                 ("org", "ตามกลุ่ม", "By group"))


_FOLLOW = f'ติดตาม {en("Follow")}'


def add_friend_url(line: str) -> str:
    """The add-friend link of the network's LINE account: ``https://line.me/R/ti/p/%40id`` for
    an official account, else the link as given (a lin.ee short link)."""
    account = line_account(line)
    return f"https://line.me/R/ti/p/{quote(account, safe='')}" if account else line


def _line(site: SiteInfo) -> str:
    given = site.network.newsletter_line
    if not given:
        return ""
    address = add_friend_url(given)
    return (
        f'<section class="gm-channel gm-channel--line"><h2 id="line">LINE</h2>'
        f"<p>เพิ่มเพื่อนบัญชี LINE ทางการของ{h(site.network.name.th)} แล้วข่าว ประกาศรับอาสา "
        "และจดหมายข่าวแต่ละฉบับจะส่งถึงคุณใน LINE "
        f'{en("Add the network as a friend on LINE to get its news there.")}</p>'
        f'<p><a class="md-button md-button--primary gm-row__button gm-line-add" href="{href(address)}" '
        f'rel="noopener">เพิ่มเพื่อนใน LINE {en("Add friend")}</a></p>'
        f'<figure class="gm-line-qr">{qr_image(address)}<figcaption>สแกนด้วยแอป LINE '
        f'{en("Scan with the LINE app")}</figcaption></figure></section>'
    )


def _email(site: SiteInfo) -> str:
    action = site.network.email_signup
    if not action:
        return ""
    host = urlsplit(action).hostname or ""
    return (
        f'<section class="gm-channel gm-channel--email"><h2 id="email">อีเมล {en("E-mail")}</h2>'
        "<p>รับจดหมายข่าวแต่ละฉบับทางอีเมล "
        f'{en("Get each edition of the newsletter by e-mail.")}</p>'
        f'<form class="gm-signup" method="post" action="{href(action)}">'
        '<label class="gm-signup__label">อีเมลของคุณ '
        f'{en("Your e-mail")}<input class="gm-signup__field" type="email" name="email" required '
        'autocomplete="email" inputmode="email" dir="ltr"></label>'
        f'<button type="submit" class="md-button md-button--primary gm-row__button">สมัครรับ {en("Sign up")}'
        "</button></form>"
        f'<p class="gm-signup__note">ที่อยู่อีเมลจะส่งไปที่ {h(host)} เมื่อคุณกดสมัครเท่านั้น '
        f'{en(f"Your address goes to {h(host)} only when you sign up.")}</p></section>'
    )


def _row(url: str, name_html: str, page: str, count: str = "") -> str:
    """One feed: its name, and one button to its page (how to follow it, its address)."""
    note = f' <span class="gm-row__count">{h(count)}</span>' if count else ""
    return (f'<li class="gm-row"><span class="gm-row__name">{name_html}{note}</span>'
            f'<span class="gm-row__buttons">{link(url, page, _FOLLOW, "md-button gm-row__button")}'
            "</span></li>")


# Beyond this many groups with stories, the page says where each group's own "Follow" is instead
# of a row per group: at 2,000 groups the rows were 480 KB of a page a phone opens (and keeps
# offline), growing with every group.
MAX_GROUP_ROWS = 30


def _narrow_feeds(url: str, feeds: tuple[Feed, ...]) -> str:
    groups = []
    for kind, title, title_en in _NARROW_KINDS:
        chosen = [f for f in feeds if f.kind == kind]
        if not chosen:
            continue
        if kind == "org" and len(chosen) > MAX_GROUP_ROWS:
            count = f"{len(chosen):,}"
            where_th = link(url, urls.DIRECTORY, "สารบบกลุ่ม")
            where_en = link(url, urls.DIRECTORY, "directory")
            body = (f"<p>{count} กลุ่มมีเรื่องเล่า เปิดหน้าของกลุ่มจาก{where_th} แล้วกด “ติดตาม” "
                    + en(f"{count} groups have stories: open a group from the {where_en} and tap “Follow”.")
                    + "</p>")
        else:
            body = '<ul class="gm-rows">' + "".join(
                _row(url, h(f.title.split(": ", 1)[-1]), urls.feed_page(f.rss), f"{len(f.stories)} เรื่อง")
                for f in chosen) + "</ul>"
        groups.append(f"<h3>{h(title)} {en(title_en)}</h3>{body}")
    return "".join(groups)


def _alerts(url: str, alerts: tuple[Alert, ...]) -> str:
    """The calls feed, then each province's and focus's calls and events."""
    if not alerts:
        return ""
    rows = "".join(_row(url, h(a.name), urls.feed_page(a.rss), f"{len(a.calls) + len(a.events)} รายการ")
                   for a in alerts)
    return (f'<h3 id="alerts">แจ้งเตือนประกาศรับอาสาและกิจกรรม {en("Calls and events by area or focus")}</h3>'
            "<p>รู้ทันทีเมื่อกลุ่มในจังหวัดหรือประเด็นที่คุณสนใจประกาศรับอาสาหรือจัดกิจกรรม "
            f'{en("Hear when groups in a province or on a focus ask for volunteers or hold an event.")}</p>'
            f'<ul class="gm-rows">{rows}</ul>')


def _calendars(url: str, site: SiteInfo, calendars: list[tuple[str, str, str]]) -> str:
    """The calendar files (iCalendar) of events and calls: Google Calendar, another app, a download."""
    if not calendars:
        return ""
    rows = "".join(calendar_row(url, path, site, name) for _, name, path in calendars)
    return (
        f'<h2 id="calendars">ปฏิทินกิจกรรมและประกาศรับอาสา {en("Calendars")}</h2>'
        "<p>เพิ่มลงปฏิทินในโทรศัพท์ แล้วกิจกรรมของเครือข่ายและประกาศรับอาสาจะขึ้นในปฏิทินของคุณเอง "
        "และปรับตามเมื่อมีการเปลี่ยนแปลงหรือยกเลิก บนโทรศัพท์ Android แตะ “Google Calendar” "
        "บน iPhone แตะ “แอปปฏิทินอื่น” หรือดาวน์โหลดไฟล์ .ics ไปนำเข้าเอง (เวลาเป็นเวลาประเทศไทย)</p>"
        + en("Add the network's events and calls to your calendar, kept up to date: “Google Calendar” "
             "on Android, “Other calendar app” on an iPhone, or download the .ics file.", "p")
        + f'<ul class="gm-rows">{rows}</ul>'
    )


def subscribe_page(feeds: FeedCatalogue, site: SiteInfo,
                   calendars: list[tuple[str, str, str]] | None = None) -> GeneratedPage:
    url = urls.SUBSCRIBE
    main = feeds.feeds[0]
    feed_url = urls.absolute(site.url, main.rss) or main.rss
    calls_row = _row(url, f'ประกาศรับอาสาทั้งหมด {en("Every call for volunteers")}',
                     urls.feed_page(urls.CALLS_RSS))
    web = f'อ่านจดหมายข่าวบนเว็บ {en("Read it on the web")}'
    whole = _row(url, f'จดหมายข่าวทั้งหมด {en("The whole newsletter")}', urls.feed_page(main.rss))
    whole += _row(url, f'จดหมายข่าวรายฉบับ (หนึ่งรายการต่อฉบับ) {en("One item per issue")}',
                  urls.feed_page(urls.EDITIONS_RSS))
    body = (
        "<p>เลือกช่องทางที่คุณใช้อยู่ ทุกช่องทางไม่มีค่าใช้จ่าย "
        f'{en("Pick the way you already use; each is free.")}</p>'
        + _line(site) + _email(site)
        + f'<h2 id="feeds">แอปอ่านฟีด {en("Feed readers")}</h2>'
        "<p>RSS (และ Atom) คือช่องทางติดตามเว็บไซต์แบบไม่ต้องสมัครสมาชิกและไม่ต้องให้อีเมล "
        f"คัดลอกที่อยู่ด้านล่างไปวางในแอปอ่านฟีด (feed reader) เช่น {READERS} "
        "แล้วเมื่อเครือข่ายลงเรื่องเล่าใหม่ เรื่องนั้นจะขึ้นในแอปเอง และไม่มีใครรู้ว่าคุณติดตามอยู่</p>"
        + en("RSS lets you follow the newsletter in a feed reader: no account, no e-mail address. "
             "Paste the address into your reader and new stories appear there.", "p")
        + copy_field(feed_url, f'ที่อยู่ฟีดจดหมายข่าว {en("Newsletter feed address")}')
        + f'<ul class="gm-rows">{whole}{calls_row}</ul>'
        + f'<p>{link(url, urls.STORIES, web, "md-button gm-row__button")}</p>'
        + f'<h3 id="topics">ฟีดเฉพาะเรื่องที่สนใจ {en("Feeds by topic")}</h3>'
        "<p>ติดตามเฉพาะเรื่องเล่าที่กล่าวถึงกลุ่มในประเด็น จังหวัด หรือกลุ่มที่คุณสนใจ</p>"
        + _narrow_feeds(url, feeds.feeds)
        + _alerts(url, feeds.alerts)
        + _calendars(url, site, calendars or [])
    )
    title = "ติดตามจดหมายข่าว"
    return GeneratedPage(url, title, "ติดตามข่าวของเครือข่ายทาง LINE อีเมล แอปอ่านฟีด หรือปฏิทิน",
                         one_block(f'<div class="gm-subscribe-page">{body}</div>'),
                         page_head(site, url, title), searchable=False)
