"""The site's icons and web manifest: a favicon and touch icon drawn at build time (Material's
own logo is not the network's), a manifest in Thai that opens the home page, the theme colour,
linked from every page; the same bytes every build."""

from __future__ import annotations

import io
import json
from pathlib import Path

from PIL import Image

from conftest import build, make_repo, org_yaml
from guidemap.outputs.html import icons


def test_every_page_links_the_manifest_icons_and_theme_colour(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, {"a": org_yaml("a")})
    result = build(repo)
    assert result.returncode == 0, result.stderr
    site = repo / "site"
    for page in ("index.html", "orgs/a/index.html", "orgs/index.html"):
        html = (site / page).read_text(encoding="utf-8")
        assert 'assets/guidemap/manifest.webmanifest">' in html, page
        assert 'rel="icon" href="' in html and "assets/guidemap/favicon.png" in html, page
        assert "assets/images/favicon.png" not in html  # not Material's logo
        assert f'<meta name="theme-color" content="{icons.THEME_COLOR}">' in html
    manifest = json.loads((site / icons.MANIFEST).read_text(encoding="utf-8"))
    assert manifest["lang"] == "th" and manifest["name"] == "Test guide"
    assert manifest["start_url"] == "../../" and manifest["display"] == "standalone"
    for entry in manifest["icons"]:
        with Image.open(site / "assets" / "guidemap" / entry["src"]) as im:
            assert f"{im.width}x{im.height}" == entry["sizes"]
    with Image.open(site / icons.TOUCH_ICON) as im:
        assert im.size == (180, 180)


def test_icons_are_the_same_bytes_every_time() -> None:
    assert icons.icon(192) == icons.icon(192)
    with Image.open(io.BytesIO(icons.icon(48))) as im:
        assert im.size == (48, 48) and im.getpixel((0, 0))[:3] == (0, 105, 92)
