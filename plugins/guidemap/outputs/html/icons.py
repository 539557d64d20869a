"""The site's icons and web manifest: a favicon, a touch icon and the manifest's icons, drawn at
build time (the share card's pin on the theme's teal, no text, so no font), and the theme colour
that a phone's browser paints its bar with. Fixed drawing and encoder settings: the same bytes
every build."""

from __future__ import annotations

import io
import json
import math
from functools import partial
from pathlib import Path

from PIL import Image, ImageDraw

from guidemap.outputs.pictures.kept import drawing_name, kept
from guidemap.outputs.site import urls
from guidemap.outputs.site.types import SiteInfo

THEME_COLOR = "#00695c"  # the header's teal (guidemap.css)
_TEAL, _WHITE = (0, 105, 92), (255, 255, 255)
MANIFEST = "assets/guidemap/manifest.webmanifest"
FAVICON = "assets/guidemap/favicon.png"
TOUCH_ICON = "assets/guidemap/apple-touch-icon.png"
ICONS = {"assets/guidemap/icon-192.png": 192, "assets/guidemap/icon-512.png": 512, TOUCH_ICON: 180,
         FAVICON: 48}


_SCALE = 4  # drawn larger, then reduced: smooth edges at every size
# How far, in pixels of the icon, the pin's edge reaches into the reduced picture: LANCZOS
# reads 3 pixels around each (its support at any reduction), and one more for the drawing's
# rounding of the pin's outline.
_REACH = 4


def _drawn(size: int) -> tuple[Image.Image, tuple[int, int, int, int]]:
    """A white map pin on teal at ``_SCALE`` times the icon's size, and the box of the icon's
    pixels it reaches (left, top, right, bottom); outside it the icon is teal."""
    big = size * _SCALE
    im = Image.new("RGB", (big, big), _TEAL)
    d = ImageDraw.Draw(im)
    cx, r, top = big / 2, big * 0.22, big * 0.18
    d.ellipse((cx - r, top, cx + r, top + 2 * r), fill=_WHITE)
    d.polygon([(cx - r * 0.86, top + r * 1.5), (cx + r * 0.86, top + r * 1.5), (cx, big * 0.84)], fill=_WHITE)
    d.ellipse((cx - r * 0.4, top + r * 0.6, cx + r * 0.4, top + r * 1.4), fill=_TEAL)
    left, upper = math.floor((cx - r) / _SCALE) - _REACH, math.floor(top / _SCALE) - _REACH
    right, lower = math.ceil((cx + r) / _SCALE) + _REACH, math.ceil(big * 0.84 / _SCALE) + _REACH
    box = (max(0, left), max(0, upper), min(size, right), min(size, lower))
    return im, box


def _png(im: Image.Image) -> bytes:
    buf = io.BytesIO()
    im.save(buf, "PNG", optimize=True)
    return buf.getvalue()


def icon(size: int) -> bytes:
    """A white map pin on teal, filling a square (a phone rounds or masks the corners). The same
    bytes as :func:`icon_plain`, made in half the time: only the pin's box is reduced (a
    reduction computes each pixel from the same source pixels, box or not), on teal, which is
    what reducing plain teal gives (tests/properties compare them)."""
    im, (left, top, right, bottom) = _drawn(size)
    pin = im.resize((right - left, bottom - top), Image.Resampling.LANCZOS,
                    box=(left * _SCALE, top * _SCALE, right * _SCALE, bottom * _SCALE))
    out = Image.new("RGB", (size, size), _TEAL)
    out.paste(pin, (left, top))
    return _png(out)


def icon_plain(size: int) -> bytes:
    """:func:`icon` by its definition: the whole drawing reduced."""
    return _png(_drawn(size)[0].resize((size, size), Image.Resampling.LANCZOS))


def manifest(site: SiteInfo) -> str:
    """The web manifest: the site's name, Thai, opening on the home page, its icons."""
    def rel(path: str) -> str:  # addresses from the manifest's folder
        return urls.rel("assets/guidemap/", path)

    data = {"name": site.name, "short_name": site.name if len(site.name) <= 24 else site.name[:24],
            "description": site.description, "lang": "th", "dir": "ltr", "start_url": rel(urls.HOME) or "./",
            "scope": rel(urls.HOME) or "./", "display": "standalone", "background_color": "#ffffff",
            "theme_color": THEME_COLOR,
            "icons": [{"src": rel(path), "sizes": f"{size}x{size}", "type": "image/png",
                       **({"purpose": "any maskable"} if size >= 192 else {})}
                      for path, size in sorted(ICONS.items(), key=lambda item: item[1]) if size >= 192]}
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def files(site: SiteInfo, cache: Path | None = None) -> dict[str, bytes | str]:
    """The icons and the manifest; the icons from ``cache`` when an earlier build drew them."""
    out: dict[str, bytes | str] = {p: kept(cache, drawing_name(__file__, "icon", size), partial(icon, size))
                                   for p, size in ICONS.items()}
    out[MANIFEST] = manifest(site)
    return out


def head_tags(url: str) -> str:
    """The manifest, touch icon and theme colour, addressed from the page at ``url``."""
    return (f'<link rel="manifest" href="{urls.rel(url, MANIFEST)}">'
            f'<link rel="apple-touch-icon" href="{urls.rel(url, TOUCH_ICON)}">'
            f'<meta name="theme-color" content="{THEME_COLOR}">')
