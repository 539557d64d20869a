"""Fundraising campaigns announced in the feeds: an entry in the whole newsletter's feed and in
the feeds of the groups running each open campaign (apart from guidemap.outputs.pages.campaigns,
which the pages use, so that the pages do not import the feeds)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from guidemap.contract.model import Dataset, Story
from guidemap.contract.thai import thai_date
from guidemap.outputs.feeds.stories import Item, xml_text
from guidemap.outputs.html.htmlkit import h
from guidemap.outputs.pages.campaigns import host
from guidemap.outputs.site import urls
from guidemap.outputs.site.selection import Running, running
from guidemap.outputs.site.types import SiteInfo


@dataclass(frozen=True)
class CampaignItem(Item):
    """A campaign as a feed entry: linked to the campaign's page on its platform, dated the day
    it opened (or, without a start date, the day its group's profile was last checked)."""

    running: Running = field(default=None)  # type: ignore[assignment]  # always given

    @property
    def url(self) -> str:
        return self.running.campaign.url

    @cached_property
    def image(self) -> tuple[str, int, str] | None:
        return None

    def _facts(self) -> str:
        c = self.running.campaign
        goal = f"เป้าหมาย {c.goal:,} บาท " if c.goal else ""
        return f"{goal}ร่วมบริจาคได้ถึง {thai_date(c.end)}"

    @cached_property
    def summary(self) -> str:
        names = ", ".join(g.name.best for g in self.running.groups)
        return xml_text(f"{names} ระดมทุน: {self.running.campaign.title.best} ({self._facts()})")

    @cached_property
    def html(self) -> str:
        r = self.running
        groups = ", ".join(f'<a href="{h(urls.absolute(self.site.url, urls.org(g.id)))}">'
                           f"{h(g.name.best)}</a>" for g in r.groups)
        return xml_text(f"<p>{groups} ระดมทุนผ่าน {h(host(r.campaign.url))}: "
                        f'<a href="{h(r.campaign.url)}">{h(r.campaign.title.best)}</a></p>'
                        f"<p>{h(self._facts())}</p>")

    @cached_property
    def categories(self) -> list[str]:
        terms = ["ระดมทุน", *(g.name.best for g in self.running.groups)]
        return [xml_text(t) for t in dict.fromkeys(terms)]


def announcements(data: Dataset, site: SiteInfo) -> list[tuple[Item, frozenset[str]]]:
    """Each open campaign for the whole newsletter's feed and the feeds of its groups."""
    out: list[tuple[Item, frozenset[str]]] = []
    for r in running(data.orgs):
        c = r.campaign
        story = Story(slug=f"campaign-{r.owner.id}-{c.end.isoformat()}", source="",
                      title=f"ระดมทุน: {c.title.best}", date=c.start or r.owner.updated, body="")
        pages = frozenset({urls.STORIES, *(urls.org(g.id) for g in r.groups)})
        out.append((CampaignItem(story, site, {}, running=r), pages))
    return out
