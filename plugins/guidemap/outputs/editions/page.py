"""An edition's web page (``newsletter/2569-12/``: every item, the e-mail version, the LINE text
with a copy button, print styles for A4) and the archive of every edition (``newsletter/``).

The copy button is a script file of the site (``guidemap-edition.js``, no inline script: the
site's Content-Security-Policy allows the site's own files), shown only where the browser can
copy; without it the text is in a box to select by hand. The print styles
(``guidemap-edition.css``) are loaded by these pages only.
"""

from __future__ import annotations

from guidemap.contract.thai import thai_date
from guidemap.outputs.editions.items import Item, Section
from guidemap.outputs.editions.select import Edition
from guidemap.outputs.html.head import page_head
from guidemap.outputs.html.htmlkit import h, one_block
from guidemap.outputs.html.markup import bi, copy_field, en, external, link
from guidemap.outputs.pages.common import picture_html
from guidemap.outputs.site import urls
from guidemap.outputs.site.types import GeneratedPage, SiteInfo

SCRIPT = "assets/guidemap/guidemap-edition.js"
STYLE = "assets/guidemap/guidemap-edition.css"


def email_path(edition: Edition) -> str:
    return f"{urls.edition(edition.period.key)}email.html"


def text_path(edition: Edition) -> str:
    return f"{urls.edition(edition.period.key)}email.txt"


def eml_path(edition: Edition) -> str:
    return f"{urls.edition(edition.period.key)}newsletter-{edition.period.key}.eml"


def line_path(edition: Edition) -> str:
    return f"{urls.edition(edition.period.key)}line.txt"


def _item(url: str, item: Item) -> str:
    title = (external(item.path, h(item.title)) if item.external
             else link(url, item.path, h(item.title)))
    image = (picture_html(url, item.image, item.image_info, item.image_alt, "gm-edition__thumb", "7rem")
             if item.image else "")
    meta = f'<p class="gm-edition__meta">{h(item.meta)}</p>' if item.meta else ""
    text = f"<p>{h(item.text)}</p>" if item.text else ""
    return f'<li class="gm-edition__item">{image}<p class="gm-edition__title">{title}</p>{meta}{text}</li>'


def _section(url: str, section: Section) -> str:
    items = "".join(_item(url, i) for i in section.items)
    return (f'<section class="gm-edition__section" id="{h(section.key)}"><h2>{bi(section.label)}</h2>'
            f'<ul class="gm-edition__items">{items}</ul></section>')


def _line_box(line: str) -> str:
    rows = min(18, line.count("\n") + 2)
    return (
        '<section class="gm-edition__line"><h2>ข้อความสำหรับส่งใน LINE '
        f'{en("Text for LINE")}</h2>'
        '<p>คัดลอกข้อความนี้ไปวางในกลุ่ม LINE ของเครือข่าย (ไม่เกิน 5,000 ตัวอักษร มีลิงก์ของฉบับนี้อยู่แล้ว) '
        f'{en("Copy this text into the network’s LINE group; it carries this issue’s link.")}</p>'
        '<label for="gm-edition-line" class="gm-edition__line-label">ข้อความ LINE '
        f'{en("LINE text")}</label>'
        f'<textarea id="gm-edition-line" class="gm-edition__line-text" readonly rows="{rows}">'
        # Its line breaks as references: the page's HTML is kept free of blank lines (one_block).
        f"{h(line).replace(chr(10), '&#10;')}</textarea>"
        '<p><button type="button" class="md-button md-button--primary gm-edition__copy" '
        f'data-copy="gm-edition-line" hidden>คัดลอกข้อความ {en("Copy")}</button> '
        '<span class="gm-edition__status" role="status"></span></p></section>')


def edition_page(edition: Edition, parts: list[Section], line: str, site: SiteInfo,
                 previous: Edition | None, feed_head: str) -> GeneratedPage:
    url = urls.edition(edition.period.key)
    issued = edition.period.issued
    versions = (
        '<p class="gm-edition__versions">'
        f'{link(url, email_path(edition), "ฉบับอีเมล " + en("E-mail version"))} · '
        f'{link(url, eml_path(edition), "ไฟล์อีเมล (.eml) " + en("Message file"))} · '
        f'{link(url, text_path(edition), "ข้อความล้วน " + en("Plain text"))}</p>')
    back = [link(url, urls.NEWSLETTER, "← จดหมายข่าวทุกฉบับ " + en("Every issue"))]
    if previous is not None:
        back.append(link(url, urls.edition(previous.period.key), h(f"ฉบับก่อนหน้า: {previous.title}")))
    body = (
        '<article class="gm-edition">'
        f'<p class="gm-edition__kicker">จดหมายข่าว{h(site.network.name.th)} · ออกวันที่ '
        f'<time datetime="{issued.isoformat()}">{h(thai_date(issued))}</time></p>'
        f'<h1>{h(edition.title)} {en(h(edition.title_en))}</h1>'
        f'{versions}{"".join(_section(url, s) for s in parts)}'
        f'{_line_box(line)}<p class="gm-edition__back">{" · ".join(back)}</p></article>')
    head = (page_head(site, url, edition.title, _description(parts)) + feed_head
            + f'<link rel="stylesheet" href="{h(urls.rel(url, STYLE))}">'
            + f'<script src="{h(urls.rel(url, SCRIPT))}" defer></script>')
    return GeneratedPage(url, edition.title, _description(parts), one_block(body), head, searchable=False)


def _description(parts: list[Section]) -> str:
    return " · ".join(f"{s.label.th} {len(s.items)}" for s in parts)


def archive_page(found: list[tuple[Edition, list[Section]]], site: SiteInfo, feed_head: str) -> GeneratedPage:
    """Every edition, newest first."""
    url = urls.NEWSLETTER
    rows = "".join(
        f'<li class="gm-edition-list__item">'
        f'{link(url, urls.edition(e.period.key), h(e.title), "gm-edition-list__title")} '
        f'<span class="gm-edition__meta">{h(_description(parts))}</span></li>'
        for e, parts in reversed(found))
    feed = urls.absolute(site.url, urls.EDITIONS_RSS) or urls.EDITIONS_RSS
    body = (
        "<p>จดหมายข่าวของเครือข่ายออกเป็นฉบับ รวมเรื่องเล่า ประกาศรับอาสา กิจกรรม การระดมทุน "
        "และกลุ่มที่เข้าร่วมหรือปรับข้อมูลในแต่ละรอบ แต่ละฉบับมีฉบับอีเมลและข้อความสำหรับส่งใน LINE "
        + en("The network’s newsletter, issue by issue: stories, calls, events, campaigns and groups; "
             "each issue has an e-mail version and a text for LINE.")
        + "</p>"
        + (f'<ol class="gm-edition-list" reversed>{rows}</ol>' if rows
           else f"<p>ยังไม่มีฉบับ {en('No issue yet.')}</p>")
        + f'<h2>รับทุกฉบับ {en("Every issue")}</h2>'
        "<p>ฟีดของจดหมายข่าวรายฉบับ (หนึ่งรายการต่อหนึ่งฉบับ) ใช้กับแอปอ่านฟีด หรือบริการส่งอีเมลจากฟีด "
        f'{en("The issues’ feed, one item per issue, for a feed reader or an RSS-to-e-mail service.")}</p>'
        + copy_field(feed, f'ที่อยู่ฟีดรายฉบับ {en("Issues feed address")}')
        + f"<p>{link(url, urls.feed_page(urls.EDITIONS_RSS), 'วิธีติดตามฟีดนี้ ' + en('How to follow it'))}</p>"
        f'<p>{link(url, urls.STORIES, "เรื่องเล่าทั้งหมด " + en("Every story"))} · '
        f'{link(url, urls.SUBSCRIBE, "ติดตามจดหมายข่าว " + en("Subscribe"))}</p>')
    title = "จดหมายข่าวรายฉบับ"
    return GeneratedPage(url, title, "จดหมายข่าวของเครือข่ายทุกฉบับ", one_block(body),
                         page_head(site, url, title) + feed_head, searchable=False)
