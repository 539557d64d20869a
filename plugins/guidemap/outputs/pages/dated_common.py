"""Pieces the pages of calls and events share: dates in Thai time, where an entry is (never more
precisely than its group allows), its organisers, and the links to its calendar files.

Every contributed string goes through :func:`~guidemap.outputs.html.htmlkit.h` (or, for Markdown,
:func:`~guidemap.outputs.html.htmlkit.markdown_to_safe_html`).
"""

from __future__ import annotations

from collections.abc import Iterable

from guidemap.contract.location import names_district
from guidemap.contract.model.dated import EVENT_KINDS, REPEAT_UNITS
from guidemap.contract.model.types import Call, Dated, Event, LText, Occurrence, Org, When
from guidemap.contract.thai import thai_date
from guidemap.contract.vocab import Label
from guidemap.outputs.html.htmlkit import h, markdown_to_safe_html
from guidemap.outputs.html.markup import bi, en, external, link
from guidemap.outputs.pages.common import lang_attrs
from guidemap.outputs.site import urls
from guidemap.outputs.site.selection import (
    has_place,
    next_dates,
    open_calls,
    shown_occurrence,
    upcoming_events,
)
from guidemap.outputs.site.types import SiteInfo

THAI_TIME_LABEL = Label("เวลาประเทศไทย", "Thai time")


def _clock(when: When) -> str:
    return f"{when.time:%H:%M} น." if when.time else ""


def when_html(entry: Dated, occurrence: Occurrence | None = None, zone: bool = True) -> str:
    """``10 มกราคม 2569 09:30–16:00 น.``, a range of days, or "ongoing" (no dates); of one
    ``occurrence`` of a repeating event when given; ``zone``: with "Thai time" after a time."""
    start, end = (occurrence.start, occurrence.end) if occurrence else (entry.start, entry.end)
    if start is None and end is None:
        return f'<span class="gm-when gm-when--ongoing">{bi(Label("รับตลอด ไม่กำหนดวัน", "ongoing"))}</span>'
    parts = []
    if start is not None:
        shown = " ".join(t for t in (thai_date(start.day), _clock(start)) if t)
        parts.append(f'<time datetime="{h(start.iso())}">{h(shown)}</time>')
    if end is not None and end != start:
        shown = _clock(end) if start is not None and end.day == start.day else (
            f"{thai_date(end.day)} {_clock(end)}".strip())
        parts.append(f'<time datetime="{h(end.iso())}">{h(shown)}</time>')
    timed = any(w is not None and w.time for w in (start, end))
    note = f' <small>({bi(THAI_TIME_LABEL)})</small>' if timed and zone else ""
    prefix = "ถึง " if start is None else ""
    return f'<span class="gm-when">{prefix}{" – ".join(parts)}{note}</span>'


def place_html(frm: str, entry: Dated, host: Org) -> str:
    """The public venue's name, or the area the group allows to show (its district when its
    precision is finer than a province, else its province); online or from anywhere, where
    nobody needs to go (the province stays beside it: it is the group's)."""
    province = link(frm, urls.province(entry.province), h(entry.province.th))
    if not has_place(entry):
        where = Label("ออนไลน์", "Online") if isinstance(entry, Event) else Label("ที่ไหนก็ได้", "Anywhere")
        return f"{bi(where)} ({province})"
    if entry.venue is not None:
        return f"{ltext_inline(entry.venue.name)}, {province}"
    if entry.province == host.province and host.district and names_district(host.location.precision):
        return f"{h(host.district.th)}, {province}"
    return province


def ltext_inline(text: LText | None) -> str:
    """A contributed text in every language it has, as group pages show one: Thai, English
    beside it, then each of the site's added languages with its ``lang`` and ``dir``."""
    if text is None:
        return ""
    out = f'<span lang="th">{h(text.th)}</span>' if text.th else ""
    if text.en:  # English alone is no translation: the TH/EN switch never hides it
        out += f" {en(h(text.en))}" if out else f'<span lang="en">{h(text.en)}</span>'
    for lang, value in text.more:
        out += (" " if out else "") + f"<span {lang_attrs(lang)}>{h(value)}</span>"
    return out


def markdown_block(text: LText | None, cls: str) -> str:
    """Contributed Markdown (a description), rendered and sanitized, each language marked (an
    added language with its ``dir``, as on group pages)."""
    if text is None:
        return ""
    alt = " gm-en-alt" if text.th else ""  # hidden beside Thai when the visitor reads Thai alone
    blocks = [f'<div lang="{lang}" class="{cls}{alt if lang == "en" else ""}">'
              f"{markdown_to_safe_html(value)}</div>"
              for lang, value in (("th", text.th), ("en", text.en)) if value]
    blocks += [f'<div {lang_attrs(lang, cls)}>{markdown_to_safe_html(value)}</div>'
               for lang, value in text.more]
    return "".join(blocks)


def organisers(frm: str, entry: Dated, orgs: dict[str, Org]) -> str:
    names = ", ".join(link(frm, urls.org(o), h(orgs[o].name.best)) for o in entry.orgs if o in orgs)
    return f'<p class="gm-dated__orgs">{bi(Label("กลุ่มที่จัด", "Organised by"))}: {names}</p>'


def calendar_links(frm: str, path: str, site: SiteInfo, label: str = "เพิ่มลงปฏิทิน") -> str:
    """A calendar file as a download (.ics) and, when the site's address is known, as a
    subscription: Google Calendar's "add by URL" link and ``webcal://`` (other calendar apps)."""
    items = [link(frm, path, f"{h(label)} (.ics)", "gm-ics")]
    if google := urls.google_calendar(site.url, path):  # Android's calendar ignores webcal://
        items.append(f'<a href="{h(google)}" class="gm-gcal" rel="noopener">Google Calendar</a>')
    if webcal := urls.webcal(site.url, path):
        items.append(f'<a href="{h(webcal)}" class="gm-webcal">ติดตามในแอปปฏิทิน {en("Subscribe")}</a>')
    return f'<span class="gm-calendar-links">{" · ".join(items)}</span>'


def kind_badge(event: Event) -> str:
    status = (' <span class="gm-badge gm-badge--cancelled">ยกเลิก '
              f'{en("Cancelled")}</span>') if event.cancelled else ""
    return f'<span class="gm-badge">{h(EVENT_KINDS[event.kind].th)}</span>{status}'


def repeat_label(event: Event) -> Label:
    """``ทุก 6 เดือน 4 ครั้ง`` / ``every 6 months, 4 times`` (or until a date)."""
    rule = event.repeat
    assert rule is not None
    unit = REPEAT_UNITS[rule.unit]
    th = f"ทุก {rule.every} {unit.th}" if rule.every != 1 else f"ทุก{unit.th}"
    en_ = f"every {rule.every} {unit.en}" if rule.every != 1 else f"every {unit.en.rstrip('s')}"
    if rule.count is not None:
        return Label(f"{th} {rule.count} ครั้ง", f"{en_}, {rule.count} times")
    assert rule.until is not None
    return Label(f"{th} ถึง {thai_date(rule.until)}", f"{en_} until {rule.until.isoformat()}")


def moved_note(occurrence: Occurrence) -> str:
    if not occurrence.moved:
        return ""
    day = occurrence.planned
    return (f' <small class="gm-moved">(เลื่อนจาก {h(thai_date(day))} '
            f'{en(f"moved from {day.isoformat()}")})</small>')


def occurrence_html(event: Event, occurrence: Occurrence, zone: bool = True) -> str:
    return when_html(event, occurrence, zone) + moved_note(occurrence)


def repeat_badge(event: Event) -> str:
    if event.repeat is None:
        return ""
    return f' <span class="gm-badge gm-badge--repeat">{h(repeat_label(event).th)}</span>'


def next_dates_html(event: Event, site: SiteInfo) -> str:
    """A repeating event's coming dates (Buddhist Era, Thai time), and its cancelled ones."""
    coming = next_dates(event, site.today)
    items = "".join(f"<li>{occurrence_html(event, o, zone=False)}</li>" for o in coming)  # said once, above
    out = f'<ol class="gm-next-dates">{items}</ol>' if items else ""
    off = sorted(o.planned for o in event.occurrences if o.cancelled and o.planned >= site.today)
    if off:
        days = ", ".join(f'<time datetime="{d.isoformat()}">{h(thai_date(d))}</time>' for d in off)
        out += f'<p class="gm-cancelled-dates">งดจัด {en("Not held on")}: {days}</p>'
    return out


def event_item(frm: str, event: Event, orgs: dict[str, Org], site: SiteInfo) -> str:
    """An event in a list: when (a repeating event's next date), title (a link to its page),
    kind, where and its calendar file."""
    host = orgs[event.orgs[0]]
    title = link(frm, urls.event(event.id), ltext_inline(event.title), "gm-event__title")
    when = occurrence_html(event, shown_occurrence(event, site.today))
    return (f'<li class="gm-event" id="event-{h(event.id)}">{when} {title} {kind_badge(event)}'
            f'{repeat_badge(event)}'
            f'<p class="gm-event__place">{place_html(frm, event, host)}</p>'
            f'<p>{calendar_links(frm, urls.event_calendar(event.id), site)}</p></li>')


def event_list(frm: str, events: Iterable[Event], orgs: dict[str, Org], site: SiteInfo) -> str:
    items = "".join(event_item(frm, e, orgs, site) for e in events)
    return f'<ul class="gm-events">{items}</ul>' if items else ""


def external_link(url: str | None, label: Label) -> str:
    return f"<p>{external(url, bi(label))}</p>" if url else ""


def next_event_block(frm: str, events: Iterable[Event], orgs: dict[str, Org], site: SiteInfo) -> str:
    """The home page's "next event": the soonest upcoming one, and the way to all of them;
    nothing when none is coming (the home page then leaves the section out)."""
    coming = [e for e in upcoming_events(events, site.today) if not e.cancelled]
    if not coming:
        return ""
    every = link(frm, urls.EVENTS, bi(Label("กิจกรรมทั้งหมด", "All events")))
    return f'<div class="gm-next-event">{event_list(frm, coming[:1], orgs, site)}<p>{every}</p></div>'


def volunteer_now_block(frm: str, calls: Iterable[Call], site: SiteInfo) -> str:
    """The home page's way to "ร่วมเป็นอาสา / Volunteer now", with the number of open calls."""
    count = len(open_calls(calls, site.today))
    label = f'ร่วมเป็นอาสา {en("Volunteer now")}'  # a button's .gm-en keeps the button's colour
    what = (f"ประกาศรับอาสาที่เปิดอยู่ {count} ประกาศ {en(f'{count} open call(s)')}" if count
            else f"ดูกลุ่มที่ยินดีรับอาสาสมัคร {en('Groups that welcome volunteers')}")
    button = link(frm, urls.VOLUNTEER, label, "md-button md-button--primary")
    return f'<p class="gm-volunteer-now-cta">{button} {what}</p>'


