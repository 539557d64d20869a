"""Which addresses "Save for offline" keeps for a province: its listing pages, its groups' pages,
the page of open calls when one of them is there, and the pages of its coming events.

Made from the model before the build (the same selection rules as the pages: an ended call or
a past event is not listed); their sizes and pictures are added from the written site
(:mod:`guidemap.outputs.offline.worker`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from guidemap.contract.model.types import Area, Dataset
from guidemap.outputs.site import urls
from guidemap.outputs.site.selection import open_calls, sort_orgs, upcoming_events
from guidemap.outputs.site.types import SiteInfo


@dataclass(frozen=True)
class ProvinceList:
    area: Area
    page: str  # the province's first listing page
    pages: tuple[str, ...]  # site-root-relative page URLs, the listing's own pages first

    @property
    def path(self) -> str:
        return urls.offline_province(self.area)


def province_lists(data: Dataset, site: SiteInfo) -> list[ProvinceList]:
    by_code: dict[str, list[str]] = defaultdict(list)
    areas: dict[str, Area] = {}
    for org in sort_orgs(data.orgs):
        by_code[org.province.code].append(urls.org(org.id))
        areas[org.province.code] = org.province
    where = {o.id: o.province.code for o in data.orgs}
    calls = {code for c in open_calls(data.calls, site.today)
             for code in {c.province.code, *(where[o] for o in c.orgs if o in where)}}
    events: dict[str, list[str]] = defaultdict(list)
    for e in upcoming_events(data.events, site.today):
        for code in sorted({e.province.code, *(where[o] for o in e.orgs if o in where)}):
            events[code].append(urls.event(e.id))
    found = []
    for code in sorted(by_code):
        base = urls.province(areas[code])
        extra = [urls.VOLUNTEER] if code in calls else []
        found.append(ProvinceList(areas[code], base, (base, *by_code[code], *extra, *events[code])))
    return found
