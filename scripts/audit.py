"""What a visitor feels: page weight, accessibility and Lighthouse scores of each page type.

Builds the site from this repository (or takes a built one with ``--site``), serves it on
127.0.0.1 the way a static host does (gzip for text, ``Cache-Control: max-age=600`` as GitHub
Pages sends), and for each page type (home, directory, a group page, the map, the stories
archive, a story, the subscribe page and a province page) reports:

- **bytes of a first visit** (empty cache, a phone-sized window): every response the page
  loads, as a server sends it with gzip (each text file compressed here with gzip -6), map
  tiles and images left out (the budget: 150 KB, 250 KB for the map);
- **axe-core** violations of serious or critical impact (axe-core injected into the page);
- **Lighthouse** accessibility and performance scores (its default mobile emulation and
  simulated slow 4G), from ``scripts/audit/node_modules`` (``npm ci --prefix scripts/audit``),
  with Debian's Chromium (CHROME_PATH=/usr/bin/chromium). Map tiles are blocked for
  Lighthouse (``--blocked-url-patterns``) so the audit itself makes no outside request.

Nothing here fetches anything from the internet: outside requests of the pages are
recorded (tiles answered with a tiny PNG) and reported as failures.

    python scripts/audit.py                   # build, measure, print the table
    python scripts/audit.py --no-lighthouse   # weights and axe only (a few seconds)
    python scripts/audit.py --markdown        # the table as Markdown (for the README)

The test suite (tests/browser/test_accessibility.py) asserts the same weights, axe results and
absence of third-party requests through the functions of this module.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import functools
import gzip
import http.server
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.utils import formatdate
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[1]
AUDIT_DIR = REPO / "scripts" / "audit"
NODE_MODULES = AUDIT_DIR / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
LIGHTHOUSE = NODE_MODULES / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("GUIDEMAP_CHROMIUM", "/usr/bin/chromium")
TILE_HOST = "tile.openstreetmap.org"
TINY_PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6"
                            "kgAAAABJRU5ErkJggg==")  # 1x1, for tiles

KB = 1024
BUDGET = {"map": 250 * KB}
DEFAULT_BUDGET = 150 * KB
CACHE_SECONDS = 600  # what GitHub Pages sends
# Types a static host compresses (GitHub Pages, nginx's usual gzip_types, Netlify).
COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "application/xml",
                    "application/rss+xml", "application/atom+xml", "application/geo+json",
                    "image/svg+xml", "application/manifest+json")
CHROME_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--disable-domain-reliability", "--metrics-recording-only",
                "--disable-quic"]


# --- the server ------------------------------------------------------------------------------

class StaticHandler(http.server.SimpleHTTPRequestHandler):
    """A static host: gzip for text when asked, cache headers, correct types for our files."""

    extensions_map: ClassVar[dict[str, str]] = {**http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "application/javascript", ".json": "application/json",
        ".geojson": "application/geo+json", ".svg": "image/svg+xml", ".xml": "application/xml",
        ".atom": "application/atom+xml", ".webp": "image/webp"}

    def log_message(self, format: str, *args: object) -> None:
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", f"max-age={CACHE_SECONDS}")
        super().end_headers()

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        kind = self.guess_type(str(path))
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (path.is_file() and wants_gzip and kind.startswith(COMPRESSED_TYPES)
                and self.path.split("?")[0].endswith(("/", path.name))):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", kind + ("; charset=utf-8" if kind.startswith("text/") else ""))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", formatdate(path.stat().st_mtime, usegmt=True))
        self.end_headers()
        return io.BytesIO(body)


@contextlib.contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on a free port of 127.0.0.1; yields the base URL."""
    handler = functools.partial(StaticHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


# --- which pages ----------------------------------------------------------------------------

def _largest(folder: Path, pattern: str, skip: tuple[str, ...] = ()) -> str | None:
    found = [p for p in folder.glob(pattern) if p.parent.name not in skip]
    if not found:
        return None
    best = max(found, key=lambda p: (p.stat().st_size, p.as_posix()))
    return best.parent.relative_to(folder).as_posix() + "/"


def page_types(site: Path) -> dict[str, str]:
    """Page type → path of one page of that type in a built site. Where there are several
    pages of a type, the heaviest HTML (the worst case a visitor meets) is chosen."""
    pages = {"home": "", "directory": "orgs/", "group": _largest(site, "orgs/*/index.html"),
             "map": "map/", "stories": "stories/",
             "story": _largest(site, "stories/*/index.html"),
             "subscribe": "subscribe/" if (site / "subscribe" / "index.html").is_file() else None,
             "feed": _largest(site, "follow/alerts/*/*/index.html"),  # a feed's page for people
             "province": _largest(site, "provinces/*/index.html"),
             "volunteer": "volunteer/", "events": "events/",
             "event": _largest(site, "events/*/index.html"),
             "guide": "guide/" if (site / "guide" / "index.html").is_file() else None,
             "edition": _largest(site, "newsletter/*/index.html"),  # a newsletter edition
             "404": "404.html" if (site / "404.html").is_file() else None,
             "offline": "offline/" if (site / "offline" / "index.html").is_file() else None}
    return {k: v for k, v in pages.items() if v is not None}


# --- measuring in the browser -----------------------------------------------------------------

def is_tile(url: str) -> bool:
    return urlsplit(url).hostname == TILE_HOST


def is_local(url: str) -> bool:
    return urlsplit(url).hostname in ("127.0.0.1", "localhost") or url.startswith(("data:", "blob:"))


def compressed_size(body: bytes, content_type: str) -> int:
    """Bytes on the wire from a static host: gzip -6 for text types, as is otherwise."""
    if content_type.split(";")[0].strip().startswith(COMPRESSED_TYPES):
        return len(gzip.compress(body, 6, mtime=0))
    return len(body)


@dataclass
class Visit:
    url: str
    requests: list[tuple[str, str, int]] = field(default_factory=list)  # url, type, bytes
    outside: list[str] = field(default_factory=list)
    tiles: int = 0

    @property
    def bytes(self) -> int:
        return sum(size for _url, _kind, size in self.requests)


def first_visit(context: Any, url: str, settle_ms: int = 800) -> tuple[Any, Visit]:
    """Open ``url`` in ``context`` (a fresh one: empty cache) and count what it transfers:
    everything but map tiles and images. Returns the open page and the figures."""
    visit = Visit(url)
    page = context.new_page()

    def on_response(response: Any) -> None:
        req_url = response.url
        if is_tile(req_url):
            visit.tiles += 1
            return
        if not is_local(req_url):
            visit.outside.append(req_url)
            return
        kind = response.headers.get("content-type", "")
        if response.request.resource_type == "image" or kind.startswith("image/"):
            return
        if response.status in (204, 304) or req_url.startswith(("data:", "blob:")):
            return
        try:
            body = response.body()
        except Exception:  # a redirect or an aborted request has no body
            return
        visit.requests.append((req_url, response.request.resource_type, compressed_size(body, kind)))

    def on_request(request: Any) -> None:
        if not is_local(request.url) and not is_tile(request.url) and request.url not in visit.outside:
            visit.outside.append(request.url)

    page.on("response", on_response)
    page.on("request", on_request)
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(settle_ms)  # the search worker fetches its index after load
    return page, visit


def axe_violations(page: Any, impacts: tuple[str, ...] = ("serious", "critical")) -> list[dict[str, Any]]:
    """axe-core's violations of the given impacts on the open page (WCAG 2.x A/AA rules and
    axe's best practices)."""
    # Evaluated through the browser's debugging protocol, not added as a <script>: the site's
    # Content-Security-Policy refuses any inline script but its own.
    page.evaluate(AXE_JS.read_text(encoding="utf-8") + "\n;0")
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [{"id": v["id"], "impact": v["impact"], "help": v["help"],
             "nodes": [" ".join(n["target"]) if isinstance(n["target"], list) else str(n["target"])
                       for n in v["nodes"]][:5]}
            for v in result["violations"] if v["impact"] in impacts]


def new_context(browser: Any, **kw: Any) -> Any:
    """A phone-sized context with tiles answered locally (no request leaves the machine)."""
    context = browser.new_context(**{"viewport": {"width": 390, "height": 844}, "locale": "th-TH", **kw})
    context.route(f"https://{TILE_HOST}/**",
                  lambda route: route.fulfill(status=200, content_type="image/png", body=TINY_PNG))
    return context


# --- Lighthouse -------------------------------------------------------------------------------

def lighthouse_available() -> bool:
    return LIGHTHOUSE.exists() and shutil.which("node") is not None


def lighthouse(url: str, out_json: Path | None = None) -> dict[str, Any]:
    """Lighthouse's accessibility and performance scores (0-100) for ``url``: its default mobile
    emulation and simulated throttling, Debian's Chromium, tiles blocked, no error reporting."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        env = {**os.environ, "CHROME_PATH": CHROMIUM}
        cmd = [str(LIGHTHOUSE), url, "--only-categories=accessibility,performance",
               "--output=json", f"--output-path={report}", "--quiet", "--no-enable-error-reporting",
               f"--chrome-flags={' '.join(CHROME_FLAGS)}", f"--blocked-url-patterns=*{TILE_HOST}*"]
        result = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=240)
        if result.returncode != 0 or not report.is_file():
            raise RuntimeError(f"lighthouse failed on {url}: {result.stderr[-2000:]}")
        data = json.loads(report.read_text(encoding="utf-8"))
        if out_json:
            shutil.copy(report, out_json)
    cats = data["categories"]
    audits = data["audits"]
    failing = sorted(a["id"] for a in audits.values()
                     if a.get("scoreDisplayMode") == "binary" and a.get("score") == 0
                     and a["id"] in {r["id"] for r in cats["accessibility"]["auditRefs"]})
    return {"accessibility": round(cats["accessibility"]["score"] * 100),
            "performance": round(cats["performance"]["score"] * 100),
            "lcp_ms": round(audits["largest-contentful-paint"]["numericValue"]),
            "a11y_failing": failing}


# --- the report -------------------------------------------------------------------------------

def build_site(dest: Path) -> Path:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    mkdocs = Path(sys.executable).parent / "mkdocs"
    subprocess.run([str(mkdocs), "build", "--strict", "-q", "-d", str(dest)], cwd=REPO, env=env,
                   check=True)
    return dest


def audit(site: Path, use_lighthouse: bool, keep: Path | None = None) -> list[dict[str, Any]]:
    from playwright.sync_api import sync_playwright

    rows = []
    with serve_folder(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROME_FLAGS[1:])
        for kind, path in page_types(site).items():
            context = new_context(browser)
            page, visit = first_visit(context, base + path)
            violations = axe_violations(page)
            context.close()
            row: dict[str, Any] = {"page": kind, "path": "/" + path, "bytes": visit.bytes,
                                   "requests": len(visit.requests),
                                   "budget": BUDGET.get(kind, DEFAULT_BUDGET),
                                   "axe": [v["id"] for v in violations], "outside": visit.outside}
            if use_lighthouse:
                row.update(lighthouse(base + path, keep / f"lighthouse-{kind}.json" if keep else None))
            rows.append(row)
            print(f"  {kind:<10} {visit.bytes / KB:7.1f} KB", file=sys.stderr)
        browser.close()
    return rows


def table(rows: list[dict[str, Any]], markdown: bool) -> str:
    head = ["page type", "path", "first visit (gzip)", "budget", "requests", "axe serious/critical",
            "Lighthouse a11y", "Lighthouse perf (mobile)", "outside requests"]
    lines = []
    for r in rows:
        lines.append([r["page"], r["path"], f"{r['bytes'] / KB:.1f} KB", f"{r['budget'] // KB} KB",
                      str(r["requests"]),
                      str(len(r["axe"])) + (f" ({', '.join(r['axe'])})" if r["axe"] else ""),
                      str(r.get("accessibility", "—")), str(r.get("performance", "—")),
                      str(len(r["outside"]))])
    if markdown:
        out = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
        out += ["| " + " | ".join(cells) + " |" for cells in lines]
        return "\n".join(out)
    widths = [max(len(x) for x in col) for col in zip(head, *lines, strict=False)]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=False))
                     for cells in [head, *lines])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site folder (default: build this repository)")
    parser.add_argument("--no-lighthouse", action="store_true", help="weights and axe only")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    parser.add_argument("--json", type=Path, help="write every figure to this JSON file")
    parser.add_argument("--keep", type=Path, help="keep Lighthouse's JSON reports in this folder")
    args = parser.parse_args()
    if not AXE_JS.exists():
        print("axe-core is missing: run `npm ci --prefix scripts/audit`", file=sys.stderr)
        return 2
    use_lh = not args.no_lighthouse
    if use_lh and not lighthouse_available():
        print("Lighthouse is missing (npm ci --prefix scripts/audit); reporting without it",
              file=sys.stderr)
        use_lh = False
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or build_site(Path(tmp) / "site")
        rows = audit(site, use_lh, args.keep)
    print(table(rows, args.markdown))
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    failed = [r["page"] for r in rows if r["bytes"] > r["budget"] or r["axe"] or r["outside"]
              or r.get("accessibility", 100) < 95 or r.get("performance", 100) < 90]
    if failed:
        print(f"below the goals: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
