"""The pages that list groups: the directory (with its filters), the pages of each province and
focus area with their index pages, and "how you can help" (the groups by what they need). Long
lists are split into numbered pages (:mod:`guidemap.outputs.pages.paging`)."""

from __future__ import annotations

from collections import Counter, defaultdict

from guidemap.contract.model.types import Area, Dataset, Org
from guidemap.contract.vocab import Label
from guidemap.outputs.html.head import page_head
from guidemap.outputs.html.htmlkit import h, one_block
from guidemap.outputs.html.markup import bi, en, external, link
from guidemap.outputs.pages import campaigns, paging
from guidemap.outputs.pages.common import SHORT_LIST, area_name, cards, more_in_directory
from guidemap.outputs.pages.feed_links import FeedCatalogue
from guidemap.outputs.site import selection, urls
from guidemap.outputs.site.selection import sort_orgs
from guidemap.outputs.site.types import GeneratedPage, SiteInfo


def _options(name: str, label: Label, values: list[tuple[str, str, int]]) -> str:
    # data-label: the choice's name, to which the script adds the count that follows the other filters.
    opts = "".join(f'<option value="{h(v)}" data-label="{h(text)}">{h(text)} ({n})</option>'
                   for v, text, n in values)
    return (f'<label class="gm-filter">{bi(label)}<select name="{name}" data-filter="{name}">'
            f'<option value="">ทั้งหมด</option>{opts}</select></label>')


def _filter_fields(orgs: list[Org], site: SiteInfo) -> str:
    """The filters' choices with the whole directory's counts: the same on every page of the
    directory (made once, not once per page)."""
    provinces = Counter((o.province.code, o.province.th) for o in orgs)
    focus = Counter(f for o in orgs for f in o.focus)
    needs = Counter(n for o in orgs for n in o.needs)
    offers = Counter(n for o in orgs for n in o.offers)
    vocab = site.network
    return (
        _options("province", Label("จังหวัด", "Province"),
                 [(code, name, n) for (code, name), n in sorted(provinces.items())])
        + _options("focus", Label("ประเด็น", "Focus"),
                   [(k, lab.th, focus[k]) for k, lab in vocab.focus.items() if focus[k]])
        + _options("need", Label("กลุ่มที่ต้องการ", "Needs"),
                   [(k, lab.th, needs[k]) for k, lab in vocab.needs.items() if needs[k]])
        + (_options("offer", Label("กลุ่มที่แบ่งปันได้", "Offers"),
                    [(k, lab.th, offers[k]) for k, lab in vocab.needs.items() if offers[k]])
           if offers else "")
    )


def _directory_filters(frm: str, fields: str, total: int) -> str:
    # Shown from the first paint, so that nothing moves when the script (guidemap.js) starts:
    # without JavaScript a stylesheet in <noscript> hides them, and the numbered pages list every
    # group. The counts (``fields``: _filter_fields) are the whole directory's until a filter is
    # chosen; the script then filters data/directory.json (fetched on the first use of a filter),
    # so a filter finds every group, and counts each choice together with the other filters. On
    # a narrow screen the choices fold behind one button.
    noscript = h(urls.rel(frm, urls.NOSCRIPT_CSS))
    return (
        f'<noscript><link rel="stylesheet" href="{noscript}"></noscript>'
        f'<form class="gm-filters" role="search" aria-label="กรองรายชื่อกลุ่ม" '
        f'data-src="{h(urls.rel(frm, urls.DIRECTORY_JSON))}" data-root="{h(urls.rel(frm, urls.HOME))}" '
        f'data-size="{paging.ORGS_PER_PAGE}">'
        '<button type="button" class="gm-filters__toggle" aria-expanded="false" '
        'aria-controls="gm-filter-fields">ตัวกรอง <span class="gm-filters__active"></span>'
        + en("Filters") + "</button>"
        '<div class="gm-filters__fields" id="gm-filter-fields">'
        + fields
        + '<button type="reset" class="md-button">ล้างตัวกรอง</button></div>'
        + f'<p class="gm-count" aria-live="polite" data-total="{total}">ทั้งหมด {total} กลุ่ม '
        + en(f"All {total} groups") + "</p>"
        + "</form>"
    )


def _listed(page: paging.Page[Org], site: SiteInfo) -> str:
    """A page's share of a listing: where it is, its cards, the links to the other pages."""
    return f"{page.status()}{cards(page.url, page.items, site.network.focus)}{page.nav()}"


def directory_pages(data: Dataset, site: SiteInfo) -> list[GeneratedPage]:
    """The directory: every group, by name, ``paging.ORGS_PER_PAGE`` to a page, the filters on
    each page (they search the whole directory)."""
    orgs = sort_orgs(data.orgs)
    fields = _filter_fields(orgs, site)

    def make(page: paging.Page[Org]) -> GeneratedPage:
        url = page.url
        open_data = f'{link(url, urls.DATA_JSON, "JSON")}, {link(url, urls.DATA_CSV, "CSV")}'
        intro = (f'<p>รายชื่อกลุ่มอาสาสมัครในเครือข่ายทั้ง {len(orgs)} กลุ่ม เรียงตามชื่อ '
                 f'{link(url, urls.PROVINCES, "ดูตามจังหวัด")} · {link(url, urls.FOCUS_INDEX, "ดูตามประเด็น")} · '
                 f'{link(url, urls.HELP, "ช่วยกลุ่มได้อย่างไร")}</p>'
                 f'{en(f"All {len(orgs)} groups of the network. Open data: {open_data}.", "p")}')
        # The script shows its results in place of the page's own list (and hides the pager).
        body = (f'<div class="gm-directory">{intro}{_directory_filters(url, fields, len(orgs))}'
                f'<div class="gm-directory__list">{_listed(page, site)}</div>'
                '<div class="gm-directory__results" hidden></div></div>')
        title = page.title("ทำเนียบกลุ่มอาสาสมัคร")
        return GeneratedPage(url, title, f"กลุ่มอาสาสมัครทั้ง {len(orgs)} กลุ่มในเครือข่าย", one_block(body),
                             page_head(site, url, title) + page.head(), searchable=False)

    return paging.paginate(urls.DIRECTORY, orgs, paging.ORGS_PER_PAGE, make)


def _index_page(url: str, title: str, description: str, items: list[str], site: SiteInfo) -> GeneratedPage:
    index = f'<ul class="gm-index">{"".join(items)}</ul>'
    return GeneratedPage(url, title, description, index, page_head(site, url, title))


def _group_pages(base: str, orgs: list[Org], title: str, description: str, intro: str,
                 back: tuple[str, str], site: SiteInfo, feeds: FeedCatalogue,
                 first: str = "") -> list[GeneratedPage]:
    """The numbered pages of one province or focus area: ``intro`` (HTML), its groups, a link
    back to the index (``back``: URL, text) and the area's feed links on every page; ``first``
    (HTML, links relative to the first page) after the intro of the first page only."""

    def make(page: paging.Page[Org]) -> GeneratedPage:
        url = page.url
        feed = feeds.links(page.base, at=url)
        lead = intro + (first if url == base else "")
        body = f'{lead}{_listed(page, site)}<p>{link(url, back[0], back[1])}</p>'
        full_title = page.title(title)
        return GeneratedPage(url, full_title, description, one_block(body) + feed.html,
                             page_head(site, url, full_title) + page.head() + feed.head, searchable=False)

    return paging.paginate(base, orgs, paging.ORGS_PER_PAGE, make)


def province_pages(data: Dataset, site: SiteInfo, feeds: FeedCatalogue) -> list[GeneratedPage]:
    """The pages of each province that has groups (each with its feed), then their index."""
    by_code: dict[str, list[Org]] = defaultdict(list)
    for o in data.orgs:
        by_code[o.province.code].append(o)
    pages = []
    index_items = []
    for code in sorted(by_code):
        orgs = sort_orgs(by_code[code])
        area = orgs[0].province
        base = urls.province(area)
        focus = Counter(f for o in orgs for f in o.focus)
        summary = ", ".join(f"{h(site.network.focus[k].th)} {n}" for k, n in focus.most_common())
        n = len(orgs)
        intro = (f'<p>กลุ่มอาสาสมัครในจังหวัด{h(area.th)} {n} กลุ่ม {en(f"{n} groups in {h(area.en)}")}</p>'
                 f'<p class="gm-summary">ประเด็นที่ทำงาน: {summary}</p>')
        pages.extend(_group_pages(base, orgs, f"จังหวัด{area.th}", f"กลุ่มอาสาสมัครในจังหวัด{area.th} {n} กลุ่ม",
                                  intro, (urls.PROVINCES, "← ทุกจังหวัด"), site, feeds,
                                  _save_offline(area, base, site)))
        index_items.append(f"<li>{link(urls.PROVINCES, base, area_name(area))} ({len(orgs)})</li>")
    pages.append(_index_page(urls.PROVINCES, "กลุ่มตามจังหวัด", "กลุ่มอาสาสมัครแยกตามจังหวัด", index_items, site))
    return pages


def _save_offline(area: Area, base: str, site: SiteInfo) -> str:
    """"Save for offline": the province's list (outputs/offline/lists.py) for the site's service
    worker. Shown, disabled, from the first paint, so nothing moves when the script enables it
    and says the size; without JavaScript the noscript stylesheet hides it."""
    if not site.offline:
        return ""
    noscript = h(urls.rel(base, urls.NOSCRIPT_CSS))
    return (f'<noscript><link rel="stylesheet" href="{noscript}"></noscript>'
            f'<div class="gm-offline-save" data-list="{h(urls.rel(base, urls.offline_province(area)))}">'
            '<button type="button" class="md-button" disabled>บันทึกไว้ดูตอนไม่มีสัญญาณ '
            f'{en("Save for offline")}</button> '
            '<span class="gm-offline-state" aria-live="polite"></span></div>')


def focus_pages(data: Dataset, site: SiteInfo, feeds: FeedCatalogue) -> list[GeneratedPage]:
    """The pages of each focus area some group works on (each with its feed), then their index."""
    pages = []
    index_items = []
    for key, label in site.network.focus.items():
        orgs = sort_orgs(o for o in data.orgs if key in o.focus)
        if not orgs:
            continue
        base = urls.focus(key)
        provinces = Counter(o.province.th for o in orgs)
        where = ", ".join(f"{h(p)} {n}" for p, n in sorted(provinces.items()))
        n = len(orgs)
        intro = (f'<p>กลุ่มที่ทำงานด้าน{h(label.th)} {n} กลุ่ม '
                 f'{en(f"{n} groups working on {h(label.en.lower())}")}</p>'
                 f'<p class="gm-summary">จังหวัด: {where}</p>')
        pages.extend(_group_pages(base, orgs, f"ประเด็น: {label.th}", f"กลุ่มอาสาสมัครด้าน{label.th}",
                                  intro, (urls.FOCUS_INDEX, "← ทุกประเด็น"), site, feeds))
        index_items.append(f'<li>{link(urls.FOCUS_INDEX, base, bi(label))} ({len(orgs)})</li>')
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


def _help_list(key: str, side: str, orgs: list[Org]) -> str:
    """The groups on one side of a key. A long list shows its first ``SHORT_LIST`` groups, how
    many there are, and a link to the directory filtered by the key (``orgs/?need=x``), where
    the filters list them all."""
    items = "".join(_group_item(o, _need_extra(key, o) if side == "need" else "") for o in orgs[:SHORT_LIST])
    more = ""
    if len(orgs) > SHORT_LIST:
        more = more_in_directory(urls.HELP, len(orgs), f"{side}={key}", f"ดูทั้ง {len(orgs)} กลุ่มในทำเนียบ",
                                 "all of them in the directory")
    return f"<ul>{items}</ul>{more}"


def _need_section(key: str, label: Label, needing: list[Org], offering: list[Org],
                  lead: str = "") -> str:
    """One key of the needs: the groups that need it and, beside them, the groups that can
    offer it to others, so that two groups can find each other. ``lead``: what comes first
    (the open fundraising campaigns, in the funding section)."""
    parts = []
    if needing:
        parts.append(f'<div class="gm-help__need"><h3>{bi(Label("กลุ่มที่ต้องการ", "Groups that need it"))}'
                     f"</h3>{_help_list(key, 'need', needing)}</div>")
    if offering:
        parts.append(f'<div class="gm-help__offer"><h3>{bi(Label("กลุ่มที่แบ่งปันได้", "Groups that can offer it"))}'
                     f"</h3>{_help_list(key, 'offer', offering)}</div>")
    return (f'<section class="gm-section gm-help" id="need-{key}"><h2>{bi(label)}</h2>{lead}'
            f'<div class="gm-help__sides">{"".join(parts)}</div></section>')


def _campaigns_block(data: Dataset, site: SiteInfo) -> str:
    """The open fundraising campaigns, soonest end first (the funding section's lead)."""
    items = selection.running(data.orgs)
    if not items:
        return ""
    return (f'<div class="gm-help__campaigns"><h3>{bi(Label("แคมเปญระดมทุนที่เปิดอยู่", "Open campaigns"))}'
            f'</h3>{campaigns.campaign_list(urls.HELP, items, site.today, site=site)}</div>')


def help_page(data: Dataset, site: SiteInfo) -> GeneratedPage:
    url = urls.HELP
    intro = ('<p>กลุ่มในเครือข่ายบอกไว้ว่าต้องการความช่วยเหลือด้านใดบ้าง และแบ่งปันอะไรให้กลุ่มอื่นได้ '
             'เลือกเรื่องที่คุณช่วยได้ แล้วติดต่อกลุ่มโดยตรง '
             + en("What the groups ask for, and what they can offer each other: pick what you "
                  "can offer and contact them directly.") + "</p>")
    toc = []
    sections = []
    for key, label in site.network.needs.items():
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
