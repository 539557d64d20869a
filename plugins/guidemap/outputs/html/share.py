"""Share buttons: send a page to LINE or Facebook, copy its link, or open the phone's own share
sheet; and the site's default share-card picture.

The network's news travels in its LINE group and on Facebook. The buttons are plain links to
each service's documented share address (no script, pixel or request to a third party until a
visitor taps one); "copy link" and "share…" are buttons that guidemap.js shows only where the
browser can do it (``navigator.clipboard``, ``navigator.share``).

Any page may carry the block: ``share_block(absolute_url, title)`` (``urls.absolute(site.url,
page_url)`` gives the absolute URL; without a site URL there is nothing to share, and the block
is empty).
"""

from __future__ import annotations

import io
from pathlib import Path
from urllib.parse import quote

from PIL import Image, ImageDraw

from guidemap.outputs.html.htmlkit import h
from guidemap.outputs.html.markup import en
from guidemap.outputs.pictures.kept import drawing_name, kept

# LINE's share address for web pages ("Using Share buttons", custom icons) and Facebook's.
LINE_SHARE = "https://social-plugins.line.me/lineit/share"
FACEBOOK_SHARE = "https://www.facebook.com/sharer/sharer.php"


# Each ASCII and Thai character as ``quote(..., safe="")`` writes it: a table lookup per
# character (str.translate) instead of per UTF-8 byte, for the 4,000 pages' share buttons.
_QUOTED = {c: quote(chr(c), safe="") for c in [*range(0x80), *range(0x0E00, 0x0E80)]}


def _q(text: str) -> str:
    quoted = text.translate(_QUOTED)
    return quoted if quoted.isascii() else quote(text, safe="")  # other scripts: quote itself


def line_url(page_url: str, text: str = "") -> str:
    """LINE's share screen for ``page_url`` (absolute), with ``text`` as the message."""
    url = f"{LINE_SHARE}?url={_q(page_url)}"
    return url + f"&text={_q(text)}" if text else url


def facebook_url(page_url: str) -> str:
    return f"{FACEBOOK_SHARE}?u={_q(page_url)}"


def share_block(page_url: str | None, title: str) -> str:
    """The share buttons of one page (``page_url`` absolute; "" without it). ``title`` is
    plain text (escaped here)."""
    if not page_url or not page_url.startswith(("https://", "http://")):
        return ""
    rel = 'rel="noopener noreferrer" target="_blank"'
    data = f'data-url="{h(page_url)}" data-title="{h(title)}"'
    return (
        f'<div class="gm-share" role="group" aria-label="แชร์หน้านี้ Share this page">'
        f'<span class="gm-share__label">แชร์ {en("Share")}</span>'
        f'<a class="gm-share__button gm-share__line" href="{h(line_url(page_url, title))}" {rel}>'
        f'LINE</a>'
        f'<a class="gm-share__button gm-share__facebook" href="{h(facebook_url(page_url))}" {rel}>'
        f'Facebook</a>'
        f'<button type="button" class="gm-share__button gm-share__copy" {data} hidden>'
        f'คัดลอกลิงก์ {en("Copy link")}</button>'
        f'<button type="button" class="gm-share__button gm-share__native" {data} hidden>'
        f'แชร์… {en("Share…")}</button>'
        f'<span class="gm-share__status" role="status"></span></div>'
    )


# --- the site's default share card picture --------------------------------------------------

DEFAULT_IMAGE = "assets/guidemap/share.png"
DEFAULT_SIZE = (1200, 630)  # the size Facebook and LINE show large (1.91:1)
_TEAL, _DARK, _LIGHT, _WHITE = (0, 105, 92), (0, 77, 64), (0, 121, 107), (255, 255, 255)


def default_image(cache: Path | None = None) -> bytes:
    """The share card of pages without a picture of their own: a guide-map pin over the sea
    and the four provinces as dots, drawn at build time (no text, so no font is needed; the
    card's title is beside it). Fixed drawing and encoder settings: the same bytes every build,
    so an earlier build's, from ``cache``, serve (compressing it is most of its time)."""
    return kept(cache, drawing_name(__file__, "share"), _default_image)


def _default_image() -> bytes:
    w, hgt = DEFAULT_SIZE
    im = Image.new("RGB", DEFAULT_SIZE, _TEAL)
    d = ImageDraw.Draw(im)
    for i, r in enumerate(range(900, 200, -140)):  # contour rings, like a map's
        d.ellipse((w - 260 - r, hgt // 2 - r, w - 260 + r, hgt // 2 + r),
                  outline=_LIGHT if i % 2 else _DARK, width=18)
    cx, top = 360, 120  # the pin: a circle above a point
    d.ellipse((cx - 150, top, cx + 150, top + 300), fill=_WHITE)
    d.polygon([(cx - 128, top + 225), (cx + 128, top + 225), (cx, top + 430)], fill=_WHITE)
    d.ellipse((cx - 60, top + 90, cx + 60, top + 210), fill=_TEAL)
    for x, y in ((760, 330), (880, 420), (790, 480), (930, 530)):  # four provinces' groups
        d.ellipse((x - 26, y - 26, x + 26, y + 26), fill=_WHITE)
    buf = io.BytesIO()
    im.save(buf, "PNG", optimize=True)
    return buf.getvalue()
