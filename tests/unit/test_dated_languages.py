"""Calls and events show every configured language the way group pages do: each passage with
its ``lang``, and ``dir="rtl"`` for a right-to-left script (the case folder
tests/cases/orgs/dated-more-languages, network languages th, en, ms, ms-Arab)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from guidemap.contract.load.repository import load_repository
from guidemap.outputs import registry
from guidemap.outputs.html.htmlkit import h
from guidemap.outputs.site import urls
from guidemap.outputs.site.types import SiteInfo

CASE = Path(__file__).parents[1] / "cases" / "orgs" / "dated-more-languages"


def _pages() -> dict[str, str]:
    result = load_repository(CASE)
    assert not result.problems, result.problems.report()
    site = SiteInfo(name="x", url="https://example.org/", repo_url=None, edit_branch="main",
                    today=dt.date(2026, 12, 1), description="", feed_items=30, network=result.network)
    return {p.url: p.html + (p.search_text or "") for p in registry.site_outputs(result.dataset, site).pages}


def _marked(html: str, text: str) -> str:
    """The attributes of the element that holds ``text``."""
    m = re.search(r"<(?:span|p|div)([^>]*)>\s*(?:<p>)?" + re.escape(h(text)), html)
    assert m, f"{text!r} is not on the page"
    return m[1]


def test_calls_and_events_show_every_language_with_lang_and_dir() -> None:
    pages = _pages()
    call, event = pages[urls.VOLUNTEER], pages[urls.event("open-day")]
    for html, lang, text in [
        (call, "ms", "Gotong-royong pantai"), (call, "ms-Arab", "ڬوتوڠ-رويوڠ ڤنتاي"),
        (call, "ms", "Kutip dan asingkan sampah"), (call, "ms-Arab", "کوتيڤ دان اسيڠکن سمڤه"),
        (call, "ms", "Boleh berenang"),
        (event, "ms", "Hari terbuka"), (event, "ms-Arab", "هاري تربوک"),
        (event, "ms-Arab", "برجومڤ دڤوست کومونيتي"), (event, "ms", "Pusat komuniti Ban Laem"),
    ]:
        attrs = _marked(html, text)
        assert f'lang="{lang}"' in attrs, (text, attrs)
        assert ('dir="rtl"' in attrs) == (lang == "ms-Arab"), (text, attrs)
