"""The selection rules every output shares: which calls are open, which events are coming or
past, which campaigns are running and which groups run them, and the orders lists are shown in.
Pages, feeds, calendars and open data all ask here, so an HTML page and a data file never
disagree on what is open on the build's date.

Only open campaigns reach the site: :func:`open_only` drops the others from the dataset before
any page, export or feed is made, so a rebuild after a campaign's last day no longer shows it
anywhere.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace

from guidemap.contract.model.types import Area, Call, Campaign, Dataset, Dated, Event, Occurrence, Org, Story


def open_calls(calls: Iterable[Call], today: dt.date) -> list[Call]:
    """The open calls, soonest first: by the first day one can take part (an ongoing call or
    one already under way: today), then by the last day to apply."""
    def key(c: Call) -> tuple[dt.date, dt.date, str]:
        first = max(c.start.day, today) if c.start else today
        return first, c.apply_by or dt.date.max, c.id

    return sorted((c for c in calls if c.is_open(today)), key=key)


def has_place(entry: Dated) -> bool:
    """Whether one goes somewhere for the entry: not an online-only event, not a call done wholly
    from elsewhere. Only then does it get a place (a calendar's ``LOCATION``) and a position:
    the group's province would otherwise send people where nothing happens."""
    if isinstance(entry, Event):
        return entry.attendance != "online"
    if isinstance(entry, Call):
        return entry.remote != "yes"
    return True


def pinned(entry: Dated) -> bool:
    """Whether the entry's public position is published (a calendar's ``GEO``, the open data's
    ``location``, JSON-LD's ``geo``): it has a place, and the position points at it."""
    return has_place(entry) and entry.located


def on_calendar(call: Call) -> bool:
    """A call has a day to put on a calendar: its start, else its last day to apply or its end.
    An ongoing call without any date has none."""
    return call.start is not None or call.apply_by is not None or call.end is not None


def calendar_entries(data: Dataset, today: dt.date) -> tuple[list[Event], list[Call]]:
    """What the calendar files hold: every event (past ones stay, as calendars keep history),
    by id, and the open calls that have a day, soonest first."""
    calls = [c for c in open_calls(data.calls, today) if on_calendar(c)]
    return sorted(data.events, key=lambda e: e.id), calls


def has_calendar(events: Iterable[Event], calls: Iterable[Call]) -> bool:
    """Whether entries make a calendar (RFC 5545 wants at least one component): a page offers
    a calendar file only when this holds for the entries it would hold."""
    return any(True for _ in events) or any(on_calendar(c) for c in calls)


def calendar_provinces(events: Iterable[Event], calls: Iterable[Call]) -> list[Area]:
    """The provinces with a calendar of their own, by code."""
    found = {e.province.code: e.province for e in _dated_entries(events, calls)}
    return [found[k] for k in sorted(found)]


def calendar_orgs(events: Iterable[Event], calls: Iterable[Call]) -> list[str]:
    """The groups with a calendar of their own, by id."""
    return sorted({o for e in _dated_entries(events, calls) for o in e.orgs})


def entry_focus(entry: Dated, orgs: dict[str, Org]) -> set[str]:
    """A call's or event's focus: its groups' (it has none of its own)."""
    return {f for o in entry.orgs if o in orgs for f in orgs[o].focus}


def calendar_focus(events: Iterable[Event], calls: Iterable[Call], orgs: dict[str, Org]) -> list[str]:
    """The focus keys with a calendar of their own, by key."""
    return sorted({f for e in _dated_entries(events, calls) for f in entry_focus(e, orgs)})


def _dated_entries(events: Iterable[Event], calls: Iterable[Call]) -> list[Dated]:
    return [*events, *(c for c in calls if on_calendar(c))]


# How many coming dates of a repeating event its page and the open data list.
NEXT_DATES = 6


def shown_occurrence(event: Event, today: dt.date) -> Occurrence:
    """The date an event is listed by on ``today``: its next date not yet over (a repeating
    event's cancelled dates skipped), else its last one."""
    held = event.held or event.occurrences
    return next((o for o in held if o.last_day >= today), held[-1])


def next_dates(event: Event, today: dt.date, limit: int = NEXT_DATES) -> list[Occurrence]:
    """The event's coming dates on ``today`` (one under way included), soonest first."""
    return [o for o in event.held if o.last_day >= today][:limit]


def upcoming_events(events: Iterable[Event], today: dt.date) -> list[Event]:
    """Events not yet over, soonest first (a repeating event by its next date)."""
    return sorted((e for e in events if not e.is_past(today)),
                  key=lambda e: (shown_occurrence(e, today).start, e.id))


def past_events(events: Iterable[Event], today: dt.date) -> list[Event]:
    """Events that are over, the latest first (a repeating event by its last date)."""
    return sorted((e for e in events if e.is_past(today)),
                  key=lambda e: (shown_occurrence(e, today).start, e.id), reverse=True)


def dated_by_org(data: Dataset, today: dt.date) -> tuple[dict[str, list[Call]], dict[str, list[Event]]]:
    """Each group's open calls and upcoming events (soonest first), for its page."""
    calls: dict[str, list[Call]] = {}
    events: dict[str, list[Event]] = {}
    for call in open_calls(data.calls, today):
        for org_id in call.orgs:
            calls.setdefault(org_id, []).append(call)
    for event in upcoming_events(data.events, today):
        for org_id in event.orgs:
            events.setdefault(org_id, []).append(event)
    return calls, events


def sort_orgs(orgs: Iterable[Org]) -> list[Org]:
    return sorted(orgs, key=lambda o: (o.name.best, o.id))


def stories_by_org(stories: Iterable[Story]) -> dict[str, list[Story]]:
    """Each group's stories, newest first."""
    found: dict[str, list[Story]] = defaultdict(list)
    for s in stories:
        for org_id in s.orgs:
            found[org_id].append(s)
    return {k: sorted(v, key=lambda s: (s.date, s.slug), reverse=True) for k, v in found.items()}


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


def campaigns_by_group(orgs: Iterable[Org]) -> dict[str, list[Running]]:
    """Each group's campaigns, its own and the joint ones other groups declared (made once per
    build: every group page reads it)."""
    index: dict[str, list[Running]] = {}
    for r in running(orgs):
        for g in r.groups:
            index.setdefault(g.id, []).append(r)
    return index
