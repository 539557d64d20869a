"""Fundraising campaigns (``campaigns`` in a profile; see contract.model.Campaign): which are
open on the build's date, which groups run each, and how a page shows one (with the days
left; their feed entries: guidemap.outputs.feeds.campaigns).

Only open campaigns reach the site: :func:`open_only` drops the others from the dataset before
any page, export or feed is made, so a rebuild after a campaign's last day no longer shows it
anywhere. Between builds guidemap.js counts the days left again from ``data-end`` (Thai time)
and hides a campaign whose last day has passed.
"""

from __future__ import annotations

import datetime as dt

from guidemap.contract.model.types import Campaign
from guidemap.contract.thai import thai_date
from guidemap.outputs.html.htmlkit import h
from guidemap.outputs.html.markup import en, external, link
from guidemap.outputs.pages import reach
from guidemap.outputs.site import urls
from guidemap.outputs.site.selection import Running
from guidemap.outputs.site.types import SiteInfo


def days_left(campaign: Campaign, today: dt.date) -> str:
    days = (campaign.end - today).days
    text = "วันนี้วันสุดท้าย" if days == 0 else f"เหลืออีก {days} วัน"
    english = "last day" if days == 0 else f"{days} day{'s' if days != 1 else ''} left"
    return (f'<span class="gm-days" data-end="{campaign.end.isoformat()}">{text} '
            f"{en(english)}</span>")


def host(url: str) -> str:
    return url.split("://", 1)[-1].split("/", 1)[0].removeprefix("www.")


def campaign_item(frm: str, item: Running, today: dt.date, *, name_groups: bool = True,
                  site: SiteInfo | None = None) -> str:
    """One campaign: its title linked to the platform, goal, end date and days left, the
    groups running it (linked to their pages) and, given the site, "I want to help"."""
    c = item.campaign
    title = h(c.title.best) + (f" {en(h(c.title.en))}" if c.title.th and c.title.en else "")
    facts = [f"ถึง {h(thai_date(c.end))}", days_left(c, today)]
    if c.goal:
        facts.insert(0, f"เป้าหมาย {c.goal:,} บาท")
    groups = ""
    if name_groups or len(item.groups) > 1:
        names = ", ".join(link(frm, urls.org(g.id), h(g.name.best)) for g in item.groups)
        groups = f'<br><span class="gm-campaign__groups">โดย {names}</span>'
    return (f'<li class="gm-campaign" data-end="{c.end.isoformat()}">'
            f'{external(c.url, title)} <small>({h(host(c.url))})</small><br>'
            f'<span class="gm-campaign__facts">{" · ".join(facts)}</span>{groups}'
            f"{_help(frm, item, site)}</li>")


def _help(frm: str, item: Running, site: SiteInfo | None) -> str:
    if site is None or not item.groups:
        return ""
    ask = reach.Ask(item.groups[0], frm, campaign_title=item.campaign.title.best)
    return reach.help_button(ask, site, frm)


def campaign_list(frm: str, items: list[Running], today: dt.date, *, name_groups: bool = True,
                  site: SiteInfo | None = None) -> str:
    if not items:
        return ""
    lis = "".join(campaign_item(frm, r, today, name_groups=name_groups, site=site) for r in items)
    return f'<ul class="gm-campaigns">{lis}</ul>'

