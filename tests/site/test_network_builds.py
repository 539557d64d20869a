"""The network is passed to each build, not kept in the process: two sites with different
networks built one after the other in ONE process each get their own labels and keys, and the
same plugin object building again (as `mkdocs serve` does) after a label changes in
guidemap.yml shows the new label on every page, the listing cards included."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from conftest import make_repo, org_yaml

# A network that renames the first network's "peace" and adds a key of its own.
OWN = """\
name: {th: เครือข่ายทดสอบ, en: Test network}
focus:
  peace: {th: สันติสุขในชุมชน, en: Peace at home}
  forest: {th: ป่าชุมชน, en: Community forest}
needs:
  volunteers: {th: คนช่วยงาน, en: Helpers}
"""
FIRST_PEACE = "สันติภาพและความสมานฉันท์"  # the first network's label (no guidemap.yml)


@pytest.fixture(autouse=True)
def _build_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    monkeypatch.delenv("SITE_URL", raising=False)


def _site(root: Path, own_network: bool) -> Path:
    # The same group, id and text in both sites: only the network differs.
    orgs = {"a": org_yaml("a"), "b": org_yaml("b", focus="peace" + (", forest" if own_network else ""))}
    make_repo(root, orgs)
    if own_network:
        (root / "guidemap.yml").write_text(OWN, encoding="utf-8")
    return root


def _config(root: Path):  # type: ignore[no-untyped-def]
    return load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"), strict=True)


def _read(root: Path, path: str) -> str:
    return (root / "site" / path).read_text(encoding="utf-8")


def _check_own(root: Path) -> None:
    listing = _read(root, "orgs/index.html")
    assert "สันติสุขในชุมชน" in listing and FIRST_PEACE not in listing  # the cards
    assert "ป่าชุมชน" in listing  # the directory's filter
    assert "สันติสุขในชุมชน" in _read(root, "orgs/a/index.html")
    assert "คนช่วยงาน" in _read(root, "orgs/a/index.html")
    assert "สันติสุขในชุมชน" in _read(root, "focus/peace/index.html")
    assert (root / "site" / "focus" / "forest" / "index.html").is_file()
    directory = json.loads(_read(root, "data/directory.json"))
    assert directory["focus"]["peace"]["th"] == "สันติสุขในชุมชน" and "forest" in directory["focus"]
    schema = _read(root, "schema/org.schema.json")
    assert "forest" in schema and "marine" not in schema


def _check_first(root: Path) -> None:
    listing = _read(root, "orgs/index.html")
    assert FIRST_PEACE in listing and "สันติสุขในชุมชน" not in listing  # the cards
    assert "ป่าชุมชน" not in listing
    assert FIRST_PEACE in _read(root, "orgs/a/index.html")
    assert "คนช่วยงาน" not in _read(root, "orgs/a/index.html")
    assert not (root / "site" / "focus" / "forest").exists()
    directory = json.loads(_read(root, "data/directory.json"))
    assert directory["focus"]["peace"]["th"] == FIRST_PEACE and "forest" not in directory["focus"]
    schema = _read(root, "schema/org.schema.json")
    assert "forest" not in schema and "marine" in schema


def test_two_networks_built_in_one_process_each_get_their_own_output(tmp_path: Path) -> None:
    own, first = _site(tmp_path / "own", True), _site(tmp_path / "first", False)
    mkdocs_build(_config(own))
    mkdocs_build(_config(first))
    _check_own(own)
    _check_first(first)
    mkdocs_build(_config(own))  # and back again
    _check_own(own)


def test_a_rebuild_by_the_same_plugin_shows_a_changed_label_everywhere(tmp_path: Path) -> None:
    root = _site(tmp_path / "site-src", True)
    config = _config(root)
    mkdocs_build(config)
    _check_own(root)
    # Under `mkdocs serve`: the network file changes, the plugin object stays.
    (root / "guidemap.yml").write_text(OWN.replace("สันติสุขในชุมชน", "สันติภาพใหม่"), encoding="utf-8")
    mkdocs_build(config)
    for page in ("orgs/index.html", "orgs/a/index.html", "focus/peace/index.html", "index.html"):
        html = _read(root, page)
        assert "สันติภาพใหม่" in html and "สันติสุขในชุมชน" not in html, page
