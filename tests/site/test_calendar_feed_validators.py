"""The calendar files and feeds, as the programs that read them see them, on this repository and on
the test repository with every dated kind (tests/every_kind.py): every ``.ics`` parsed by
``icalendar`` and by libical (the library behind Evolution and GNOME Calendar) with no warning,
and imported into ``khal``; every feed read by ``feedparser`` without a "bozo" and through the W3C
Feed Validator's checks (tests/feed_checks.py). docs/quality.md lists them with their versions.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import feedparser
import icalendar
import pytest

from conftest import khal_runner
from dated_fixture import EPOCH, build_at
from every_kind import every_kind_repo
from feed_checks import atom_problems, rss_problems

SYSTEM_PYTHON = "/usr/bin/python3"  # Debian's: the venv cannot import gi (python3-gi)
# libical through its GObject bindings (gir1.2-ical-3.0): parse, then check_restrictions(), which
# adds an X-LIC-ERROR property for every RFC 5545 / iTIP (RFC 5546) rule a component breaks;
# libical's parser adds the same for a line it cannot read. Every one found is a warning.
LIBICAL = r"""
import json, sys
import gi
gi.require_version("ICalGLib", "3.0")
from gi.repository import ICalGLib as I

def errors(component, found):
    prop = component.get_first_property(I.PropertyKind.XLICERROR_PROPERTY)
    while prop is not None:
        found.append(component.kind_to_string(component.isa()) + ": " + prop.as_ical_string().strip())
        prop = component.get_next_property(I.PropertyKind.XLICERROR_PROPERTY)
    child = component.get_first_component(I.ComponentKind.ANY_COMPONENT)
    while child is not None:
        errors(child, found)
        child = component.get_next_component(I.ComponentKind.ANY_COMPONENT)
    return found

report = {}
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        component = I.Component.new_from_string(f.read())
    if component is None or component.isa() != I.ComponentKind.VCALENDAR_COMPONENT:
        report[path] = {"problems": ["libical could not read it as a VCALENDAR"], "events": 0}
        continue
    component.check_restrictions()
    report[path] = {"problems": errors(component, []),
                    "events": component.count_components(I.ComponentKind.VEVENT_COMPONENT)}
print(json.dumps(report))
"""


@pytest.fixture(scope="module")
def every_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_at(every_kind_repo(tmp_path_factory.mktemp("every-kind")), EPOCH)


# The address each site is built for: mkdocs.yml's default (SITE_URL unset), MINI_MKDOCS's.
SITE_URLS = {"repository": "http://127.0.0.1:8000/", "every-kind": "https://example.org/guide/"}


@pytest.fixture(params=["repository", "every-kind"])
def site(request: pytest.FixtureRequest) -> Path:
    name = "repo_site" if request.param == "repository" else "every_site"
    return Path(request.getfixturevalue(name))


def ics_files(site: Path) -> list[Path]:
    return sorted((site / "calendars").rglob("*.ics"))


def feed_files(site: Path) -> list[Path]:
    found = [site / "feed.xml", site / "feed.atom", *sorted((site / "feeds").rglob("*"))]
    return [p for p in found if p.is_file() and p.suffix in (".xml", ".atom")]


# --- calendars -----------------------------------------------------------------------------------


def test_every_calendar_parses_with_icalendar(site: Path) -> None:
    files = ics_files(site)
    assert files, "no calendar file"
    for path in files:
        cal = icalendar.Calendar.from_ical(path.read_bytes())
        events = list(cal.walk("VEVENT"))
        assert events, f"{path}: no entry (RFC 5545 wants a component)"
        assert not cal.errors and all(not e.errors for e in events), path
        for name in ("PRODID", "VERSION"):
            assert name in cal, (path, name)
        for event in events:
            for name in ("UID", "DTSTAMP", "DTSTART", "SUMMARY", "SEQUENCE"):
                assert name in event, (path, name)


def test_every_calendar_passes_libical_without_a_warning(site: Path) -> None:
    if not Path(SYSTEM_PYTHON).exists():
        pytest.fail("Debian's python3 is missing: run scripts/bootstrap.sh test")
    files = ics_files(site)
    done = subprocess.run([SYSTEM_PYTHON, "-c", LIBICAL, *map(str, files)], capture_output=True, text=True,
                          timeout=120, env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"})
    if done.returncode and ("ICalGLib" in done.stderr or "No module named 'gi'" in done.stderr):
        pytest.fail(f"libical's bindings are missing (gir1.2-ical-3.0, python3-gi): run "
                    f"scripts/bootstrap.sh test\n{done.stderr[-500:]}")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert {k: v["problems"] for k, v in report.items() if v["problems"]} == {}
    for path in files:
        entries = icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")
        assert report[str(path)]["events"] == len(entries), path


def test_every_calendar_imports_into_khal(site: Path, tmp_path: Path) -> None:
    files = ics_files(site)
    names = [f"c{n}" for n in range(len(files))]
    run = khal_runner(tmp_path, names, quiet=True)

    for name, path in zip(names, files, strict=True):
        run("import", "--batch", "-a", name, str(path))
        # Every entry of the file is in khal's calendar, once (one .ics file per imported UID: a
        # repeating event's moved dates are kept with it).
        entries = icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")
        expected = len({str(e["UID"]) for e in entries})
        assert len(list((tmp_path / name).glob("*.ics"))) == expected, path
    listed = run("list", "--day-format", "", "--format", "{title}", "2000-01-01", "20000d")
    assert listed.strip(), "khal lists nothing"


# --- feeds ---------------------------------------------------------------------------------------


def test_every_feed_parses_with_feedparser_without_bozo(site: Path) -> None:
    files = feed_files(site)
    assert len(files) >= 4
    for path in files:
        parsed = feedparser.parse(path.read_bytes(), sanitize_html=False)
        assert parsed.bozo == 0, (path, parsed.get("bozo_exception"))
        assert parsed.version in ("rss20", "atom10"), path


def test_every_feed_passes_the_w3c_checks(site: Path, request: pytest.FixtureRequest) -> None:
    base = SITE_URLS[request.node.callspec.params["site"]]
    problems: list[str] = []
    for path in feed_files(site):
        rel = path.relative_to(site).as_posix()
        check = atom_problems if path.suffix == ".atom" else rss_problems
        problems += check(path.read_bytes(), rel, base + rel)
    assert problems == []


def test_the_w3c_checks_can_fail() -> None:
    """Each check finds what it is for, on feeds broken on purpose."""
    rss = (b'<?xml version="1.0" encoding="UTF-8"?>'
           b'<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>t</title>'
           b'<link>https://e.org/</link><description>d</description><language>th</language>'
           b'<atom:link href="https://e.org/other.xml" rel="self"/>'
           b'<lastBuildDate>2026-01-01</lastBuildDate>'
           b'<item><title>a</title><guid>https://e.org/a</guid>'
           b'<content:encoded>&lt;li&gt;x&lt;/li&gt;&lt;a href="../b/"&gt;b&lt;/a&gt;'
           b'&lt;img src="x" onerror="y"&gt;</content:encoded></item>'
           b'<item><title>b</title><guid>https://e.org/a</guid><author>Somchai</author></item>'
           b'</channel></rss>')
    found = " ".join(rss_problems(rss, "f.xml", "https://e.org/f.xml"))
    for message in ("SelfDoesntMatchLocation", "InvalidRFC2822Date", "NotHtml", "ContainsRelRef",
                    "SecurityRisk", "DuplicateItem", "InvalidContact"):
        assert message in found, message
    atom = (b'<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom"><id>https://e.org/</id>'
            b'<title>t</title><updated>2026-01-01T00:00:00+07:00</updated>'
            b'<link href="https://e.org/f.atom" rel="self"/>'
            b'<entry><id>https://e.org/a</id><title>a</title><updated>2026-01-01T00:00:00+07:00</updated>'
            b'<link href="https://e.org/a"/></entry>'
            b'<entry><id>https://e.org/a</id><title>b</title><updated>2026-01-01T00:00:00+07:00</updated>'
            b'<content type="html">&lt;script&gt;x&lt;/script&gt;</content></entry></feed>')
    found = " ".join(atom_problems(atom, "f.atom", "https://e.org/f.atom"))
    for message in ("DuplicateEntries", "DuplicateUpdated", "MissingAuthor", "ContainsScript"):
        assert message in found, message
