"""A bound on the work Python-Markdown does for one file, checked before it renders anything.

Why: Python-Markdown splits a block (lines without a blank line between them) at each
setext underline (``text`` / ``===``), thematic break (``***``) or ATX heading (``# x``) and puts
the rest of the block back to be read again, so such lines without blank lines cost the square
of the block's size: 60 KB of them render in 4 to 19 s (measured), and a few such stories
would pass the deploy job's time limit, blocking every deploy and every takedown. Blank lines
between them make the same lines cheap. The bound counts, block by block, those lines times
the block's size, also inside block quotes (``> ***`` repeated is as slow): linear in the text,
deterministic, the same on every machine. See docs/architecture.md.
"""

from __future__ import annotations

import re

# Lines that make Python-Markdown split the block they are in (after quote markers).
_SPLITTING = re.compile(r"(?:=+|-+|#{1,6}.*|(?:[-*_][ \t]*){3,})[ \t]*")
_SPLIT_START = "=-#*_"
_QUOTE = re.compile(r"^(?:[ \t]{0,3}>[ \t]?)+")
# Measured: 32 M units render in about 0.45 s (15 KB of "text / =" lines on this machine); a
# long story of ordinary paragraphs, headings and lists stays under 0.1 M.
MAX_WORK = 4_000_000


def markdown_work(text: str) -> tuple[int, int]:
    """(work, first line of the costliest block): splitting lines x characters, per block."""
    worst, worst_line = 0, 0
    total = 0
    size = splits = 0
    start = 1
    for number, line in enumerate([*text.split("\n"), ""], start=1):
        # The regular expressions only where they can match: a quote marker has its ">" in the
        # first four characters, a splitting line starts with one of "=-#*_" (most lines do
        # neither; two searches a line were most of this function's time).
        inner = (_QUOTE.sub("", line) if ">" in line[:4] else line).strip()
        if not inner:  # a blank line (inside a quote too) ends the block
            cost = size * splits
            total += cost
            if cost > worst:
                worst, worst_line = cost, start
            size = splits = 0
            start = number + 1
            continue
        size += len(line) + 1
        splits += inner[0] in _SPLIT_START and bool(_SPLITTING.fullmatch(inner))
    return total, worst_line


def too_slow(text: str) -> int | None:
    """The line of the block that makes ``text`` too slow to render, or None."""
    work, line = markdown_work(text)
    return line if work > MAX_WORK else None
