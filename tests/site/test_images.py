"""Pictures of stories and logos: resized at build time, never upscaled, without metadata (a
phone photo's GPS position must not reach the site), identical bytes on every build, with
srcset, sizes, width, height and alt; addresses on other sites and '..' refused."""

from __future__ import annotations

import io
import re
from pathlib import Path

from PIL import Image

from conftest import build, make_repo, org_yaml
from guidemap.contract import pictures
from guidemap.outputs.pictures.renditions import encode, renditions

GPS_IFD = 0x8825


def photo(width: int = 1600, height: int = 1200, fmt: str = "JPEG", gps: bool = True) -> bytes:
    """A small generated picture (no binary in the repository), with GPS EXIF like a phone's."""
    im = Image.new("RGB", (width, height))
    for x in range(0, width, 50):  # some detail, so the encoder has work to do
        im.paste((x % 256, (x * 3) % 256, 120), (x, 0, x + 25, height))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    if gps:
        exif.get_ifd(GPS_IFD).update({1: "N", 2: (6.0, 52.0, 11.0), 3: "E", 4: (101.0, 15.0, 0.5)})
    buf = io.BytesIO()
    im.save(buf, fmt, exif=exif.tobytes())
    return buf.getvalue()


def test_renditions_never_upscale() -> None:
    small = renditions("stories/a.jpg", pictures.ImageInfo(500, 250))
    assert [(r.path, r.width, r.height) for r in small] == [("stories/a-320w.jpg", 320, 160),
                                                           ("stories/a.jpg", 500, 250)]
    big = renditions("stories/a.jpg", pictures.ImageInfo(4000, 3000))
    assert [r.width for r in big] == [320, 640, 960] and big[-1].path == "stories/a.jpg"


def test_encoding_strips_metadata_and_is_deterministic(tmp_path: Path) -> None:
    source = tmp_path / "p.jpg"
    source.write_bytes(photo())
    info = pictures.read_info(source)
    assert (info.width, info.height) == (1600, 1200)
    first = encode(source, "stories/p.jpg", info)
    assert first == encode(source, "stories/p.jpg", info)
    assert sorted(first) == ["stories/p-320w.jpg", "stories/p-640w.jpg", "stories/p.jpg"]
    for data in first.values():
        with Image.open(io.BytesIO(data)) as im:
            assert not im.getexif() and "exif" not in im.info and im.width <= 960
    assert len(first["stories/p.jpg"]) < len(source.read_bytes())


def test_story_picture_is_published_resized_without_gps(tmp_path: Path) -> None:
    story = ("---\ntitle: รูป\ndate: 2026-01-01\nimage: beach.jpg\nimage_alt: เด็กเก็บขยะบนหาด\n---\n"
             "ข้อความ\n\n![หาด](beach.jpg)\n")
    repo = make_repo(tmp_path, {"a": org_yaml("a")}, {"pic.md": story})
    (repo / "content" / "stories" / "beach.jpg").write_bytes(photo())
    result = build(repo)
    assert result.returncode == 0, result.stderr
    site = repo / "site"
    for name, width in (("beach.jpg", 960), ("beach-640w.jpg", 640), ("beach-320w.jpg", 320)):
        with Image.open(site / "stories" / name) as im:
            assert im.width == width and not im.getexif(), name
    page = (site / "stories" / "pic" / "index.html").read_text(encoding="utf-8")
    tag = re.search(r'<img class="gm-story__image"[^>]*>', page)
    assert tag, page
    for attr in ('src="../beach.jpg"', 'alt="เด็กเก็บขยะบนหาด"', 'width="960"', 'height="720"',
                 'fetchpriority="high"', 'srcset="../beach-320w.jpg 320w, ../beach-640w.jpg 640w, '
                 '../beach.jpg 960w"', "sizes="):
        assert attr in tag.group(0), attr
    assert 'loading="lazy"' not in tag.group(0)  # the story's own picture, on its first screen
    # The feed's enclosure gives the published size.
    feed = (site / "feed.xml").read_text(encoding="utf-8")
    assert f'length="{(site / "stories" / "beach.jpg").stat().st_size}"' in feed
    # Built twice, the same bytes.
    first = (site / "stories" / "beach-320w.jpg").read_bytes()
    assert build(repo).returncode == 0
    assert (site / "stories" / "beach-320w.jpg").read_bytes() == first


def test_logo_needs_alt_and_is_shown_with_its_widths(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, {"a": org_yaml("a") + "logo: logos/a.png\n"})
    (repo / "orgs" / "logos").mkdir()
    (repo / "orgs" / "logos" / "a.png").write_bytes(photo(800, 400, "PNG", gps=False))
    result = build(repo)
    assert result.returncode != 0 and "logo_alt" in result.stderr
    (repo / "orgs" / "a.yml").write_text(org_yaml("a") + "logo: logos/a.png\nlogo_alt: โลโก้กลุ่ม a\n",
                                         encoding="utf-8")
    result = build(repo)
    assert result.returncode == 0, result.stderr
    page = (repo / "site" / "orgs" / "a" / "index.html").read_text(encoding="utf-8")
    assert ('<img class="gm-org__logo" src="logo.png" alt="โลโก้กลุ่ม a" width="320" height="160" '
            'srcset="logo-160w.png 160w, logo.png 320w"') in page
    with Image.open(repo / "site" / "orgs" / "a" / "logo.png") as im:
        assert im.size == (320, 160)


def test_pictures_from_other_sites_and_paths_out_of_the_folder_are_refused(tmp_path: Path) -> None:
    for image, needle in (("https://example.org/a.jpg", "not an address"),
                          ("../orgs/secret.jpg", "'..'"), ("/etc/passwd.jpg", "'..'")):
        story = f"---\ntitle: รูป\ndate: 2026-01-01\nimage: {image}\nimage_alt: รูป\n---\nx\n"
        work = tmp_path / str(abs(hash(image)))
        result = build(make_repo(work, {"a": org_yaml("a")}, {"pic.md": story}))
        assert result.returncode != 0 and needle in result.stderr, (image, result.stderr[-500:])


def test_a_file_that_is_not_a_picture_is_refused(tmp_path: Path) -> None:
    story = "---\ntitle: รูป\ndate: 2026-01-01\nimage: a.png\nimage_alt: รูป\n---\nx\n"
    repo = make_repo(tmp_path, {"a": org_yaml("a")}, {"pic.md": story})
    (repo / "content" / "stories" / "a.png").write_bytes(b"<html>not a picture</html>")
    result = build(repo)
    assert result.returncode != 0 and "a.png" in result.stderr
