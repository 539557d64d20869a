"""Small pictures that leak, as phones and editors make them: EXIF with a GPS position and a
camera model, a private JPEG segment (APP9), private PNG chunks (``prVt``, ``tEXt``, ``eXIf``)
and a whole second JPEG appended after the end (a motion photo's trailer). They make the files
of the case ``tests/cases/orgs/published-files`` (``python tests/leaky_pictures.py``) and the
checks that find those leaks in published files (tests/site/test_published_files.py)."""

from __future__ import annotations

import io
import struct
import sys
import zlib
from pathlib import Path

from PIL import Image

GPS_IFD = 0x8825
SECRET = b"GPS 6.8697,101.2501 secret"


def _picture(width: int, height: int) -> Image.Image:
    im = Image.new("RGB", (width, height))
    for x in range(0, width, 8):  # some detail, so the encoder has work to do
        im.paste((x * 5 % 256, (x * 3) % 256, 120), (x, 0, x + 4, height))
    return im


def _exif() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (6.0, 52.0, 11.0), 3: "E", 4: (101.0, 15.0, 0.5)})
    return exif.tobytes()


def leaky_jpeg(width: int = 48, height: int = 32) -> bytes:
    """GPS EXIF, a private APP9 segment and a second JPEG after the end of the first."""
    buf = io.BytesIO()
    _picture(width, height).save(buf, "JPEG", exif=_exif(), quality=70)
    data = buf.getvalue()
    app9 = b"\xff\xe9" + struct.pack(">H", len(SECRET) + 2) + SECRET
    trailer = io.BytesIO()
    _picture(16, 16).save(trailer, "JPEG")
    return data[:2] + app9 + data[2:] + trailer.getvalue()


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def leaky_png(width: int = 40, height: int = 24) -> bytes:
    """A private chunk, a text chunk, EXIF with GPS and bytes after IEND."""
    buf = io.BytesIO()
    _picture(width, height).save(buf, "PNG")
    data = buf.getvalue()
    extra = _chunk(b"prVt", SECRET) + _chunk(b"tEXt", b"Comment\x00" + SECRET) + _chunk(b"eXIf", _exif())
    return data[:33] + extra + data[33:] + SECRET  # after the IHDR chunk (8 + 25 bytes)


def leaky_webp(width: int = 32, height: int = 32) -> bytes:
    buf = io.BytesIO()
    _picture(width, height).save(buf, "WEBP", exif=_exif())
    return buf.getvalue() + SECRET


def write_case(case: Path) -> None:
    stories = case / "content" / "stories"
    for name in ("cover.jpg", "inline.jpg", "draft.jpg", "draft-inline.jpg", "future.jpg"):
        (stories / name).write_bytes(leaky_jpeg())
    (stories / "inline.png").write_bytes(leaky_png())
    (stories / "beside.webp").write_bytes(leaky_webp())
    (case / "orgs" / "logos" / "beach-for-life.png").write_bytes(leaky_png())


if __name__ == "__main__":
    write_case(Path(sys.argv[1]) if len(sys.argv) > 1 else
               Path(__file__).parent / "cases" / "orgs" / "published-files")
