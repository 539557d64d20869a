""""ร่วมเป็นอาสา / Volunteer now" (``volunteer/``): the open calls for volunteers, soonest first,
with what a visitor needs to decide (what, who, where, when, until when, skills, age, remote,
preparation, checks, safeguarding, insurance, how to join).

Filters (province, focus, date, remote) combine and live in the URL (guidemap-dated.js); without
JavaScript the form stays hidden and the whole list shows. A call leaves the list once its
application date or its end has passed: the site is rebuilt every day.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from guidemap.contract.model.dated import REMOTE, YES_NO
from guidemap.contract.model.types import Call, Dataset, Org
from guidemap.contract.thai import thai_date
from guidemap.contract.vocab import LANGUAGES, Label
from guidemap.outputs.html import share
from guidemap.outputs.html.head import card_image, page_head, volunteer_card
from guidemap.outputs.html.htmlkit import h, one_block
from guidemap.outputs.html.markup import bi, en, external, link
from guidemap.outputs.pages import reach
from guidemap.outputs.pages.alerts import Alert
from guidemap.outputs.pages.common import SHORT_LIST, more_in_directory
from guidemap.outputs.pages.dated_common import (
    calendar_links,
    ltext_inline,
    markdown_block,
    organisers,
    place_html,
    when_html,
)
from guidemap.outputs.site import urls
from guidemap.outputs.site.selection import calendar_entries, has_calendar, open_calls, sort_orgs
from guidemap.outputs.site.types import GeneratedPage, SiteInfo

TITLE = "ร่วมเป็นอาสา"
TITLE_EN = "Volunteer now"
DATED_SCRIPT = "assets/guidemap/guidemap-dated.js"  # written by registry.global_assets
FEED_TITLE = "ประกาศรับอาสาสมัคร"
WHEN_CHOICES = (("week", Label("7 วันข้างหน้า", "this week")), ("month", Label("30 วันข้างหน้า", "this month")))


def call_form_url(site: SiteInfo) -> str | None:
    """The "post a call" issue form on the repository, when it is on GitHub."""
    if not site.repo_url or "github.com" not in site.repo_url:
        return None
    return f"{site.repo_url.rstrip('/')}/issues/new?template=add-call.yml"


def _row(label: Label, value_html: str) -> str:
    return f"<dt>{bi(label)}</dt><dd>{value_html}</dd>" if value_html else ""


def _yes_no(value: bool | None) -> str:
    return "" if value is None else h(YES_NO["yes" if value else "no"].th)


def _how_to_join(call: Call, host: Org) -> str:
    text = call.how_to_join or (host.volunteer.how_to_join if host.volunteer else None)
    return markdown_block(text, "gm-call__join")


def call_item(frm: str, call: Call, orgs: dict[str, Org], site: SiteInfo, after: str = "",
              tag: str = "li") -> str:
    """One call: the facts a visitor weighs, then how to join (the group's own contacts);
    ``after`` ends it (the page's share buttons, which a feed item has no use for); ``tag``: an
    item of the page's list, or a whole block (a feed item is a document of its own)."""
    host = orgs[call.orgs[0]]
    focus = sorted({f for o in call.orgs if o in orgs for f in orgs[o].focus})
    first = call.start.day.isoformat() if call.start else ""
    last = call.last_day.isoformat() if call.last_day else ""
    rows = "".join((
        _row(Label("เมื่อไร", "When"), when_html(call)),
        _row(Label("สมัครได้ถึง", "Apply by"),
             f'<time datetime="{call.apply_by.isoformat()}">{h(thai_date(call.apply_by))}</time>'
             if call.apply_by else ""),
        _row(Label("ที่ไหน", "Where"), place_html(frm, call, host)),
        _row(Label("ทำจากที่อื่นได้", "Remote"), f"{h(REMOTE[call.remote].th)} {en(h(REMOTE[call.remote].en))}"),
        _row(Label("ทักษะที่ช่วยได้", "Skills that help"), ", ".join(ltext_inline(s) for s in call.skills)),
        _row(Label("ภาษา", "Languages"), ", ".join(h(LANGUAGES[k].th) for k in call.languages)),
        _row(Label("อายุขั้นต่ำ", "Minimum age"), f"{call.min_age} ปี" if call.min_age is not None else ""),
        _row(Label("การเตรียมตัวที่กลุ่มจัดให้", "Preparation given"), ltext_inline(call.preparation)),
        _row(Label("ตรวจประวัติ", "Background check"), _yes_no(call.background_check)),
        _row(Label("กติกาคุ้มครองเด็ก", "Child safeguarding"), ltext_inline(call.safeguarding)),
        _row(Label("ประกันอุบัติเหตุ", "Insurance"), _yes_no(call.insured)),
    ))
    more = f'<p>{external(call.url, bi(Label("รายละเอียดและใบสมัคร", "Details and sign-up")))}</p>' \
        if call.url else ""
    join = _how_to_join(call, host)
    contact = link(frm, urls.org(host.id), bi(Label("หน้าของกลุ่ม", "The group's page")))
    button = reach.help_button(reach.Ask(host, f"{urls.VOLUNTEER}#call-{call.id}",
                                         call_title=call.title.best), site, frm)
    return (
        f'<{tag} class="gm-call" id="call-{h(call.id)}" data-province="{h(call.province.code)}" '
        f'data-focus="{h(" ".join(focus))}" data-start="{first}" data-end="{last}" '
        f'data-apply-by="{call.apply_by.isoformat() if call.apply_by else ""}" '
        f'data-remote="{h(call.remote)}">'
        f'<h3 class="gm-call__title">{ltext_inline(call.title)}</h3>{organisers(frm, call, orgs)}'
        f'{markdown_block(call.description, "gm-call__about")}<dl class="gm-facts gm-dated-facts">{rows}</dl>'
        f'<h4>{bi(Label("วิธีสมัคร", "How to join"))}</h4>{join}{button}<p>{contact}</p>{more}{after}</{tag}>'
    )


def _options(name: str, label: Label, values: list[tuple[str, str]]) -> str:
    opts = "".join(f'<option value="{h(v)}">{h(text)}</option>' for v, text in values)
    return (f'<label class="gm-filter">{bi(label)}<select name="{name}" data-filter="{name}">'
            f'<option value="">ทั้งหมด</option>{opts}</select></label>')


def _filters(calls: list[Call], orgs: dict[str, Org], site: SiteInfo) -> str:
    provinces = Counter((c.province.code, c.province.th) for c in calls)
    focus = {f for c in calls for o in c.orgs if o in orgs for f in orgs[o].focus}
    return (
        '<form class="gm-filters gm-dated-filters" method="get" role="search" '
        'aria-label="กรองประกาศรับอาสา" hidden>'
        + _options("province", Label("จังหวัด", "Province"), [(c, n) for (c, n) in sorted(provinces)])
        + _options("focus", Label("ประเด็น", "Focus"),
                   [(k, lab.th) for k, lab in site.network.focus.items() if k in focus])
        + _options("when", Label("ช่วงเวลา", "When"), [(k, lab.th) for k, lab in WHEN_CHOICES])
        + _options("remote", Label("ทำจากที่อื่นได้", "Remote"),
                   [("yes", "ทำจากที่อื่นได้ (ทั้งหมดหรือบางส่วน)"), ("no", "ต้องมาที่พื้นที่")])
        + '<button type="reset" class="md-button">ล้างตัวกรอง</button>'
        + f'<p class="gm-count" aria-live="polite" data-total="{len(calls)}">ทั้งหมด {len(calls)} ประกาศ</p>'
        + "</form>"
    )


def welcoming_groups(data: Dataset) -> list[Org]:
    """Groups whose profiles say they welcome volunteers (they need them, or say how to join)."""
    return sort_orgs(o for o in data.orgs if "volunteers" in o.needs or o.volunteer is not None)


def _alerts_by_province(url: str, alerts: Sequence[Alert]) -> str:
    """"Tell me when a group in Yala asks for volunteers": each province's alert feed's page."""
    rows = "".join(f'<li class="gm-row"><span class="gm-row__name">{h(a.name)}</span>'
                   '<span class="gm-row__buttons">'
                   f'{link(url, urls.feed_page(a.rss), "แจ้งฉัน " + en("Tell me"), "md-button gm-row__button")}'
                   "</span></li>" for a in alerts if a.kind == "province")
    if not rows:
        return ""
    return (f'<section class="gm-alerts"><h2>แจ้งฉันเมื่อกลุ่มในจังหวัดของฉันประกาศรับอาสา '
            f'{en("Tell me when a group in my province asks for volunteers")}</h2>'
            f'<ul class="gm-rows">{rows}</ul></section>')


def _empty_state(url: str, data: Dataset, site: SiteInfo, alerts: Sequence[Alert] = ()) -> str:
    """No open call: still useful, with the groups that welcome volunteers and how to post one."""
    welcoming = sorted(welcoming_groups(data), key=lambda o: o.province.th)  # pick one in your province
    groups = "".join(f"<li>{link(url, urls.org(o.id), h(o.name.best))} · {h(o.province.th)}</li>"
                     for o in welcoming[:SHORT_LIST])
    more = ""
    if len(welcoming) > SHORT_LIST:  # a large network (10,000 groups made a 183 KB page)
        more = more_in_directory(url, len(welcoming), "need=volunteers", "ดูกลุ่มที่ต้องการอาสาสมัครในทำเนียบ",
                                 "those that need volunteers are in the directory")
    by_province = Counter(o.province for o in welcoming)
    provinces = " · ".join(f"{link(url, urls.province(p), h(p.th))} ({n})"
                           for p, n in sorted(by_province.items(), key=lambda x: x[0].code))
    choose = (f'<p class="gm-welcoming-provinces">เลือกจังหวัด {en("Choose a province")}: {provinces}</p>'
              if len(by_province) > 1 else "")
    listed = (f"{choose}<p>กลุ่มเหล่านี้บอกไว้ว่ายินดีรับอาสาสมัคร เลือกกลุ่มในจังหวัดของคุณ แล้วกด \"สนใจช่วย\" "
              f"ในหน้าของกลุ่มเพื่อส่งข้อความถึงกลุ่ม (หรือถึงเครือข่ายแทนกลุ่มที่ยังไม่มีช่องทาง) "
              f'{en("These groups welcome volunteers: pick one in your province, tap I want to help.")}</p>'
              f'<ul class="gm-welcoming">{groups}</ul>{more}') if groups else ""
    hear = link(url, urls.SUBSCRIBE, "ติดตามประกาศครั้งต่อไป") if site.has_feeds else ""
    channels = reach.network_channels(site)
    network = (f"<p>หรือติดต่อเครือข่าย {en('Or contact the network')}</p>{channels}") if channels else ""
    next_call = (f"<p>{hear} {en('Hear of the next call')}</p>" if hear else "")
    return (f'<div class="gm-empty"><p><strong>ตอนนี้ยังไม่มีประกาศรับอาสาที่เปิดอยู่</strong> '
            f'{en("No open calls right now.")}</p>{_alerts_by_province(url, alerts)}{listed}{network}'
            f'{next_call}</div>')


def _post_a_call(url: str, site: SiteInfo) -> str:
    form = call_form_url(site)
    how = external(form, "กรอกแบบฟอร์มประกาศรับอาสา") if form else "เพิ่มไฟล์ในโฟลเดอร์ calls/ ของเว็บไซต์"
    heading = bi(Label("กลุ่มของคุณต้องการอาสาสมัคร?", "Need volunteers?"))
    return (f'<section class="gm-section gm-post-call"><h2>{heading}</h2>'
            f"<p>กลุ่มในเครือข่ายประกาศรับอาสาได้ไม่ต้องเขียนโค้ด: {how} "
            f'{en("Groups of the network can post a call through a form, no code needed.")}</p></section>')


def call_feed_links(frm: str) -> str:
    """Autodiscovery tags of the calls' feeds (call_feeds.py writes them)."""
    return (f'<link rel="alternate" type="{urls.RSS_TYPE}" title="{h(FEED_TITLE)} (RSS)" '
            f'href="{h(urls.rel(frm, urls.CALLS_RSS))}">'
            f'<link rel="alternate" type="{urls.ATOM_TYPE}" title="{h(FEED_TITLE)} (Atom)" '
            f'href="{h(urls.rel(frm, urls.atom_of(urls.CALLS_RSS)))}">')


def _share(call: Call, site: SiteInfo) -> str:
    """A call has no page of its own: its share buttons send the list, opened at this call."""
    page_url = urls.absolute(site.url, urls.VOLUNTEER)
    return share.share_block(f"{page_url}#call-{call.id}" if page_url else None, call.title.best)


def volunteer_page(data: Dataset, site: SiteInfo, alerts: Sequence[Alert] = ()) -> GeneratedPage:
    """"Volunteer now"; ``alerts``: each province's and focus's alert feed (none without feeds)."""
    url = urls.VOLUNTEER
    orgs = {o.id: o for o in data.orgs}
    calls = open_calls(data.calls, site.today)
    intro = (f"<p>ประกาศรับอาสาสมัครจากกลุ่มในเครือข่ายที่ยังเปิดรับอยู่ เรียงจากที่ใกล้ถึงก่อน "
             f'{en("Open calls for volunteers from the network groups, soonest first.")}</p>'
             f"<p>{link(url, urls.EVENTS, bi(Label('กิจกรรมของเครือข่าย', 'Network events')))}"
             + (f" · {calendar_links(url, urls.CALENDAR, site, 'ปฏิทินกิจกรรมและประกาศ')}"
                if has_calendar(*calendar_entries(data, site.today)) else "") + "</p>")
    if calls:
        items = "".join(call_item(url, c, orgs, site, _share(c, site)) for c in calls)
        listing = (f'{_filters(calls, orgs, site)}<h2 class="gm-sr-only">ประกาศที่เปิดรับ</h2>'
                   f'<ul class="gm-calls">{items}</ul>'
                   '<p class="gm-empty-filter" hidden>ไม่พบประกาศที่ตรงกับตัวกรอง ลองล้างตัวกรอง '
                   f'{en("No call matches the filters.")}</p>')
    else:
        listing = _empty_state(url, data, site, alerts)
    body = f'<div class="gm-volunteer-now">{intro}{listing}{_post_a_call(url, site)}</div>'
    title = f"{TITLE} / {TITLE_EN}"
    description = f"ประกาศรับอาสาสมัครที่เปิดอยู่ {len(calls)} ประกาศ"
    feeds = ""
    if site.has_feeds:
        feeds = call_feed_links(url)
        rss = link(url, urls.feed_page(urls.CALLS_RSS), "ติดตามประกาศรับอาสาทางแอปอ่านฟีด")
        by_area = link(url, urls.SUBSCRIBE + "#alerts", "แจ้งเตือนตามจังหวัดหรือประเด็น") if alerts else ""
        body += (f'<p class="gm-subscribe gm-subscribe--narrow">{rss} · '
                 + (f"{by_area} · " if by_area else "")
                 + f'{link(url, urls.SUBSCRIBE, "ช่องทางติดตามทั้งหมด")}</p>')
    # Its filters' script, here only (deferred: it runs after Material's bundle, as the site's own do).
    script = f'<script src="{h(urls.rel(url, DATED_SCRIPT))}" defer></script>'
    return GeneratedPage(url, title, description, one_block(body),
                         page_head(site, url, title, description, image=card_image(volunteer_card(site)))
                         + feeds + script, searchable=False)
