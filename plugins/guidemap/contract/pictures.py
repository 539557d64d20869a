"""Pictures of stories and groups' logos as the contract reads them: which files are pictures,
their size, and whether they are safe to decode (Pillow). Resizing and re-encoding is the
outputs' part (guidemap.outputs.pictures.renditions).

Why pictures are re-encoded at all (Pillow, at build time):

Why: a phone on slow mobile data should not download a 4,000-pixel photo to show it 360
pixels wide, and a photo straight from a phone carries EXIF metadata, often with the GPS
position where it was taken: in a conflict-affected region that can put people at risk. So
every raster picture is published only as re-encoded copies, without metadata:

- the largest copy (at most :data:`WIDTHS`\\[-1] pixels wide) at the file's own path, so links
  to it (the story's Markdown, feed enclosures, share cards) keep working;
- narrower copies at ``<name>-<width>w.<ext>``, offered to the browser with ``srcset``;
- never upscaled; the format is kept (JPEG, PNG, WebP), the encoder settings are fixed, so the
  same input gives the same bytes.

Every picture is re-encoded, whatever its size and wherever it is shown (a story's ``image:``,
inline in its Markdown, committed beside it, a logo): a small file Pillow reads no metadata
from can still hold a private JPEG segment, a private PNG chunk or a whole second picture after
its end (phones' motion photos), and only decoding and encoding again drops them all.
Contributors' SVG is refused (guidemap.contract.files): it is a document that can run script.

Pure core: no MkDocs here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PIL import Image, UnidentifiedImageError

WIDTHS = (320, 640, 960)
LOGO_WIDTHS = (160, 320)
RASTER = (".png", ".jpg", ".jpeg", ".webp")
MAX_PIXELS = 40_000_000  # a decompression bomb is refused, not resized
FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WEBP"}


@dataclass(frozen=True)
class ImageInfo:
    """What the pages need to know about a raster picture, read once by the loader."""

    width: int  # after EXIF rotation
    height: int


class ImageProblem(ValueError):
    pass


def is_raster(path: str) -> bool:
    return path.lower().endswith(RASTER)


def read_info(path: Path) -> ImageInfo:
    """Size (as shown, after EXIF orientation) of a raster picture; :class:`ImageProblem` when
    it is not a picture Pillow can read, or too large to be safe to decode."""
    try:
        with Image.open(path) as im:
            width, height = im.size
            if width * height > MAX_PIXELS:
                raise ImageProblem(f"{width}x{height} pixels is too large (at most {MAX_PIXELS:,})")
            orientation = im.getexif().get(0x0112, 1)
            expected = FORMATS[path.suffix.lower()]
            if im.format != expected:
                raise ImageProblem(f"the file is {im.format}, not what its name says ({expected})")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        # Pillow names the file by its full path: the report names it as the repository does.
        said = str(exc).replace(str(path), path.name)
        raise ImageProblem(f"not a picture that can be read: {said}") from exc
    if orientation in (5, 6, 7, 8):
        width, height = height, width
    return ImageInfo(width, height)
