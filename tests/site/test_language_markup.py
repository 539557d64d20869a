"""The TH/EN switch's parts that need no browser (tests/browser/test_language_switch.py has the
rest): our header is Material's with the switch added, the head script that picks the language
is allowed by the page's policy, and English is marked as hideable only beside Thai."""

from __future__ import annotations

import html
import re
from pathlib import Path

import material

from guidemap.contract.model.types import LText
from guidemap.outputs.html import csp
from guidemap.outputs.pages.common import ltext
from guidemap.outputs.pages.dated_common import ltext_inline, markdown_block

THEME = Path(__file__).resolve().parents[2] / "plugins" / "guidemap" / "adapter" / "theme"
INCLUDE = '    {% include "partials/guidemap-lang.html" %}\n'


def _without_comment(template: str) -> str:
    return re.sub(r"\A\{#-.*?-#\}\n", "", template, flags=re.S)


def test_our_header_is_materials_with_the_switch() -> None:
    """A Material upgrade that changes its header fails here (copy it again, add the line)."""
    theirs = (Path(material.__file__).parent / "templates" / "partials" / "header.html").read_text("utf-8")
    ours = (THEME / "partials" / "header.html").read_text(encoding="utf-8")
    assert ours.count(INCLUDE) == 1
    assert _without_comment(ours).replace(INCLUDE, "") == _without_comment(theirs)


def test_the_head_script_is_allowed_by_its_hash(repo_site: Path) -> None:
    page = (repo_site / "index.html").read_text(encoding="utf-8")
    [script] = [s for s in csp.inline_scripts(page) if "gm-lang" in s]
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert policy and csp.source_hash(script) in html.unescape(policy[1])
    # Before any stylesheet, so the first paint already has the visitor's language.
    assert page.index(script) < page.index('rel="stylesheet"')


def test_english_is_hideable_only_beside_thai() -> None:
    assert 'class="gm-en"' in ltext(LText(th="ไทย", en="English"))
    assert ltext(LText(en="English")) == '<span lang="en">English</span>'
    assert 'class="gm-en"' in ltext_inline(LText(th="ไทย", en="English"))
    assert ltext_inline(LText(en="English")) == '<span lang="en">English</span>'
    assert "gm-en-alt" in markdown_block(LText(th="ไทย", en="English"), "x")
    assert "gm-en-alt" not in markdown_block(LText(en="English"), "x")
