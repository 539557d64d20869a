"""Search recall for Thai: how often typing a word finds the page it came from.

From every profile (and story) of a site, take single Thai words and unspaced two-word
phrases, type each into Material's search box in headless Chromium as a person would (key
events included), and check that the page it came from is among the first ten results. Run
on this repository's data plus generated profiles, once with guidemap's Thai search and once
with Material's default Thai setup (``search.lang: th``), in the same run:

    python scripts/search_recall.py            # prints both figures

Words are cut with pythainlp for sampling; a word or phrase is sampled only if at most ten
pages contain it (no search can put a page in the first ten among more than ten equals).
"""

from __future__ import annotations

import itertools
import random
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pythainlp.corpus import thai_stopwords, thai_words
from pythainlp.tokenize import word_tokenize

from guidemap.contract.loader import load_repository
from guidemap.contract.vocab import NEEDS

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
THAI = set(chr(c) for c in range(0x0E00, 0x0E80))
INPUT = "input[data-md-component=search-query]"
RESULTS_JS = """() => ({
  meta: (document.querySelector('.md-search-result__meta') || {}).textContent,
  hrefs: [...document.querySelectorAll('.md-search-result__list > li > a')].slice(0, 10)
    .map(a => new URL(a.href).pathname.replace(/^\\//, ''))
})"""


@dataclass(frozen=True)
class Query:
    text: str
    target: str  # site URL of the page the words come from, e.g. "orgs/beach-for-life/"
    kind: str  # "word" or "phrase"


def generated_profiles(n: int, seed: int = 11) -> dict[str, str]:
    """Profiles of invented groups written in unspaced Thai from the pythainlp dictionary."""
    rng = random.Random(seed)
    vocabulary = sorted(w for w in thai_words() if 3 <= len(w) <= 8 and set(w) <= THAI)
    provinces = [("ปัตตานี", 6.87, 101.25), ("ยะลา", 6.54, 101.28), ("นราธิวาส", 6.43, 101.82),
                 ("สงขลา", 7.19, 100.59)]
    out = {}
    for i in range(n):
        name, lat, lon = rng.choice(provinces)
        words = [rng.choice(vocabulary) for _ in range(40)]
        org_id = f"generated-{i:03d}"
        out[org_id] = (
            f"id: {org_id}\nname:\n  th: กลุ่ม{''.join(words[:2])}\nprovince: {name}\n"
            f"location: {{lat: {lat}, lon: {lon}}}\nfocus: [community]\n"
            f"summary:\n  th: {''.join(words[2:14])}\n"
            f"description:\n  th: {''.join(words[14:28])} {''.join(words[28:40])}\n"
            "updated: 2026-01-01\n")
    return out


def make_site_repo(root: Path, generated: int, thai_search: bool) -> Path:
    """This repository's data plus generated profiles, configured for one search setup."""
    shutil.copytree(REPO / "orgs", root / "orgs")
    shutil.copytree(REPO / "content", root / "content")
    for org_id, text in generated_profiles(generated).items():
        (root / "orgs" / f"{org_id}.yml").write_text(text, encoding="utf-8")
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    if not thai_search:  # Material's own Thai setup: the theme language's search defaults
        config = config.replace("      lang: en\n", "      lang: th\n").replace(
            "      separator: '[\\s\\u200b\\-]+'\n", "").replace(
            "  - guidemap:\n", "  - guidemap:\n      thai_search: false\n")
        assert "thai_search: false" in config and "lang: th" in config
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    return root


def build(root: Path) -> Path:
    env = {"NO_MKDOCS_2_WARNING": "1", "PATH": str(BIN), "SOURCE_DATE_EPOCH": "1795000000"}
    subprocess.run([str(BIN / "mkdocs"), "build", "-q", "-d", str(root / "site")], cwd=root,
                   env=env, check=True, timeout=900)
    return root / "site"


def _thai_tokens(text: str) -> list[list[str]]:
    """Runs of Thai text, each cut into words."""
    runs: list[list[str]] = []
    for chunk in text.split():
        tokens = [t for t in word_tokenize(chunk, engine="newmm") if t.strip()]
        if tokens and all(set(t) <= THAI for t in tokens):
            runs.append(tokens)
    return runs


def page_texts(root: Path) -> dict[str, str]:
    """The Thai text of each group and story page, by site URL."""
    data = load_repository(root).dataset
    texts: dict[str, str] = {}
    for org in data.orgs:
        parts = [org.name.th, org.summary.th, org.province.th,
                 org.district.th if org.district else None,
                 org.description.th if org.description else None,
                 *(a.th for a in org.activities), *(NEEDS[k].th for k in org.needs)]
        texts[f"orgs/{org.id}/"] = " ".join(p for p in parts if p)
    for story in data.stories:
        texts[f"stories/{story.slug}/"] = " ".join(p for p in (story.title, story.summary or "",
                                                                story.body) if p)
    return texts


def sample_queries(root: Path, per_page: int = 3, seed: int = 5) -> list[Query]:
    texts = page_texts(root)
    stop = thai_stopwords()
    rng = random.Random(seed)

    def frequency(needle: str) -> int:
        return sum(needle in t for t in texts.values())

    queries: list[Query] = []
    for target, text in sorted(texts.items()):
        runs = _thai_tokens(text)
        words = sorted({w for run in runs for w in run if len(w) >= 3 and w not in stop
                        and frequency(w) <= 10})
        phrases = sorted({a + b for run in runs for a, b in itertools.pairwise(run)
                          if len(a) >= 2 and len(b) >= 2 and a not in stop and b not in stop
                          and frequency(a + b) <= 10})
        for w in rng.sample(words, min(per_page, len(words))):
            queries.append(Query(w, target, "word"))
        for p in rng.sample(phrases, min(max(1, per_page - 1), len(phrases))):
            queries.append(Query(p, target, "phrase"))
    return queries


ICU_WORDS_JS = """text => [...new Intl.Segmenter('th', {granularity: 'word'}).segment(text)]
  .filter(s => s.isWordLike).map(s => s.segment)"""


def icu_queries(page: Any, root: Path, per_page: int = 2, seed: int = 9) -> list[Query]:
    """Single words as the browser's own Thai segmenter (ICU) cuts them: other rules than
    pythainlp's, as a visitor's idea of a word may be."""
    texts = page_texts(root)
    stop = thai_stopwords()
    rng = random.Random(seed)
    queries = []
    for target, text in sorted(texts.items()):
        cut = page.evaluate(ICU_WORDS_JS, text)
        words = sorted({w for w in cut if len(w) >= 3 and set(w) <= THAI and w not in stop
                        and sum(w in t for t in texts.values()) <= 10})
        queries += [Query(w, target, "icu-word") for w in rng.sample(words, min(per_page, len(words)))]
    return queries


def first_visit_bytes(browser: Any, url: str) -> tuple[int, dict[str, int]]:
    """Bytes a first visit to ``url`` transfers, each response gzip-compressed (level 6, as a
    typical server would), and the largest responses by path."""
    import gzip

    context = browser.new_context()
    page = context.new_page()
    sizes: dict[str, int] = {}

    def record(response: Any) -> None:
        try:
            body = response.body()
        except Exception:  # redirects and aborted requests have no body
            return
        sizes[response.url.split("/", 3)[-1]] = len(gzip.compress(body, 6))

    page.on("response", record)
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(300)
    context.close()
    return sum(sizes.values()), sizes


def open_search(page: Any) -> None:
    """On a phone the search box hides behind the header's search button."""
    if not page.locator(INPUT).is_visible():
        page.locator("label.md-header__button[for=__search]").click()
    page.wait_for_selector(INPUT, state="visible")


def search(page: Any, text: str) -> list[str]:
    """Type ``text`` as a person would and return the first ten result pages (site URLs)."""
    box = page.locator(INPUT)
    box.click()
    box.press("Control+A")
    box.press("Backspace")
    box.press_sequentially(text, delay=5)
    box.press("End")  # Thai typed by the keyboard API fires no keyup: this one does
    # The worker answers asynchronously: wait until the result list stops changing.
    last, stable = None, 0
    for _ in range(100):
        page.wait_for_timeout(40)
        now = page.evaluate(RESULTS_JS)
        stable = stable + 1 if now == last else 0
        last = now
        if stable >= 3:
            break
    return list(last["hrefs"]) if last else []


def recall(page: Any, base: str, queries: list[Query]) -> tuple[float, list[Query]]:
    page.goto(base)
    open_search(page)
    page.wait_for_function("document.querySelector('.md-search-result__meta') !== null")
    search(page, queries[0].text)  # first query waits for the index to be ready
    page.wait_for_timeout(500)
    misses = [q for q in queries if q.target not in search(page, q.text)]
    return 1 - len(misses) / len(queries), misses


def main() -> int:
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(REPO / "tests"))
    import functools
    import http.server
    import threading

    from conftest import CHROMIUM

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for label, setup in (("guidemap Thai search", "guidemap"), ("Material default (lang: th)", "th"),
                             ("Material lang: en (no Thai support)", "en")):
            root = make_site_repo(Path(tmp, setup), 30, setup == "guidemap")
            if setup == "en":
                config = (root / "mkdocs.yml").read_text(encoding="utf-8")
                (root / "mkdocs.yml").write_text(config.replace("lang: th", "lang: en"), encoding="utf-8")
            site = build(root)
            handler = functools.partial(Quiet, directory=str(site))
            server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
            threading.Thread(target=server.serve_forever, daemon=True).start()
            base = f"http://127.0.0.1:{server.server_address[1]}/"
            total, _ = first_visit_bytes(browser, base)
            print(f"{label}: first visit of the home page {total / 1024:.1f} KB (gzip)")
            if setup != "en":
                page = browser.new_page()
                page.goto(base)
                queries = sample_queries(root) + icu_queries(page, root)
                score, misses = recall(page, base, queries)
                for kind in ("word", "phrase", "icu-word"):
                    sub = [q for q in queries if q.kind == kind]
                    hit = 1 - sum(q in misses for q in sub) / max(1, len(sub))
                    print(f"  recall@10 {kind}: {hit:.1%} of {len(sub)}")
                print(f"  recall@10 all: {score:.1%} of {len(queries)}; misses: "
                      + ", ".join(f"{q.text}→{q.target}" for q in misses[:8]))
            server.shutdown()
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
