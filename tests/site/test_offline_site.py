"""Reading offline, as built: the service worker at the site's root with what it keeps from a
first visit, each province's list for "Save for offline", the same bytes from the same input,
a new cache name for any change, and the plugin's option that turns it all off."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import MINI_MKDOCS, build, make_repo, org_yaml

ORGS = {
    "a-group": org_yaml("a-group"),
    "b-group": org_yaml("b-group", province="ยะลา", lat="6.54", lon="101.28"),
    "c-group": org_yaml("c-group", province="ยะลา", lat="6.55", lon="101.29"),
}


def _settings(site: Path) -> dict[str, object]:
    head = (site / "sw.js").read_text(encoding="utf-8").split("\n", 1)[0]
    found = re.fullmatch(r"self\.GUIDEMAP_OFFLINE = (\{.*\});", head)
    assert found, head
    settings: dict[str, object] = json.loads(found[1])
    return settings


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_repo(tmp_path_factory.mktemp("offline-site"), ORGS)
    result = build(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


def test_the_worker_keeps_the_first_pages_and_what_they_load(site: Path) -> None:
    settings = _settings(site)
    kept = settings["precache"]
    assert isinstance(kept, list)
    for page in ("", "orgs/", "volunteer/", "events/", "subscribe/", "guide/", "offline/"):
        assert page in kept
    assert any(re.fullmatch(r"assets/javascripts/bundle\.[0-9a-f]+\.min\.js", p) for p in kept)
    assert any(re.fullmatch(r"assets/stylesheets/main\.[0-9a-f]+\.min\.css", p) for p in kept)
    assert {"assets/guidemap/guidemap.css", "assets/guidemap/guidemap-offline.js",
            "assets/guidemap/favicon.png"} <= set(kept)
    assert not any(p.startswith("orgs/a-group") for p in kept)  # a group page: kept once opened
    for path in kept:
        assert (site / (path + "index.html" if path == "" or path.endswith("/") else path)).is_file(), path
    assert re.fullmatch(r"[0-9a-f]{16}", str(settings["build"]))


def test_every_page_registers_the_worker_from_a_file(site: Path) -> None:
    for page in ("index.html", "orgs/a-group/index.html", "offline/index.html"):
        text = (site / page).read_text(encoding="utf-8")
        assert re.search(r'<script src="[./]*assets/guidemap/guidemap-offline\.js"></script>', text), page
        assert "serviceWorker" not in text  # no inline script: the policy allows files of the site


def test_a_province_page_offers_its_list(site: Path) -> None:
    page = (site / "provinces/yala/index.html").read_text(encoding="utf-8")
    assert 'data-list="../../offline/provinces/yala.json"' in page
    assert "Save for offline" in page
    listed = json.loads((site / "offline/provinces/yala.json").read_text(encoding="utf-8"))
    assert listed["th"] == "ยะลา" and listed["page"] == "provinces/yala/"
    pages = [u for u in listed["urls"] if u.endswith("/")]
    assert pages == ["provinces/yala/", "orgs/b-group/", "orgs/c-group/"]
    assert "assets/map/leaflet/leaflet.js" in listed["urls"]  # a group page's small map, not kept before
    assert "orgs/a-group/" not in listed["urls"]  # another province's
    files = [site / (u + "index.html" if u.endswith("/") else u) for u in listed["urls"]]
    assert listed["bytes"] == sum(f.stat().st_size for f in files)


def test_the_same_input_gives_the_same_worker_and_a_change_a_new_cache(site: Path, tmp_path: Path) -> None:
    root = make_repo(tmp_path / "again", ORGS)
    assert build(root).returncode == 0
    assert (root / "site" / "sw.js").read_bytes() == (site / "sw.js").read_bytes()
    (root / "orgs" / "a-group.yml").write_text(org_yaml("a-group", summary="ทำงานอาสาในชุมชนริมทะเล"),
                                               encoding="utf-8")
    shutil.rmtree(root / "site")
    assert build(root).returncode == 0
    assert _settings(root / "site")["build"] != _settings(site)["build"]


def test_the_worker_surveys_the_files_as_they_are_written(tmp_path: Path) -> None:
    """The offline files are made from every file of the site; the helper's worker reads them as
    MkDocs writes them (the build reads only the last pages again), with the same bytes."""
    root = make_repo(tmp_path / "surveyed", ORGS)
    result = build(root, "--verbose")
    assert result.returncode == 0, result.stderr
    found = re.search(r"offline files: (\d+) files surveyed as they were written", result.stderr)
    assert found and int(found[1]) > 100, result.stderr[-2000:]
    site = root / "site"
    total = sum(1 for p in site.rglob("*") if p.is_file())
    assert int(found[1]) < total  # not the last page, nor the offline files


def test_the_option_turns_it_off(tmp_path: Path) -> None:
    yml = MINI_MKDOCS.replace("  - guidemap\n", "  - guidemap:\n      offline: false\n")
    root = make_repo(tmp_path / "off", ORGS, mkdocs_yml=yml)
    result = build(root)
    assert result.returncode == 0, result.stderr
    out = root / "site"
    assert not (out / "offline").exists()
    assert not (out / "assets/guidemap/guidemap-offline.js").exists()
    assert "guidemap-offline.js" not in (out / "index.html").read_text(encoding="utf-8")
    assert "gm-offline-save" not in (out / "provinces/yala/index.html").read_text(encoding="utf-8")
    retire = (out / "sw.js").read_text(encoding="utf-8")  # a worker kept from before retires
    assert "unregister()" in retire and "GUIDEMAP_OFFLINE" not in retire
