"""Pictures of stories and groups' logos, resized and re-encoded at build time (Pillow).

Why: a phone on slow mobile data should not download a 4,000-pixel photo to show it 360
pixels wide, and a photo straight from a phone carries EXIF metadata, often with the GPS
position where it was taken: in a conflict-affected region that can put people at risk. So
every raster picture is published only as re-encoded copies, without metadata:

- the largest copy (at most :data:`WIDTHS`\\[-1] pixels wide) at the file's own path, so links
  to it (the story's Markdown, feed enclosures, share cards) keep working;
- narrower copies at ``<name>-<width>w.<ext>``, offered to the browser with ``srcset``;
- never upscaled; the format is kept (JPEG, PNG, WebP), the encoder settings are fixed, so the
  same input gives the same bytes.

A file already within the largest width and free of metadata is published as it is. SVG is
vector: published as it is, without ``srcset``.

Pure core: no MkDocs here. The plugin publishes what :func:`encode` returns (outputs.py).
"""

from __future__ import annotations

import io
import posixpath
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

WIDTHS = (320, 640, 960)
LOGO_WIDTHS = (160, 320)
RASTER = (".png", ".jpg", ".jpeg", ".webp")
MAX_PIXELS = 40_000_000  # a decompression bomb is refused, not resized
# Pillow's `info` keys that are not metadata about the picture's subject, place or author.
_HARMLESS = {"jfif", "jfif_version", "jfif_unit", "jfif_density", "dpi", "transparency", "gamma",
             "srgb", "aspect", "progressive", "progression", "adobe", "adobe_transform", "loop",
             "duration", "background", "lossless", "interlace"}
_FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WEBP"}


@dataclass(frozen=True)
class ImageInfo:
    """What the pages need to know about a raster picture, read once by the loader."""

    width: int  # after EXIF rotation
    height: int
    as_is: bool = False  # within the largest width and without metadata: published unchanged


class ImageProblem(ValueError):
    pass


def is_raster(path: str) -> bool:
    return path.lower().endswith(RASTER)


def read_info(path: Path, widths: tuple[int, ...] = WIDTHS) -> ImageInfo:
    """Size (as shown, after EXIF orientation) of a raster picture; :class:`ImageProblem` when
    it is not a picture Pillow can read, or too large to be safe to decode."""
    try:
        with Image.open(path) as im:
            width, height = im.size
            if width * height > MAX_PIXELS:
                raise ImageProblem(f"{width}x{height} pixels is too large (at most {MAX_PIXELS:,})")
            orientation = im.getexif().get(0x0112, 1)
            has_metadata = bool(set(im.info) - _HARMLESS) or bool(im.getexif())
            expected = _FORMATS[path.suffix.lower()]
            if im.format != expected:
                raise ImageProblem(f"the file is {im.format}, not what its name says ({expected})")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise ImageProblem(f"not a picture that can be read: {exc}") from exc
    if orientation in (5, 6, 7, 8):
        width, height = height, width
    return ImageInfo(width, height, as_is=width <= widths[-1] and not has_metadata)


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
    kind = _FORMATS[source.suffix.lower()]
    with Image.open(source) as opened:
        im = ImageOps.exif_transpose(opened)
        alpha = im.mode in ("RGBA", "LA", "PA") or "transparency" in im.info
        im = im.convert("RGBA" if alpha and kind != "JPEG" else "RGB")
        for r in renditions(site_path, info, widths):
            if r.path == site_path and info.as_is:
                out[r.path] = source.read_bytes()
                continue
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
            sizes: str) -> str:
    """An <img> with width and height (no layout shift), lazy loading, and srcset when there
    are several widths. ``src`` and ``srcset`` are URLs relative to the page, already escaped
    by the caller's rules (see pages.story_image_html)."""
    from guidemap.htmlkit import h

    attrs = [f'class="{h(cls)}"', f'src="{h(src)}"', f'alt="{h(alt)}"']
    if info is not None:  # the size of the largest copy: the browser reserves the space
        largest = max((w for _, w in srcset), default=info.width)
        attrs += [f'width="{largest}"', f'height="{max(1, round(info.height * largest / info.width))}"']
    if len(srcset) > 1:
        attrs.append(f'srcset="{h(", ".join(f"{u} {w}w" for u, w in srcset))}"')
        attrs.append(f'sizes="{h(sizes)}"')
    attrs += ['loading="lazy"', 'decoding="async"']
    return f"<img {' '.join(attrs)}>"
