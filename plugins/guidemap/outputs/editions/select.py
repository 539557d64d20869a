"""What goes into each numbered edition of the newsletter: the periods (a month by default,
``newsletter.period`` in guidemap.yml), and for each one that is over, its stories, new and
closing calls, coming events, running campaigns and the groups that joined or updated their page.

An edition is a pure function of the content dated in or before its period: the build date only
decides which periods are over (an edition is made the day after its period ends, when a
coordinator sends it), never what an edition holds, so a past edition's files stay
byte-identical when later content arrives or the build date moves. (Editing a file gives it a
new ``updated`` date, which moves it to the edition of that date, as a reader would expect.)

An edition is made for a period with something new in it (a story, a call or an event posted,
a campaign opened, a group that joined or updated): coming events, closing calls and running
campaigns announced earlier go with it but make no edition alone. Editions are numbered from
the first one, in order.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from guidemap.contract import thai
from guidemap.contract.model.types import Call, Dataset, Event, Org, Story
from guidemap.outputs.site.selection import Running, running, sort_orgs

# English month names written out: strftime's %B follows the machine's locale, and the same
# content must give the same bytes on every machine.
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")


@dataclass(frozen=True)
class Period:
    start: dt.date  # first day
    end: dt.date  # last day

    @property
    def key(self) -> str:
        """'2569-12': the Buddhist Era year and first month (the edition's address)."""
        return f"{self.start.year + thai.BE_OFFSET}-{self.start.month:02d}"

    @property
    def issued(self) -> dt.date:
        """The edition's date: the day after its period, when it can be sent."""
        return self.end + dt.timedelta(days=1)

    @property
    def name(self) -> str:
        """'ธันวาคม 2569', or 'ตุลาคม–ธันวาคม 2569' for a longer period."""
        if self.start.month == self.end.month and self.start.year == self.end.year:
            return thai.thai_month_year(self.start.year, self.start.month)
        first = thai.thai_month_year(self.start.year, self.start.month)
        if self.start.year == self.end.year:
            first = first.rsplit(" ", 1)[0]
        return f"{first}–{thai.thai_month_year(self.end.year, self.end.month)}"


def period_of(day: dt.date, months: int) -> Period:
    """The period ``day`` falls in; periods of ``months`` start in January with the year."""
    first = (day.month - 1) // months * months + 1
    start = dt.date(day.year, first, 1)
    nxt = first + months
    following = dt.date(day.year + (nxt - 1) // 12, (nxt - 1) % 12 + 1, 1)
    return Period(start, following - dt.timedelta(days=1))


@dataclass(frozen=True)
class Edition:
    number: int
    period: Period
    stories: tuple[Story, ...]
    new_calls: tuple[Call, ...]
    closing_calls: tuple[Call, ...]
    events: tuple[Event, ...]
    campaigns: tuple[Running, ...]
    groups: tuple[Org, ...]

    @property
    def title(self) -> str:
        return f"ฉบับที่ {self.number} · {self.period.name}"

    @property
    def title_en(self) -> str:
        start, end = self.period.start, self.period.end
        months = f"{_MONTHS[start.month - 1]} {start.year}"
        if start.month != end.month:
            months += f"–{_MONTHS[end.month - 1]} {end.year}"
        return f"Issue {self.number} · {months}"


def _in(day: dt.date | None, period: Period) -> bool:
    return day is not None and period.start <= day <= period.end


def _next(period: Period, months: int) -> Period:
    return period_of(period.issued, months)


@dataclass(frozen=True)
class _Dated:
    """The stories and groups of each period (by its first day), in the dataset's order: each
    edition takes its own instead of going through all of them (a network of thousands of groups
    and stories has over a hundred editions)."""

    stories: dict[dt.date, list[Story]]
    groups: dict[dt.date, list[Org]]

    @classmethod
    def of(cls, data: Dataset, months: int) -> _Dated:
        stories: dict[dt.date, list[Story]] = {}
        for story in data.stories:
            stories.setdefault(period_of(story.date, months).start, []).append(story)
        groups: dict[dt.date, list[Org]] = {}
        for org in data.orgs:
            groups.setdefault(period_of(org.updated, months).start, []).append(org)
        return cls(stories, groups)


def _content(data: Dataset, dated: _Dated, period: Period, months: int,
             every_campaign: list[Running]) -> Edition:
    issued = period.issued
    coming = _next(period, months)
    stories = tuple(sorted((s for s in dated.stories.get(period.start, ()) if not s.draft),
                           key=lambda s: (s.date, s.slug)))
    known_calls = [c for c in data.calls if c.updated <= period.end and c.is_open(issued)]
    new_calls = tuple(sorted((c for c in known_calls if _in(c.updated, period)),
                             key=lambda c: (c.apply_by or dt.date.max, c.id)))
    # Calls posted earlier whose last day to apply (or last day) falls in the coming period.
    closing = tuple(sorted((c for c in known_calls if c not in new_calls
                            and _in(c.apply_by or c.last_day, coming)),
                           key=lambda c: (c.apply_by or c.last_day or dt.date.max, c.id)))
    # Events known by the period's end that start after it: those of the coming period, and
    # any later one announced during the period.
    events = tuple(sorted((e for e in data.events if e.updated <= period.end and not e.cancelled
                           and e.start is not None and e.start.day >= issued
                           and (_in(e.start.day, coming) or _in(e.updated, period))),
                          key=lambda e: (e.start, e.id)))
    campaigns = tuple(r for r in every_campaign
                      if r.campaign.end >= issued
                      and (r.campaign.start or r.owner.updated) <= period.end)
    # Filtered first: the few groups of the period are sorted, not all of them for each edition.
    groups = tuple(sort_orgs(dated.groups.get(period.start, ())))
    return Edition(0, period, stories, new_calls, closing, events, campaigns, groups)


def _has_news(edition: Edition) -> bool:
    opened = any(_in(r.campaign.start or r.owner.updated, edition.period) for r in edition.campaigns)
    announced = any(_in(e.updated, edition.period) for e in edition.events)
    return bool(edition.stories or edition.new_calls or edition.groups or opened or announced)


def _dates(data: Dataset) -> list[dt.date]:
    days = [s.date for s in data.stories if not s.draft]
    days += [c.updated for c in data.calls] + [e.updated for e in data.events]
    days += [o.updated for o in data.orgs]
    days += [c.start for o in data.orgs for c in o.campaigns if c.start]
    return days


def editions(data: Dataset, months: int, today: dt.date) -> list[Edition]:
    """Every edition whose period is over on ``today``, oldest first, numbered from 1.
    ``data``: the whole dataset (campaigns that have ended included: an old edition shows what
    was running then)."""
    days = _dates(data)
    if not days:
        return []
    period = period_of(min(days), months)
    found: list[Edition] = []
    campaigns = running(data.orgs)  # every campaign, soonest end first: each period keeps its own
    dated = _Dated.of(data, months)
    while period.issued <= today:
        edition = _content(data, dated, period, months, campaigns)
        if _has_news(edition):
            found.append(replace(edition, number=len(found) + 1))
        period = _next(period, months)
    return found
