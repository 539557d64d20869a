"""Contributed files, as a strict build publishes them: every picture re-encoded (no EXIF, no
GPS, no private JPEG segment or PNG chunk, nothing after the picture's end), pictures of
unpublished stories not written, and the builds of the refused cases stopped before anything
is written, a symbolic-link loop included (issue: nothing from a pull request leaks, runs or
tracks). The site is built from the case folders under tests/cases/orgs/."""

from __future__ import annotations

import io
import os
import shutil
import struct
from pathlib import Path

import pytest
from PIL import Image

from conftest import MINI_MKDOCS, build, with_links
from leaky_pictures import GPS_IFD, SECRET, leaky_jpeg, leaky_png, leaky_webp

CASES = Path(__file__).parents[1] / "cases" / "orgs"
RASTER = (".jpg", ".jpeg", ".png", ".webp")
# What Pillow writes and nothing else: no text, EXIF, ICC profile or private chunk.
PNG_CHUNKS = {b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"pHYs"}
WEBP_CHUNKS = {b"VP8 ", b"VP8L", b"VP8X", b"ALPH"}


def _jpeg_problems(data: bytes) -> list[str]:
    """Segments other than JFIF (APP0) and the picture's own, and bytes after its end."""
    found = []
    if data[:2] != b"\xff\xd8":
        return ["does not start as a JPEG"]
    at = 2
    while at < len(data):
        if data[at] != 0xFF:
            return [f"no marker at byte {at}"]
        marker = data[at + 1]
        if marker == 0xD9:  # end of image
            if at + 2 != len(data):
                found.append(f"{len(data) - at - 2} bytes after the end of the picture")
            return found
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            at += 2
            continue
        length = struct.unpack(">H", data[at + 2:at + 4])[0]
        if 0xE1 <= marker <= 0xEF or marker == 0xFE:
            found.append(f"segment APP{marker - 0xE0}" if marker != 0xFE else "a comment segment")
        at += 2 + length
        if marker == 0xDA:  # entropy-coded data: up to the next marker that is not a restart
            while at < len(data) - 1 and not (data[at] == 0xFF and data[at + 1] not in
                                              (0x00, *range(0xD0, 0xD8))):
                at += 1
    return [*found, "no end of image"]


def _png_problems(data: bytes) -> list[str]:
    found = []
    at = 8
    while at < len(data):
        length = struct.unpack(">I", data[at:at + 4])[0]
        kind = data[at + 4:at + 8]
        if kind not in PNG_CHUNKS:
            found.append(f"chunk {kind.decode('latin-1')}")
        at += 12 + length
        if kind == b"IEND":
            if at != len(data):
                found.append(f"{len(data) - at} bytes after IEND")
            return found
    return [*found, "no IEND"]


def _webp_problems(data: bytes) -> list[str]:
    found = []
    size = struct.unpack("<I", data[4:8])[0]
    if size + 8 != len(data):
        found.append(f"{len(data) - size - 8} bytes after the RIFF container")
    at = 12
    while at < min(len(data), size + 8):
        kind = data[at:at + 4]
        length = struct.unpack("<I", data[at + 4:at + 8])[0]
        if kind not in WEBP_CHUNKS:
            found.append(f"chunk {kind.decode('latin-1')}")
        at += 8 + length + (length & 1)
    return found


def picture_problems(data: bytes, name: str) -> list[str]:
    """Everything of ``data`` beyond the picture itself: metadata, private parts, trailers."""
    suffix = Path(name).suffix.lower()
    found = (_jpeg_problems(data) if suffix in (".jpg", ".jpeg") else
             _png_problems(data) if suffix == ".png" else _webp_problems(data))
    if SECRET in data:
        found.append("the secret text")
    with Image.open(io.BytesIO(data)) as im:
        exif = im.getexif()
        if exif:
            found.append("EXIF")
        if exif.get_ifd(GPS_IFD):
            found.append("a GPS position")
    return found


def test_the_checks_find_every_leak_of_the_inputs() -> None:
    """Without re-encoding, each leak is found: the site test below can fail."""
    jpeg = picture_problems(leaky_jpeg(), "a.jpg")
    assert {"segment APP1", "segment APP9", "EXIF", "a GPS position", "the secret text"} <= set(jpeg)
    assert any("after the end" in p for p in jpeg)
    png = picture_problems(leaky_png(), "a.png")
    assert {"chunk prVt", "chunk tEXt", "chunk eXIf", "the secret text"} <= set(png)
    assert any("after IEND" in p for p in png)
    webp = picture_problems(leaky_webp(), "a.webp")
    assert {"chunk EXIF", "the secret text"} <= set(webp)
    for name in ("cover.jpg", "inline.jpg", "inline.png", "beside.webp"):  # the committed case
        assert picture_problems((CASES / "published-files/content/stories" / name).read_bytes(), name)


def site_from_case(case: str, tmp_path: Path) -> Path:
    """A case folder as a site repository (the test site's mkdocs.yml and home page added)."""
    repo = tmp_path / case
    shutil.copytree(with_links(CASES / case), repo, symlinks=True)
    (repo / "mkdocs.yml").write_text(MINI_MKDOCS, encoding="utf-8")
    (repo / "content" / "index.md").write_text("# หน้าแรก\n\n<!-- guidemap:summary -->\n",
                                               encoding="utf-8")
    return repo


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = site_from_case("published-files", tmp_path_factory.mktemp("published"))
    result = build(repo)
    assert result.returncode == 0, result.stderr
    return repo / "site"


def test_every_published_picture_is_re_encoded(published: Path) -> None:
    pictures = sorted(p for p in published.rglob("*") if p.suffix.lower() in RASTER
                      and "assets" not in p.relative_to(published).parts)
    names = {p.relative_to(published).as_posix() for p in pictures}
    # The story's picture, the inline ones (Markdown and HTML), the one beside it, the logo.
    assert {"stories/cover.jpg", "stories/inline.jpg", "stories/inline.png", "stories/beside.webp",
            "orgs/beach-for-life/logo.png"} <= names
    for picture in pictures:
        assert picture_problems(picture.read_bytes(), picture.name) == [], picture


def test_pictures_of_unpublished_stories_are_not_written(published: Path) -> None:
    for name in ("draft.jpg", "draft-inline.jpg", "future.jpg"):
        assert not list(published.rglob(name)), name


def test_pictures_are_the_same_bytes_on_every_build(published: Path, tmp_path: Path) -> None:
    again = site_from_case("published-files", tmp_path)
    assert build(again).returncode == 0
    for picture in ("stories/cover.jpg", "stories/inline.png", "stories/beside.webp",
                    "orgs/beach-for-life/logo.png"):
        assert (again / "site" / picture).read_bytes() == (published / picture).read_bytes(), picture


@pytest.mark.parametrize("case", ["file-symlinks", "files-not-published", "inline-images",
                                  "slow-markdown"])
def test_refused_cases_publish_nothing(case: str, tmp_path: Path) -> None:
    """The build refuses, naming each file, quickly (link loops included), and writes no site."""
    repo = site_from_case(case, tmp_path)
    result = build(repo)  # conftest's build has a timeout: a hang fails the test
    assert result.returncode != 0
    for line in (CASES / case / "expected.txt").read_text(encoding="utf-8").splitlines():
        if ": error" in line:
            assert line.split(": error")[0].split(":")[0] in result.stderr, line
    assert not (repo / "site" / "index.html").exists()
    assert "PATH=" not in result.stderr and "root:" not in result.stderr  # nothing read through a link


def test_the_plugin_refuses_what_mkdocs_collected(tmp_path: Path) -> None:
    """The plugin's own check (on_files) of every file MkDocs found in the docs folder, for a
    build whose validation was skipped or saw another folder: links and refused files stop it."""
    import types

    from mkdocs.exceptions import PluginError
    from mkdocs.structure.files import File, Files

    from guidemap.adapter.plugin import GuideMapPlugin

    docs, site = tmp_path / "content", tmp_path / "site"
    (docs / "stories").mkdir(parents=True)
    for name in ("index.md", "about.md", "stories/a.md", "stories/a.jpg", "stories/x.html", "notes.md"):
        (docs / name).write_text("x", encoding="utf-8")
    os.symlink("/proc/self/environ", docs / "stories" / "env.md")
    plugin = GuideMapPlugin()
    plugin.load_config({})
    config = types.SimpleNamespace(docs_dir=str(docs), nav=["index.md", {"About": "about.md"}])

    def files(*names: str) -> Files:
        return Files([File(n, str(docs), str(site), use_directory_urls=True) for n in names])

    plugin._refuse_files(files("index.md", "about.md", "stories/a.md", "stories/a.jpg"), config)
    with pytest.raises(PluginError) as refused:
        plugin._refuse_files(files("index.md", "stories/x.html", "notes.md", "stories/env.md"), config)
    message = str(refused.value)
    assert "stories/x.html" in message and "notes.md" in message and "stories/env.md" in message
