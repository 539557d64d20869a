"""Calls for volunteers and events in a built site (mkdocs build --strict): the pages, the
calendar files (read back with icalendar and imported into Debian's khal), the calls' feeds,
expiry by the build date, hostile text, and byte-identical rebuilds."""

from __future__ import annotations

import datetime as dt
import json
import re
from html import unescape
from pathlib import Path
from urllib.parse import quote

import feedparser
import icalendar
import pytest
from lxml import etree

from conftest import khal_runner, unwrap_words
from dated_fixture import EPOCH, HOSTILE, LATER, build_at, dated_repo
from guidemap.contract.location import coarsen

SITE_URL = "https://example.org/guide/"


@pytest.fixture(scope="module")
def dated_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_at(dated_repo(tmp_path_factory.mktemp("dated")), EPOCH)


@pytest.fixture(scope="module")
def later_site(dated_site: Path) -> Path:
    """The same repository rebuilt five days later, with no change but the date."""
    return build_at(dated_site.parent, LATER, "site-later")


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def ids(html: str, kind: str) -> list[str]:
    return re.findall(rf'id="{kind}-([a-z0-9-]+)"', html)


def jsonld(html: str) -> list[dict[str, object]]:
    return [json.loads(m) for m in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)]


def calendars(site: Path) -> dict[str, icalendar.Calendar]:
    return {p.relative_to(site).as_posix(): icalendar.Calendar.from_ical(p.read_bytes())
            for p in sorted((site / "calendars").rglob("*.ics"))}


def vevents(cal: icalendar.Calendar) -> list[icalendar.Event]:
    return list(cal.walk("VEVENT"))


# --- pages -------------------------------------------------------------------------------------


def test_volunteer_page_lists_the_open_calls_soonest_first(dated_site: Path) -> None:
    html = page(dated_site, "volunteer")
    # Ongoing first (open now), then by first day; the expired call is gone.
    assert ids(html, "call") == ["translate", "beach-clean", "expires-soon", "camp", "hostile"]
    assert "อาสาที่ปิดรับแล้ว" not in html
    # The filters are hidden until their script runs: without JavaScript the whole list shows.
    assert re.search(r'<form class="gm-filters gm-dated-filters"[^>]* hidden>', html)
    call = html[html.index('id="call-camp"'):html.index('id="call-hostile"')]
    for fact in ("10 ธันวาคม 2569", "12 ธันวาคม 2569", "1 ธันวาคม 2569",  # dates in Buddhist Era
                 "บางส่วนทำจากที่อื่นได้", "ไม่อยู่กับเด็กตามลำพัง", "กลุ่ม kids", "กลุ่ม peace-a"):
        assert fact in call, fact
    assert 'data-province="95" data-focus="orphans peace" data-start="2026-12-10" data-end="2026-12-12" ' \
           'data-apply-by="2026-12-01" data-remote="partly"' in call
    beach = html[html.index('id="call-beach-clean"'):html.index('id="call-expires-soon"')]
    assert "09:00 น." in beach and "12:00 น." in beach and "เวลาประเทศไทย" in beach
    assert "15 ปี" in beach


def test_events_page_has_upcoming_soonest_first_and_past(dated_site: Path) -> None:
    html = page(dated_site, "events")
    upcoming, past = html.split('id="past"')
    assert ids(upcoming, "event") == ["open-day", "meeting-2569", "hostile-event"]
    assert ids(past, "event") == ["past-training"]
    assert "ยกเลิก" in upcoming[upcoming.index('id="event-open-day"'):]


def test_event_page_json_ld_at_the_public_precision(dated_site: Path) -> None:
    (meeting,) = jsonld(page(dated_site, "events/meeting-2569"))
    assert meeting["@type"] == "Event" and meeting["name"] == "ประชุมเครือข่ายครั้งที่สอง"
    assert meeting["startDate"] == "2026-12-05T09:00:00+07:00"
    assert meeting["endDate"] == "2026-12-05T16:00:00+07:00"
    assert meeting["eventStatus"] == "https://schema.org/EventScheduled"
    assert meeting["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    location = meeting["location"]
    assert isinstance(location, dict) and location["name"] == "หอประชุมโรงเรียนบ้านแหลม"
    assert location["geo"] == {"@type": "GeoCoordinates", "latitude": 6.5412, "longitude": 101.2803}
    assert [o["name"] for o in meeting["organizer"]] == ["กลุ่ม peace-a", "กลุ่ม beach"]  # type: ignore[attr-defined]
    (open_day,) = jsonld(page(dated_site, "events/open-day"))
    assert open_day["eventStatus"] == "https://schema.org/EventCancelled"
    # No public venue: the group's public position (district precision), never its own.
    public = coarsen(7.2, 100.6, "district")
    assert open_day["location"]["geo"]["latitude"] == public.lat  # type: ignore[index]
    (training,) = jsonld(page(dated_site, "events/past-training"))
    assert training["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert {"@type": "VirtualLocation", "url": "https://meet.example.org/first-aid"} in training["location"]  # type: ignore[operator]


def test_events_and_calls_share_their_own_absolute_address(dated_site: Path) -> None:
    """An event page shares itself; a call (it has no page) shares the list opened at it."""
    from urllib.parse import parse_qs, urlsplit

    def shared(block: str) -> tuple[str, str]:
        line = unescape(re.search(r'gm-share__line" href="([^"]+)"', block)[1])  # type: ignore[index]
        fb = unescape(re.search(r'gm-share__facebook" href="([^"]+)"', block)[1])  # type: ignore[index]
        return parse_qs(urlsplit(line).query)["url"][0], parse_qs(urlsplit(fb).query)["u"][0]

    event = page(dated_site, "events/meeting-2569")
    assert shared(event[event.index('class="gm-share"'):]) == (f"{SITE_URL}events/meeting-2569/",) * 2
    html = page(dated_site, "volunteer")
    camp = html[html.index('id="call-camp"'):html.index('id="call-hostile"')]
    assert shared(camp) == (f"{SITE_URL}volunteer/#call-camp",) * 2


def test_home_shows_the_next_event_and_the_way_to_volunteer(dated_site: Path) -> None:
    html = (dated_site / "index.html").read_text(encoding="utf-8")
    block = html[html.index('class="gm-next-event"'):]
    # The cancelled open day is not "the next event": the meeting is.
    assert ids(block, "event")[:1] == ["meeting-2569"]
    assert 'href="volunteer/"' in html and "ประกาศรับอาสาที่เปิดอยู่ 5 ประกาศ" in html


def test_group_page_lists_its_open_calls_and_upcoming_events(dated_site: Path) -> None:
    html = page(dated_site, "orgs/peace-a")
    section = html[html.index("gm-org-dated"):]
    assert "../../volunteer/#call-translate" in section and "../../volunteer/#call-camp" in section
    assert "../../events/meeting-2569/" in section and "past-training" not in section
    assert "../../calendars/orgs/peace-a.ics" in section
    kids = page(dated_site, "orgs/kids")
    assert ids(kids[kids.index("gm-org-dated"):], "event") == ["hostile-event"]  # not the past training


def test_subscribe_page_lists_the_calendars(dated_site: Path) -> None:
    html = page(dated_site, "subscribe")
    for path in ("calendars/network.ics", "calendars/province/yala.ics", "calendars/orgs/kids.ics",
                 "calendars/focus/orphans.ics"):
        assert f'href="../{path}"' in html and f'href="webcal://example.org/guide/{path}"' in html
        # Android's Google Calendar ignores webcal://: its "add by URL" link beside it
        google = ("https://calendar.google.com/calendar/r?cid="
                  + quote(f"webcal://example.org/guide/{path}", safe=""))
        assert f'href="{google}"' in html
    assert 'href="../follow/calls/"' in html and 'href="../feeds/calls.xml"' not in html


def test_the_empty_state_helps(tmp_path: Path) -> None:
    site = build_at(dated_repo(tmp_path, calls={}, events={}), EPOCH)
    html = page(site, "volunteer")
    assert "ตอนนี้ยังไม่มีประกาศรับอาสาที่เปิดอยู่" in html
    # Every fixture group needs volunteers: each is listed with a link, and how to post a call.
    for org_id in ("beach", "kids", "peace-a"):
        assert f'href="../orgs/{org_id}/"' in html
    assert "issues/new?template=add-call.yml" in html
    # No calendar without an entry (RFC 5545 wants one), and no page offers one.
    assert not (site / "calendars").exists()
    assert "network.ics" not in html and "network.ics" not in page(site, "events")
    # "Tell me when a group in Yala asks for volunteers": each province's alert feed, by its
    # page for people; the feed exists before its first call, empty and valid.
    assert 'href="../follow/alerts/province/yala/"' in html and "แจ้งฉัน" in unwrap_words(html)
    empty = feedparser.parse((site / "feeds" / "alerts" / "province" / "yala.xml").read_bytes())
    assert not empty.bozo and empty.entries == []
    assert (site / "follow/alerts/province/yala/index.html").is_file()



def test_the_empty_state_of_a_large_network_lists_thirty_and_links_to_the_rest(tmp_path: Path) -> None:
    from conftest import make_repo, org_yaml
    from guidemap.contract.load.repository import load_repository
    from guidemap.outputs.pages import calls
    from guidemap.outputs.pages.common import SHORT_LIST
    from guidemap.outputs.site.types import SiteInfo

    orgs = {f"g{i:02d}": org_yaml(f"g{i:02d}") for i in range(35)}  # each needs volunteers
    data = load_repository(make_repo(tmp_path, orgs)).dataset
    site = SiteInfo("t", "https://example.org/", None, today=dt.date(2026, 11, 18))
    html = calls.volunteer_page(data, site).html
    listed = re.findall(r'<ul class="gm-welcoming">(.*?)</ul>', html)[0]
    assert listed.count("<li>") == SHORT_LIST == 30
    assert 'href="../orgs/?need=volunteers"' in html and "30 กลุ่มแรกจาก 35 กลุ่ม" in html

# --- calendars -----------------------------------------------------------------------------------


def test_calendar_files_parse_with_the_right_entries(dated_site: Path) -> None:
    cals = calendars(dated_site)
    network = vevents(cals["calendars/network.ics"])
    uids = [str(e["UID"]) for e in network]
    # 4 events (past ones stay in calendars) + 5 open calls (the ongoing one has no date to show).
    assert len(network) == 8 and len(set(uids)) == 8
    assert "call-expired@example.org" not in uids and "call-translate@example.org" not in uids
    by_uid = {str(e["UID"]): e for e in network}
    meeting = by_uid["event-meeting-2569@example.org"]
    assert str(meeting["SUMMARY"]) == "ประชุมเครือข่ายครั้งที่สอง"
    assert meeting.decoded("DTSTART") == dt.datetime(2026, 12, 5, 2, 0, tzinfo=dt.timezone.utc)  # 09:00 +07
    assert meeting.decoded("DTSTAMP") == dt.datetime(2026, 11, 2, tzinfo=dt.timezone.utc)  # from updated
    assert str(meeting["LOCATION"]) == "หอประชุมโรงเรียนบ้านแหลม, ยะลา"
    assert str(by_uid["event-open-day@example.org"]["STATUS"]) == "CANCELLED"
    camp = by_uid["call-camp@example.org"]
    assert camp.decoded("DTSTART") == dt.date(2026, 12, 10) and camp.decoded("DTEND") == dt.date(2026, 12, 13)
    assert {p: len(vevents(c)) for p, c in cals.items() if "/orgs/" in p} == {
        "calendars/orgs/beach.ics": 3, "calendars/orgs/kids.ics": 4, "calendars/orgs/peace-a.ics": 3}
    assert len(vevents(cals["calendars/events/hostile-event.ics"])) == 1
    for cal in cals.values():
        assert str(cal["VERSION"]) == "2.0" and str(cal["PRODID"])


def test_hostile_text_cannot_forge_calendar_entries_or_markup(dated_site: Path) -> None:
    for path, cal in calendars(dated_site).items():
        raw = (dated_site / path).read_text(encoding="utf-8")
        assert raw.splitlines().count("BEGIN:VEVENT") == len(vevents(cal)), path  # no component but ours
        for event in vevents(cal):
            assert "forged" not in str(event["SUMMARY"])
            # The description is what the page shows as text: its Markdown's markup is gone.
            assert "<script" not in str(event["DESCRIPTION"]) and "onclick" not in str(event["DESCRIPTION"])
    (hostile,) = vevents(calendars(dated_site)["calendars/events/hostile-event.ics"])
    # Text is text (RFC 5545): the very words, separators and all, as the page shows them.
    assert str(hostile["SUMMARY"]) == HOSTILE
    assert "END:VEVENT BEGIN:VEVENT SUMMARY:forged;x,y" in str(hostile["DESCRIPTION"])  # words, nothing more


def test_calendars_import_into_khal(dated_site: Path, tmp_path: Path) -> None:
    run = khal_runner(tmp_path)
    run("import", "--batch", "-a", "site", str(dated_site / "calendars" / "network.ics"))
    listed = run("list", "--day-format", "", "--format", "{start}|{end}|{title}|{status}",
                 "2026-09-01", "180d").splitlines()
    rows = sorted({line.strip() for line in listed if "|" in line})
    assert "2026-12-05 09:00|2026-12-05 16:00|ประชุมเครือข่ายครั้งที่สอง|CONFIRMED" in rows  # Thai time
    assert "2026-10-01 09:00|2026-10-01 15:00|อบรมปฐมพยาบาล|CONFIRMED" in rows
    assert "2026-11-28|2026-11-28|วันเปิดบ้านกลุ่มชายหาด|CANCELLED" in rows
    assert "2026-11-21 09:00|2026-11-21 12:00|รับอาสา / Volunteers: อาสาเก็บขยะชายหาด|CONFIRMED" in rows
    assert len({r.split("|")[2] for r in rows}) == 8  # every entry of the file, once


def test_expired_call_leaves_pages_feeds_and_calendars_after_a_later_build(later_site: Path) -> None:
    assert ids(page(later_site, "volunteer"), "call") == ["translate", "camp", "hostile"]
    uids = [str(e["UID"]) for e in vevents(calendars(later_site)["calendars/network.ics"])]
    assert "call-expires-soon@example.org" not in uids and "call-beach-clean@example.org" not in uids
    feed = feedparser.parse((later_site / "feeds" / "calls.xml").read_bytes())
    assert [e.link.rsplit("-", 1)[0] for e in feed.entries] and all(
        "expires-soon" not in e.link for e in feed.entries)
    assert "ประกาศรับอาสาที่เปิดอยู่ 3 ประกาศ" in (later_site / "index.html").read_text(encoding="utf-8")


def test_calendars_and_call_feeds_are_byte_identical_between_builds(dated_site: Path) -> None:
    again = build_at(dated_site.parent, EPOCH, "site-again")
    files = [p.relative_to(dated_site) for p in sorted((dated_site / "calendars").rglob("*.ics"))]
    files += [Path("feeds/calls.xml"), Path("feeds/calls.atom"), Path("data/calls.json"),
              Path("data/events.json")]
    assert len(files) > 10
    for rel in files:
        assert (dated_site / rel).read_bytes() == (again / rel).read_bytes(), rel


# --- the calls' feeds, checked like the newsletter's ---------------------------------------------

ATOM = "{http://www.w3.org/2005/Atom}"


def test_call_feeds_pass_the_newsletters_checks(dated_site: Path) -> None:
    rss_path, atom_path = dated_site / "feeds/calls.xml", dated_site / "feeds/calls.atom"
    for path in (rss_path, atom_path):
        parsed = feedparser.parse(path.read_bytes())
        assert parsed.bozo == 0, parsed.get("bozo_exception")
        assert len(parsed.entries) == 5
        etree.fromstring(path.read_bytes())
    channel = etree.fromstring(rss_path.read_bytes()).find("channel")
    assert channel is not None and channel.findtext("language") == "th"
    links = [el for el in channel.iter(f"{ATOM}link") if el.get("rel") == "self"]
    assert [el.get("href") for el in links] == [SITE_URL + "feeds/calls.xml"]
    items = list(channel.iter("item"))
    guids = [i.findtext("guid") for i in items]
    assert guids == [i.findtext("link") for i in items] and len(set(guids)) == 5
    assert all(g and g.startswith(SITE_URL + "volunteer/#call-") for g in guids)
    # Newest posted first; the channel's date is the newest item's, not the build's.
    assert channel.findtext("lastBuildDate") == "Wed, 11 Nov 2026 00:00:00 +0700"
    assert items[0].findtext("pubDate") == "Wed, 11 Nov 2026 00:00:00 +0700"
    for item in items:
        html = item.findtext("{http://purl.org/rss/1.0/modules/content/}encoded") or ""
        markup = re.findall(r"<[^>]*>", html)  # the tags of the item's HTML (text is escaped)
        for bad in ("<script", "onerror", "onclick", "javascript:"):
            assert not any(bad in tag for tag in markup), bad
        for url in re.findall(r'(?:href|src)="([^"]*)"', html):
            assert url.startswith(("https://", "http://")), url
    hostile = next(e for e in feedparser.parse(rss_path.read_bytes()).entries if "call-hostile" in e.link)
    assert unescape(hostile.title) == HOSTILE  # the reader shows the very words
    # RSS title and description are HTML to a reader: the text is escaped there, so "<script>"
    # reaches the reader as characters; Atom's title is plain text, the characters themselves.
    rss_item = next(i for i in items if "call-hostile" in (i.findtext("link") or ""))
    for name in ("title", "description"):
        assert "&lt;script&gt;window.__pwned" in (rss_item.findtext(name) or ""), name
        assert "<script" not in (rss_item.findtext(name) or ""), name
    atom = etree.fromstring(atom_path.read_bytes())
    titles = [e.findtext(f"{ATOM}title") or "" for e in atom.iter(f"{ATOM}entry")]
    assert HOSTILE in titles


# --- hostile text in pages and JSON-LD -------------------------------------------------------------


@pytest.mark.parametrize("url", ["volunteer", "events", "events/hostile-event", "orgs/kids"])
def test_hostile_text_is_inert_in_pages(dated_site: Path, url: str) -> None:
    html = page(dated_site, url) if url else (dated_site / "index.html").read_text(encoding="utf-8")
    assert "ร้าย &amp; &lt;script&gt;window.__pwned=1&lt;/script&gt;" in html  # shown, as text
    for bad in ("<script>window.__pwned", "<img src=x", "<b onclick", "onerror=window.__pwned=2>"):
        assert bad not in html, bad
    raw_ld = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert all("<" not in s for s in raw_ld)  # nothing in JSON-LD can close its <script>


def test_hostile_event_json_ld_keeps_the_words_as_data(dated_site: Path) -> None:
    (data,) = jsonld(page(dated_site, "events/hostile-event"))
    assert data["name"] == HOSTILE  # the very words, as data, escaped for <script>
    assert data["location"]["name"] == HOSTILE  # type: ignore[index]
    assert data["startDate"] == "2026-12-24T18:30:00+07:00"


def test_open_data_carries_open_calls_and_every_event_public_fields_only(dated_site: Path,
                                                                        later_site: Path) -> None:
    calls = json.loads((dated_site / "data/calls.json").read_text(encoding="utf-8"))
    events = json.loads((dated_site / "data/events.json").read_text(encoding="utf-8"))
    assert [c["id"] for c in calls] == ["beach-clean", "camp", "expires-soon", "hostile", "translate"]
    assert [e["id"] for e in events] == ["hostile-event", "meeting-2569", "open-day", "past-training"]
    camp = next(c for c in calls if c["id"] == "camp")
    assert camp["start"] == "2026-12-10" and camp["apply_by"] == "2026-12-01"
    assert camp["background_check"] is True and camp["remote"] == "partly"
    assert camp["location"] == {"lat": 6.55, "lon": 101.3, "precision": "district"}  # the group's, coarse
    meeting = next(e for e in events if e["id"] == "meeting-2569")
    assert meeting["venue"] == {"th": "หอประชุมโรงเรียนบ้านแหลม"} and meeting["location"]["lat"] == 6.5412
    assert next(e for e in events if e["id"] == "open-day")["status"] == "cancelled"
    later = json.loads((later_site / "data/calls.json").read_text(encoding="utf-8"))
    assert "expires-soon" not in [c["id"] for c in later]
