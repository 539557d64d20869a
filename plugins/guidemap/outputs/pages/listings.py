"""The pages that list groups: the directory (with its filters), one page per province and per
focus area with their index pages, and "how you can help" (the groups by what they need)."""

from __future__ import annotations

from collections import Counter, defaultdict

from guidemap.contract.model import Dataset, Org
from guidemap.contract.vocab import FOCUS, NEEDS, Label
from guidemap.outputs import campaigns, urls
from guidemap.outputs.feed_catalogue import FeedCatalogue
from guidemap.outputs.head import page_head
from guidemap.outputs.htmlkit import h, one_block
from guidemap.outputs.markup import bi, en, external, link
from guidemap.outputs.pages.common import area_name, cards, sort_orgs
from guidemap.outputs.site import GeneratedPage, SiteInfo


def _options(name: str, label: Label, values: list[tuple[str, str, int]]) -> str:
    opts = "".join(f'<option value="{h(v)}">{h(text)} ({n})</option>' for v, text, n in values)
    return (f'<label class="gm-filter">{bi(label)}<select name="{name}" data-filter="{name}">'
            f'<option value="">ทั้งหมด</option>{opts}</select></label>')


def _directory_filters(orgs: list[Org]) -> str:
    # Hidden until the script that runs them has loaded (guidemap.js).
    provinces = Counter((o.province.code, o.province.th) for o in orgs)
    focus = Counter(f for o in orgs for f in o.focus)
    needs = Counter(n for o in orgs for n in o.needs)
    offers = Counter(n for o in orgs for n in o.offers)
    return (
        '<form class="gm-filters" role="search" aria-label="กรองรายชื่อกลุ่ม" hidden>'
        + _options("province", Label("จังหวัด", "Province"),
                   [(code, name, n) for (code, name), n in sorted(provinces.items())])
        + _options("focus", Label("ประเด็น", "Focus"),
                   [(k, FOCUS[k].th, focus[k]) for k in FOCUS if focus[k]])
        + _options("need", Label("กลุ่มที่ต้องการ", "Needs"),
                   [(k, NEEDS[k].th, needs[k]) for k in NEEDS if needs[k]])
        + (_options("offer", Label("กลุ่มที่แบ่งปันได้", "Offers"),
                    [(k, NEEDS[k].th, offers[k]) for k in NEEDS if offers[k]]) if offers else "")
        + '<button type="reset" class="md-button">ล้างตัวกรอง</button>'
        + f'<p class="gm-count" aria-live="polite" data-total="{len(orgs)}">ทั้งหมด {len(orgs)} กลุ่ม</p>'
        + "</form>"
    )


def directory_page(data: Dataset, site: SiteInfo) -> GeneratedPage:
    url = urls.DIRECTORY
    orgs = sort_orgs(data.orgs)
    open_data = f'{link(url, urls.DATA_JSON, "JSON")}, {link(url, urls.DATA_CSV, "CSV")}'
    intro = (f'<p>รายชื่อกลุ่มอาสาสมัครในเครือข่ายทั้ง {len(orgs)} กลุ่ม เรียงตามชื่อ '
             f'{link(url, urls.PROVINCES, "ดูตามจังหวัด")} · {link(url, urls.FOCUS_INDEX, "ดูตามประเด็น")} · '
             f'{link(url, urls.HELP, "ช่วยกลุ่มได้อย่างไร")}</p>'
             f'{en(f"All {len(orgs)} groups of the network. Open data: {open_data}.", "p")}')
    body = f'<div class="gm-directory">{intro}{_directory_filters(orgs)}{cards(url, orgs)}</div>'
    return GeneratedPage(url, "ทำเนียบกลุ่มอาสาสมัคร", f"กลุ่มอาสาสมัครทั้ง {len(orgs)} กลุ่มในเครือข่าย",
                         one_block(body), page_head(site, url, "ทำเนียบกลุ่มอาสาสมัคร"), searchable=False)


def _index_page(url: str, title: str, description: str, items: list[str], site: SiteInfo) -> GeneratedPage:
    index = f'<ul class="gm-index">{"".join(items)}</ul>'
    return GeneratedPage(url, title, description, index, page_head(site, url, title))


def province_pages(data: Dataset, site: SiteInfo, feeds: FeedCatalogue) -> list[GeneratedPage]:
    """One page per province that has groups (with its feed), then their index."""
    by_code: dict[str, list[Org]] = defaultdict(list)
    for o in data.orgs:
        by_code[o.province.code].append(o)
    pages = []
    index_items = []
    for code in sorted(by_code):
        orgs = sort_orgs(by_code[code])
        area = orgs[0].province
        url = urls.province(area)
        focus = Counter(f for o in orgs for f in o.focus)
        summary = ", ".join(f"{h(FOCUS[k].th)} {n}" for k, n in focus.most_common())
        body = (f'<p>กลุ่มอาสาสมัครในจังหวัด{h(area.th)} {len(orgs)} กลุ่ม '
                f'{en(f"{len(orgs)} groups in {h(area.en)}")}</p>'
                f'<p class="gm-summary">ประเด็นที่ทำงาน: {summary}</p>{cards(url, orgs)}'
                f'<p>{link(url, urls.PROVINCES, "← ทุกจังหวัด")}</p>')
        title = f"จังหวัด{area.th}"
        feed = feeds.links(url)
        pages.append(GeneratedPage(url, title, f"กลุ่มอาสาสมัครในจังหวัด{area.th} {len(orgs)} กลุ่ม",
                                   one_block(body) + feed.html, page_head(site, url, title) + feed.head,
                                   searchable=False))
        index_items.append(f"<li>{link(urls.PROVINCES, url, area_name(area))} ({len(orgs)})</li>")
    pages.append(_index_page(urls.PROVINCES, "กลุ่มตามจังหวัด", "กลุ่มอาสาสมัครแยกตามจังหวัด", index_items, site))
    return pages


def focus_pages(data: Dataset, site: SiteInfo, feeds: FeedCatalogue) -> list[GeneratedPage]:
    """One page per focus area some group works on (with its feed), then their index."""
    pages = []
    index_items = []
    for key, label in FOCUS.items():
        orgs = sort_orgs(o for o in data.orgs if key in o.focus)
        if not orgs:
            continue
        url = urls.focus(key)
        provinces = Counter(o.province.th for o in orgs)
        where = ", ".join(f"{h(p)} {n}" for p, n in sorted(provinces.items()))
        body = (f'<p>กลุ่มที่ทำงานด้าน{h(label.th)} {len(orgs)} กลุ่ม '
                f'{en(f"{len(orgs)} groups working on {h(label.en.lower())}")}</p>'
                f'<p class="gm-summary">จังหวัด: {where}</p>{cards(url, orgs)}'
                f'<p>{link(url, urls.FOCUS_INDEX, "← ทุกประเด็น")}</p>')
        title = f"ประเด็น: {label.th}"
        feed = feeds.links(url)
        pages.append(GeneratedPage(url, title, f"กลุ่มอาสาสมัครด้าน{label.th}", one_block(body) + feed.html,
                                   page_head(site, url, title) + feed.head, searchable=False))
        index_items.append(f'<li>{link(urls.FOCUS_INDEX, url, bi(label))} ({len(orgs)})</li>')
    pages.append(_index_page(urls.FOCUS_INDEX, "กลุ่มตามประเด็น", "กลุ่มอาสาสมัครแยกตามประเด็นงาน",
                             index_items, site))
    return pages


def _group_item(o: Org, extra: str = "") -> str:
    name = link(urls.HELP, urls.org(o.id), h(o.name.best))
    return f"<li>{name} · {h(o.province.th)}{extra}</li>"


def _need_extra(key: str, o: Org) -> str:
    """For volunteers, the roles a group offers; for funding, where to give."""
    if key == "volunteers" and o.volunteer and o.volunteer.roles:
        return "<br><small>บทบาท: " + ", ".join(h(r.best) for r in o.volunteer.roles) + "</small>"
    if key == "funding" and o.donate:
        return " · " + external(o.donate, "ร่วมบริจาค " + en("Donate"))
    return ""


def _need_section(key: str, label: Label, needing: list[Org], offering: list[Org],
                  lead: str = "") -> str:
    """One key of the needs: the groups that need it and, beside them, the groups that can
    offer it to others, so that two groups can find each other. ``lead``: what comes first
    (the open fundraising campaigns, in the funding section)."""
    parts = []
    if needing:
        items = "".join(_group_item(o, _need_extra(key, o)) for o in needing)
        parts.append(f'<div class="gm-help__need"><h3>{bi(Label("กลุ่มที่ต้องการ", "Groups that need it"))}'
                     f"</h3><ul>{items}</ul></div>")
    if offering:
        items = "".join(_group_item(o) for o in offering)
        parts.append(f'<div class="gm-help__offer"><h3>{bi(Label("กลุ่มที่แบ่งปันได้", "Groups that can offer it"))}'
                     f"</h3><ul>{items}</ul></div>")
    return (f'<section class="gm-section gm-help" id="need-{key}"><h2>{bi(label)}</h2>{lead}'
            f'<div class="gm-help__sides">{"".join(parts)}</div></section>')


def _campaigns_block(data: Dataset, site: SiteInfo) -> str:
    """The open fundraising campaigns, soonest end first (the funding section's lead)."""
    items = campaigns.running(data.orgs)
    if not items:
        return ""
    return (f'<div class="gm-help__campaigns"><h3>{bi(Label("แคมเปญระดมทุนที่เปิดอยู่", "Open campaigns"))}'
            f'</h3>{campaigns.campaign_list(urls.HELP, items, site.today)}</div>')


def help_page(data: Dataset, site: SiteInfo) -> GeneratedPage:
    url = urls.HELP
    intro = ('<p>กลุ่มในเครือข่ายบอกไว้ว่าต้องการความช่วยเหลือด้านใดบ้าง และแบ่งปันอะไรให้กลุ่มอื่นได้ '
             'เลือกเรื่องที่คุณช่วยได้ แล้วติดต่อกลุ่มโดยตรง '
             + en("What the groups ask for, and what they can offer each other: pick what you "
                  "can offer and contact them directly.") + "</p>")
    toc = []
    sections = []
    for key, label in NEEDS.items():
        needing = sort_orgs(o for o in data.orgs if key in o.needs)
        offering = sort_orgs(o for o in data.orgs if key in o.offers)
        lead = _campaigns_block(data, site) if key == "funding" else ""
        if needing or offering or lead:
            counts = f"ต้องการ {len(needing)}" + (f" · แบ่งปันได้ {len(offering)}" if offering else "")
            toc.append(f'<li><a href="#need-{key}">{h(label.th)}</a> ({counts})</li>')
            sections.append(_need_section(key, label, needing, offering, lead))
    body = f'{intro}<ul class="gm-index">{"".join(toc)}</ul>{"".join(sections)}'
    description = "กลุ่มอาสาสมัครที่ต้องการอาสาสมัคร ทุน สื่อ และการสนับสนุนอื่น และสิ่งที่กลุ่มแบ่งปันกันได้"
    return GeneratedPage(url, "ช่วยกลุ่มได้อย่างไร", description,
                         one_block(body), page_head(site, url, "ช่วยกลุ่มได้อย่างไร"))
