"""Share cards with the page's title drawn at build time (outputs/pictures/cards.py): a 1200×630
PNG in the vendored Thai font, lines broken only between words, the same bytes for the same
text, found again in the cache folder by the hash of what it shows; every group, story and event
page of a built site names one that exists (or its own picture)."""

from __future__ import annotations

import io
import re
from html import unescape
from pathlib import Path

import pytest
from PIL import Image

from dated_fixture import EPOCH, build_at, dated_repo
from guidemap.contract.thai import words
from guidemap.outputs.pictures import cards

LONG = ("ศูนย์ประสานงานอาสาสมัครเพื่อเด็กกำพร้าและผู้ด้อยโอกาสในจังหวัดชายแดนภาคใต้ "
        "มหาวิทยาลัยสงขลานครินทร์ วิทยาเขตปัตตานี")


def _decoded(data: bytes) -> Image.Image:
    im = Image.open(io.BytesIO(data))
    im.load()
    return im


def _white_pixels(im: Image.Image) -> int:
    return sum(im.convert("L").histogram()[201:])


def test_a_card_is_a_1200_by_630_png_the_same_bytes_every_time() -> None:
    card = cards.Card("บ้านเด็กกำพร้า", "กลุ่มอาสา · ยะลา", "แผนที่อาสา ชายแดนใต้")
    data = cards.draw(card)
    assert data == cards.draw(card)
    im = _decoded(data)
    assert (im.format, im.size) == ("PNG", (1200, 630))
    other = cards.Card("บ้านเด็กกำพร้าอีกแห่ง", card.kind, card.site_name)
    assert other.path != card.path and cards.draw(other) != data
    # The title is drawn: more white than a card with the same kind and foot and no title.
    blank = cards.draw(cards.Card("", card.kind, card.site_name))
    assert _white_pixels(im) > _white_pixels(_decoded(blank)) + 2000


def test_the_font_is_shipped_with_its_licence() -> None:
    assert cards.FONT.is_file() and (cards.FONT.parent / "OFL.txt").is_file()
    assert "SIL Open Font License" in (cards.FONT.parent / "OFL.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("width", [600, 900, 1040])
def test_lines_break_between_words_only(width: int) -> None:
    font, lines = cards._fit(LONG, width)
    assert len(lines) > 1 and all(cards._width(line, font) <= width for line in lines)
    assert LONG.replace(" ", "").startswith("".join(lines).replace(" ", "").removesuffix("…"))
    ends, at = set(), 0
    for token in words(LONG):
        at += len(token.replace(" ", ""))
        ends.add(at)
    at = 0
    for line in lines[:-1]:
        at += len(line.replace(" ", ""))
        assert at in ends, (line, lines)


@pytest.mark.parametrize("title", ["ต่าง ๆ", "ก ฯ", "เด็ก ๆ ชายแดน ๆ"])
def test_a_repeat_mark_after_a_space_stays_with_its_word(title: str) -> None:
    # Raised IndexError (found by the property tests of events, a title "ก ฯ"): the space
    # was popped from the list the assignment then indexed.
    assert "".join(cards._pieces(title)) == title
    assert not any(p.strip() in ("ๆ", "ฯ") for p in cards._pieces(title))


def test_a_word_wider_than_the_card_is_cut_to_fit() -> None:
    font, lines = cards._fit("ก" * 120, 1040)
    assert all(cards._width(line, font) <= 1040 for line in lines)


def test_a_title_too_long_for_three_lines_ends_with_an_ellipsis() -> None:
    font, lines = cards._fit(LONG * 3, 1040)
    assert len(lines) == cards._MAX_LINES and lines[-1].endswith("…")
    assert font.size == cards._TITLE_SIZES[-1]


def test_the_cache_keeps_a_card_by_its_hash(tmp_path: Path) -> None:
    card = cards.Card("เรื่องเล่า", "เรื่องเล่า", "ไซต์")
    data = cards.drawn(card, tmp_path / "cache")
    assert data == cards.draw(card)
    kept = tmp_path / "cache" / Path(card.path).name
    assert kept.read_bytes() == data
    kept.write_bytes(b"kept")  # the next build reads the file instead of drawing
    assert cards.drawn(card, tmp_path / "cache") == b"kept"
    (tmp_path / "ro").write_text("a file, not a folder")
    assert cards.drawn(card, tmp_path / "ro") == data  # an unusable cache still gives the card


def _og_image(page: str) -> str:
    found = re.search(r'<meta property="og:image" content="([^"]*)"', page)
    assert found
    return unescape(found[1])


@pytest.fixture(scope="module")
def rich_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = dated_repo(tmp_path_factory.mktemp("cards"))
    (repo / "content" / "stories" / "2026-11-01-story.md").write_text(
        "---\ntitle: เรื่องเล่าของเครือข่าย\ndate: 2026-11-01\n---\nข้อความ\n", encoding="utf-8")
    return build_at(repo, EPOCH)


def test_group_story_and_event_pages_name_their_drawn_card(rich_site: Path) -> None:
    base = "https://example.org/guide/"
    pages = ([p for p in (rich_site / "orgs").glob("*/index.html")]
             + [p for p in (rich_site / "events").glob("*/index.html")]
             + [rich_site / "stories" / "2026-11-01-story" / "index.html"]
             + [rich_site / "volunteer" / "index.html"])  # a call is shared by its place there
    assert len(pages) > 6
    seen = set()
    for page in pages:
        html = page.read_text(encoding="utf-8")
        image = _og_image(html)
        assert image.startswith(base + cards.FOLDER + "/"), (page, image)
        data = (rich_site / image.removeprefix(base)).read_bytes()
        assert _decoded(data).size == cards.SIZE
        assert 'property="og:image:width" content="1200"' in html
        seen.add(image)
    assert len(seen) == len(pages)  # one card per page
    drawn = sorted(p.name for p in (rich_site / cards.FOLDER).iterdir())
    assert drawn == sorted(Path(i).name for i in seen)  # no card that no page names
    # Kept beside mkdocs.yml for the next build, the same bytes.
    cache = rich_site.parent / ".cache" / "guidemap" / "cards"
    for name in drawn:
        assert (cache / name).read_bytes() == (rich_site / cards.FOLDER / name).read_bytes()
