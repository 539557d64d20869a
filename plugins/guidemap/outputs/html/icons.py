"""The site's icons and web manifest: a favicon, a touch icon and the manifest's icons, drawn at
build time (the share card's pin on the theme's teal, no text, so no font), and the theme colour
that a phone's browser paints its bar with. Fixed drawing and encoder settings: the same bytes
every build."""

from __future__ import annotations

import io
import json

from PIL import Image, ImageDraw

from guidemap.outputs.site import urls
from guidemap.outputs.site.types import SiteInfo

THEME_COLOR = "#00695c"  # the header's teal (guidemap.css)
_TEAL, _WHITE = (0, 105, 92), (255, 255, 255)
MANIFEST = "assets/guidemap/manifest.webmanifest"
FAVICON = "assets/guidemap/favicon.png"
TOUCH_ICON = "assets/guidemap/apple-touch-icon.png"
ICONS = {"assets/guidemap/icon-192.png": 192, "assets/guidemap/icon-512.png": 512, TOUCH_ICON: 180,
         FAVICON: 48}


def icon(size: int) -> bytes:
    """A white map pin on teal, filling a square (a phone rounds or masks the corners)."""
    scale = 4  # drawn larger, then reduced: smooth edges at every size
    big = size * scale
    im = Image.new("RGB", (big, big), _TEAL)
    d = ImageDraw.Draw(im)
    cx, r, top = big / 2, big * 0.22, big * 0.18
    d.ellipse((cx - r, top, cx + r, top + 2 * r), fill=_WHITE)
    d.polygon([(cx - r * 0.86, top + r * 1.5), (cx + r * 0.86, top + r * 1.5), (cx, big * 0.84)], fill=_WHITE)
    d.ellipse((cx - r * 0.4, top + r * 0.6, cx + r * 0.4, top + r * 1.4), fill=_TEAL)
    im = im.resize((size, size), Image.Resampling.LANCZOS)
    buf = io.BytesIO()
    im.save(buf, "PNG", optimize=True)
    return buf.getvalue()


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


def files(site: SiteInfo) -> dict[str, bytes | str]:
    out: dict[str, bytes | str] = {path: icon(size) for path, size in ICONS.items()}
    out[MANIFEST] = manifest(site)
    return out


def head_tags(url: str) -> str:
    """The manifest, touch icon and theme colour, addressed from the page at ``url``."""
    return (f'<link rel="manifest" href="{urls.rel(url, MANIFEST)}">'
            f'<link rel="apple-touch-icon" href="{urls.rel(url, TOUCH_ICON)}">'
            f'<meta name="theme-color" content="{THEME_COLOR}">')
