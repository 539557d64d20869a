"""The validated, normalized model that every page, feed and export reads: a group (:class:`Org`),
a story, a call for volunteers, an event, and the :class:`Dataset` that holds them.

There is deliberately no raw location here: an :class:`Org` carries only its
:class:`~guidemap.contract.location.PublicLocation`, so no page, map or export can leak more than the
group allowed. The fields that fill these types are declared in :mod:`.profile` and :mod:`.dated`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from guidemap.contract.location import PublicLocation
from guidemap.contract.pictures import ImageInfo

# A group page shows a notice, and ``guidemap stale`` lists the profile, after this many days.
STALE_AFTER_DAYS = 365


@dataclass(frozen=True)
class LText:
    """Text in Thai and/or English; ``best`` prefers Thai, the site's language."""

    th: str | None = None
    en: str | None = None
    # The site's other content languages (guidemap.yml), as (BCP 47 tag, text), e.g. ms-Arab.
    more: tuple[tuple[str, str], ...] = ()

    @classmethod
    def make(cls, value: dict[str, str]) -> LText:
        more = tuple((k, v) for k, v in value.items() if k not in ("th", "en") and v)
        return cls(value.get("th"), value.get("en"), more)

    @classmethod
    def of(cls, value: dict[str, str] | None) -> LText | None:
        return cls.make(value) if value else None

    @property
    def best(self) -> str:
        return self.th or self.en or ""

    def as_dict(self) -> dict[str, str]:
        return {k: v for k, v in (("th", self.th), ("en", self.en), *self.more) if v}


@dataclass(frozen=True)
class Area:
    code: str
    th: str
    en: str


@dataclass(frozen=True)
class Volunteer:
    roles: tuple[LText, ...] = ()
    skills: tuple[LText, ...] = ()
    languages: tuple[str, ...] = ()
    how_to_join: LText | None = None


@dataclass(frozen=True)
class Contact:
    website: str | None = None
    facebook: str | None = None
    line: str | None = None
    email: str | None = None
    phone: str | None = None  # E.164, e.g. +6673312222, or a 4-digit hotline
    instagram: str | None = None
    youtube: str | None = None
    tiktok: str | None = None

    def items(self) -> list[tuple[str, str]]:
        return [(k, v) for k, v in self.__dict__.items() if v]


@dataclass(frozen=True)
class Campaign:
    """A dated fundraising campaign on a crowdfunding platform (the network agreed to raise
    money together; campaigns run a few months). ``groups``: the other groups of a joint
    campaign, whose pages show it too."""

    title: LText
    url: str  # https only
    end: dt.date  # the last day; the campaign is not shown after it
    goal: int | None = None  # baht
    start: dt.date | None = None  # when it opened (the feeds' date; default: the profile's date)
    groups: tuple[str, ...] = ()

    @classmethod
    def of(cls, value: dict[str, Any]) -> Campaign:
        return cls(title=LText.make(value["title"]), url=value["url"], end=value["end"],
                   goal=value.get("goal"), start=value.get("start"),
                   groups=tuple(value.get("groups", ())))

    def is_open(self, today: dt.date) -> bool:
        return self.end >= today and (self.start is None or self.start <= today)


@dataclass(frozen=True)
class Org:
    id: str
    name: LText
    province: Area
    district: Area | None
    location: PublicLocation
    focus: tuple[str, ...]
    summary: LText
    updated: dt.date
    source: str  # path of the profile relative to the repository, for "edit this page"
    description: LText | None = None
    activities: tuple[LText, ...] = ()
    volunteer: Volunteer | None = None
    needs: tuple[str, ...] = ()
    contact: Contact = field(default_factory=Contact)
    donate: str | None = None
    founded: int | None = None
    logo: str | None = None
    languages: tuple[str, ...] = ()
    logo_alt: str | None = None
    logo_info: ImageInfo | None = None  # raster logos: size, read by the loader
    offers: tuple[str, ...] = ()  # what the group can share with others (the needs' keys)
    campaigns: tuple[Campaign, ...] = ()  # fundraising campaigns (see Campaign)

    def __hash__(self) -> int:
        # Equality still compares every field; hashing the id alone keeps the caches keyed by
        # a group (its card, its short summary) from re-hashing the whole profile each time.
        return hash(self.id)

    def is_stale(self, today: dt.date, days: int = STALE_AFTER_DAYS) -> bool:
        """Not checked for more than ``days``: the group should be asked to look at it."""
        return (today - self.updated).days > days



@dataclass(frozen=True)
class Lesson:
    """A lessons-learned record (แบบบันทึกองค์ความรู้): the problem, the place, what happened,
    the knowledge assets, the core competency and the working strategies."""

    problem: str | None = None
    place: str | None = None
    story: str | None = None  # Markdown
    knowledge: tuple[str, ...] = ()
    competency: tuple[str, ...] = ()
    strategies: tuple[str, ...] = ()


@dataclass(frozen=True)
class Story:
    slug: str
    source: str  # path relative to the docs folder (content/)
    title: str
    date: dt.date
    body: str
    summary: str | None = None
    orgs: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    image: str | None = None
    author: str | None = None
    draft: bool = False
    image_alt: str | None = None
    image_bytes: int = 0  # size of a local image file, for feed enclosures (0: unknown)
    lesson: Lesson | None = None
    image_info: ImageInfo | None = None  # raster pictures: size, read by the loader


# --- calls for volunteers and network events (declared in model/dated.py) -------------------

THAI_TIME = dt.timezone(dt.timedelta(hours=7), "Asia/Bangkok")  # no daylight saving in Thailand


@functools.total_ordering
@dataclass(frozen=True)
class When:
    """A day, or a day and a time, in Thai time (Asia/Bangkok)."""

    day: dt.date
    time: dt.time | None = None

    def __lt__(self, other: When) -> bool:
        # A day without a time comes before the same day with one (a generated ``order`` would
        # compare None with a time, and raise, when two entries share a day).
        return (self.day, self.time is not None, self.time or dt.time.min) < (
            other.day, other.time is not None, other.time or dt.time.min)

    def at(self) -> dt.datetime:
        """The moment in Thai time (a day alone: its start)."""
        return dt.datetime.combine(self.day, self.time or dt.time(0), THAI_TIME)

    def iso(self) -> str:
        return self.at().isoformat() if self.time else self.day.isoformat()

    def shown(self) -> str:
        """``2026-01-10 09:00`` (CE, Thai time), for messages to contributors."""
        return f"{self.day.isoformat()} {self.time:%H:%M}" if self.time else self.day.isoformat()


@dataclass(frozen=True)
class Venue:
    """A public place (a school hall, a mosque, a community centre) the organiser marked as
    public: only then is it named, and only then is its own position shown."""

    name: LText
    location: PublicLocation | None = None


@dataclass(frozen=True)
class Dated:
    """What calls and events share: who posts them, where they are shown, when."""

    id: str
    source: str  # path relative to the repository
    title: LText
    orgs: tuple[str, ...]  # the first is the organiser: its contacts, its precision
    updated: dt.date
    province: Area  # the venue's, else the organiser's
    location: PublicLocation  # the public venue's, else the organiser's public location
    description: LText | None = None
    start: When | None = None
    end: When | None = None
    venue: Venue | None = None  # only a public venue
    url: str | None = None
    # False when a public venue names another province than its group's and gives no position:
    # the group's position would then point at the wrong place, so none is published.
    located: bool = True

    def __hash__(self) -> int:
        return hash((type(self).__name__, self.id))

    @property
    def last_day(self) -> dt.date | None:
        last = self.end or self.start
        return last.day if last else None


@dataclass(frozen=True)
class Call(Dated):
    """A call for volunteers: open until its application date or its end has passed."""

    apply_by: dt.date | None = None
    skills: tuple[LText, ...] = ()
    languages: tuple[str, ...] = ()
    min_age: int | None = None
    remote: str = "no"  # no | yes | partly
    preparation: LText | None = None
    background_check: bool | None = None
    safeguarding: LText | None = None
    insured: bool | None = None
    how_to_join: LText | None = None

    def __hash__(self) -> int:
        return hash(("Call", self.id))

    def is_open(self, today: dt.date) -> bool:
        if self.apply_by is not None and self.apply_by < today:
            return False
        last = self.last_day
        return last is None or last >= today


# At most this many dates in a repeating event (a weekly meeting for about two years): every
# date is listed in calendars and checked by the validator, so the rule stays bounded.
MAX_OCCURRENCES = 100


@dataclass(frozen=True)
class Moved:
    """One date of a repeating event held on another day (or at another time)."""

    date: dt.date  # the date the rule gives
    to: When  # when it is held instead (a day alone keeps the event's time)

    @classmethod
    def of(cls, value: dict[str, Any]) -> Moved:
        return cls(value["date"], value["to"])


@dataclass(frozen=True)
class Repeat:
    """An event held again every ``every`` weeks or months from its start, until a date or for
    ``count`` times (as RFC 5545's RRULE: a monthly date that a month lacks, the 31st, is
    skipped and not counted); single dates cancelled or moved."""

    unit: str  # weeks | months
    every: int = 1
    until: dt.date | None = None
    count: int | None = None
    cancelled: tuple[dt.date, ...] = ()
    moved: tuple[Moved, ...] = ()

    def days(self, first: dt.date, limit: int = MAX_OCCURRENCES) -> list[dt.date]:
        """The dates the rule gives from ``first``, cancelled and moved ones included; at most
        ``limit`` + 1 (so a caller can tell that a rule gives more than ``limit``)."""
        wanted = min(self.count or limit + 1, limit + 1)
        out: list[dt.date] = []
        for k in range(100 * (limit + 1)):  # months without the 31st are skipped, never forever
            if len(out) >= wanted:
                break
            if self.unit == "weeks":
                day = first + dt.timedelta(weeks=k * self.every)
            else:
                month = first.month - 1 + k * self.every
                year, month = first.year + month // 12, month % 12 + 1
                if first.day > calendar.monthrange(year, month)[1]:
                    continue
                day = dt.date(year, month, first.day)
            if self.until is not None and day > self.until:
                break
            out.append(day)
        return out


@dataclass(frozen=True)
class Occurrence:
    """One date of an event: when it is held, and the date its rule gave it (``planned``)."""

    start: When
    end: When | None
    planned: dt.date
    cancelled: bool = False  # this date only (the rule's ``cancelled``)
    moved: bool = False

    @property
    def last_day(self) -> dt.date:
        return (self.end or self.start).day


def _shift(when: When, delta: dt.timedelta, days: dt.timedelta) -> When:
    """An end moved as its start was: by the time between the starts, or (a whole day) by days."""
    if when.time is None:
        return When(when.day + days)
    moved = when.at() + delta
    return When(moved.date(), moved.time())


@dataclass(frozen=True)
class Event(Dated):
    """A network event (a meeting, a training, an open day), held once or on the dates of its
    ``repeat`` rule; past once its last date is over."""

    kind: str = "meeting"
    attendance: str = "offline"  # offline | online | mixed
    online_url: str | None = None
    cancelled: bool = False
    repeat: Repeat | None = None

    def __hash__(self) -> int:
        return hash(("Event", self.id))

    @cached_property
    def occurrences(self) -> tuple[Occurrence, ...]:
        """Every date of the event in time order, the cancelled dates of a rule included (flagged)."""
        assert self.start is not None
        if self.repeat is None:
            return (Occurrence(self.start, self.end, self.start.day),)
        moved = {m.date: m.to for m in self.repeat.moved}
        found = []
        for day in self.repeat.days(self.start.day):
            start = When(day, self.start.time)
            if day in moved:
                to = moved[day]
                start = to if to.time is not None or start.time is None else When(to.day, start.time)
            end = None if self.end is None else _shift(self.end, start.at() - self.start.at(),
                                                        start.day - self.start.day)
            found.append(Occurrence(start, end, day, day in self.repeat.cancelled, day in moved))
        return tuple(sorted(found, key=lambda o: (o.start, o.planned)))

    @property
    def held(self) -> tuple[Occurrence, ...]:
        """The dates the event is held on (a rule's cancelled dates left out)."""
        return tuple(o for o in self.occurrences if not o.cancelled)

    @property
    def last_day(self) -> dt.date | None:
        held = self.held
        return max(o.last_day for o in held) if held else super().last_day

    def is_past(self, today: dt.date) -> bool:
        last = self.last_day
        return last is not None and last < today


@dataclass
class Dataset:
    orgs: list[Org]
    stories: list[Story]
    calls: list[Call] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    def org(self, org_id: str) -> Org:
        return next(o for o in self.orgs if o.id == org_id)
