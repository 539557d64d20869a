"""schema.org JSON-LD, read as structured-data tools read it (extruct) and checked against the
schema.org vocabulary offline (tests/jsonld_check.py), on every page of this repository and of a
repository with every content type; and the shape search engines want: a group's position on a
``Place`` in ``location`` (an Organization has no ``geo``), its logo as ``logo``, its focus as
words, an event's picture."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from jsonld_check import page_problems, problems_of, site_problems


def blocks(page: Path) -> list[dict[str, Any]]:
    text = page.read_text(encoding="utf-8")
    return [json.loads(b) for b in re.findall(r'<script type="application/ld\+json">(.*?)</script>', text)]


def test_the_checker_finds_what_is_not_schema_org() -> None:
    bad = {"@type": "NGO", "geo": {"@type": "GeoCoordinates", "latitude": 6.8},
           "knowsAbout": ["peace"], "colour": "red", "foundingDate": 2005,
           "location": {"@type": "Spaceship"}}
    found = problems_of(bad)
    assert any(p.startswith("/geo: not a property of NGO") for p in found), found
    assert any(p.startswith("/colour: no such") for p in found), found
    assert any(p.startswith("/foundingDate: 2005") for p in found), found
    assert any(p.startswith("/location: @type 'Spaceship'") or "Spaceship" in p for p in found), found
    assert problems_of({"@type": "Event", "eventStatus": "https://schema.org/EventCancelled",
                        "name": "x", "location": {"@type": "Place", "geo": {
                            "@type": "GeoCoordinates", "latitude": 6.8, "longitude": 101.2}}}) == []
    assert page_problems('<script type="application/ld+json">{"@context":"https://schema.org",'
                         '"@type":"Thing","name":"x"}</script>') == (1, [])


@pytest.mark.parametrize("which", ["repository", "every type"])
def test_every_json_ld_block_is_schema_org(which: str, repo_site: Path, every_type_site: Path) -> None:
    site = repo_site if which == "repository" else every_type_site
    count, problems = site_problems(site)
    assert count >= 8 and problems == [], problems[:10]


def test_a_group_is_placed_named_by_its_words_and_shows_its_logo(every_type_site: Path) -> None:
    (ngo,) = blocks(every_type_site / "orgs" / "nong-chik-healing" / "index.html")
    assert "geo" not in ngo
    assert ngo["location"] == {"@type": "Place", "geo": {"@type": "GeoCoordinates",
                                                         "latitude": 6.87, "longitude": 101.25}}
    assert ngo["knowsAbout"] == ["การเยียวยา", "เด็กและเยาวชน", "เด็กกำพร้า"]
    assert ngo["logo"] == "https://example.org/guide/orgs/nong-chik-healing/logo.png"
    assert (every_type_site / "orgs" / "nong-chik-healing" / "logo.png").is_file()
    (plain,) = blocks(every_type_site / "orgs" / "quiet" / "index.html")
    assert "logo" not in plain


def test_a_story_with_a_picture_gives_it_as_the_articles_image(every_type_site: Path) -> None:
    (article,) = blocks(every_type_site / "stories" / "2026-11-01-camp-lessons" / "index.html")
    (picture,) = article["image"]
    assert picture.startswith("https://example.org/guide/stories/")
    assert (every_type_site / picture.removeprefix("https://example.org/guide/")).is_file()
    assert page_problems('<script type="application/ld+json">{"@context":"https://schema.org",'
                         '"@type":"Event","name":"x"}</script>')[1] == [
        "/location: missing (a Event needs it)", "/startDate: missing (a Event needs it)"]


def test_an_event_shows_its_organisers_logo_where_one_exists(every_type_site: Path) -> None:
    (talk,) = blocks(every_type_site / "events" / "online-talk" / "index.html")
    assert talk["image"] == ["https://example.org/guide/orgs/nong-chik-healing/logo.png"]
    (meeting,) = blocks(every_type_site / "events" / "meeting-2569" / "index.html")
    assert "image" not in meeting
