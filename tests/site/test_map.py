"""The guide map's build output: GeoJSON content, coarse coordinates only, escaping, local
assets only, and byte-for-byte identical builds."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from test_site import HOSTILE

from conftest import REPO, build, make_repo, org_yaml
from guidemap.contract.load.repository import load_repository
from guidemap.contract.location import GRID
from guidemap.outputs.map import geodata as map_geodata
from guidemap.outputs.map import settings as map_settings
from guidemap.outputs.map import view as map_view

PROPERTIES = {"name", "en", "focus", "province", "summary", "precision"}


def geojson(site: Path) -> dict:  # type: ignore[type-arg]
    data: dict = json.loads((site / "data" / "orgs.geojson").read_text(encoding="utf-8"))  # type: ignore[type-arg]
    return data


def on_grid(value: float, precision: str) -> bool:
    return (Decimal(repr(value)) % GRID[precision]) == 0


def test_geojson_has_every_group_with_public_fields_only(repo_site: Path) -> None:
    data = load_repository(REPO).dataset
    collection = geojson(repo_site)
    assert collection["type"] == "FeatureCollection"
    features = collection["features"]
    assert [f["id"] for f in features] == sorted(o.id for o in data.orgs)
    for f in features:
        org = data.org(f["id"])
        assert set(f["properties"]) <= PROPERTIES
        assert f["properties"]["name"] == org.name.best
        assert f["properties"]["focus"] == list(org.focus)
        lon, lat = f["geometry"]["coordinates"]
        assert (lat, lon) == (org.location.lat, org.location.lon)
        assert on_grid(lat, org.location.precision) and on_grid(lon, org.location.precision)
        # Nothing a profile keeps private or that the map does not need (contacts, raw text).
        assert "contact" not in json.dumps(f)


def test_marker_data_is_small(repo_site: Path) -> None:
    import gzip

    raw = (repo_site / "data" / "orgs.geojson").read_bytes()
    n = len(geojson(repo_site)["features"])
    assert len(gzip.compress(raw, 6)) / n < 200
    markers = (repo_site / map_settings.MARKERS).read_bytes()
    assert len(gzip.compress(markers, 6)) < len(gzip.compress(raw, 6)) / 2


def test_marker_file_matches_the_geojson(repo_site: Path) -> None:
    """The map draws and filters from the compact marker file: same groups, names, positions
    (the coarsened ones), focus and province as the GeoJSON it reads for popups."""
    data = json.loads((repo_site / map_settings.MARKERS).read_text(encoding="utf-8"))
    features = geojson(repo_site)["features"]
    assert len(data["groups"]) == len(features)
    for (gid, name, lon, lat, focus, province), f in zip(data["groups"], features, strict=True):
        assert gid == f["id"] and name == f["properties"]["name"]
        assert [lon, lat] == f["geometry"]["coordinates"]
        assert [data["focus"][k] for k in focus] == f["properties"]["focus"]
        assert province == f["properties"]["province"]


@pytest.mark.parametrize(("precision", "raw"), [("district", (6.86973, 101.25012)),
                                                 ("province", (6.86973, 101.25012)),
                                                 ("subdistrict", (6.86973, 101.25012))])
def test_map_never_shows_more_than_the_precision_allows(tmp_path: Path, precision: str,
                                                        raw: tuple[float, float]) -> None:
    text = org_yaml("secret-place", lat=str(raw[0]), lon=str(raw[1])).replace(
        "precision: district", f"precision: {precision}")
    repo = make_repo(tmp_path, {"secret-place": text})
    result = build(repo)
    assert result.returncode == 0, result.stderr
    site = repo / "site"
    (feature,) = geojson(site)["features"]
    lon, lat = feature["geometry"]["coordinates"]
    assert on_grid(lat, precision) and on_grid(lon, precision)
    for page in (site / "map" / "index.html", site / "orgs" / "secret-place" / "index.html",
                 site / "data" / "orgs.geojson", site / map_settings.MARKERS):
        text = page.read_text(encoding="utf-8")
        assert "6.8697" not in text and "101.2501" not in text, page


def test_hostile_names_are_data_not_code(tmp_path: Path) -> None:
    text = org_yaml("evil", name_th="'" + HOSTILE.replace("'", "''") + "'",
                    summary="'" + HOSTILE.replace("'", "''") + "'")
    repo = make_repo(tmp_path, {"evil": text})
    result = build(repo)
    assert result.returncode == 0, result.stderr
    site = repo / "site"
    (feature,) = geojson(site)["features"]
    assert feature["properties"]["name"] == HOSTILE  # kept as text, set with textContent
    page = (site / "map" / "index.html").read_text(encoding="utf-8")
    assert "<script>window.__pwned" not in page and "<img src=x" not in page
    # No contributed text in any inline script on the map page or a group page (JSON-LD is data).
    for html_file in (site / "map" / "index.html", site / "orgs" / "evil" / "index.html"):
        html_text = html_file.read_text(encoding="utf-8")
        for script in re.findall(r"<script>(.*?)</script>", html_text, re.S):
            assert "__pwned" not in script, html_file


def test_map_assets_are_local_and_only_where_a_map_is(repo_site: Path) -> None:
    for html_file in (repo_site / "map" / "index.html",
                      next((repo_site / "orgs").glob("*/index.html"))):
        html_text = html_file.read_text(encoding="utf-8")
        assert "leaflet.js" in html_text
        srcs = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html_text)
        assert not [s for s in srcs if re.match(r"(https?:)?//", s) and "leaflet" in s.lower()]
        for cdn in ("cdn.jsdelivr", "cdnjs", "code.jquery", "bootstrapcdn", "bootstrap", "font-awesome",
                    "fontawesome", "jquery"):
            assert not [s for s in srcs if cdn in s.lower()], (html_file, cdn)
        # folium's page-wide styles would restyle the theme.
        assert "html, body" not in html_text and "#map {" not in html_text
        for src in srcs:
            if not re.match(r"[a-z]+:", src) and "/assets/map/" in "/" + src.lstrip("./"):
                assert (html_file.parent / src).resolve().is_file(), src
    home = (repo_site / "index.html").read_text(encoding="utf-8")
    assert "leaflet.js" not in home and 'href="map/"' in home
    assert (repo_site / "assets" / "map" / "leaflet" / "leaflet.js").is_file()
    assert not list((REPO / "plugins").rglob("leaflet.js")), "Leaflet is not vendored in the repository"


def test_group_pages_link_to_their_place_on_the_map(repo_site: Path) -> None:
    data = load_repository(REPO).dataset
    for org in data.orgs:
        page = (repo_site / "orgs" / org.id / "index.html").read_text(encoding="utf-8")
        assert f'href="../../map/#{org.id}"' in page
        assert 'id="map_guidemap_mini"' in page
        assert f'data-lat="{org.location.lat!r}"' in page
    assert 'id="map_guidemap"' in (repo_site / "map" / "index.html").read_text(encoding="utf-8")


def test_two_builds_are_identical(tmp_path: Path) -> None:
    orgs = {f"g{i}": org_yaml(f"g{i}", focus="marine" if i % 2 else "peace") for i in range(3)}
    sites = []
    for name in ("a", "b"):
        repo = make_repo(tmp_path / name, orgs)
        assert build(repo).returncode == 0
        sites.append(repo / "site")
    for rel in ("map/index.html", "data/orgs.geojson", map_settings.MARKERS, "orgs/g1/index.html"):
        assert (sites[0] / rel).read_bytes() == (sites[1] / rel).read_bytes(), rel
    assert re.search(r'id="map_[0-9a-f]{32}"', (sites[0] / "map/index.html").read_text()) is None


def test_orgs_geojson_is_deterministic_and_compact() -> None:
    data = load_repository(REPO).dataset
    text = map_geodata.orgs_geojson(data.orgs)
    assert text == map_geodata.orgs_geojson(list(reversed(data.orgs)))
    assert text.endswith("}\n") and ": " not in text


def test_circle_radius_follows_precision() -> None:
    assert map_view.radius_m("province") > map_view.radius_m("district") > map_view.radius_m("subdistrict")
    assert map_view.radius_m("exact") < 50
