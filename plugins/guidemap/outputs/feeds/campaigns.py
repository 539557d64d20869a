"""Fundraising campaigns announced in the feeds: an entry in the whole newsletter's feed and in
the feeds of the groups running each open campaign (apart from guidemap.outputs.pages.campaigns,
which the pages use, so that the pages do not import the feeds)."""

from __future__ import annotations

from guidemap.contract.model.types import Dataset
from guidemap.contract.thai import thai_date
from guidemap.outputs.feeds.writer import Entry, day_start
from guidemap.outputs.html.htmlkit import h
from guidemap.outputs.pages.campaigns import host
from guidemap.outputs.site import urls
from guidemap.outputs.site.selection import Running, running
from guidemap.outputs.site.types import SiteInfo


def campaign_entry(r: Running, site: SiteInfo) -> Entry:
    """A campaign as a feed entry: linked to the campaign's page on its platform, dated the day
    it opened (or, without a start date, the day its group's profile was last checked)."""
    c = r.campaign
    facts = (f"เป้าหมาย {c.goal:,} บาท " if c.goal else "") + f"ร่วมบริจาคได้ถึง {thai_date(c.end)}"
    names = ", ".join(g.name.best for g in r.groups)
    groups = ", ".join(f'<a href="{h(urls.absolute(site.url, urls.org(g.id)))}">{h(g.name.best)}</a>'
                       for g in r.groups)
    html = (f"<p>{groups} ระดมทุนผ่าน {h(host(c.url))}: "
            f'<a href="{h(c.url)}">{h(c.title.best)}</a></p><p>{h(facts)}</p>')
    return Entry(f"ระดมทุน: {c.title.best}", c.url, day_start(c.start or r.owner.updated),
                 f"{names} ระดมทุน: {c.title.best} ({facts})", html,
                 tuple(dict.fromkeys(["ระดมทุน", *(g.name.best for g in r.groups)])))


def announcements(data: Dataset, site: SiteInfo) -> list[tuple[Entry, frozenset[str]]]:
    """Each open campaign for the whole newsletter's feed and the feeds of its groups."""
    return [(campaign_entry(r, site), frozenset({urls.STORIES, *(urls.org(g.id) for g in r.groups)}))
            for r in running(data.orgs)]
