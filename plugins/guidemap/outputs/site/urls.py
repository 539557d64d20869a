"""The public URL scheme (stable once published) and relative links between pages.

Generated HTML is not passed through MkDocs' link rewriting, so links are made relative here,
and only to pages this module knows exist.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import quote

from guidemap.contract.model.types import Area, Org, Story

HOME = ""
DIRECTORY = "orgs/"
HELP = "help/"
PROVINCES = "provinces/"
FOCUS_INDEX = "focus/"
STORIES = "stories/"
MAP = "map/"
DATA_JSON = "data/orgs.json"
DATA_CSV = "data/orgs.csv"
# The directory's filters load this (id, name, province, focus, needs, offers, page) on first use.
DIRECTORY_JSON = "data/directory.json"
GEOJSON = "data/orgs.geojson"  # the guide map's data, also an open-data export
SCHEMA = "schema/org.schema.json"
SUBSCRIBE = "subscribe/"
GUIDE = "guide/"  # the printable guide
# Read only by a browser without JavaScript (linked inside <noscript>): hides what needs the script.
NOSCRIPT_CSS = "assets/guidemap/guidemap-noscript.css"
# The newsletter's feeds (stable once published: readers keep these addresses for years).
FEED_RSS = "feed.xml"
FEED_ATOM = "feed.atom"
RSS_TYPE = "application/rss+xml"
ATOM_TYPE = "application/atom+xml"


# The newsletter's numbered editions (outputs/editions/): the archive, one page per period
# (named by its first month, Buddhist Era: 'newsletter/2569-12/'), and their feed.
NEWSLETTER = "newsletter/"
EDITIONS_RSS = "feeds/editions.xml"


def edition(key: str) -> str:
    return f"{NEWSLETTER}{key}/"


# Calls for volunteers, network events and their calendar files (iCalendar).
VOLUNTEER = "volunteer/"
EVENTS = "events/"
CALENDAR = "calendars/network.ics"
CALLS_RSS = "feeds/calls.xml"
DATA_CALLS = "data/calls.json"
DATA_EVENTS = "data/events.json"
OPEN_DATA = "data/"  # the page that says what each data file holds, and its licence
ROBOTS = "robots.txt"
SITEMAP = "sitemap.xml"


def export_schema(name: str) -> str:
    """The JSON Schema of an open-data file (outputs/opendata/schemas.py), by the schema's name."""
    return f"schema/data/{name}.schema.json"
ICS_TYPE = "text/calendar"

# Reading offline (outputs/offline/): the service worker at the site's root (its scope is the
# site's path), the page shown for a page not saved, and each province's list to save.
SERVICE_WORKER = "sw.js"
OFFLINE = "offline/"
OFFLINE_SCRIPT = "assets/guidemap/guidemap-offline.js"


def offline_province(area: Area) -> str:
    return f"offline/provinces/{province_slug(area)}.json"


def event(event_id: str) -> str:
    return f"events/{event_id}/"


def call_anchor(call_id: str) -> str:
    return f"{VOLUNTEER}#call-{call_id}"


def event_calendar(event_id: str) -> str:
    return f"calendars/events/{event_id}.ics"


def province_calendar(area: Area) -> str:
    return f"calendars/province/{province_slug(area)}.ics"


def org_calendar(org_id: str) -> str:
    return f"calendars/orgs/{org_id}.ics"


def webcal(site_url: str | None, path: str) -> str | None:
    """The calendar's subscription address (``webcal://``): phones offer to subscribe to it."""
    absolute_url = absolute(site_url, path)
    if not absolute_url:
        return None
    return "webcal://" + absolute_url.split("://", 1)[1]


def org(org_id: str) -> str:
    return f"orgs/{org_id}/"


def province(area: Area) -> str:
    return f"provinces/{province_slug(area)}/"


def province_slug(area: Area) -> str:
    return re.sub(r"[^a-z0-9]+", "-", area.en.lower()).strip("-") or area.code


def focus(key: str) -> str:
    return f"focus/{key}/"


def paged(listing: str, number: int) -> str:
    """Page ``number`` of a long listing (outputs/pages/paging.py): the first page is the
    listing's own address, the others follow it: 'orgs/' → 'orgs/page/2/'."""
    return listing if number == 1 else f"{listing}page/{number}/"


def story(item: Story) -> str:
    return f"stories/{item.slug}/"


def story_image(item: Story) -> str | None:
    """The story's picture: a site path (a file beside the story is published beside its
    page's Markdown source; the validator refuses addresses on other sites)."""
    if not item.image:
        return None
    return posixpath.normpath(posixpath.join(posixpath.dirname(item.source), item.image))


def org_logo(org: Org) -> str:
    """Where a group's logo is published: beside its page, ``orgs/<id>/logo.<ext>``."""
    return f"orgs/{org.id}/logo{posixpath.splitext(org.logo or '')[1].lower()}"


def focus_feed(key: str) -> str:
    return f"feeds/focus/{key}.xml"


def province_feed(area: Area) -> str:
    return f"feeds/province/{province_slug(area)}.xml"


def org_feed(org_id: str) -> str:
    return f"feeds/orgs/{org_id}.xml"


def feed_page(rss_path: str) -> str:
    """The page for people about a feed (what it covers, its latest items, how to follow it):
    the site's buttons lead there, never to the XML, which a browser shows as raw code.
    'feed.xml' → 'follow/newsletter/', 'feeds/focus/peace.xml' → 'follow/focus/peace/' (pages
    apart from the feed files, whose folder holds only what readers fetch)."""
    if rss_path == FEED_RSS:
        return "follow/newsletter/"
    if rss_path.startswith("feeds/orgs/"):  # a group's: its own page says all that (below its stories)
        return org(rss_path.removeprefix("feeds/orgs/").removesuffix(".xml")) + "#follow"
    return "follow/" + rss_path.removeprefix("feeds/").removesuffix(".xml") + "/"


def alert_feed(kind: str, key: str) -> str:
    """The calls and events of one province (``kind`` 'province', ``key`` its slug) or focus."""
    return f"feeds/alerts/{kind}/{key}.xml"


def focus_calendar(key: str) -> str:
    return f"calendars/focus/{key}.ics"


def google_calendar(site_url: str | None, path: str) -> str | None:
    """Google Calendar's "add by URL" link for a calendar file: Android's Google Calendar
    (most phones here) does not open ``webcal://`` itself."""
    address = webcal(site_url, path)
    return f"https://calendar.google.com/calendar/r?cid={quote(address, safe='')}" if address else None


def atom_of(rss_path: str) -> str:
    """The Atom feed published beside an RSS feed: 'feeds/x.xml' → 'feeds/x.atom'."""
    return rss_path.removesuffix(".xml") + ".atom"


def src_uri(url: str) -> str:
    """The virtual Markdown file behind a directory URL: 'orgs/x/' → 'orgs/x.md'."""
    if url in ("", "/"):
        return "index.md"
    base = url.rstrip("/")
    if url in (DIRECTORY, PROVINCES, FOCUS_INDEX, STORIES, EVENTS, NEWSLETTER):
        return f"{base}/index.md"
    return f"{base}.md"


_DOT_SEGMENTS = frozenset((".", ".."))


def rel(frm: str, to: str) -> str:
    """Relative link from the page at URL ``frm`` to ``to`` (site-root-relative URLs)."""
    # Called some 60,000 times a build of 2,000 groups, nearly always for a new pair of pages
    # (so not memoized): the usual case goes without posixpath's normalizing.
    fragment = ""
    if "#" in to:
        to, fragment = to.split("#", 1)
        fragment = "#" + fragment
    here = list(filter(None, frm.split("/")))  # a page URL is a folder: 'orgs/x/'
    there = list(filter(None, to.split("/")))
    if (("." in frm and not _DOT_SEGMENTS.isdisjoint(here))
            or ("." in to and not _DOT_SEGMENTS.isdisjoint(there))):
        target = posixpath.relpath("/" + to.rstrip("/"), "/" + frm.rstrip("/") if frm else "/")
    else:
        same = 0
        while same < len(here) and same < len(there) and here[same] == there[same]:
            same += 1
        target = "/".join([".."] * (len(here) - same) + there[same:]) or "."
    if to == "" or to.endswith("/"):
        target = "./" if target == "." else target + "/"
    return target + fragment


def absolute(site_url: str | None, url: str) -> str | None:
    if not site_url:
        return None
    return site_url.rstrip("/") + "/" + url
