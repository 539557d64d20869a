"""One rule set for text: every text field of every content type (profiles, story front matter)
refuses the same characters with the same message, however the field is typed afterwards."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from guidemap.contract import network
from guidemap.contract.model.profile import ORG
from guidemap.contract.model.story import STORY
from guidemap.contract.problems import Problems
from guidemap.contract.spec import INVALID, Context, ListOf, Localized, Obj, Spec, Text, TextSpec
from guidemap.contract.yamlsafe import Document


def text_fields(spec: Spec, name: str) -> Iterator[tuple[str, TextSpec]]:
    """Every text spec under ``spec``, with its dotted name."""
    if isinstance(spec, Obj):
        for key, f in spec.fields.items():
            yield from text_fields(f.spec, f"{name}.{key}".lstrip("."))
    elif isinstance(spec, ListOf):
        yield from text_fields(spec.item, f"{name}[]")
    elif isinstance(spec, Localized):
        yield from text_fields(spec.text, f"{name}.th")
    elif isinstance(spec, TextSpec):
        yield name, spec


FIELDS = [*(("profile", n, s) for n, s in text_fields(ORG, "")),
          *(("story", n, s) for n, s in text_fields(STORY, ""))]
# Read as white space by str.split, so a single-line field used to turn them into spaces.
REFUSED = ["\x0b", "\x0c", "\x1c", "\x1f", "\x85", "\r", "\x00", "\x1b", "\x7f", "\x9b",
           "\u202a", "\u202e", "\u2066", "\u2069"]


def check(spec: Spec, value: str) -> tuple[object, list[str]]:
    problems = Problems()
    result = spec.check(value, ("f",), Context("x.yml", Document({}), problems, network.DEFAULT))
    return result, [p.en for p in problems.sorted()]


def test_the_walk_finds_the_text_fields_of_both_content_types() -> None:
    names = {(kind, n) for kind, n, _ in FIELDS}
    for want in [("profile", "name.th"), ("profile", "summary.th"), ("profile", "contact.website"),
                 ("story", "title"), ("story", "summary"), ("story", "tags[]"), ("story", "author"),
                 ("story", "image_alt"), ("story", "lesson.story"), ("story", "lesson.knowledge[]")]:
        assert want in names


@pytest.mark.parametrize("char", REFUSED, ids=[f"U+{ord(c):04X}" for c in REFUSED])
def test_every_text_field_refuses_the_same_characters_with_the_same_message(char: str) -> None:
    message = f"contains an invisible control character (U+{ord(char):04X}); retype the text"
    for kind, name, spec in FIELDS:
        result, messages = check(spec, f"ab{char}cd")
        assert result is INVALID and messages == [message], (kind, name, messages)


@pytest.mark.parametrize("multiline", [False, True])
def test_text_keeps_tab_newline_and_direction_marks_and_normalizes_to_nfc(multiline: bool) -> None:
    spec = Text(100, multiline=multiline)
    result, messages = check(spec, "  e\u0301 \u200fمرحبا\u200f\tแล้ว\nต่อ  ")
    assert messages == []
    assert result == ("é \u200fمرحبا\u200f\tแล้ว\nต่อ" if multiline else "é \u200fمرحبا\u200f แล้ว ต่อ")


def test_length_is_counted_after_normalization() -> None:
    assert check(Text(3), "e\u0301e\u0301e\u0301")[1] == []  # three characters once composed
    assert check(Text(3), "a    b")[1] == []  # white space collapsed first
    assert check(Text(3), "abcd")[1] == ["is too long: 4 characters, at most 3"]
