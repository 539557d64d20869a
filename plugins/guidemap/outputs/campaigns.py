"""Fundraising campaigns (``campaigns`` in a profile; see contract.model.Campaign): which are
open on the build's date, which groups run each, and how a page shows one (with the days
left; their feed entries: guidemap.outputs.campaign_feed).

Only open campaigns reach the site: :func:`open_only` drops the others from the dataset before
any page, export or feed is made, so a rebuild after a campaign's last day no longer shows it
anywhere. Between builds guidemap.js counts the days left again from ``data-end`` (Thai time)
and hides a campaign whose last day has passed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from guidemap.contract.model import Campaign, Dataset, Org
from guidemap.contract.thai import thai_date
from guidemap.outputs import urls
from guidemap.outputs.htmlkit import h
from guidemap.outputs.markup import en, external, link


def open_only(data: Dataset, today: dt.date) -> Dataset:
    """The dataset with only the campaigns open on ``today`` (ended or not yet started ones
    stay in the profiles, valid, and out of the site)."""
    orgs = [o if all(c.is_open(today) for c in o.campaigns) else
            replace(o, campaigns=tuple(c for c in o.campaigns if c.is_open(today)))
            for o in data.orgs]
    return replace(data, orgs=orgs)  # every other part of the dataset (stories, calls, events) as it is


@dataclass(frozen=True)
class Running:
    """A campaign with the group that declared it; ``groups``: every group running it."""

    campaign: Campaign
    owner: Org
    groups: tuple[Org, ...]


def running(orgs: Iterable[Org]) -> list[Running]:
    """Every campaign in the dataset, soonest end first."""
    by_id = {o.id: o for o in orgs}
    found = [Running(c, o, (o, *(by_id[g] for g in c.groups if g in by_id)))
             for o in by_id.values() for c in o.campaigns]
    return sorted(found, key=lambda r: (r.campaign.end, r.owner.id, r.campaign.url))


# The last index made, with the group list it was made from: every group page of a build asks
# with the same dict of groups, so the campaigns are indexed once per build, not once per page.
_last: tuple[object, dict[str, list[Running]]] | None = None


def of_group(org_id: str, orgs: Mapping[str, Org]) -> list[Running]:
    """The campaigns a group runs, its own and the joint ones other groups declared."""
    global _last
    if _last is None or _last[0] is not orgs:
        index: dict[str, list[Running]] = {}
        for r in running(orgs.values()):
            for g in r.groups:
                index.setdefault(g.id, []).append(r)
        _last = (orgs, index)
    return _last[1].get(org_id, [])


def days_left(campaign: Campaign, today: dt.date) -> str:
    days = (campaign.end - today).days
    text = "วันนี้วันสุดท้าย" if days == 0 else f"เหลืออีก {days} วัน"
    english = "last day" if days == 0 else f"{days} day{'s' if days != 1 else ''} left"
    return (f'<span class="gm-days" data-end="{campaign.end.isoformat()}">{text} '
            f"{en(english)}</span>")


def host(url: str) -> str:
    return url.split("://", 1)[-1].split("/", 1)[0].removeprefix("www.")


def campaign_item(frm: str, item: Running, today: dt.date, *, name_groups: bool = True) -> str:
    """One campaign: its title linked to the platform, goal, end date and days left, and the
    groups running it (linked to their pages)."""
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
            f'<span class="gm-campaign__facts">{" · ".join(facts)}</span>{groups}</li>')


def campaign_list(frm: str, items: list[Running], today: dt.date, *, name_groups: bool = True) -> str:
    if not items:
        return ""
    lis = "".join(campaign_item(frm, r, today, name_groups=name_groups) for r in items)
    return f'<ul class="gm-campaigns">{lis}</ul>'

