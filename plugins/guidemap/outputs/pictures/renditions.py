"""Published copies of pictures: resized and re-encoded without metadata (Pillow), and the
``<img>`` tags that offer them (see guidemap.contract.pictures for why).
"""

from __future__ import annotations

import io
import posixpath
from dataclasses import dataclass
from html import escape as h  # (not outputs.html: pictures sit below it)
from pathlib import Path

from PIL import Image, ImageOps

from guidemap.contract.pictures import FORMATS, WIDTHS, ImageInfo


@dataclass(frozen=True)
class Rendition:
    path: str  # site path
    width: int
    height: int


def renditions(site_path: str, info: ImageInfo, widths: tuple[int, ...] = WIDTHS) -> list[Rendition]:
    """Narrowest first; the last one is published at ``site_path`` itself. Never upscaled."""
    largest = min(info.width, widths[-1])
    chosen = sorted({w for w in widths if w < largest} | {largest})
    stem, ext = posixpath.splitext(site_path)
    return [Rendition(site_path if w == largest else f"{stem}-{w}w{ext}", w,
                      max(1, round(info.height * w / info.width))) for w in chosen]


def encode(source: Path, site_path: str, info: ImageInfo,
           widths: tuple[int, ...] = WIDTHS) -> dict[str, bytes]:
    """Site path → bytes of every rendition: resized (Lanczos), rotated upright, no metadata
    (EXIF, GPS, XMP, ICC, comments), fixed encoder settings."""
    out: dict[str, bytes] = {}
    kind = FORMATS[source.suffix.lower()]
    with Image.open(source) as opened:
        im = ImageOps.exif_transpose(opened)
        alpha = im.mode in ("RGBA", "LA", "PA") or "transparency" in im.info
        im = im.convert("RGBA" if alpha and kind != "JPEG" else "RGB")
        for r in renditions(site_path, info, widths):
            picture = im if (r.width, r.height) == im.size else im.resize((r.width, r.height),
                                                                         Image.Resampling.LANCZOS)
            buf = io.BytesIO()
            if kind == "JPEG":
                picture.save(buf, "JPEG", quality=80, optimize=True, progressive=True)
            elif kind == "WEBP":
                picture.save(buf, "WEBP", quality=80, method=6)
            else:
                picture.save(buf, "PNG", optimize=True)
            out[r.path] = buf.getvalue()
    return out


def img_tag(src: str, alt: str, cls: str, info: ImageInfo | None, srcset: list[tuple[str, int]],
            sizes: str, eager: bool = False) -> str:
    """An <img> with width and height (no layout shift), lazy loading (``eager``: a page's
    first picture, on the first screen, asked for at once and first), and srcset when there
    are several widths. ``src`` and ``srcset`` are URLs relative to the page, already escaped
    by the caller's rules (see pages.story_image_html)."""
    attrs = [f'class="{h(cls)}"', f'src="{h(src)}"', f'alt="{h(alt)}"']
    if info is not None:  # the size of the largest copy: the browser reserves the space
        largest = max((w for _, w in srcset), default=info.width)
        attrs += [f'width="{largest}"', f'height="{max(1, round(info.height * largest / info.width))}"']
    if len(srcset) > 1:
        attrs.append(f'srcset="{h(", ".join(f"{u} {w}w" for u, w in srcset))}"')
        attrs.append(f'sizes="{h(sizes)}"')
    attrs += ['fetchpriority="high"'] if eager else ['loading="lazy"', 'decoding="async"']
    return f"<img {' '.join(attrs)}>"
