"""Pictures kept between builds in a cache folder (the adapter's, beside mkdocs.yml), as
Material's social plugin keeps its cards: a drawn picture is a pure function of what it shows,
of the code that draws it and of the Pillow that draws and compresses it, so a build takes an
earlier build's bytes instead of drawing and compressing again (the default share picture's
PNG compression alone took 40 ms of every build).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

import PIL
from PIL import features


def kept(cache: Path | None, name: str, make: Callable[[], bytes]) -> bytes:
    """``make()``'s bytes, read from the file ``name`` in ``cache`` when an earlier build made
    them, else made and kept there. ``name`` must change whenever the bytes would (a hash of
    everything they depend on: :func:`drawing_name`)."""
    if cache is None:
        return make()
    file = cache / name
    try:
        return file.read_bytes()
    except OSError:
        pass
    data = make()
    try:
        cache.mkdir(parents=True, exist_ok=True)
        tmp = file.with_name(f"{name}.{os.getpid()}.tmp")  # two builds at once never mix their writes
        tmp.write_bytes(data)
        tmp.replace(file)
    except OSError:
        pass  # a read-only checkout still builds, only slower next time
    return data


def drawing_name(module_file: str, *what: object) -> str:
    """The cache file name of a picture drawn by the module at ``module_file`` from ``what``:
    a hash of the module's source (a change to the drawing is a new name, with no version to
    remember), of ``what`` and of the Pillow and zlib that draw and compress it."""
    digest = hashlib.sha256(Path(module_file).read_bytes())
    for part in (PIL.__version__, features.version("zlib") or "", *what):
        digest.update(str(part).encode("utf-8") + b"\x00")
    return f"{digest.hexdigest()[:24]}.png"
