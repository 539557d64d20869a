"""Pictures that depend on nothing but the code (the icons, the default share picture) are taken
from the cache folder of an earlier build instead of drawn and compressed again: the same bytes,
and a new file name whenever the drawing, Pillow or zlib could change them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import PIL
import pytest

from every_type import every_type_repo
from guidemap.contract.load.repository import load_repository
from guidemap.outputs.html import icons, share
from guidemap.outputs.pictures import kept
from guidemap.outputs.registry import site_outputs
from guidemap.outputs.site.types import SiteInfo

SITE = SiteInfo("ไซต์", "https://example.org/", None)


def _refuse(*_: object) -> bytes:
    raise AssertionError("drawn again, not taken from the cache")


def test_icons_and_share_picture_come_from_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    drawn = {**icons.files(SITE), share.DEFAULT_IMAGE: share.default_image()}
    first = {**icons.files(SITE, cache), share.DEFAULT_IMAGE: share.default_image(cache)}
    assert first == drawn
    assert len(list(cache.glob("*.png"))) == len(icons.ICONS) + 1 and not list(cache.glob("*.tmp"))
    monkeypatch.setattr(icons, "icon", _refuse)
    monkeypatch.setattr(share, "_default_image", _refuse)
    assert {**icons.files(SITE, cache), share.DEFAULT_IMAGE: share.default_image(cache)} == drawn
    (tmp_path / "file").write_text("a file, not a folder")
    with pytest.raises(AssertionError):  # an unusable cache draws (here: refused)
        share.default_image(tmp_path / "file")


def test_an_unusable_cache_still_gives_the_pictures(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("a file, not a folder")
    assert share.default_image(tmp_path / "file") == share.default_image()


def test_the_name_changes_with_everything_the_bytes_depend_on(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    code = tmp_path / "drawing.py"
    code.write_text("SIZE = 1\n")
    name = kept.drawing_name(str(code), "icon", 48)
    assert name == kept.drawing_name(str(code), "icon", 48)
    assert name != kept.drawing_name(str(code), "icon", 192)
    code.write_text("SIZE = 2\n")  # the drawing changed
    assert name != (name := kept.drawing_name(str(code), "icon", 48))
    monkeypatch.setattr(PIL, "__version__", "0.0")  # another Pillow
    assert name != (name := kept.drawing_name(str(code), "icon", 48))
    monkeypatch.setattr(kept.features, "version", lambda name: "0.0")  # another zlib
    assert name != kept.drawing_name(str(code), "icon", 48)


def test_the_files_made_later_use_the_cache(tmp_path: Path) -> None:
    repo = every_type_repo(tmp_path / "repo")
    result = load_repository(repo, "orgs", repo / "content")
    site = SiteInfo("ไซต์", "https://example.org/", None, today=dt.date(2026, 11, 18), network=result.network)
    plain = site_outputs(result.dataset, site, repo / "orgs", repo / "content", files_later=True)
    cached = site_outputs(result.dataset, site, repo / "orgs", repo / "content", files_later=True,
                          cache=tmp_path / "cache")
    assert plain.later_files is not None and cached.later_files is not None
    assert cached.later_files() == plain.later_files()
    assert len(list((tmp_path / "cache").glob("*.png"))) == len(icons.ICONS) + 1
