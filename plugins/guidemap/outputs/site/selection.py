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

from guidemap.contract.model.types import Call, Campaign, Dataset, Event, Org, Story, When


def open_calls(calls: Iterable[Call], today: dt.date) -> list[Call]:
    """The open calls, soonest first: by the first day one can take part (an ongoing call or
    one already under way: today), then by the last day to apply."""
    def key(c: Call) -> tuple[dt.date, dt.date, str]:
        first = max(c.start.day, today) if c.start else today
        return first, c.apply_by or dt.date.max, c.id

    return sorted((c for c in calls if c.is_open(today)), key=key)


def upcoming_events(events: Iterable[Event], today: dt.date) -> list[Event]:
    """Events not yet over, soonest first."""
    return sorted((e for e in events if not e.is_past(today)), key=lambda e: (e.start or When(today), e.id))


def past_events(events: Iterable[Event], today: dt.date) -> list[Event]:
    """Events that are over, the latest first."""
    return sorted((e for e in events if e.is_past(today)), key=lambda e: (e.start or When(today), e.id),
                  reverse=True)


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
