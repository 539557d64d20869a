"""HTML of the generated pages: directory, group pages, province and focus pages, the
"how you can help" page, the stories archive and the home-page blocks.

Pure functions of the dataset: no MkDocs here. Every contributed string goes through
:func:`~guidemap.outputs.htmlkit.h` or the Markdown sanitizer.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import cache

from guidemap.contract import pictures, thai
from guidemap.contract.model import Area, Dataset, LText, Org, Story
from guidemap.contract.pictures import ImageInfo
from guidemap.contract.thai import display_phone, thai_date
from guidemap.contract.vocab import FOCUS, LANGUAGES, NEEDS, PRECISION, Label
from guidemap.outputs import urls
from guidemap.outputs.head import org_head, page_head
from guidemap.outputs.htmlkit import h, markdown_to_safe_html, one_block, part_marker
from guidemap.outputs.map.view import org_map
from guidemap.outputs.pictures import img_tag, renditions
from guidemap.outputs.site import GeneratedPage, SiteInfo

STALE_AFTER_DAYS = 365


@cache  # labels are the site's own constants, used on every group page
def bi(label: Label) -> str:
    """A Thai label with its English beside it, marked as English for screen readers."""
    return f'{h(label.th)} <span class="gm-en" lang="en">{h(label.en)}</span>'


def ltext(text: LText | None, tag: str = "span") -> str:
    if text is None:
        return ""
    parts = []
    if text.th:
        parts.append(f'<{tag} lang="th">{h(text.th)}</{tag}>')
    if text.en:
        parts.append(f'<{tag} lang="en" class="gm-en">{h(text.en)}</{tag}>')
    return " ".join(parts)


def area_name(area: Area) -> str:
    return f'{h(area.th)} <span class="gm-en" lang="en">{h(area.en)}</span>'


def link(frm: str, to: str, text_html: str, cls: str = "") -> str:
    c = f' class="{cls}"' if cls else ""
    return f'<a href="{h(urls.rel(frm, to))}"{c}>{text_html}</a>'


def external(href: str, text_html: str) -> str:
    return f'<a href="{h(href)}" rel="noopener noreferrer nofollow ugc">{text_html}</a>'


def badges(frm: str, keys: Iterable[str], vocab: dict[str, Label], kind: str) -> str:
    items = []
    for key in keys:
        label = vocab[key]
        if kind == "focus":
            badge = link(frm, urls.focus(key), h(label.th), f"gm-badge gm-focus-{key}")
            items.append(f"<li>{badge}</li>")
        else:
            items.append(f'<li><span class="gm-badge gm-need">{h(label.th)}</span></li>')
    return f'<ul class="gm-badges" aria-label="{h(kind)}">{"".join(items)}</ul>' if items else ""


def place(frm: str, org: Org) -> str:
    text = link(frm, urls.province(org.province), h(org.province.th))
    if org.district:
        text = f"{h(org.district.th)}, {text}"
    return text


@cache
def short_summary(org: Org) -> str:
    """A card's summary, cut at a Thai word boundary; cached, as a group is on several lists."""
    return thai.truncate(org.summary.best, 160)


def card(frm: str, org: Org) -> str:
    """One group in a list; data-* attributes drive the directory filters."""
    return _card_at_depth(frm.count("/"), org)


@cache
def _card_at_depth(depth: int, org: Org) -> str:
    # Links in a card depend only on how deep the listing page is, so a group's card is built
    # once per depth rather than once per list (a group appears on three or more lists).
    frm = "x/" * depth
    en = f' <span class="gm-en" lang="en">{h(org.name.en)}</span>' if org.name.en else ""
    return (
        f'<li class="gm-card" id="org-{h(org.id)}" data-province="{h(org.province.code)}" '
        f'data-focus="{h(" ".join(org.focus))}" data-needs="{h(" ".join(org.needs))}">'
        f'<h3 class="gm-card__title">{link(frm, urls.org(org.id), h(org.name.best))}{en}</h3>'
        f'<p class="gm-card__place">{place(frm, org)}</p>'
        f'<p class="gm-card__summary">{h(short_summary(org))}</p>'
        f'{badges(frm, org.focus, FOCUS, "focus")}</li>'
    )


def cards(frm: str, orgs: Iterable[Org]) -> str:
    # A heading for screen readers, so the cards' h3 titles do not skip a level after the h1.
    return (f'<h2 class="gm-sr-only">รายชื่อกลุ่ม</h2>'
            f'<ul class="gm-cards">{"".join(card(frm, o) for o in orgs)}</ul>')


def sort_orgs(orgs: Iterable[Org]) -> list[Org]:
    return sorted(orgs, key=lambda o: (o.name.best, o.id))


def stories_by_org(stories: Iterable[Story]) -> dict[str, list[Story]]:
    found: dict[str, list[Story]] = defaultdict(list)
    for s in stories:
        for org_id in s.orgs:
            found[org_id].append(s)
    return {k: sorted(v, key=lambda s: (s.date, s.slug), reverse=True) for k, v in found.items()}


def picture_html(frm: str, target: str, info: ImageInfo | None, alt: str, cls: str, sizes: str,
                 widths: tuple[int, ...] = pictures.WIDTHS) -> str:
    """A picture published by the site (guidemap.outputs.pictures): every width in srcset, with its size."""
    copies = renditions(target, info, widths) if info else []
    srcset = [(urls.rel(frm, r.path), r.width) for r in copies]
    return img_tag(urls.rel(frm, target), alt, cls, info, srcset, sizes)


def story_image_html(frm: str, story: Story, cls: str) -> str:
    """The story's picture (a file beside the story) with its alt text and its widths."""
    target = urls.story_image(story)
    if not target:
        return ""
    sizes = "7rem" if cls == "gm-story__thumb" else "(min-width: 60em) 40rem, 100vw"
    return picture_html(frm, target, story.image_info, story.image_alt or "", cls, sizes)


def story_item(frm: str, story: Story, orgs: dict[str, Org]) -> str:
    names = ", ".join(link(frm, urls.org(o), h(orgs[o].name.best)) for o in story.orgs if o in orgs)
    groups = f'<p class="gm-story__orgs">กลุ่มที่เกี่ยวข้อง: {names}</p>' if names else ""
    summary = f'<p class="gm-story__summary">{h(story.summary)}</p>' if story.summary else ""
    title = link(frm, urls.story(story), h(story.title), "gm-story__title")
    image = story_image_html(frm, story, "gm-story__thumb")
    return (f'<li class="gm-story">{image}<time datetime="{story.date.isoformat()}">'
            f'{h(thai_date(story.date))}</time> {title}{summary}{groups}</li>')


LESSON_SECTIONS = (
    ("problem", Label("เป็นการแก้ปัญหาเกี่ยวกับ", "The problem")),
    ("place", Label("สถานที่เกิดเหตุการณ์", "Where")),
    ("story", Label("เนื้อเรื่อง", "What happened")),
    ("knowledge", Label("ขุมความรู้", "Knowledge assets")),
    ("competency", Label("แก่นความรู้", "Core competency")),
    ("strategies", Label("กลยุทธ์ในการทำงาน", "Working strategies")),
)


def lesson_html(story: Story) -> str:
    """A lessons-learned record as sections, in the order of the knowledge-record form.
    ``story`` is Markdown (rendered and sanitized here); the other fields are plain text."""
    lesson = story.lesson
    if lesson is None:
        return ""
    sections = []
    for key, label in LESSON_SECTIONS:
        value = getattr(lesson, key)
        if not value:
            continue
        if key == "story":
            body = markdown_to_safe_html(value)
        elif isinstance(value, tuple):
            body = "<ol>" + "".join(f"<li>{h(item)}</li>" for item in value) + "</ol>"
        else:
            body = "".join(f"<p>{h(line)}</p>" for line in value.split("\n\n") if line.strip())
        sections.append(f'<section class="gm-lesson__{key}"><h2>{bi(label)}</h2>{body}</section>')
    if not sections:
        return ""
    return ('<div class="gm-lesson" aria-label="บันทึกองค์ความรู้">'
            f'<p class="gm-lesson__kind">บันทึกองค์ความรู้ <span class="gm-en" lang="en">Lessons learned'
            f'</span></p>{"".join(sections)}</div>')


def story_page_html(story: Story, body_html: str, orgs: dict[str, Org]) -> str:
    """A story page: title, Thai date, author, the groups it names (linked), the sanitized body."""
    url = urls.story(story)
    meta = [f'<time datetime="{story.date.isoformat()}">{h(thai_date(story.date))}</time>']
    if story.author:
        meta.append(f"โดย {h(story.author)}")
    names = ", ".join(link(url, urls.org(o), h(orgs[o].name.best)) for o in story.orgs if o in orgs)
    groups = f'<p class="gm-story__orgs">กลุ่มที่เกี่ยวข้อง: {names}</p>' if names else ""
    tags = "".join(f'<li><span class="gm-badge">{h(t)}</span></li>' for t in story.tags)
    tag_list = f'<ul class="gm-badges" aria-label="tags">{tags}</ul>' if tags else ""
    image = story_image_html(url, story, "gm-story__image")
    figure = f'<figure class="gm-story__figure">{image}</figure>' if image else ""
    return (f'<h1>{h(story.title)}</h1><p class="gm-story__meta">{" · ".join(meta)}</p>{groups}'
            f'{tag_list}{figure}{body_html}{lesson_html(story)}'
            f'<p class="gm-story__back">{link(url, urls.STORIES, "← จดหมายข่าว")}</p>')


# --- group page -------------------------------------------------------------------------

_CONTACT_LABELS = {
    "website": Label("เว็บไซต์", "Website"),
    "facebook": Label("Facebook", "Facebook"),
    "line": Label("LINE", "LINE"),
    "email": Label("อีเมล", "E-mail"),
    "phone": Label("โทรศัพท์", "Phone"),
    "instagram": Label("Instagram", "Instagram"),
    "youtube": Label("YouTube", "YouTube"),
    "tiktok": Label("TikTok", "TikTok"),
}


def _contact_link(kind: str, value: str) -> str:
    if kind == "phone":
        return f'<a href="tel:{h(value)}">{h(display_phone(value))}</a>'
    if kind == "email":
        return f'<a href="mailto:{h(value)}">{h(value)}</a>'
    return external(value, h(value.split("://", 1)[-1].rstrip("/")))


def _section(title: Label, body: str, cls: str) -> str:
    return f'<section class="gm-section {cls}"><h2>{bi(title)}</h2>{body}</section>' if body else ""


def _ltext_list(items: Iterable[LText]) -> str:
    lis = "".join(f"<li>{ltext(i)}</li>" for i in items)
    return f"<ul>{lis}</ul>" if lis else ""


def org_page(org: Org, site: SiteInfo, stories: list[Story], orgs: dict[str, Org]) -> GeneratedPage:
    url = urls.org(org.id)
    parts: list[str] = ['<article class="gm-org" data-org="' + h(org.id) + '">']
    if org.logo:
        parts.append(picture_html(url, urls.org_logo(org), org.logo_info, org.logo_alt or "",
                                  "gm-org__logo", "5rem", pictures.LOGO_WIDTHS))
    parts.append(f'<h1>{h(org.name.best)}</h1>')
    if org.name.th and org.name.en:
        parts.append(f'<p class="gm-org__en" lang="en">{h(org.name.en)}</p>')
    parts.append(f'<p class="gm-org__place">{place(url, org)}</p>')
    parts.append(badges(url, org.focus, FOCUS, "focus"))
    parts.append(f'<div class="gm-org__summary">{ltext(org.summary, "p")}</div>')
    age = (site.today - org.updated).days
    checked = f'<time datetime="{org.updated.isoformat()}">{h(thai_date(org.updated))}</time>'
    if age > STALE_AFTER_DAYS:
        parts.append(
            f'<p class="gm-stale admonition warning" role="note">ข้อมูลนี้ตรวจสอบครั้งล่าสุดเมื่อ {checked} '
            f'(เกินหนึ่งปีแล้ว) กรุณาสอบถามกลุ่มก่อนเดินทางหรือโอนเงิน '
            f'<span class="gm-en" lang="en">Last checked over a year ago: please confirm with the '
            f'group first.</span></p>')
    md_parts: list[tuple[str, str]] = []

    def markdown_part(key: str, lang: str, text: str) -> str:
        md_parts.append((key, text))
        return f'<div lang="{lang}">{part_marker(key)}</div>'

    if org.description:
        desc = [markdown_part(f"description-{lang}", lang, text)
                for lang, text in (("th", org.description.th), ("en", org.description.en)) if text]
        parts.append(_section(Label("เกี่ยวกับกลุ่ม", "About"), "".join(desc), "gm-about"))
    parts.append(_section(Label("กิจกรรม", "Activities"), _ltext_list(org.activities), "gm-activities"))
    if org.volunteer:
        v = org.volunteer
        body = ""
        if v.roles:
            body += f"<h3>{bi(Label('บทบาทอาสาสมัคร', 'Volunteer roles'))}</h3>{_ltext_list(v.roles)}"
        if v.skills:
            body += f"<h3>{bi(Label('ทักษะที่ต้องการ', 'Skills wanted'))}</h3>{_ltext_list(v.skills)}"
        if v.languages:
            langs = ", ".join(h(LANGUAGES[k].th) for k in v.languages)
            body += f"<p>{bi(Label('ภาษา', 'Languages'))}: {langs}</p>"
        if v.how_to_join:
            body += f"<h3>{bi(Label('วิธีสมัคร', 'How to join'))}</h3>"
            for lang, text in (("th", v.how_to_join.th), ("en", v.how_to_join.en)):
                if text:
                    body += markdown_part(f"join-{lang}", lang, text)
        parts.append(_section(Label("ร่วมเป็นอาสาสมัคร", "Volunteer with us"), body, "gm-volunteer"))
    if org.needs:
        needs = "".join(f"<li>{bi(NEEDS[k])}</li>" for k in org.needs)
        parts.append(_section(Label("สิ่งที่กลุ่มต้องการ", "What the group needs"),
                              f"<ul>{needs}</ul>", "gm-needs"))
    contacts = "".join(f"<dt>{bi(_CONTACT_LABELS[k])}</dt><dd>{_contact_link(k, v)}</dd>"
                       for k, v in org.contact.items())
    if org.donate:
        contacts += f"<dt>{bi(Label('บริจาค', 'Donate'))}</dt><dd>{external(org.donate, 'ร่วมบริจาค')}</dd>"
    parts.append(_section(Label("ติดต่อ", "Contact"),
                          f'<dl class="gm-contact">{contacts}</dl>' if contacts else
                          '<p>ยังไม่มีช่องทางติดต่อที่เผยแพร่ได้</p>', "gm-contacts"))
    facts = [f"<dt>{bi(Label('ตรวจสอบข้อมูลล่าสุด', 'Last checked'))}</dt><dd>{checked}</dd>",
             f"<dt>{bi(Label('ความละเอียดของตำแหน่ง', 'Location precision'))}</dt>"
             f"<dd>{h(PRECISION[org.location.precision].th)}</dd>"]
    if org.founded:
        facts.append(f"<dt>{bi(Label('ก่อตั้ง', 'Founded'))}</dt><dd>พ.ศ. {org.founded + thai.BE_OFFSET}"
                     f' <span class="gm-en" lang="en">({org.founded})</span></dd>')
    if org.languages:
        facts.append(f"<dt>{bi(Label('ภาษาที่ใช้', 'Languages'))}</dt>"
                     f"<dd>{', '.join(h(LANGUAGES[k].th) for k in org.languages)}</dd>")
    parts.append(f'<dl class="gm-facts">{"".join(facts)}</dl>')
    map_head, map_html = org_map(org, url)  # a small map and a link to the group on /map/
    parts.append(map_html)
    mine = stories.copy()
    if mine:
        items = "".join(story_item(url, s, orgs) for s in mine)
        parts.append(_section(Label("เรื่องเล่าที่กล่าวถึงกลุ่มนี้", "Stories"),
                              f'<ul class="gm-stories">{items}</ul>', "gm-org-stories"))
    edit = site.edit_url(org.source)
    actions = []
    if edit:
        actions.append(external(edit, "เสนอแก้ไขข้อมูลกลุ่มนี้ <span lang=\"en\" class=\"gm-en\">"
                                      "Propose an edit</span>"))
    report = site.report_url(org.id, org.name.best)
    if report:
        actions.append(external(report, "แจ้งปัญหาข้อมูลกลุ่มนี้ <span lang=\"en\" class=\"gm-en\">"
                                         "Report a problem</span>"))
    actions.append(link(url, urls.DIRECTORY, "← ทำเนียบกลุ่มทั้งหมด"))
    parts.append(f'<p class="gm-actions">{" · ".join(actions)}</p>')
    parts.append("</article>")
    return GeneratedPage(url=url, title=org.name.best, description=org.summary.best,
                         html=one_block("".join(parts)), head=org_head(org, site, url) + map_head,
                         source=org.source, parts=tuple(md_parts),
                         search_text=org_search_text(org, [k for k, _ in md_parts]))


def org_search_text(org: Org, part_keys: list[str]) -> str:
    """A group's searchable text: names, place, focus, summary, description, activities,
    volunteering and needs, as the page shows them (Markdown parts filled in later)."""
    paras = [org.name.th, org.name.en, org.province.th, org.province.en,
             org.district.th if org.district else None, org.district.en if org.district else None,
             " ".join(f"{FOCUS[k].th} {FOCUS[k].en}" for k in org.focus),
             org.summary.th, org.summary.en,
             *(t for a in org.activities for t in (a.th, a.en)),
             *(t for r in (org.volunteer.roles + org.volunteer.skills if org.volunteer else ())
               for t in (r.th, r.en)),
             " ".join(f"{NEEDS[k].th} {NEEDS[k].en}" for k in org.needs)]
    text = "".join(f"<p>{h(p)}</p>" for p in paras if p)
    return text + "".join(part_marker(k) for k in part_keys)


# --- listings ----------------------------------------------------------------------------

def _options(name: str, label: Label, values: list[tuple[str, str, int]]) -> str:
    opts = "".join(f'<option value="{h(v)}">{h(text)} ({n})</option>' for v, text, n in values)
    return (f'<label class="gm-filter">{bi(label)}<select name="{name}" data-filter="{name}">'
            f'<option value="">ทั้งหมด</option>{opts}</select></label>')


def directory_page(data: Dataset, site: SiteInfo) -> GeneratedPage:
    url = urls.DIRECTORY
    orgs = sort_orgs(data.orgs)
    provinces = Counter((o.province.code, o.province.th) for o in orgs)
    focus = Counter(f for o in orgs for f in o.focus)
    needs = Counter(n for o in orgs for n in o.needs)
    filters = (
        '<form class="gm-filters" role="search" aria-label="กรองรายชื่อกลุ่ม" hidden>'
        + _options("province", Label("จังหวัด", "Province"),
                   [(code, name, n) for (code, name), n in sorted(provinces.items())])
        + _options("focus", Label("ประเด็น", "Focus"),
                   [(k, FOCUS[k].th, focus[k]) for k in FOCUS if focus[k]])
        + _options("need", Label("กลุ่มที่ต้องการ", "Needs"),
                   [(k, NEEDS[k].th, needs[k]) for k in NEEDS if needs[k]])
        + '<button type="reset" class="md-button">ล้างตัวกรอง</button>'
        + f'<p class="gm-count" aria-live="polite" data-total="{len(orgs)}">ทั้งหมด {len(orgs)} กลุ่ม</p>'
        + "</form>"
    )
    intro = (f'<p>รายชื่อกลุ่มอาสาสมัครในเครือข่ายทั้ง {len(orgs)} กลุ่ม เรียงตามชื่อ '
             f'{link(url, urls.PROVINCES, "ดูตามจังหวัด")} · {link(url, urls.FOCUS_INDEX, "ดูตามประเด็น")} · '
             f'{link(url, urls.HELP, "ช่วยกลุ่มได้อย่างไร")}</p>'
             f'<p class="gm-en" lang="en">All {len(orgs)} groups of the network. Open data: '
             f'{link(url, urls.DATA_JSON, "JSON")}, {link(url, urls.DATA_CSV, "CSV")}.</p>')
    body = f'<div class="gm-directory">{intro}{filters}{cards(url, orgs)}</div>'
    return GeneratedPage(url, "ทำเนียบกลุ่มอาสาสมัคร", f"กลุ่มอาสาสมัครทั้ง {len(orgs)} กลุ่มในเครือข่าย",
                         one_block(body), page_head(site, url, "ทำเนียบกลุ่มอาสาสมัคร"), searchable=False)


def province_pages(data: Dataset, site: SiteInfo) -> list[GeneratedPage]:
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
                f'<span class="gm-en" lang="en">{len(orgs)} groups in {h(area.en)}</span></p>'
                f'<p class="gm-summary">ประเด็นที่ทำงาน: {summary}</p>{cards(url, orgs)}'
                f'<p>{link(url, urls.PROVINCES, "← ทุกจังหวัด")}</p>')
        title = f"จังหวัด{area.th}"
        pages.append(GeneratedPage(url, title, f"กลุ่มอาสาสมัครในจังหวัด{area.th} {len(orgs)} กลุ่ม",
                                   one_block(body), page_head(site, url, title), searchable=False))
        index_items.append(f"<li>{link(urls.PROVINCES, url, area_name(area))} ({len(orgs)})</li>")
    index = f'<ul class="gm-index">{"".join(index_items)}</ul>'
    pages.append(GeneratedPage(urls.PROVINCES, "กลุ่มตามจังหวัด", "กลุ่มอาสาสมัครแยกตามจังหวัด", index,
                               page_head(site, urls.PROVINCES, "กลุ่มตามจังหวัด")))
    return pages


def focus_pages(data: Dataset, site: SiteInfo) -> list[GeneratedPage]:
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
                f'<span class="gm-en" lang="en">{len(orgs)} groups working on '
                f"{h(label.en.lower())}</span></p>"
                f'<p class="gm-summary">จังหวัด: {where}</p>{cards(url, orgs)}'
                f'<p>{link(url, urls.FOCUS_INDEX, "← ทุกประเด็น")}</p>')
        title = f"ประเด็น: {label.th}"
        pages.append(GeneratedPage(url, title, f"กลุ่มอาสาสมัครด้าน{label.th}", one_block(body),
                                   page_head(site, url, title), searchable=False))
        index_items.append(f'<li>{link(urls.FOCUS_INDEX, url, bi(label))} ({len(orgs)})</li>')
    index = f'<ul class="gm-index">{"".join(index_items)}</ul>'
    pages.append(GeneratedPage(urls.FOCUS_INDEX, "กลุ่มตามประเด็น", "กลุ่มอาสาสมัครแยกตามประเด็นงาน", index,
                               page_head(site, urls.FOCUS_INDEX, "กลุ่มตามประเด็น")))
    return pages


def help_page(data: Dataset, site: SiteInfo) -> GeneratedPage:
    url = urls.HELP
    parts = ['<p>กลุ่มในเครือข่ายบอกไว้ว่าต้องการความช่วยเหลือด้านใดบ้าง เลือกเรื่องที่คุณช่วยได้ แล้วติดต่อกลุ่มโดยตรง '
             '<span class="gm-en" lang="en">What the groups ask for: pick what you can offer and '
             'contact them directly.</span></p>']
    toc = []
    for key, label in NEEDS.items():
        orgs = sort_orgs(o for o in data.orgs if key in o.needs)
        if not orgs:
            continue
        toc.append(f'<li><a href="#need-{key}">{h(label.th)}</a> ({len(orgs)})</li>')
        items = []
        for o in orgs:
            extra = ""
            if key == "volunteers" and o.volunteer and o.volunteer.roles:
                extra = "<br><small>บทบาท: " + ", ".join(h(r.best) for r in o.volunteer.roles) + "</small>"
            items.append(f"<li>{link(url, urls.org(o.id), h(o.name.best))} · {h(o.province.th)}{extra}</li>")
        parts.append(f'<section class="gm-section" id="need-{key}"><h2>{bi(label)}</h2>'
                     f'<ul>{"".join(items)}</ul></section>')
    parts.insert(1, f'<ul class="gm-index">{"".join(toc)}</ul>')
    description = "กลุ่มอาสาสมัครที่ต้องการอาสาสมัคร ทุน สื่อ และการสนับสนุนอื่น"
    return GeneratedPage(url, "ช่วยกลุ่มได้อย่างไร", description,
                         one_block("".join(parts)), page_head(site, url, "ช่วยกลุ่มได้อย่างไร"))


def published(stories: Iterable[Story], today: dt.date) -> list[Story]:
    """Stories to show, newest first: drafts and future-dated stories stay out."""
    return sorted((s for s in stories if not s.draft and s.date <= today),
                  key=lambda s: (s.date, s.slug), reverse=True)


def stories_page(data: Dataset, site: SiteInfo) -> GeneratedPage:
    url = urls.STORIES
    orgs = {o.id: o for o in data.orgs}
    groups: dict[tuple[int, int], list[Story]] = defaultdict(list)
    for s in published(data.stories, site.today):
        groups[(s.date.year, s.date.month)].append(s)
    parts = ['<p>เรื่องเล่าและข่าวจากเครือข่ายอาสาสมัคร เรียงจากใหม่ไปเก่า</p>']
    if site.has_feeds:
        parts.append(
            f'<p class="gm-subscribe">{link(url, urls.SUBSCRIBE, "ติดตามจดหมายข่าว", "md-button")} '
            f'อ่านเรื่องใหม่ได้ในแอปอ่านฟีด (RSS) โดยไม่ต้องคอยเปิดเว็บ '
            f'{link(url, urls.FEED_RSS, "RSS")} · {link(url, urls.FEED_ATOM, "Atom")}</p>')
    year = None
    for (y, m), items in groups.items():
        if y != year:
            parts.append(f"<h2>พ.ศ. {y + thai.BE_OFFSET}</h2>")
            year = y
        parts.append(f"<h3>{h(thai.thai_month_year(y, m))}</h3>")
        parts.append(f'<ul class="gm-stories">{"".join(story_item(url, s, orgs) for s in items)}</ul>')
    if not groups:
        parts.append("<p>ยังไม่มีเรื่องเล่า</p>")
    return GeneratedPage(url, "จดหมายข่าว", "เรื่องเล่าจากเครือข่ายอาสาสมัคร", one_block("".join(parts)),
                         page_head(site, url, "จดหมายข่าว"), searchable=False)


def home_blocks(data: Dataset, site: SiteInfo) -> dict[str, str]:
    """HTML for the markers the home page (content/index.md) may hold."""
    url = urls.HOME
    orgs = data.orgs
    provinces = Counter(o.province for o in orgs)
    focus = Counter(f for o in orgs for f in o.focus)
    where = " · ".join(f"{link(url, urls.province(p), h(p.th))} {n}"
                       for p, n in sorted(provinces.items(), key=lambda x: (-x[1], x[0].code)))
    what = " · ".join(f"{link(url, urls.focus(k), h(FOCUS[k].th))} {n}" for k, n in focus.most_common())
    summary = (
        f'<div class="gm-stats"><p class="gm-stats__count"><strong>{len(orgs)}</strong> กลุ่มอาสาสมัคร '
        f'ใน <strong>{len(provinces)}</strong> จังหวัด <span class="gm-en" lang="en">{len(orgs)} groups in '
        f'{len(provinces)} provinces</span></p><p>จังหวัด: {where}</p><p>ประเด็น: {what}</p>'
        f'<p class="gm-cta">{link(url, urls.DIRECTORY, "ทำเนียบกลุ่ม", "md-button md-button--primary")} '
        f'{link(url, urls.MAP, "แผนที่กลุ่มอาสา", "md-button md-button--primary")} '
        f'{link(url, urls.HELP, "ช่วยกลุ่มได้อย่างไร", "md-button")} '
        f'{link(url, urls.STORIES, "จดหมายข่าว", "md-button")}</p></div>'
    )
    latest = published(data.stories, site.today)[:3]
    ids = {o.id: o for o in orgs}
    stories = (f'<ul class="gm-stories">{"".join(story_item(url, s, ids) for s in latest)}</ul>'
               if latest else "<p>ยังไม่มีเรื่องเล่า</p>")
    return {"<!-- guidemap:summary -->": one_block(summary),
            "<!-- guidemap:latest-stories -->": one_block(stories)}


def all_pages(data: Dataset, site: SiteInfo) -> list[GeneratedPage]:
    orgs = {o.id: o for o in data.orgs}
    mentions = stories_by_org(published(data.stories, site.today))
    pages = [org_page(o, site, mentions.get(o.id, []), orgs) for o in sort_orgs(data.orgs)]
    pages.append(directory_page(data, site))
    pages.extend(province_pages(data, site))
    pages.extend(focus_pages(data, site))
    pages.append(help_page(data, site))
    pages.append(stories_page(data, site))
    return pages
