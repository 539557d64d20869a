"""Shared fixtures: tiny repositories built with the real `mkdocs build --strict`, and a
headless Debian Chromium driven by Playwright (never a downloaded browser)."""

from __future__ import annotations

import base64
import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("GUIDEMAP_CHROMIUM", "/usr/bin/chromium")
BIN = Path(sys.executable).parent


# Each folder holds one kind of test, and its tests carry that kind's marker (select a kind with
# `-m`, e.g. `-m "not browser"`; docs/benchmarks.md has the table).
KINDS = ("unit", "site", "browser", "properties", "checks")
# A few tests share a fixture with a test of another kind (a hostile repository, a photo, the
# workflow linters): every folder is importable by module name, whichever runs first.
sys.path.extend(str(REPO / "tests" / kind) for kind in KINDS)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite tests/golden/ from this build instead of comparing (review the diff)")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        kind = item.path.parent.name
        if kind in KINDS:
            item.add_marker(getattr(pytest.mark, kind))


_ANYWHERE = shutil.ignore_patterns(".git", ".venv", "*.egg-info", "__pycache__", ".*_cache", "node_modules",
                                   "test-results")


def ignore_in_copy(folder: str, names: list[str]) -> set[str]:
    """For ``shutil.copytree(REPO, ...)``: what a fresh clone would not have; ``site/`` and
    ``build/`` only at the top (``outputs/site/`` and ``tests/site/`` are ours)."""
    top = {"build", "site"} & set(names) if Path(folder) == REPO else set()
    return set(_ANYWHERE(folder, names)) | top


MINI_MKDOCS = """\
site_name: Test guide
site_url: https://example.org/guide/
repo_url: https://github.com/example/guidemap
docs_dir: content
theme:
  name: material
  language: th
  font: false
plugins:
  - search:
      lang: en
  - guidemap
markdown_extensions:
  - attr_list
  - md_in_html
  - toc:
      permalink: true
nav:
  - index.md
  - orgs/index.md
  - stories/index.md
validation:
  nav:
    omitted_files: ignore
"""

GOOD_ORG = """\
id: {id}
name:
  th: {name_th}
  en: {name_en}
province: {province}
location:
  lat: {lat}
  lon: {lon}
  precision: district
focus: [{focus}]
needs: [{needs}]
summary:
  th: {summary}
updated: {updated}
"""


def org_yaml(org_id: str, **kw: str) -> str:
    values = {"id": org_id, "name_th": f"กลุ่ม {org_id}", "name_en": f"Group {org_id}",
              "province": "ปัตตานี", "lat": "6.8697", "lon": "101.2501", "focus": "peace",
              "needs": "volunteers", "summary": "ทำงานอาสาในชุมชน", "updated": "2026-01-15"}
    values.update(kw)
    return GOOD_ORG.format(**values)


def make_repo(root: Path, orgs: dict[str, str], stories: dict[str, str] | None = None,
              mkdocs_yml: str = MINI_MKDOCS) -> Path:
    (root / "orgs").mkdir(parents=True)
    (root / "content" / "stories").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(mkdocs_yml, encoding="utf-8")
    (root / "content" / "index.md").write_text(
        "# หน้าแรก\n\n<!-- guidemap:summary -->\n\n<!-- guidemap:latest-stories -->\n", encoding="utf-8")
    for org_id, text in orgs.items():
        (root / "orgs" / f"{org_id}.yml").write_text(text, encoding="utf-8")
    for name, text in (stories or {}).items():
        (root / "content" / "stories" / name).write_text(text, encoding="utf-8")
    return root


def with_links(case: Path) -> Path:
    """The case itself, or, when it has ``links.txt`` (``link -> target`` lines), a copy with
    those symbolic links made: the repository keeps none (CI refuses them)."""
    spec = case / "links.txt"
    if not spec.is_file():
        return case
    copy = Path(tempfile.mkdtemp(prefix=f"{case.name}-")) / case.name
    shutil.copytree(case, copy, ignore=shutil.ignore_patterns("links.txt"))
    for line in spec.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            link, target = (part.strip() for part in line.split("->"))
            (copy / link).parent.mkdir(parents=True, exist_ok=True)
            os.symlink(target, copy / link)
    return copy


def build(root: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1795000000"}
    env.pop("SITE_URL", None)
    return subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "-d", str(root / "site"), *extra],
                          cwd=root, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="session")
def repo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own data, built once per test session with --strict."""
    out = tmp_path_factory.mktemp("repo-site")
    work = out / "repo"
    shutil.copytree(REPO, work, ignore=shutil.ignore_patterns(".venv", "site", ".git", "__pycache__",
                                                               ".pytest_cache", ".mypy_cache"))
    result = build(work)
    assert result.returncode == 0, result.stderr
    return work / "site"


@pytest.fixture(scope="session")
def every_type_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A test repository with every content type and page state (tests/every_type.py), built
    once per session; its site_url is MINI_MKDOCS's."""
    from every_type import build_every_type

    return build_every_type(tmp_path_factory.mktemp("every-type"))


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def serve():  # type: ignore[no-untyped-def]
    """Serve a built site folder on 127.0.0.1; returns its base URL."""
    servers: list[http.server.ThreadingHTTPServer] = []

    def start(folder: Path) -> str:
        handler = functools.partial(_Quiet, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for s in servers:
        s.shutdown()


TILE_HOST = "tile.openstreetmap.org"
# A 1x1 transparent PNG: tile requests are answered here, so no test needs the network.
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6"
                       "kgAAAABJRU5ErkJggg==")


def local_context(browser: Any, **kw: Any) -> tuple[Any, list[str], list[str]]:
    """A phone-sized browser context that records every request leaving 127.0.0.1.

    Map tiles (the one third-party request a visitor makes) are answered with a tiny PNG and
    listed apart; anything else outside the local server is a failure for the caller to assert.
    The site's service worker is blocked unless asked for (``service_workers="allow"``): its own
    requests (keeping pages after a first visit) would count twice in tests that count requests.
    """
    context = browser.new_context(**{"viewport": {"width": 390, "height": 844}, "locale": "th-TH",
                                     "service_workers": "block", **kw})
    outside: list[str] = []
    tiles: list[str] = []

    def seen(request: Any) -> None:
        host = urlsplit(request.url).hostname
        if host == TILE_HOST:
            tiles.append(request.url)
        elif host not in ("127.0.0.1", "localhost") and not request.url.startswith(("data:", "blob:")):
            outside.append(request.url)

    context.on("request", seen)
    context.route(f"https://{TILE_HOST}/**",
                  lambda route: route.fulfill(status=200, content_type="image/png", body=PNG))
    return context, outside, tiles


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: .ci/run must install Debian's chromium")
        pytest.skip(f"{CHROMIUM} not installed (run scripts/test.sh, which installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        yield b
        b.close()


# Layout shifts (CLS) as Chromium reports them, summed by layout_shift(); install before goto.
SHIFTS_JS = """
window.__shifts = [];
new PerformanceObserver(list => {
  for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shifts.push(e.value);
}).observe({type: "layout-shift", buffered: true});
"""


def slow_script(route: Any) -> None:
    """A route handler: the script arrives after the first paint, as on a slow connection."""
    time.sleep(0.4)
    route.continue_()


def layout_shift(page: Any) -> float:
    return float(page.evaluate("window.__shifts.reduce((a, b) => a + b, 0)"))


def unwrap_words(page_html: str) -> str:
    """A built page's HTML without the spans and breaks that keep Thai words whole in headings,
    titles and buttons (outputs/html/thaiwrap.py), for tests that look for a phrase."""
    return re.sub(r'<span class="gm-w(?: gm-wl)?">([^<]*)</span>', r"\1", page_html).replace("<wbr>", "")


def open_filters(page: Any) -> None:
    """On a narrow screen the directory's filters fold behind one button: open them."""
    toggle = page.locator(".gm-filters__toggle")
    if toggle.is_visible() and toggle.get_attribute("aria-expanded") != "true":
        toggle.click()


def khal_runner(tmp_path: Path, calendars: Sequence[str] = ("site",),
                quiet: bool = False) -> Callable[..., str]:
    """Debian's khal, a calendar program, with its own settings in ``tmp_path`` (Thai time, ISO
    dates) and one empty calendar per name: ``run(*args)`` gives what it printed, and fails the
    test on a non-zero exit (and, ``quiet``, on any warning or error it wrote)."""
    khal = shutil.which("khal")
    if khal is None:
        pytest.fail("khal is missing: run scripts/test.sh (it installs Debian's khal)")
    for name in calendars:
        (tmp_path / name).mkdir()
    config = tmp_path / "khal.conf"
    config.write_text(
        "[calendars]\n" + "".join(f"[[{n}]]\npath = {tmp_path / n}\ntype = calendar\n" for n in calendars)
        + "[locale]\ntimeformat = %H:%M\ndateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\n"
        "datetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\n"
        "local_timezone = Asia/Bangkok\ndefault_timezone = Asia/Bangkok\n"
        f"[sqlite]\npath = {tmp_path / 'khal.db'}\n", encoding="utf-8")
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}

    def run(*args: str) -> str:
        done = subprocess.run([khal, "-c", str(config), *args], env=env, capture_output=True, text=True,
                              timeout=120)
        assert done.returncode == 0, (args, done.stderr)
        if quiet:
            said = done.stderr.lower()
            assert "warning" not in said and "error" not in said, (args, done.stderr)
        return done.stdout

    return run
