"""The printable guide (``guide/``): every group by province, with what a village meeting
without signal needs on paper: name, summary, focus, needs and offers, the group's public
contacts, and its page's address as text and as a QR code.

The QR codes are made at build time by zxing-cpp (the maintained ZXing barcode library's C++
port, with its own Python binding; no web service) and drawn here as SVG: an SVG scales to any
printer's resolution. The print styles
(guidemap.css, ``@media print``) give A4 pages without navigation, search or map tiles, and a
new page for each province.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from guidemap.contract.model.types import Area, Dataset, Org
from guidemap.contract.thai import display_phone, thai_date
from guidemap.outputs.html.head import page_head
from guidemap.outputs.html.htmlkit import h, one_block
from guidemap.outputs.html.markup import en, link
from guidemap.outputs.pages import paging
from guidemap.outputs.pages.common import area_name
from guidemap.outputs.pages.group import CONTACT_LABELS
from guidemap.outputs.site import urls
from guidemap.outputs.site.selection import sort_orgs
from guidemap.outputs.site.types import GeneratedPage, SiteInfo

TITLE = "คู่มือฉบับพิมพ์"
# Groups on a page of the guide: a group's QR code is about 0.28 KB compressed and its text as
# much again, so 50 keep a page's first view near 115 KB (the budget is 150) and print on about
# a dozen A4 sheets.
GROUPS_PER_PAGE = 50
QUIET = 4  # modules of white around a QR code, as the standard asks


def page_address(site_url: str | None, org_id: str) -> str | None:
    """The absolute address of a group's page, which its QR code opens."""
    return urls.absolute(site_url, urls.org(org_id))


# A code put in when the page is written (SiteInfo.qr_later): the placeholder carries its
# address, hex-encoded, so the page alone says which code goes where.
_PLACEHOLDER = re.compile(r"<!--guidemap:qr:([0-9a-f]+)-->")


def _is_code(svg: str) -> bool:
    return svg.startswith('<svg class="gm-guide__qr"') and svg.endswith("</svg>")


def put_codes(page_html: str, codes: dict[str, str]) -> str:
    """The guide page with its codes in place: the helper's (``codes``, anything that is not
    one of :func:`qr_image`'s SVGs ignored) or made here."""

    def code(match: re.Match[str]) -> str:
        try:
            address = bytes.fromhex(match.group(1)).decode()
        except ValueError:  # not one of ours
            return match.group(0)
        made = codes.get(address, "")
        return made if _is_code(made) else qr_image(address)

    return _PLACEHOLDER.sub(code, page_html)


def qr_code(address: str, later: bool = False) -> str:
    """The code that opens ``address``, or (``later``) the placeholder :func:`put_codes` fills."""
    if later:
        return f"<!--guidemap:qr:{address.encode().hex()}-->"
    return qr_image(address)


_DARK_RUN = re.compile(rb"\x00+")  # dark modules in a row of zxing-cpp's image (0 dark, 255 light)


@lru_cache(maxsize=8192)  # `mkdocs serve` rebuilds: the same addresses again
def qr_image(address: str) -> str:
    """An inline SVG QR code that opens ``address``, its modules drawn as one path.

    zxing-cpp encodes it (error correction M: a creased or smudged page still scans; the
    smallest version that holds it, the mask scored as the standard says), about five times
    faster than segno in pure Python did: a network of 2,000 groups paid a second of the
    worker's time for its guide's codes. Its image, one pixel a module, is drawn here as runs
    of dark modules."""
    import zxingcpp  # here, not at the top: the codes are made in the worker process (adapter/helper.py)

    image = zxingcpp.create_barcode(address, zxingcpp.BarcodeFormat.QRCode, ec_level="M").to_image(
        scale=1, add_quiet_zones=False)
    modules = memoryview(image).tobytes()  # type: ignore[arg-type]  # a buffer; its stubs omit it
    n = image.shape[1]
    size = image.shape[0] + 2 * QUIET
    runs = [f"M{m.start() - y * n + QUIET} {y + QUIET}.5h{m.end() - m.start()}"
            for y in range(image.shape[0])
            for m in _DARK_RUN.finditer(modules, y * n, (y + 1) * n)]
    label = f"คิวอาร์โค้ดไปยัง {address}"
    return (f'<svg class="gm-guide__qr" role="img" aria-label="{h(label)}" viewBox="0 0 {size} {size}" '
            f'xmlns="http://www.w3.org/2000/svg" shape-rendering="crispEdges">'
            f'<rect width="{size}" height="{size}" fill="#fff"/>'
            f'<path stroke="#000" d="{"".join(runs)}"/></svg>')


def _contact_text(kind: str, value: str) -> str:
    """A contact as it reads on paper (an address without its scheme, a phone as dialled)."""
    if kind == "phone":
        text = display_phone(value)
    elif kind == "email":
        text = value
    else:
        text = value.split("://", 1)[-1].rstrip("/")
    return f"{h(CONTACT_LABELS[kind].th)}: {h(text)}"


def _row(label: str, body: str) -> str:
    return f'<p class="gm-guide__row"><strong>{h(label)}</strong> {body}</p>' if body else ""


def org_entry(org: Org, site: SiteInfo, frm: str = urls.GUIDE) -> str:
    """One group: text on the left, the QR code of its page on the right (``frm``: the guide
    page it is on)."""
    url = urls.org(org.id)
    address = page_address(site.url, org.id)
    name_en = f" {en(h(org.name.en))}" if org.name.th and org.name.en else ""
    where = h(org.district.th) + " · " if org.district else ""
    focus = ", ".join(h(site.network.focus[k].th) for k in org.focus)
    contacts = " · ".join(_contact_text(k, v) for k, v in org.contact.items())
    if org.donate:
        contacts += (" · " if contacts else "") + f"บริจาค: {h(org.donate.split('://', 1)[-1])}"
    text = (f'<h3>{link(frm, url, h(org.name.best))}{name_en}</h3>'
            f'<p class="gm-guide__meta">{where}{focus}</p>'
            f'<p class="gm-guide__summary">{h(org.summary.best)}</p>'
            + _row("ต้องการ:", ", ".join(h(site.network.needs[k].th) for k in org.needs))
            + _row("แบ่งปันได้:", ", ".join(h(site.network.needs[k].th) for k in org.offers))
            + _row("ติดต่อ:", contacts)
            + _row("หน้าเว็บ:", f'<span class="gm-guide__url" lang="en" translate="no">'
                                 f"{h(address or url)}</span>"))
    qr = f'<div class="gm-guide__code">{qr_code(address, site.qr_later)}</div>' if address else ""
    return f'<article class="gm-guide__org" id="guide-{h(org.id)}"><div>{text}</div>{qr}</article>'


def _sections(page: paging.Page[Org], started: dict[str, int], site: SiteInfo) -> str:
    """The page's groups under their province's heading; a province that began on an earlier
    page is headed "(continued)" and carries no anchor (the table of contents links to where
    it begins)."""
    runs: list[tuple[Area, list[Org]]] = []
    for org in page.items:
        if not runs or runs[-1][0].code != org.province.code:
            runs.append((org.province, []))
        runs[-1][1].append(org)
    out = []
    for area, orgs in runs:
        begins = started[area.code] == page.number  # a province's groups are consecutive
        anchor = f' id="{h(urls.province_slug(area))}"' if begins else ""
        more = "" if begins else f' (ต่อ) {en("continued")}'
        out.append(f'<section class="gm-guide__province"{anchor}>'
                   f'<h2>จังหวัด{h(area.th)} {en(h(area.en))}{more}</h2>'
                   f'{"".join(org_entry(o, site, page.url) for o in orgs)}</section>')
    return "".join(out)


def guide_pages(data: Dataset, site: SiteInfo) -> list[GeneratedPage]:
    """The guide: one page for a network of up to :data:`GROUPS_PER_PAGE` groups, numbered
    pages beyond (each printed on its own; a network of 2,000 groups would otherwise be one
    page of 7 MB, 570 KB compressed, with 2,000 QR codes)."""
    by_code: dict[str, list[Org]] = defaultdict(list)
    for o in data.orgs:
        by_code[o.province.code].append(o)
    provinces: list[tuple[Area, list[Org]]] = [
        (orgs[0].province, sort_orgs(orgs)) for orgs in (by_code[c] for c in sorted(by_code))]
    ordered = [o for _, orgs in provinces for o in orgs]
    pages = paging.split(urls.GUIDE, ordered, GROUPS_PER_PAGE)
    started = {area.code: next(p.number for p in pages if any(o.province.code == area.code for o in p.items))
               for area, _ in provinces}
    home = h(site.url.split("://", 1)[-1]) if site.url else ""
    description = f"รายชื่อกลุ่มอาสาสมัครทั้ง {len(data.orgs)} กลุ่มแยกตามจังหวัด สำหรับพิมพ์"
    lead = (
        f'<p>รายชื่อกลุ่มอาสาสมัครในเครือข่ายทั้ง {len(data.orgs)} กลุ่ม '
        f'แยกตามจังหวัด สำหรับพิมพ์ไปใช้ในที่ประชุมหรือพื้นที่ที่ไม่มีสัญญาณ สแกนคิวอาร์โค้ดเพื่อเปิดหน้าของแต่ละกลุ่ม '
        f'{en("Every group of the network by province, to print. Scan a code to open the group page.")}</p>'
        f'<p>ข้อมูล ณ วันที่ {h(thai_date(site.today))}'
        + (f" จากเว็บไซต์ {home}" if home else "") + "</p>"
        '<p class="gm-guide__print"><button type="button" class="md-button md-button--primary" hidden>'
        f'พิมพ์คู่มือ {en("Print")}</button> พิมพ์บนกระดาษ A4 ได้จากเมนูพิมพ์ของเบราว์เซอร์</p>')
    out = []
    for page in pages:
        def toc_link(area: Area, page: paging.Page[Org] = page) -> str:
            slug = h(urls.province_slug(area))
            where = h(urls.rel(page.url, urls.paged(urls.GUIDE, started[area.code]))) if page.is_paged else ""
            return f'<a href="{where}#{slug}">{area_name(area)}</a>'

        toc = "".join(f"<li>{toc_link(a)} ({len(o)})</li>" for a, o in provinces)
        intro = f'<div class="gm-guide__intro">{lead}<ul class="gm-guide__toc">{toc}</ul></div>'
        body = (f'<div class="gm-guide">{intro}{page.status()}{_sections(page, started, site)}'
                f"{page.nav()}</div>")
        title = page.title(TITLE)
        out.append(GeneratedPage(page.url, title, description, one_block(body),
                                 page_head(site, page.url, title) + page.head(), searchable=False))
    return out
