"""Search recall for Thai: how often typing a word finds the page it came from.

From every profile (and story) of a site, take single Thai words, unspaced two-word phrases
and group names, type each into Material's search box in headless Chromium as a person would
(key events included), and check that the page it came from is among the first ten results.
Run on this repository's data plus generated profiles, once with guidemap's Thai search and
once with Material's default Thai setup (``search.lang: th``), in the same run; the bytes a
first page view, a first query and a second query download are printed beside:

    python scripts/search_recall.py                               # both setups, 30 generated
    python scripts/search_recall.py --generated 2000 --setups guidemap

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

from guidemap.contract.load.repository import load_repository
from guidemap.contract.vocab import DEFAULT_NEEDS as NEEDS

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


MAX_PAGES = 150  # pages queries are sampled from (all of them on a small site)


def _sampled(texts: dict[str, str], seed: int) -> list[tuple[str, str]]:
    """The pages queries come from: every page of a small site, a fixed sample of a large one."""
    items = sorted(texts.items())
    if len(items) <= MAX_PAGES:
        return items
    return sorted(random.Random(seed).sample(items, MAX_PAGES))


def sample_queries(root: Path, per_page: int = 3, seed: int = 5) -> list[Query]:
    texts = page_texts(root)
    stop = thai_stopwords()
    rng = random.Random(seed)

    def frequency(needle: str) -> int:
        return sum(needle in t for t in texts.values())

    queries: list[Query] = []
    for target, text in _sampled(texts, seed):
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


def name_queries(root: Path, seed: int = 13) -> list[Query]:
    """Each group's Thai name, as typed into the box (the names of generated groups are two
    unspaced dictionary words after กลุ่ม)."""
    data = load_repository(root).dataset
    rng = random.Random(seed)
    orgs = sorted(data.orgs, key=lambda o: o.id)
    chosen = rng.sample(orgs, min(MAX_PAGES, len(orgs)))
    return [Query(o.name.th, f"orgs/{o.id}/", "name") for o in sorted(chosen, key=lambda o: o.id)
            if o.name.th and set(o.name.th.replace(" ", "")) & THAI]


def icu_queries(page: Any, root: Path, per_page: int = 2, seed: int = 9) -> list[Query]:
    """Single words as the browser's own Thai segmenter (ICU) cuts them: other rules than
    pythainlp's, as a visitor's idea of a word may be."""
    texts = page_texts(root)
    stop = thai_stopwords()
    rng = random.Random(seed)
    queries = []
    for target, text in _sampled(texts, seed):
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


def is_search_request(url: str) -> bool:
    """A request made for search: the worker, the manifest, shards, records, Material's index."""
    return "/search/" in url or "workers/" in url or "search_index" in url


def query_bytes(browser: Any, url: str, texts: list[str]) -> tuple[int, list[int], list[str]]:
    """Search bytes (gzip -6, as a static host sends them) of a page view of ``url``, then of
    each query typed in turn into its search box (the box focused first), and every search
    URL requested."""
    import gzip

    context = browser.new_context()
    page = context.new_page()
    seen: list[tuple[str, int]] = []

    def record(response: Any) -> None:
        if not is_search_request(response.url) or response.url.startswith("data:"):
            return
        try:
            body = response.body()
        except Exception:  # redirects and aborted requests have no body
            body = b""
        seen.append((response.url, len(gzip.compress(body, 6))))

    page.on("response", record)
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(300)
    on_view = sum(n for _, n in seen)
    open_search(page)
    done = len(seen)
    per_query = []
    for text in texts:
        search(page, text)
        page.wait_for_load_state("networkidle")
        per_query.append(sum(n for _, n in seen[done:]))
        done = len(seen)
    context.close()
    return on_view, per_query, [u for u, _ in seen]


def open_search(page: Any) -> None:
    """On a phone the search box hides behind the header's search button."""
    try:  # a large page may still be laying out
        page.wait_for_selector(INPUT, state="visible", timeout=5000)
        return
    except Exception:  # Playwright's TimeoutError: hidden behind the button
        pass
    page.locator("label.md-header__button[for=__search]").click()
    page.wait_for_selector(INPUT, state="visible")


def search(page: Any, text: str) -> list[str]:
    """Type ``text`` as a person would and return the first ten result pages (site URLs)."""
    box = page.locator(INPUT)
    box.click()
    box.press("Control+A")
    box.press("Backspace")
    box.press_sequentially(text, delay=5)
    pending = [0]  # requests in flight (the worker fetches the pieces a query needs)

    def started(_: Any) -> None:
        pending[0] += 1

    def ended(_: Any) -> None:
        pending[0] -= 1

    events = (("request", started), ("requestfinished", ended), ("requestfailed", ended))
    for name, handler in events:
        page.on(name, handler)
    try:
        box.press("End")  # Thai typed by the keyboard API fires no keyup: this one does
        # The worker answers asynchronously: wait until nothing is being fetched and the
        # result list stops changing.
        last, stable = None, 0
        for _ in range(200):
            page.wait_for_timeout(40)
            now = page.evaluate(RESULTS_JS)
            stable = stable + 1 if now == last and pending[0] <= 0 else 0
            last = now
            if stable >= 3:
                break
    finally:
        for name, handler in events:
            page.remove_listener(name, handler)
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
    import argparse
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--generated", type=int, default=30, help="generated profiles added (default 30)")
    parser.add_argument("--setups", default="guidemap,th,en",
                        help="comma-separated: guidemap, th (Material's lang: th), en (no Thai support)")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO / "tests"))
    from conftest import CHROMIUM

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    labels = {"guidemap": "guidemap Thai search", "th": "Material default (lang: th)",
              "en": "Material lang: en (no Thai support)"}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for setup in args.setups.split(","):
            root = make_site_repo(Path(tmp, setup), args.generated, setup == "guidemap")
            if setup == "en":
                config = (root / "mkdocs.yml").read_text(encoding="utf-8")
                (root / "mkdocs.yml").write_text(config.replace("lang: th", "lang: en"), encoding="utf-8")
            site = build(root)
            handler = functools.partial(Quiet, directory=str(site))
            server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
            threading.Thread(target=server.serve_forever, daemon=True).start()
            base = f"http://127.0.0.1:{server.server_address[1]}/"
            total, _ = first_visit_bytes(browser, base)
            print(f"{labels[setup]}, {args.generated} generated: first visit of the home page "
                  f"{total / 1024:.1f} KB (gzip)")
            if setup != "en":
                view, queries_kb, _ = query_bytes(browser, base, ["ชายหาดปัตตานี", "อาสาสมัคร"])
                print(f"  search bytes (gzip): page view {view / 1024:.1f} KB, first query "
                      f"{queries_kb[0] / 1024:.1f} KB, second {queries_kb[1] / 1024:.1f} KB")
                page = browser.new_page()
                page.goto(base)
                queries = sample_queries(root) + name_queries(root) + icu_queries(page, root)
                score, misses = recall(page, base, queries)
                for kind in ("word", "phrase", "name", "icu-word"):
                    sub = [q for q in queries if q.kind == kind]
                    hit = 1 - sum(q in misses for q in sub) / max(1, len(sub))
                    print(f"  recall@10 {kind}: {hit:.1%} of {len(sub)}")
                print(f"  recall@10 all: {score:.1%} of {len(queries)}; misses: "
                      + ", ".join(f"{q.text}→{q.target}" for q in misses[:8]))
                page.close()
            server.shutdown()
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
