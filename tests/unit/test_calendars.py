"""What calendar apps read in the calendar files (RFC 5545), on the repository with every dated
kind (tests/every_kind.py), made by the writer directly (no build): where an entry is, its text,
whether it makes time busy, which groups and provinces get a file, who publishes it, its name
and its revision."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re

import icalendar
import pytest

from every_kind import NETWORK_EMAIL, every_kind_repo
from guidemap.contract import network
from guidemap.contract.load.repository import load_repository
from guidemap.contract.model.types import Dataset
from guidemap.outputs.feeds.calendars import calendar_files, calendar_index
from guidemap.outputs.opendata.dated import calls_json, events_json
from guidemap.outputs.site.types import SiteInfo

TODAY = dt.date(2026, 11, 18)


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Dataset, SiteInfo]:
    result = load_repository(every_kind_repo(tmp_path_factory.mktemp("every")))
    assert not result.problems, result.problems.report()
    site = SiteInfo("Test guide, ใต้; ชายแดน \\ x", "https://example.org/guide/", None, today=TODAY,
                    network=result.network)
    return result.dataset, site


def parsed(files: dict[str, bytes]) -> dict[str, icalendar.Calendar]:
    return {path: icalendar.Calendar.from_ical(raw) for path, raw in files.items()}


def entries(files: dict[str, bytes]) -> dict[str, icalendar.Event]:
    return {str(e["UID"]).split("@")[0]: e for e in parsed(files)["calendars/network.ics"].walk("VEVENT")}


def test_an_online_event_or_a_call_from_anywhere_has_no_place(loaded: tuple[Dataset, SiteInfo]) -> None:
    found = entries(calendar_files(*loaded))
    for uid in ("event-online-talk", "call-anywhere"):
        assert "LOCATION" not in found[uid] and "GEO" not in found[uid], uid
    # Where people go, the place stays: a mixed event at its venue, a call partly done on site.
    workshop = found["event-mixed-workshop"]
    assert str(workshop["LOCATION"]) == "ศาลาประชาคม, สงขลา"
    assert (workshop["GEO"].latitude, workshop["GEO"].longitude) == (7.19, 100.59)
    assert str(found["call-long-call"]["LOCATION"]) == "ยะลา" and "GEO" in found["call-long-call"]
    # The open data says the same: no position for them.
    data, site = loaded
    events = {e["id"]: e for e in json.loads(events_json(data.events, site.today))}
    calls = {c["id"]: c for c in json.loads(calls_json(data.calls, site.today))}
    assert "location" not in events["online-talk"] and "location" not in calls["anywhere"]
    assert "location" in events["mixed-workshop"] and "location" in calls["long-call"]


def test_descriptions_are_the_plain_text_of_their_markdown(loaded: tuple[Dataset, SiteInfo]) -> None:
    found = entries(calendar_files(*loaded))
    text = str(found["call-long-call"]["DESCRIPTION"])
    assert text.startswith("สอน ภาษาไทย ให้เด็กในชุมชน ดู รายละเอียด (https://example.org/teach) ก่อนสมัคร\n\n"
                           "• วันจันทร์ถึงศุกร์\n• ช่วงเย็น a < b > c\n\n")
    talk = str(found["event-online-talk"]["DESCRIPTION"])
    assert "ฟัง วิทยากร สามคน แล้วถามได้ที่ แบบฟอร์ม (https://example.org/ask)\n\nThree speakers, then questions." \
        in talk
    for entry in found.values():
        described = str(entry["DESCRIPTION"])
        assert "**" not in described and "](" not in described and "‹" not in described
        # No markup the Markdown made (what a page shows as text, "<img ...>" typed as words, stays).
        assert not re.search(r"</?(?:p|strong|em|a|ul|ol|li|br|h[1-6]|script|b)\b", described), described


def test_markdown_text_reads_blocks_lists_and_links() -> None:
    from guidemap.outputs.feeds.text import markdown_text

    assert markdown_text("# หัว\n\nก **ข** [ค](https://e.org/x)  \nง\n\n1. หนึ่ง\n2. สอง\n\n"
                         "<script>alert(1)</script>[ที่นี่](../orgs/x/) <https://e.org/y>") == (
        "หัว\n\nก ข ค (https://e.org/x)\nง\n\n1. หนึ่ง\n2. สอง\n\nที่นี่ https://e.org/y")


def test_calls_never_make_time_busy(loaded: tuple[Dataset, SiteInfo]) -> None:
    found = entries(calendar_files(*loaded))
    calls = [e for uid, e in found.items() if uid.startswith("call-")]
    assert len(calls) >= 5 and all(str(e["TRANSP"]) == "TRANSPARENT" for e in calls)
    long_call = found["call-long-call"]
    assert long_call.decoded("DTEND") - long_call.decoded("DTSTART") == dt.timedelta(days=56)
    assert str(found["event-open-day"]["TRANSP"]) == "TRANSPARENT"  # cancelled
    assert str(found["event-meeting-2569"].get("TRANSP", "OPAQUE")) == "OPAQUE"


def test_undated_calls_make_no_calendar_and_none_is_offered(loaded: tuple[Dataset, SiteInfo]) -> None:
    data, site = loaded
    files = calendar_files(data, site)
    assert "calendars/orgs/undated.ics" not in files and "calendars/province/satun.ics" not in files
    assert all("undated" not in path and "satun" not in path for _, _, path in calendar_index(data, site))
    for path, cal in parsed(files).items():
        assert cal.walk("VEVENT"), f"{path} has no entry"
    # With nothing dated at all, not even the network's.
    bare = dataclasses.replace(data, events=[], calls=[c for c in data.calls if c.id == "undated-only"])
    assert calendar_files(bare, site) == {} and calendar_index(bare, site) == []


def test_the_group_page_offers_its_calendar_only_when_it_has_one(loaded: tuple[Dataset, SiteInfo]) -> None:
    from guidemap.outputs.pages.calls import volunteer_page
    from guidemap.outputs.pages.events import events_page
    from guidemap.outputs.registry import site_outputs

    data, site = loaded
    pages = {p.url: p.html for p in site_outputs(data, site).pages}
    assert "orgs/undated.ics" not in pages["orgs/undated/"]
    assert "อาสาประจำคลินิก" in pages["orgs/undated/"]  # its call is listed, with no calendar
    assert 'href="../../calendars/orgs/kids.ics"' in pages["orgs/kids/"]
    bare = dataclasses.replace(data, events=[], calls=[c for c in data.calls if c.id == "undated-only"])
    for made in (volunteer_page(bare, site), events_page(bare, site)):
        assert "network.ics" not in made.html and "webcal:" not in made.html, made.url


def test_publish_names_the_network_as_organiser_else_no_method(loaded: tuple[Dataset, SiteInfo]) -> None:
    data, site = loaded
    for cal in parsed(calendar_files(data, site)).values():
        assert str(cal["METHOD"]) == "PUBLISH"
        for entry in cal.walk("VEVENT"):
            assert str(entry["ORGANIZER"]) == f"mailto:{NETWORK_EMAIL}"
            assert entry["ORGANIZER"].params["CN"] == "เครือข่ายทดสอบ, 'ใต้'; ชายแดน"
    without = dataclasses.replace(site, network=network.DEFAULT)  # no e-mail: no iTIP method
    for path, cal in parsed(calendar_files(data, without)).items():
        assert "METHOD" not in cal, path
        assert all("ORGANIZER" not in e for e in cal.walk("VEVENT")), path


def test_the_calendar_name_is_escaped_text(loaded: tuple[Dataset, SiteInfo]) -> None:
    raw = calendar_files(*loaded)["calendars/orgs/kids.ics"].decode("utf-8")
    unfolded = raw.replace("\r\n ", "")
    assert "X-WR-CALNAME:Test guide\\, ใต้\\; ชายแดน \\\\ x: กลุ่ม kids\r\n" in unfolded


def test_sequence_grows_with_the_entrys_updated_date(loaded: tuple[Dataset, SiteInfo]) -> None:
    from guidemap.outputs.feeds.calendars import sequence

    data, site = loaded
    talk = next(e for e in data.events if e.id == "online-talk")
    changed = dataclasses.replace(talk, updated=talk.updated + dt.timedelta(days=3))
    assert sequence(talk) == (dt.date(2026, 11, 16) - dt.date(1970, 1, 1)).days
    assert sequence(changed) == sequence(talk) + 3
    before = entries(calendar_files(data, site))["event-online-talk"]
    after = entries(calendar_files(dataclasses.replace(
        data, events=[changed if e.id == talk.id else e for e in data.events]), site))["event-online-talk"]
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"]) >= 0
    assert calendar_files(data, site) == calendar_files(data, site)  # the same input, the same bytes


def test_pages_say_online_or_anywhere_where_nobody_goes(loaded: tuple[Dataset, SiteInfo]) -> None:
    from guidemap.outputs.pages.calls import volunteer_page
    from guidemap.outputs.pages.events import event_jsonld, event_pages

    data, site = loaded
    pages = {p.url: p.html for p in event_pages(data, site)}
    talk = pages["events/online-talk/"]
    where = talk.split("Where", 1)[1].split("</dd>", 1)[0]
    assert "ออนไลน์" in where and "Online" in where
    assert "ออนไลน์" not in pages["events/mixed-workshop/"].split("Where", 1)[1].split("</dd>", 1)[0]
    calls = volunteer_page(data, site).html
    anywhere = calls.split('id="call-anywhere"', 1)[1].split("Where", 1)[1].split("</dd>", 1)[0]
    assert "ที่ไหนก็ได้" in anywhere and "Anywhere" in anywhere
    orgs = {o.id: o for o in data.orgs}
    talk_event = next(e for e in data.events if e.id == "online-talk")
    assert "geo" not in json.dumps(event_jsonld(talk_event, orgs, site))
