"""The network's events: the list (``events/``: upcoming soonest first, then past) and one page
per event (``events/<id>/``) with its calendar file and schema.org ``Event`` JSON-LD.

An event is shown where its public venue is, or else at its organiser's public position: the
group's raw position is not in the model, so no page or JSON-LD can reveal it.
"""

from __future__ import annotations

from typing import Any

from guidemap.contract.model.dated import ATTENDANCE, EVENT_KINDS
from guidemap.contract.model.types import Dataset, Event, Org
from guidemap.contract.vocab import Label
from guidemap.outputs.html import share
from guidemap.outputs.html.head import card_image, event_card, org_logo_url, page_head
from guidemap.outputs.html.htmlkit import h, json_for_script, one_block
from guidemap.outputs.html.markup import bi, en, external, link
from guidemap.outputs.pages import reach
from guidemap.outputs.pages.common import lang_attrs, place_marker
from guidemap.outputs.pages.dated_common import (
    calendar_links,
    event_list,
    kind_badge,
    markdown_block,
    next_dates_html,
    occurrence_html,
    organisers,
    place_html,
    repeat_label,
)
from guidemap.outputs.site import urls
from guidemap.outputs.site.repeat import TZID
from guidemap.outputs.site.selection import (
    calendar_entries,
    has_calendar,
    past_events,
    pinned,
    shown_occurrence,
    upcoming_events,
)
from guidemap.outputs.site.types import GeneratedPage, SiteInfo

TITLE = "กิจกรรมของเครือข่าย"

_ATTENDANCE_LD = {"offline": "OfflineEventAttendanceMode", "online": "OnlineEventAttendanceMode",
                  "mixed": "MixedEventAttendanceMode"}


def events_page(data: Dataset, site: SiteInfo) -> GeneratedPage:
    url = urls.EVENTS
    orgs = {o.id: o for o in data.orgs}
    upcoming = upcoming_events(data.events, site.today)
    past = past_events(data.events, site.today)
    coming = event_list(url, upcoming, orgs, site) or _none_coming(url, site)
    body = (
        "<p>ประชุมเครือข่ายทุกหกเดือน การอบรม และวันเปิดบ้านของกลุ่มในเครือข่าย "
        f'{en("The network meetings (every six months), trainings and open days.")}</p>'
        + (f"<p>{calendar_links(url, urls.CALENDAR, site, 'ปฏิทินของเครือข่าย')} · "
           if has_calendar(*calendar_entries(data, site.today)) else "<p>")
        + f"{link(url, urls.VOLUNTEER, bi(Label('ประกาศรับอาสา', 'Calls for volunteers')))}</p>"
        f'<h2 id="upcoming">{bi(Label("กิจกรรมที่จะมาถึง", "Upcoming"))}</h2>{coming}'
    )
    if past:
        body += (f'<h2 id="past">{bi(Label("กิจกรรมที่ผ่านมา", "Past events"))}</h2>'
                 + event_list(url, past, orgs, site))
    return GeneratedPage(url, TITLE, "กิจกรรม การประชุม และการอบรมของเครือข่ายอาสาสมัคร", one_block(body),
                         page_head(site, url, TITLE), searchable=False)


def _none_coming(url: str, site: SiteInfo) -> str:
    """No coming event: how to hear of the next one, and whom to ask meanwhile."""
    hear = (f" · {link(url, urls.SUBSCRIBE, 'ติดตามกิจกรรมครั้งต่อไป')} {en('Hear of the next one')}"
            if site.has_feeds else "")
    channels = reach.network_channels(site)
    ask = f"<p>สอบถามเครือข่าย {en('Ask the network')}</p>{channels}" if channels else ""
    return (f'<div class="gm-empty"><p>ยังไม่มีกิจกรรมที่กำหนดไว้ {en("No upcoming event yet.")}{hear}</p>'
            f"{ask}</div>")


def _schedule(event: Event) -> dict[str, Any]:
    """schema.org Schedule of a repeating event (its rule; its dates are in the calendar file)."""
    rule = event.repeat
    assert rule is not None and event.start is not None
    data: dict[str, Any] = {"@type": "Schedule", "repeatFrequency": f"P{rule.every}{rule.unit[0].upper()}",
                            "startDate": event.start.day.isoformat(), "scheduleTimezone": TZID}
    if event.start.time is not None:
        data["startTime"] = f"{event.start.time:%H:%M}"
    if rule.count is not None:
        data["repeatCount"] = rule.count
    if rule.until is not None:
        data["endDate"] = rule.until.isoformat()
    if rule.cancelled:
        data["exceptDate"] = [d.isoformat() for d in sorted(rule.cancelled)]
    return data


def event_jsonld(event: Event, orgs: dict[str, Org], site: SiteInfo) -> dict[str, Any]:
    """schema.org Event: name, start and end (a repeating event's next date, and its schedule),
    status, attendance mode, location at its public precision (the venue marked public, else the
    organiser's public area), organizer."""
    shown = shown_occurrence(event, site.today)
    data: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "Event", "name": event.title.best,
        "startDate": shown.start.iso(), "inLanguage": "th",
        "eventStatus": "https://schema.org/" + ("EventCancelled" if event.cancelled else "EventScheduled"),
        "eventAttendanceMode": "https://schema.org/" + _ATTENDANCE_LD[event.attendance],
    }
    if shown.end is not None:
        data["endDate"] = shown.end.iso()
    if event.repeat is not None:
        data["eventSchedule"] = _schedule(event)
    if event.description is not None:
        data["description"] = event.description.best
    place: dict[str, Any] = {
        "@type": "Place",
        "address": {"@type": "PostalAddress", "addressRegion": event.province.th, "addressCountry": "TH"},
    }
    if pinned(event):
        place["geo"] = {"@type": "GeoCoordinates", "latitude": event.location.lat,
                        "longitude": event.location.lon}
    if event.venue is not None:
        place["name"] = event.venue.name.best
    locations: list[dict[str, Any]] = []
    if event.attendance != "online":
        locations.append(place)
    if event.attendance != "offline" and event.online_url:
        locations.append({"@type": "VirtualLocation", "url": event.online_url})
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    data["organizer"] = [{"@type": "Organization", "name": orgs[o].name.best,
                          **({"url": u} if (u := urls.absolute(site.url, urls.org(o))) else {})}
                         for o in event.orgs if o in orgs]
    # An event has no picture of its own: its organisers' logos, where they have one.
    if images := [u for o in event.orgs if o in orgs and (u := org_logo_url(orgs[o], site))]:
        data["image"] = images
    if page := urls.absolute(site.url, urls.event(event.id)):
        data["url"] = page
    return data


def event_page(event: Event, orgs: dict[str, Org], site: SiteInfo) -> GeneratedPage:
    url = urls.event(event.id)
    host = orgs[event.orgs[0]]
    past = event.is_past(site.today)
    state = (f'<p class="gm-notice">กิจกรรมนี้ผ่านไปแล้ว {en("This event is over.")}</p>' if past else "")
    if event.cancelled:
        state += f'<p class="gm-notice gm-notice--cancelled">กิจกรรมนี้ยกเลิกแล้ว {en("Cancelled.")}</p>'
    shown = shown_occurrence(event, site.today)
    rows = [f"<dt>{bi(Label('เมื่อไร', 'When'))}</dt><dd>{occurrence_html(event, shown)}</dd>"]
    if event.repeat is not None:
        rows += [f"<dt>{bi(Label('จัดซ้ำ', 'Repeats'))}</dt><dd>{bi(repeat_label(event))}</dd>"]
        if dates := next_dates_html(event, site):
            rows += [f"<dt>{bi(Label('วันต่อไป', 'Next dates'))}</dt><dd>{dates}</dd>"]
    rows += [
        f"<dt>{bi(Label('ประเภท', 'Kind'))}</dt>"
        f"<dd>{kind_badge(event)} {en(h(EVENT_KINDS[event.kind].en))}</dd>",
        f"<dt>{bi(Label('ที่ไหน', 'Where'))}</dt><dd>{place_html(url, event, host)}</dd>",
        f"<dt>{bi(Label('เข้าร่วมแบบ', 'Attendance'))}</dt><dd>{bi(ATTENDANCE[event.attendance])}</dd>",
    ]
    links = ""
    if event.online_url and event.attendance != "offline":
        links += f"<p>{external(event.online_url, bi(Label('ลิงก์เข้าร่วมออนไลน์', 'Join online')))}</p>"
    if event.url:
        links += f"<p>{external(event.url, bi(Label('รายละเอียดเพิ่มเติม', 'More details')))}</p>"
    # The English title's paragraph goes whole when the visitor reads Thai alone (TH/EN switch).
    name_en = f'<p class="gm-en-alt">{en(h(event.title.en))}</p>' if event.title.en and event.title.th else ""
    name_en += "".join(f"<p {lang_attrs(lang)}>{h(value)}</p>" for lang, value in event.title.more)
    body = (
        f'<article class="gm-event-page" data-event="{h(event.id)}">{name_en}{state}'
        f'<dl class="gm-facts gm-dated-facts">{"".join(rows)}</dl>{organisers(url, event, orgs)}'
        f'{markdown_block(event.description, "gm-event__about")}{links}'
        f'<p>{calendar_links(url, urls.event_calendar(event.id), site)}</p>'
        f'{share.share_block(urls.absolute(site.url, url), event.title.best)}'
        f'<p>{link(url, urls.EVENTS, "← กิจกรรมทั้งหมด")}</p></article>'
    )
    title = event.title.best
    description = f"{EVENT_KINDS[event.kind].th}: {title}"
    ics = h(urls.rel(url, urls.event_calendar(event.id)))
    jsonld = json_for_script(event_jsonld(event, orgs, site))
    head = (page_head(site, url, title, description, image=card_image(event_card(event, site)))
            + f'<link rel="alternate" type="{urls.ICS_TYPE}" href="{ics}">'
            + f'<script type="application/ld+json">{jsonld}</script>')
    return GeneratedPage(url, title, description, one_block(body), head, searchable=True,
                         search_text=place_marker(event.province.th)
                         + "".join(f"<p>{h(t)}</p>" for t in (event.title.th, event.title.en) if t)
                         + "".join(f"<p {lang_attrs(lang)}>{h(t)}</p>" for lang, t in event.title.more))


def event_pages(data: Dataset, site: SiteInfo) -> list[GeneratedPage]:
    orgs = {o.id: o for o in data.orgs}
    return [event_page(e, orgs, site) for e in sorted(data.events, key=lambda e: e.id)]
