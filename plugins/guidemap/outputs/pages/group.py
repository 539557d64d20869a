"""A group's page (``orgs/<id>/``), made of named sections in the order the page shows them.

A new profile field on the page is one small function here, taking the :class:`GroupPage`
being made and returning its HTML ("" when the group has nothing to show), listed in
:data:`SECTIONS`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from guidemap.contract import pictures, thai
from guidemap.contract.model.types import Call, Event, LText, Org, Story
from guidemap.contract.network import Network
from guidemap.contract.thai import thai_date
from guidemap.contract.vocab import LANGUAGES, PRECISION, Label
from guidemap.outputs.html import share as share_links
from guidemap.outputs.html.head import org_head
from guidemap.outputs.html.htmlkit import h, one_block, part_marker
from guidemap.outputs.html.markup import bi, en, external, link
from guidemap.outputs.map.view import MapRenders, org_map
from guidemap.outputs.pages import campaigns as fundraising
from guidemap.outputs.pages import reach
from guidemap.outputs.pages.common import (
    badges,
    lang_attrs,
    ltext,
    picture_html,
    place,
    place_marker,
    story_list,
)
from guidemap.outputs.pages.dated_common import calendar_links, event_list, ltext_inline, when_html
from guidemap.outputs.pages.feed_links import NO_FEEDS, FeedCatalogue
from guidemap.outputs.pages.reach import CONTACT_LABELS as CONTACT_LABELS
from guidemap.outputs.site import urls
from guidemap.outputs.site.selection import Running, has_calendar
from guidemap.outputs.site.types import GeneratedPage, SiteInfo


@dataclass
class GroupPage:
    """What the sections of one group's page read, and what they add besides HTML."""

    org: Org
    site: SiteInfo
    stories: list[Story]  # published stories naming the group, newest first
    orgs: dict[str, Org]  # every group by id (a story may name several)
    url: str
    # Contributed Markdown the site builder renders into the page's markers (key, text).
    parts: list[tuple[str, str]] = field(default_factory=list)
    head: list[str] = field(default_factory=list)  # tags the sections need in the <head>
    calls: list[Call] = field(default_factory=list)  # the group's open calls, soonest first
    events: list[Event] = field(default_factory=list)  # its upcoming events, soonest first
    campaigns: list[Running] = field(default_factory=list)  # the campaigns it runs, soonest end first
    maps: MapRenders | None = None  # the build's map renders (None: rendered here)

    def markdown(self, key: str, lang: str, text: str, *, beside_thai: bool = False) -> str:
        """A place for contributed Markdown (see htmlkit.join_parts): filled in after the
        site builder has rendered it with the page. English ``beside_thai`` is hidden when the
        visitor reads Thai alone (the header's TH/EN switch); English alone never is."""
        self.parts.append((key, text))
        attrs = f'lang="{lang}"' if lang in ("th", "en") else lang_attrs(lang)
        if lang == "en" and beside_thai:
            attrs += ' class="gm-en-alt"'
        return f'<div {attrs}>{part_marker(key)}</div>'


def _section(title: Label, body: str, cls: str) -> str:
    return f'<section class="gm-section {cls}"><h2>{bi(title)}</h2>{body}</section>' if body else ""


def _ltext_list(items: Iterable[LText]) -> str:
    lis = "".join(f"<li>{ltext(i)}</li>" for i in items)
    return f"<ul>{lis}</ul>" if lis else ""


def _checked(org: Org) -> str:
    return f'<time datetime="{org.updated.isoformat()}">{h(thai_date(org.updated))}</time>'


# --- the sections, top to bottom ------------------------------------------------------------

def header(page: GroupPage) -> str:
    """Logo, name (both languages), place, focus badges and the summary."""
    org, url = page.org, page.url
    logo = (picture_html(url, urls.org_logo(org), org.logo_info, org.logo_alt or "",
                         "gm-org__logo", "5rem", pictures.LOGO_WIDTHS) if org.logo else "")
    name_en = f'<p class="gm-org__en" lang="en">{h(org.name.en)}</p>' if org.name.th and org.name.en else ""
    name_en += "".join(f'<p {lang_attrs(lang)}>{h(value)}</p>' for lang, value in org.name.more)
    return (f"{logo}<h1>{h(org.name.best)}</h1>{name_en}"
            f'<p class="gm-org__place">{place(url, org)}</p>'
            f'{badges(url, org.focus, page.site.network.focus, "focus")}'
            f'<div class="gm-org__summary">{ltext(org.summary, "p")}</div>')


def stale_warning(page: GroupPage) -> str:
    """A profile not checked for a year (the model's STALE_AFTER_DAYS, as ``guidemap stale``)
    may be out of date: say how old it is before anyone travels."""
    if not page.org.is_stale(page.site.today):
        return ""
    years = max(1, (page.site.today - page.org.updated).days // 365)
    ago = f"{years} year{'s' if years > 1 else ''} ago"
    return (f'<p class="gm-stale admonition warning" role="note">ข้อมูลนี้ตรวจสอบล่าสุดเมื่อ {years} ปีก่อน '
            f'({_checked(page.org)}) กรุณาสอบถามกลุ่มก่อนเดินทางหรือโอนเงิน '
            f'{en(f"Last checked {ago}: please confirm with the group first.")}</p>')


def help_action(page: GroupPage) -> str:
    """"สนใจช่วย / I want to help": one ready message to the group, or to the network for it."""
    return reach.help_button(reach.Ask(page.org, page.url), page.site, page.url)


def about(page: GroupPage) -> str:
    description = page.org.description
    if not description:
        return ""
    body = "".join(page.markdown(f"description-{lang}", lang, text, beside_thai=bool(description.th))
                   for lang, text in (("th", description.th), ("en", description.en), *description.more)
                   if text)
    return _section(Label("เกี่ยวกับกลุ่ม", "About"), body, "gm-about")


def activities(page: GroupPage) -> str:
    return _section(Label("กิจกรรม", "Activities"), _ltext_list(page.org.activities), "gm-activities")


def volunteer(page: GroupPage) -> str:
    """Roles, skills and languages wanted, and how to join (contributed Markdown)."""
    v = page.org.volunteer
    if not v:
        return ""
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
        body += "".join(page.markdown(f"join-{lang}", lang, text, beside_thai=bool(v.how_to_join.th))
                        for lang, text in (("th", v.how_to_join.th), ("en", v.how_to_join.en)) if text)
    return _section(Label("ร่วมเป็นอาสาสมัคร", "Volunteer with us"), body, "gm-volunteer")


def dated(page: GroupPage) -> str:
    """The group's open calls for volunteers and its upcoming events, with its calendar."""
    if not page.calls and not page.events:
        return ""
    body = ""
    if page.calls:
        # data-end / data-apply-by: a copy kept offline (guidemap-offline.js) hides a call ended since.
        items = "".join(f'<li data-end="{c.last_day.isoformat() if c.last_day else ""}" '
                        f'data-apply-by="{c.apply_by.isoformat() if c.apply_by else ""}">'
                        f"{link(page.url, urls.call_anchor(c.id), ltext_inline(c.title))} "
                        f"{when_html(c)}</li>" for c in page.calls)
        body += f"<h3>{bi(Label('ประกาศรับอาสา', 'Open calls'))}</h3><ul class=\"gm-org-calls\">{items}</ul>"
    if page.events:
        body += (f"<h3>{bi(Label('กิจกรรมที่จะมาถึง', 'Upcoming events'))}</h3>"
                 + event_list(page.url, page.events, page.orgs, page.site))
    if has_calendar(page.events, page.calls):  # the calendar file exists (an undated call makes none)
        body += f"<p>{calendar_links(page.url, urls.org_calendar(page.org.id), page.site, 'ปฏิทินของกลุ่ม')}</p>"
    return _section(Label("ประกาศและกิจกรรม", "Calls and events"), body, "gm-org-dated")


def needs(page: GroupPage) -> str:
    """What the group needs; beside funding, where to give: its donation page, its running
    campaign, the network's joint fund, or a message worded for giving, in that order."""
    if not page.org.needs:
        return ""
    labels = page.site.network.needs
    items = "".join(f"<li>{bi(labels[k])}{_give(page) if k == 'funding' else ''}</li>"
                    for k in page.org.needs)
    return _section(Label("สิ่งที่กลุ่มต้องการ", "What the group needs"), f"<ul>{items}</ul>", "gm-needs")


def _give(page: GroupPage) -> str:
    org = page.org
    if org.donate:
        return f" · {external(org.donate, 'ร่วมบริจาค')}"
    if page.campaigns:
        c = page.campaigns[0].campaign
        return f" · {external(c.url, 'ร่วมบริจาคผ่านแคมเปญ ' + h(c.title.best))}"
    net = reach.site_network(page.site)
    if net.donate:
        return f" · {external(net.donate, 'ร่วมบริจาคผ่านกองทุนร่วมของเครือข่าย')}"
    return reach.help_button(reach.Ask(org, page.url, giving=True), page.site, page.url)


def offers(page: GroupPage) -> str:
    if not page.org.offers:
        return ""
    items = "".join(f"<li>{bi(page.site.network.needs[k])}</li>" for k in page.org.offers)
    return _section(Label("สิ่งที่กลุ่มแบ่งปันได้", "What the group can offer"), f"<ul>{items}</ul>",
                    "gm-offers")


def campaigns(page: GroupPage) -> str:
    """Open fundraising campaigns the group runs, its own and joint ones, with the days left."""
    items = page.campaigns
    body = fundraising.campaign_list(page.url, items, page.site.today, name_groups=False, site=page.site)
    return _section(Label("ร่วมระดมทุน", "Fundraising campaigns"), body, "gm-org-campaigns")


def contact(page: GroupPage) -> str:
    """Every published way to reach the group, and where to donate (always shown: a group with
    no channel of its own is reached through the network's, "ติดต่อผ่านเครือข่าย")."""
    org = page.org
    own = reach.channel_list(org.contact.items(), org.donate)
    if own:
        return _section(Label("ติดต่อ", "Contact"), own, "gm-contacts")
    through = reach.network_channels(page.site)
    if through:
        net = reach.site_network(page.site)
        body = (f"<p>กลุ่มนี้ยังไม่มีช่องทางติดต่อของตัวเอง ติดต่อผ่าน{h(net.name.th)}ได้ที่ "
                f'{en("This group has no channel of its own yet: reach it through the network.")}</p>'
                + through)
        return _section(Label("ติดต่อผ่านเครือข่าย", "Contact through the network"), body, "gm-contacts")
    return _section(Label("ติดต่อ", "Contact"), "<p>ยังไม่มีช่องทางติดต่อที่เผยแพร่ได้</p>", "gm-contacts")


def facts(page: GroupPage) -> str:
    """When the profile was last checked, how precise its position is, founding year, languages."""
    org = page.org
    rows = [f"<dt>{bi(Label('ตรวจสอบข้อมูลล่าสุด', 'Last checked'))}</dt><dd>{_checked(org)}</dd>",
            f"<dt>{bi(Label('ความละเอียดของตำแหน่ง', 'Location precision'))}</dt>"
            f"<dd>{h(PRECISION[org.location.precision].th)}</dd>"]
    if org.founded:
        rows.append(f"<dt>{bi(Label('ก่อตั้ง', 'Founded'))}</dt><dd>พ.ศ. {org.founded + thai.BE_OFFSET}"
                    f" {en(f'({org.founded})')}</dd>")
    if org.languages:
        rows.append(f"<dt>{bi(Label('ภาษาที่ใช้', 'Languages'))}</dt>"
                    f"<dd>{', '.join(h(LANGUAGES[k].th) for k in org.languages)}</dd>")
    return f'<dl class="gm-facts">{"".join(rows)}</dl>'


def location_map(page: GroupPage) -> str:
    """A small map of the group's public position and a link to it on the guide map."""
    map_head, html = org_map(page.org, page.url, page.site.network, page.maps)
    page.head.append(map_head)
    return html


def stories(page: GroupPage) -> str:
    if not page.stories:
        return ""
    return _section(Label("เรื่องเล่าที่กล่าวถึงกลุ่มนี้", "Stories"),
                    story_list(page.url, page.stories, page.orgs), "gm-org-stories")


def share(page: GroupPage) -> str:
    """LINE, Facebook, copy link and the phone's share sheet (guidemap.outputs.html.share)."""
    return share_links.share_block(urls.absolute(page.site.url, page.url), page.org.name.best)


def actions(page: GroupPage) -> str:
    """Propose an edit, report a problem (both on the repository, when it is on GitHub), and
    the way back to the directory."""
    org, site = page.org, page.site
    found = []
    if edit := site.edit_url(org.source):
        found.append(external(edit, f"เสนอแก้ไขข้อมูลกลุ่มนี้ {en('Propose an edit', lang_first=True)}"))
    if report := site.report_url(org.id, org.name.best):
        found.append(external(report, f"แจ้งปัญหาข้อมูลกลุ่มนี้ {en('Report a problem', lang_first=True)}"))
    found.append(link(page.url, urls.DIRECTORY, "← ทำเนียบกลุ่มทั้งหมด"))
    return f'<p class="gm-actions">{" · ".join(found)}</p>'


SECTIONS: tuple[Callable[[GroupPage], str], ...] = (
    header, stale_warning, help_action, about, activities, volunteer, dated, needs, offers, campaigns,
    contact, facts, location_map, stories, share, actions,
)


def org_page(org: Org, site: SiteInfo, stories: list[Story], orgs: dict[str, Org],
             feeds: FeedCatalogue = NO_FEEDS, calls: list[Call] | None = None,
             events: list[Event] | None = None,
             campaigns: list[Running] | None = None, maps: MapRenders | None = None) -> GeneratedPage:
    """The group's page, with its feed (or its province's, until a story names the group)."""
    url = urls.org(org.id)
    page = GroupPage(org, site, stories, orgs, url, calls=calls or [], events=events or [],
                     campaigns=campaigns or [], maps=maps)
    body = "".join(section(page) for section in SECTIONS)
    feed = feeds.links(url, org.province)
    html = one_block(f'<article class="gm-org" data-org="{h(org.id)}">{body}</article>')
    return GeneratedPage(url=url, title=org.name.best, description=org.summary.best,
                         html=html + feed.html,
                         head=org_head(org, site, url) + "".join(page.head) + feed.head,
                         source=org.source, parts=tuple(page.parts),
                         search_text=org_search_text(org, site.network, [k for k, _ in page.parts]))


def org_search_text(org: Org, net: Network, part_keys: list[str]) -> str:
    """A group's searchable text: names, place, focus, summary, description, activities,
    volunteering and needs, as the page shows them (Markdown parts filled in later)."""
    paras = [org.name.th, org.name.en, org.province.th, org.province.en,
             org.district.th if org.district else None, org.district.en if org.district else None,
             " ".join(f"{net.focus[k].th} {net.focus[k].en}" for k in org.focus),
             org.summary.th, org.summary.en, *(t for _, t in org.summary.more),
             *(t for _, t in org.name.more),
             *(t for a in org.activities for t in (a.th, a.en)),
             *(t for r in (org.volunteer.roles + org.volunteer.skills if org.volunteer else ())
               for t in (r.th, r.en)),
             " ".join(f"{net.needs[k].th} {net.needs[k].en}" for k in org.needs)]
    text = "".join(f"<p>{h(p)}</p>" for p in paras if p)
    return place_marker(org.province.th) + text + "".join(part_marker(k) for k in part_keys)
