"""Benchmark: a network of thousands, in one run.

For each size N (groups, with as many stories) this builds a generated network and, in the same
run, a plain mkdocs-material site of the same pages (N group pages and N story pages of the same
text, out of the navigation, Material's own search), and reports:

* build time against plain Material: randomized interleaved rounds after one untimed warm-up of
  each, ``sync`` before every build; the median ratio (and each side's median), and time per page;
* peak memory of the build (largest resident set of the build process and its worker process);
* site size (bytes and files);
* bytes of a first page view of each page type (gzip -6, as a static host sends it; images and
  map tiles left out) and how many of them are search bytes (should be none);
* bytes of a first Thai query and of a second one on the same page (median and largest of
  several), typed into the search box in headless Chromium;
* the same queries through Pagefind (pip ``pagefind[extended]``, the ``bench`` extra), run on the
  same built pages (those our index holds: home, groups, stories): bytes its JavaScript API
  downloads for a first query (the results' fragments for the first ten included), and how
  often each engine finds the page the words came from.

Text is generated like the real profiles (summary about 110 letters, description about 320,
stories a few paragraphs), words drawn from pythainlp's dictionary with a Zipf distribution.

    python scripts/bench_scale.py --sizes 1000,2000,10000:1 --rounds 3
    python scripts/bench_scale.py --sizes 2000 --rounds 5 --no-pagefind
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import itertools
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
sys.path.insert(0, str(REPO / "scripts"))
sys.path.insert(0, str(REPO / "tests"))

import search_recall as sr  # noqa: E402
from bench_build import CONFIG, profile_yaml  # noqa: E402  (the sites' mkdocs.yml, shared with bench_build)
from guidemap.outputs.offline import worker as offline_worker  # noqa: E402

PROVINCES = [("ปัตตานี", 6.87, 101.25), ("ยะลา", 6.54, 101.28), ("นราธิวาส", 6.43, 101.82),
             ("สงขลา", 7.19, 100.59)]
FOCUS = ["peace", "healing", "children-youth", "women", "education", "marine", "rescue"]
IMAGES = (".png", ".jpg", ".jpeg", ".webp", ".gif", ".avif", ".ico")
PAGEFIND_GLOB = "{index.html,orgs/*/index.html,stories/*/index.html}"
PAGE_TYPES = {"home": "", "directory": "orgs/", "group": "orgs/group-00001/", "map": "map/",
              "stories": "stories/", "story": "stories/{story}/", "province": "provinces/pattani/",
              "focus": "focus/peace/", "help": "help/", "subscribe": "subscribe/",
              "directory page 2": "orgs/page/2/", "stories page 2": "stories/page/2/",
              "province page 2": "provinces/pattani/page/2/",
              "guide": "guide/", "guide page 2": "guide/page/2/", "volunteer": "volunteer/",
              "events": "events/",
              # a shared link to a filtered directory: the filters' data loads with the page
              "directory filtered": "orgs/?focus=peace"}


class Words:
    """Thai dictionary words drawn with a Zipf distribution (a few common, most rare)."""

    def __init__(self, seed: int) -> None:
        from pythainlp.corpus import thai_words

        vocabulary = sorted(w for w in thai_words() if 2 <= len(w) <= 8 and w.isalpha())
        self.rng = random.Random(seed)
        self.rng.shuffle(vocabulary)
        self.vocabulary = vocabulary
        self.weights = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(vocabulary))))

    def text(self, letters: int) -> str:
        out: list[str] = []
        size = 0
        while size < letters:
            word = self.rng.choices(self.vocabulary, cum_weights=self.weights)[0]
            out.append(word)
            size += len(word)
            if self.rng.random() < 0.12:
                out.append(" ")
        return "".join(out).strip()


def network(n: int, seed: int = 3) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    words = Words(seed)
    rng = random.Random(seed)
    orgs, stories = [], []
    for i in range(n):
        province, lat, lon = rng.choice(PROVINCES)
        orgs.append({"id": f"group-{i:05d}", "name": f"กลุ่ม{words.text(8).replace(' ', '')}",
                     "province": province, "lat": f"{lat + rng.uniform(-0.2, 0.2):.4f}",
                     "lon": f"{lon + rng.uniform(-0.2, 0.2):.4f}",
                     "focus": ", ".join(sorted(set(rng.sample(FOCUS, 2)))),
                     "summary": words.text(110), "description": words.text(320)})
    # Ten years ending before the build date (SOURCE_DATE_EPOCH, 2026-11-18): every story is
    # published, so both sites hold the same pages (a future story would be held back).
    start = time.mktime((2016, 1, 1, 0, 0, 0, 0, 0, -1))
    for i in range(n):
        day = time.strftime("%Y-%m-%d", time.gmtime(start + 86400 * (i * 3650 // max(1, n))))
        body = "\n\n".join(words.text(rng.randint(200, 500)) for _ in range(4))
        stories.append({"slug": f"{day}-story-{i:05d}", "date": day, "title": words.text(30),
                        "summary": words.text(120), "org": f"group-{rng.randrange(n):05d}",
                        "body": f"{body}\n\n## {words.text(15)}\n\n{words.text(300)}\n"})
    return orgs, stories


def write_guidemap_site(root: Path, orgs: list[dict[str, str]], stories: list[dict[str, str]]) -> None:
    (root / "orgs").mkdir(parents=True)
    (root / "content" / "stories").mkdir(parents=True)
    (root / "content" / "index.md").write_text(
        "# หน้าแรก\n\n<!-- guidemap:summary -->\n\n<!-- guidemap:latest-stories -->\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(CONFIG.format(extra_plugin="  - guidemap"), encoding="utf-8")
    for o in orgs:
        (root / "orgs" / f"{o['id']}.yml").write_text(profile_yaml(o), encoding="utf-8")
    for s in stories:
        (root / "content" / "stories" / f"{s['slug']}.md").write_text(
            f"---\ntitle: \"{s['title']}\"\ndate: {s['date']}\nsummary: \"{s['summary']}\"\n"
            f"orgs:\n  - {s['org']}\n---\n\n{s['body']}", encoding="utf-8")


def write_plain_site(root: Path, orgs: list[dict[str, str]], stories: list[dict[str, str]]) -> None:
    (root / "content" / "pages").mkdir(parents=True)
    (root / "content" / "stories").mkdir(parents=True)
    (root / "content" / "index.md").write_text("# หน้าแรก\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(CONFIG.format(extra_plugin=""), encoding="utf-8")
    for o in orgs:
        (root / "content" / "pages" / f"{o['id']}.md").write_text(
            f"# {o['name']}\n\n{o['province']}\n\n{o['summary']}\n\n{o['description']}\n", encoding="utf-8")
    for s in stories:
        (root / "content" / "stories" / f"{s['slug']}.md").write_text(
            f"# {s['title']}\n\n{s['summary']}\n\n{s['body']}", encoding="utf-8")


# A subreaper (Linux): the build's worker process, a child of multiprocessing's fork server, is
# adopted and waited for, so its CPU time and memory count with the build's.
MEASURE = """\
import ctypes, os, resource, subprocess, sys, time
if sys.platform == "linux":
    ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
start = time.perf_counter()
subprocess.run(sys.argv[1:], check=True)
wall = time.perf_counter() - start
while True:
    try:
        os.wait()
    except ChildProcessError:
        break
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss)
"""


def timed_build(root: Path) -> tuple[float, float, int]:
    """Wall-clock seconds, CPU seconds and peak resident KB of one clean build."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1795000000"}
    shutil.rmtree(root / "site", ignore_errors=True)
    os.sync()
    out = subprocess.run([sys.executable, "-c", MEASURE, str(BIN / "mkdocs"), "build", "-q", "-d",
                          str(root / "site")], cwd=root, env=env, check=True, capture_output=True, text=True)
    wall, cpu, rss = out.stdout.split()
    return float(wall), float(cpu), int(rss)


def site_size(site: Path) -> tuple[int, int]:
    files = [p for p in site.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def page_view(browser: Any, url: str) -> tuple[int, int]:
    """Bytes (gzip -6) of a first view of ``url``, images and tiles left out, and the search
    bytes among them."""
    context = browser.new_context()
    page = context.new_page()
    page.route("**/*", lambda route: route.abort() if route.request.resource_type == "image"
               or route.request.url.lower().endswith(IMAGES) else route.continue_())
    sizes: dict[str, int] = {}

    def record(response: Any) -> None:
        if response.url.startswith("data:"):
            return
        with contextlib.suppress(Exception):  # aborted or redirected: no body
            sizes[response.url] = len(gzip.compress(response.body(), 6))

    page.on("response", record)
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(300)
    context.close()
    return sum(sizes.values()), sum(n for u, n in sizes.items() if sr.is_search_request(u))


def rare_words(orgs: list[dict[str, str]], count: int, seed: int) -> list[tuple[str, str]]:
    """Thai words (as pythainlp cuts them) found in at most ten profiles, with a page holding them."""
    from pythainlp.tokenize import word_tokenize

    rng = random.Random(seed)
    texts = {f"orgs/{o['id']}/": " ".join((o["name"], o["summary"], o["description"])) for o in orgs}
    chosen: list[tuple[str, str]] = []
    for target in rng.sample(sorted(texts), len(texts)):  # until enough are found
        candidates = sorted({w for w in word_tokenize(texts[target], engine="newmm")
                             if len(w) >= 4 and w.isalpha()})
        rng.shuffle(candidates)
        for word in candidates[:20]:
            if sum(word in t for t in texts.values()) <= 10:
                chosen.append((word, target))
                break
        if len(chosen) >= count:
            break
    return chosen


def _record(seen: list[int], wanted: Any, response: Any) -> None:
    if wanted(response.url):
        with contextlib.suppress(Exception):
            seen.append(len(gzip.compress(response.body(), 6)))


PAGEFIND_JS = """async ([query]) => {
  const pagefind = await import('/pagefind/pagefind.js');
  await pagefind.init();
  const found = await pagefind.search(query);
  const data = await Promise.all(found.results.slice(0, 10).map(r => r.data()));
  return data.map(d => new URL(d.url, location.href).pathname.replace(/^\\//, ''));
}"""


def pagefind_queries(browser: Any, base: str, queries: list[tuple[str, str]]) -> tuple[list[int], float]:
    """Bytes of each first query through Pagefind (fresh page each), and its recall@10."""
    sizes, hits = [], 0
    for text, target in queries:
        context = browser.new_context()
        page = context.new_page()
        seen: list[int] = []
        page.goto(base + "404.html")
        page.on("response", functools.partial(_record, seen, lambda url: "/pagefind/" in url))
        found = page.evaluate(PAGEFIND_JS, [text])
        page.wait_for_timeout(100)
        sizes.append(sum(seen))
        hits += target in found
        context.close()
    return sizes, hits / max(1, len(queries))


def our_queries(browser: Any, base: str,
                queries: list[tuple[str, str]]) -> tuple[list[int], list[int], float]:
    """Bytes of a first query and a second one on the same page (fresh page each time), and
    recall@10 of the first queries."""
    first, second, hits = [], [], 0
    for (text, target), (other, _) in zip(queries, queries[1:] + queries[:1], strict=True):
        context = browser.new_context()
        page = context.new_page()
        seen: list[int] = []
        page.on("response", functools.partial(
            _record, seen, lambda url: sr.is_search_request(url) and not url.startswith("data:")))
        page.goto(base, wait_until="networkidle")  # the home page: the directory of 10,000 is slow to lay out
        sr.open_search(page)
        found = sr.search(page, text)
        first.append(sum(seen))
        hits += target in found
        done = len(seen)
        sr.search(page, other)
        second.append(sum(seen[done:]))
        context.close()
    return first, second, hits / max(1, len(queries))


def kb(n: float) -> str:
    return f"{n / 1024:.1f} KB"


def run_size(n: int, rounds: int, workdir: Path, browser: Any, pagefind: bool,
             queries: int) -> dict[str, Any]:
    orgs, stories = network(n)
    plain, guide = workdir / f"plain-{n}", workdir / f"guidemap-{n}"
    write_plain_site(plain, orgs, stories)
    write_guidemap_site(guide, orgs, stories)
    result: dict[str, Any] = {"groups": n, "stories": n}
    if rounds > 1:  # a single round (the largest size) is not worth two more builds
        timed_build(plain)  # warm the disk cache and bytecode, untimed
        timed_build(guide)
    runs: dict[str, list[tuple[float, float, int]]] = {"plain": [], "guidemap": []}
    order = random.Random(n)
    for _ in range(max(1, rounds)):
        pair = [("plain", plain), ("guidemap", guide)]
        order.shuffle(pair)
        for name, root in pair:
            runs[name].append(timed_build(root))
    for name, values in runs.items():
        result[f"{name} median s"] = statistics.median(v[0] for v in values)
        result[f"{name} runs s"] = [round(v[0], 2) for v in values]
        result[f"{name} peak MB"] = max(v[2] for v in values) / 1024
    result["ratio median"] = result["guidemap median s"] / result["plain median s"]
    result["pages"] = sum(1 for _ in (guide / "site").rglob("index.html"))
    result["ms per page"] = 1000 * result["guidemap median s"] / result["pages"]
    result["site bytes"], result["site files"] = site_size(guide / "site")
    result["plain site bytes"], result["plain site files"] = site_size(plain / "site")
    # What the service worker keeps on its own from a first visit (the budget: 200 KB gzip at 2,000).
    result["offline kept bytes"], result["offline kept gzip"] = offline_worker.kept_bytes(guide / "site")
    server, base = serve(guide / "site")
    try:
        views = {}
        for kind, path in PAGE_TYPES.items():
            views[kind] = page_view(browser, base + path.format(story=stories[0]["slug"]))
        result["page views"] = {k: [round(v[0] / 1024, 1), v[1]] for k, v in views.items()}
        sample = rare_words(orgs, queries, seed=n)
        first, second, recall = our_queries(browser, base, sample)
        result["first query KB"] = [round(x / 1024, 1) for x in first]
        result["second query KB"] = [round(x / 1024, 1) for x in second]
        result["recall"] = recall
        if pagefind:
            # The pages our index holds (home, groups, stories); listing pages (numbered, 50 or
            # 100 groups each) would otherwise outrank the group pages in Pagefind's results.
            subprocess.run([sys.executable, "-m", "pagefind", "--site", str(guide / "site"),
                            "--glob", PAGEFIND_GLOB, "--output-subdir", "pagefind", "--quiet"], check=True)
            pf_sizes, pf_recall = pagefind_queries(browser, base, sample)
            result["pagefind first query KB"] = [round(x / 1024, 1) for x in pf_sizes]
            result["pagefind recall"] = pf_recall
    finally:
        server.shutdown()
    shutil.rmtree(plain / "site", ignore_errors=True)
    shutil.rmtree(guide / "site", ignore_errors=True)
    return result


def report(r: dict[str, Any]) -> None:
    print(f"\n== {r['groups']} groups, {r['stories']} stories, {r['pages']} pages ==")
    print(f"build: guidemap median {r['guidemap median s']:.1f} s (runs {r['guidemap runs s']}), "
          "plain Material "
          f"median {r['plain median s']:.1f} s (runs {r['plain runs s']}); ratio of medians "
          f"{r['ratio median']:.2f}; {r['ms per page']:.2f} ms per page")
    print(f"peak memory: guidemap {r['guidemap peak MB']:.0f} MB, plain {r['plain peak MB']:.0f} MB")
    print(f"site: {r['site bytes'] / 2**20:.0f} MB in {r['site files']} files "
          f"(plain Material: {r['plain site bytes'] / 2**20:.0f} MB in {r['plain site files']})")
    print(f"kept offline from a first visit (service worker): {kb(r['offline kept gzip'])} gzip, "
          f"{kb(r['offline kept bytes'])} as files")
    views = ", ".join(f"{k} {v[0]} KB" + (f" (search {v[1]} B)" if v[1] else "")
                      for k, v in r["page views"].items())
    print(f"first page view (gzip, no images): {views}")
    first, second = r["first query KB"], r["second query KB"]
    print(f"first Thai query: median {statistics.median(first):.1f} KB, largest {max(first):.1f} KB; "
          f"second query: median {statistics.median(second):.1f} KB, largest {max(second):.1f} KB; "
          f"recall@10 {r['recall']:.0%} of {len(first)}")
    if "pagefind first query KB" in r:
        pf = r["pagefind first query KB"]
        print(f"Pagefind, same pages and queries: first query median {statistics.median(pf):.1f} KB, "
              f"largest {max(pf):.1f} KB; recall@10 {r['pagefind recall']:.0%}")


def main() -> int:
    from playwright.sync_api import sync_playwright

    from conftest import CHROMIUM

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,2000,10000",
                    help="comma-separated numbers of groups, each optionally :rounds (10000:1)")
    ap.add_argument("--rounds", type=int, default=3, help="interleaved timed rounds per size")
    ap.add_argument("--queries", type=int, default=12, help="Thai queries per size")
    ap.add_argument("--no-pagefind", dest="pagefind", action="store_false")
    ap.add_argument("--dir", type=Path, default=None, help="where to build (default: the temporary folder)")
    ap.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = ap.parse_args()
    results = []
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for size in args.sizes.split(","):
            n, _, rounds = size.partition(":")
            r = run_size(int(n), int(rounds or args.rounds), Path(tmp), browser, args.pagefind, args.queries)
            report(r)
            results.append(r)
            sys.stdout.flush()
        browser.close()
    if len(results) > 1:
        base = results[0]
        for r in results[1:]:
            print(f"time per page at {r['groups']} / at {base['groups']}: "
                  f"{r['ms per page'] / base['ms per page']:.2f}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
