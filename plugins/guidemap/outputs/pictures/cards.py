"""Share-card pictures with the page's title drawn on them, made at build time.

A link pasted into LINE or Facebook shows the page's picture large: a card that names the group,
the story or the event reads without opening the page. The title is drawn in Sarabun Bold,
vendored under the SIL Open Font License (``assets/fonts/``), so a network's build needs no
system font. Lines break between Thai words (the project's own segmenter), never inside one.

A card is a pure function of its text: its file name is the hash of what is drawn (and of this
drawing's version), so a card whose page did not change keeps its address and its bytes, and a
cache folder (the adapter's) keeps it across builds. Drawn as a grey-level mask of white on the
card's colour and written as an 8-bit palette PNG: the same bytes every time on one Pillow, and
a few times faster to write than full colour.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from guidemap.contract.thai import words
from guidemap.outputs.pictures.kept import kept

SIZE = (1200, 630)  # the size Facebook and LINE show large (1.91:1)
FONT = Path(__file__).resolve().parents[1] / "assets" / "fonts" / "Sarabun-Bold.ttf"
FOLDER = "assets/cards"
VERSION = "1"  # change when the drawing changes: every card gets a new address
_TEAL = (0, 105, 92)  # the header's colour (guidemap.css), 6.6:1 against white
_MARGIN = 80
_TITLE_SIZES = (84, 72, 62, 54)  # the largest that fits in _MAX_LINES lines
_MAX_LINES = 3
_NO_LINE_START = frozenset("ๆฯ")


@dataclass(frozen=True)
class Card:
    """What a card shows: the page's title, what the page is (``kind``: "กลุ่มอาสา · ยะลา"),
    and the site's name at the foot."""

    title: str
    kind: str
    site_name: str

    @property
    def path(self) -> str:
        """The card's site path: the hash of what it draws."""
        text = "\x00".join((VERSION, self.title, self.kind, self.site_name))
        return f"{FOLDER}/{hashlib.sha256(text.encode('utf-8')).hexdigest()[:20]}.png"


@lru_cache(maxsize=8)
def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT), size)


def _pieces(text: str) -> list[str]:
    """The text in pieces a line may break after: Thai words, runs of other letters, spaces;
    ๆ and ฯ stay with the word before them."""
    out: list[str] = []
    for token in words(" ".join(text.split())):
        if out and token[0] in _NO_LINE_START:
            if out[-1].isspace() and len(out) > 1:  # "ต่าง ๆ": the space goes with them
                space = out.pop()  # popped first: `out[-2] += out.pop()` indexes the shorter list
                out[-1] += space
            out[-1] += token
        else:
            out.append(token)
    return out


def _width(text: str, font: ImageFont.FreeTypeFont) -> float:
    return float(font.getlength(text))


def _lines(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Greedy line filling at word boundaries; a single word wider than the line is cut by
    letters (a very long name must still fit the card)."""
    lines: list[str] = []
    line = ""
    for piece in _pieces(text):
        trial = line + piece
        if not line or _width(trial.rstrip(), font) <= width:
            line = trial
            continue
        lines.append(line.rstrip())
        line = piece.lstrip()
    if line.strip():
        lines.append(line.rstrip())
    out: list[str] = []
    for ln in lines:  # a word wider than the card: cut where it must
        while _width(ln, font) > width:
            cut = len(ln)
            while cut > 1 and _width(ln[:cut], font) > width:
                cut -= 1
            out.append(ln[:cut])
            ln = ln[cut:]
        out.append(ln)
    return out


def _fit(text: str, width: int) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The largest title size whose lines fit with no word cut; at the smallest, the last line
    ends with … (and a word wider than the card is cut)."""
    pieces = [p.strip() for p in _pieces(text)]
    for size in _TITLE_SIZES:
        font = _font(size)
        lines = _lines(text, font, width)
        if len(lines) <= _MAX_LINES and all(_width(p, font) <= width for p in pieces):
            return font, lines
    kept = lines[:_MAX_LINES]
    last = kept[-1]
    while last and _width(last + "…", font) > width:
        last = last[:-1]
    return font, [*kept[:-1], last.rstrip() + "…"]


@lru_cache(maxsize=1)
def _palette() -> tuple[int, ...]:
    """Level i of the mask → the card's colour blended towards white by i/255."""
    return tuple(round(c + (255 - c) * i / 255) for i in range(256) for c in _TEAL)


@lru_cache(maxsize=64)
def _base(kind: str, site_name: str) -> Image.Image:
    """What cards of one kind share (the pin, the kind, the rule and the site's name): drawn
    once, copied for each card (a network's groups have a few kinds: one per province)."""
    w, hgt = SIZE
    mask = Image.new("L", SIZE, 0)
    d = ImageDraw.Draw(mask)
    # A guide-map pin in the top right corner, as on the site's default card.
    cx, top = w - 150, 60
    d.ellipse((cx - 50, top, cx + 50, top + 100), fill=255)
    d.polygon([(cx - 43, top + 75), (cx + 43, top + 75), (cx, top + 145)], fill=255)
    d.ellipse((cx - 20, top + 30, cx + 20, top + 70), fill=0)
    if kind:
        d.text((_MARGIN, 70), kind, font=_font(40), fill=215)
    foot = _lines(site_name, _font(36), w - 2 * _MARGIN)[:1]
    if foot:
        d.text((_MARGIN, hgt - 100), foot[0], font=_font(36), fill=215)
    d.line((_MARGIN, hgt - 125, _MARGIN + 120, hgt - 125), fill=255, width=6)
    return mask


def draw(card: Card) -> bytes:
    """The card as PNG bytes (1200×630): the kind at the top, the title, the site's name."""
    mask = _base(card.kind, card.site_name).copy()
    d = ImageDraw.Draw(mask)
    text_width = SIZE[0] - 2 * _MARGIN
    font, lines = _fit(card.title, text_width - 140 if card.kind else text_width)
    step = round(font.size * 1.45)
    y = 180 + (_MAX_LINES - len(lines)) * step // 2
    for line in lines:
        d.text((_MARGIN, y), line, font=font, fill=255)
        y += step
    picture = Image.frombytes("P", SIZE, mask.tobytes())
    picture.putpalette(_palette())
    buf = io.BytesIO()
    picture.save(buf, "PNG", compress_level=3)
    return buf.getvalue()


def drawn(card: Card, cache: Path | None) -> bytes:
    """The card's bytes, from ``cache`` (a folder the adapter keeps between builds) when an
    earlier build drew the same card; a cached file is found by the hash of what it shows."""
    return kept(cache, Path(card.path).name, lambda: draw(card))
