"""Our partials/language.html (texts looked up once a build, adapter/templates.theme_texts)
gives every text Material's own gives, in every language Material has, the English fallback
and an unknown key included."""

from __future__ import annotations

import re
from pathlib import Path

import jinja2
import material
import pytest

from guidemap.adapter import templates

MATERIAL = str(Path(material.__file__).parent / "templates")
OURS = str(Path(templates.__file__).parent / "theme")
LANGUAGES = sorted(p.stem for p in Path(MATERIAL, "partials", "languages").glob("*.html"))
KEYS = [*re.findall(r'^  "([^"]+)":', Path(MATERIAL, "partials", "languages", "en.html").read_text("utf-8"),
                    re.M), "no.such.key"]
PAGE = '{% import "partials/language.html" as lang with context %}' + "|".join(
    f"{{{{ lang.t({key!r}) }}}}" for key in KEYS)


@pytest.mark.parametrize("language", LANGUAGES)
def test_our_texts_are_materials(language: str) -> None:
    theirs = templates.theme_environment([MATERIAL])
    ours = templates.theme_environment([OURS, MATERIAL])
    ours.globals["guidemap_text"] = templates.theme_texts(ours, language)
    context = {"config": {"theme": {"language": language}}}
    expected = theirs.from_string(PAGE).render(context)
    assert expected.count("|") == len(KEYS) - 1
    assert ours.from_string(PAGE).render(context) == expected


def test_a_theme_without_the_tables_is_not_asked() -> None:
    text = templates.theme_texts(templates.theme_environment([OURS]), "th")  # made, never used
    with pytest.raises(jinja2.TemplateNotFound):
        text("search.placeholder")
