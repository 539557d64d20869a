"""Thai search in headless Chromium, typed as a person types: recall, English, highlighting,
suggestions, and what a page view and a query download. Figures: scripts/search_recall.py."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO

sys.path.insert(0, str(REPO / "scripts"))
import search_recall as sr

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory, serve: Any) -> dict[str, tuple[Path, str]]:
    """The repository's data plus 30 generated profiles, with our search and with Material's
    default Thai setup, built once."""
    out = {}
    for setup in ("guidemap", "material"):
        root = sr.make_site_repo(tmp_path_factory.mktemp(setup) / "repo", 30, setup == "guidemap")
        out[setup] = (root, serve(sr.build(root)))
    return out


def test_thai_words_and_phrases_find_their_page_in_the_first_ten(browser: Any, sites: Any) -> None:
    root, base = sites["guidemap"]
    page = browser.new_page()
    page.goto(base)
    queries = sr.sample_queries(root) + sr.name_queries(root) + sr.icu_queries(page, root)
    assert len(queries) >= 300
    score, misses = sr.recall(page, base, queries)
    print(f"\nguidemap recall@10: {score:.1%} of {len(queries)}")
    assert score >= 0.95, misses
    for kind in ("word", "phrase", "name"):
        sub = [q for q in queries if q.kind == kind]
        assert sum(q in misses for q in sub) / len(sub) <= 0.05, kind
    page.close()


def test_the_same_queries_fail_with_material_default_thai(browser: Any, sites: Any) -> None:
    # Shows the recall test can fail: Material's own `lang: th` finds few of the same words.
    root, base = sites["material"]
    page = browser.new_page()
    queries = sr.sample_queries(root)[::4]
    score, _ = sr.recall(page, base, queries)
    print(f"\nMaterial default recall@10: {score:.1%} of {len(queries)}")
    assert score < 0.5
    page.close()


def _search(browser: Any, base: str, text: str) -> Any:
    page = browser.new_page()
    page.goto(base)
    sr.open_search(page)
    page.wait_for_timeout(300)
    sr.search(page, text)
    return page


def test_english_and_mixed_queries(browser: Any, sites: Any) -> None:
    _, base = sites["guidemap"]
    for text in ("Beach for Life", "beach ชายหาด", "Kenan"):
        page = _search(browser, base, text)
        hrefs = page.evaluate(sr.RESULTS_JS)["hrefs"]
        expected = "orgs/kenan-foundation-asia/" if text == "Kenan" else "orgs/beach-for-life/"
        assert expected in hrefs[:3], (text, hrefs)
        page.close()


def test_matches_are_highlighted_in_results_and_on_the_page(browser: Any, sites: Any) -> None:
    _, base = sites["guidemap"]
    page = _search(browser, base, "ชายหาด")
    marks = page.eval_on_selector_all(".md-search-result__list mark", "els => els.map(e => e.textContent)")
    assert marks and all(m == "ชายหาด" for m in marks)
    page.locator(".md-search-result__list > li > a").first.click()
    page.wait_for_function("() => document.querySelectorAll('article mark').length > 0")
    on_page = page.eval_on_selector_all("article mark", "els => els.map(e => e.textContent)")
    assert "ชายหาด" in on_page
    page.close()


def test_suggestions_are_whole_thai_words(browser: Any, sites: Any) -> None:
    _, base = sites["guidemap"]
    page = _search(browser, base, "ชายแ")
    suggestion = page.inner_text(".md-search__suggest").strip()
    assert suggestion == "ชายแดน", suggestion
    page.close()


PAGE_TYPES = ["", "orgs/", "orgs/beach-for-life/", "map/", "stories/",
              "stories/2018-07-24-network-meeting/", "provinces/pattani/", "focus/", "help/", "about/"]


def test_a_page_view_downloads_nothing_of_search_until_the_box_is_used(browser: Any, sites: Any) -> None:
    _, base = sites["guidemap"]
    for path in PAGE_TYPES:
        view, _, urls = sr.query_bytes(browser, base + path, [])
        assert view == 0 and urls == [], (path, urls)
        # Material's box is there and ready: it shows its placeholder, not an error.
        page = browser.new_page()
        page.goto(base + path)
        assert page.locator(sr.INPUT).count() == 1
        page.close()


def test_a_query_fetches_only_the_pieces_it_needs(browser: Any, sites: Any) -> None:
    root, base = sites["guidemap"]
    manifest = json.loads((root / "site" / "search" / "shards.json").read_text(encoding="utf-8"))
    view, per_query, urls = sr.query_bytes(browser, base + "orgs/", ["ชายหาดปัตตานี", "ชายหาด", "อาสาสมัคร"])
    assert view == 0
    first, second, third = per_query
    assert first > 0 and second < first and third > 0
    names = [u.split("/search/", 1)[-1] for u in urls if "/search/" in u]
    assert names.count("shards.json") == 1  # the manifest once, for every query
    assert len(names) == len(set(names))  # nothing fetched twice
    records = [n for n in names if "/r/" in n]
    assert 0 < len(records) <= 3 * 10  # records only for the results shown
    assert len(records) < manifest["n"]
    assert all(n.startswith(manifest["v"] + "/") for n in names if n != "shards.json")
    assert not any("search_index" in u or "workers/search." in u for u in urls)


def test_the_box_works_after_focus_alone(browser: Any, sites: Any) -> None:
    # The worker starts at the first focus; a query typed at once is answered.
    _, base = sites["guidemap"]
    page = browser.new_page()
    page.goto(base)
    sr.open_search(page)
    box = page.locator(sr.INPUT)
    box.click()
    box.press_sequentially("Kenan", delay=0)
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__list > li').length > 0")
    assert "orgs/kenan-foundation-asia/" in page.evaluate(sr.RESULTS_JS)["hrefs"][:3]
    page.close()


def test_feed_links_do_not_make_material_fetch_the_site_map(browser: Any, sites: Any) -> None:
    """Material's bundle fetches "sitemap.xml" beside each <link rel="alternate"> (meant for
    language versions): for a feed's link, the whole site map or a 404 on every page view. The
    shim answers those with an empty map; the file is still published for search engines."""
    root, base = sites["guidemap"]
    assert (root / "site" / "sitemap.xml").stat().st_size > 1000
    for path in PAGE_TYPES:
        page = browser.new_page()
        seen: list[tuple[str, int]] = []
        page.on("response", lambda response, seen=seen: seen.append((response.url, response.status)))
        page.goto(base + path, wait_until="networkidle")
        assert page.locator('link[rel=alternate][type*="xml"]').count() > 0 or path != ""
        page.close()
        assert not [u for u, _ in seen if u.endswith("sitemap.xml")], path
        assert not [u for u, status in seen if status >= 400], path


def test_the_count_says_how_many_pages_matched_beyond_the_ten_shown(browser: Any, sites: Any) -> None:
    """Records are fetched for the ten results shown only; the count still gives every match."""
    _, base = sites["guidemap"]
    page = _search(browser, base, "กลุ่ม")  # in every group's name
    meta = page.inner_text(".md-search-result__meta").strip()
    found = re.fullmatch(r"พบ (\d+) หน้า แสดง 10 หน้าแรก", meta)
    assert found and int(found.group(1)) > 30, meta
    assert page.locator(".md-search-result__list > li").count() == 10
    sr.search(page, "Kenan")  # a name on a few pages: the same wording, one figure
    meta = page.inner_text(".md-search-result__meta").strip()
    shown = page.locator(".md-search-result__list > li").count()
    assert meta == f"พบ {shown} หน้า", meta
    page.close()
