"""Thai search in headless Chromium, typed as a person types: recall, English, highlighting,
suggestions and what a first visit downloads. Figures: scripts/search_recall.py."""

from __future__ import annotations

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
    queries = sr.sample_queries(root) + sr.icu_queries(page, root)
    assert len(queries) >= 300
    score, misses = sr.recall(page, base, queries)
    print(f"\nguidemap recall@10: {score:.1%} of {len(queries)}")
    assert score >= 0.95, misses
    for kind in ("word", "phrase"):
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
    page.wait_for_function("document.querySelectorAll('article mark').length > 0")
    on_page = page.eval_on_selector_all("article mark", "els => els.map(e => e.textContent)")
    assert "ชายหาด" in on_page
    page.close()


def test_suggestions_are_whole_thai_words(browser: Any, sites: Any) -> None:
    _, base = sites["guidemap"]
    page = _search(browser, base, "ชายแ")
    suggestion = page.inner_text(".md-search__suggest").strip()
    assert suggestion == "ชายแดน", suggestion
    page.close()


def test_first_visit_download_does_not_grow_with_thai_support(browser: Any, sites: Any,
                                                              tmp_path: Path, serve: Any) -> None:
    root = sr.make_site_repo(tmp_path / "en", 30, False)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config.replace("lang: th", "lang: en"), encoding="utf-8")
    plain_en = serve(sr.build(root))
    ours, ours_files = sr.first_visit_bytes(browser, sites["guidemap"][1])
    without, _ = sr.first_visit_bytes(browser, plain_en)
    material_th, th_files = sr.first_visit_bytes(browser, sites["material"][1])
    print(f"\nfirst visit (gzip): guidemap {ours} B, Material en {without} B, Material th {material_th} B")
    assert ours <= without * 1.02
    assert not any("wordcut" in f for f in ours_files) and any("wordcut" in f for f in th_files)
