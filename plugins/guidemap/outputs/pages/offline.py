"""The offline page (``offline/``): shown by the site's service worker for a page that was never
saved, when there is no signal. It lists what can be read without a connection: the pages kept
from the first visit (written here), and the provinces saved and pages opened (the page's script
asks the worker, guidemap-offline.js), each saved province with a button to remove it."""

from __future__ import annotations

from guidemap.contract.vocab import Label
from guidemap.outputs.html.head import page_head
from guidemap.outputs.html.htmlkit import h, one_block
from guidemap.outputs.html.markup import bi, en, link
from guidemap.outputs.site import urls
from guidemap.outputs.site.types import GeneratedPage, SiteInfo

TITLE = "อ่านได้แม้ไม่มีสัญญาณ"

FIRST_PAGES = (
    (urls.HOME, Label("หน้าแรก", "Home")),
    (urls.DIRECTORY, Label("ทำเนียบกลุ่ม", "Directory")),
    (urls.VOLUNTEER, Label("ร่วมเป็นอาสา", "Volunteer now")),
    (urls.EVENTS, Label("กิจกรรม", "Events")),
    (urls.SUBSCRIBE, Label("ติดตาม", "Subscribe")),
    (urls.GUIDE, Label("คู่มือฉบับพิมพ์", "Printable guide")),
)


def offline_page(site: SiteInfo) -> GeneratedPage:
    url = urls.OFFLINE
    first = "".join(f"<li>{link(url, to, bi(label))}</li>" for to, label in FIRST_PAGES
                    if to != urls.SUBSCRIBE or site.has_feeds)
    body = (
        '<div class="gm-offline">'
        '<p class="gm-offline-missing" hidden><strong>หน้าที่เปิดยังไม่ได้บันทึกไว้ในเครื่องนี้</strong> '
        + en("The page you opened is not saved on this device.") + "</p>"
        "<p>ตอนนี้ไม่มีสัญญาณอินเทอร์เน็ต หน้าที่บันทึกไว้ในเครื่องนี้ยังเปิดได้ตามรายการด้านล่าง "
        "หน้าที่เคยเปิดแล้วถูกบันทึกไว้เอง และบันทึกทั้งจังหวัดได้จากปุ่ม “บันทึกไว้ดูตอนไม่มีสัญญาณ” บนหน้าจังหวัด "
        + en("No connection: the pages saved on this device still open. Pages you opened are saved; "
             "a whole province is saved with “Save for offline” on its page.") + "</p>"
        f'<h2 id="first-pages">{bi(Label("หน้าที่บันทึกไว้เสมอ", "Always saved"))}</h2><ul>{first}</ul>'
        # Shown from the first paint (nothing moves when the script fills the lists).
        '<div class="gm-offline-kept">'
        f'<h2 id="provinces">{bi(Label("จังหวัดที่บันทึกไว้", "Saved provinces"))}</h2>'
        '<ul class="gm-offline-provinces"></ul>'
        f'<p class="gm-offline-none">ยังไม่ได้บันทึกจังหวัดใด {link(url, urls.PROVINCES, h("เลือกจังหวัด"))} '
        + en("No province saved yet.") + "</p>"
        f'<h2 id="opened">{bi(Label("หน้าที่เคยเปิด", "Pages you opened"))}</h2>'
        '<ul class="gm-offline-pages"></ul></div></div>'
    )
    description = "หน้าที่อ่านได้แม้ไม่มีสัญญาณอินเทอร์เน็ต"
    return GeneratedPage(url, TITLE, description, one_block(body), page_head(site, url, TITLE),
                         searchable=False)
