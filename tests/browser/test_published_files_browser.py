"""Every SVG and HTML file a site built from the contributed-files cases publishes, opened
directly in Debian's headless Chromium: no contributed script runs, no request leaves the site.
(The contributors' SVG, HTML and script files of the refused cases never reach a site: see
tests/site/test_published_files.py.)"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from test_published_files import site_from_case

from conftest import build, local_context

pytestmark = pytest.mark.browser

HOSTILE_SVG = ('<svg xmlns="http://www.w3.org/2000/svg" onload="window.__pwned=1">'
               '<script>window.__pwned=1</script></svg>')


def _ran_script(p: Any, url: str) -> bool:
    p.goto(url)
    p.mouse.move(100, 100)
    return bool(p.evaluate("typeof window.__pwned !== 'undefined'"))


def test_the_check_sees_a_contributed_svg_run(browser: Any, serve: Any, tmp_path: Path) -> None:
    """What the site test looks for does happen when an SVG is published as it was committed."""
    (tmp_path / "logo.svg").write_text(HOSTILE_SVG, encoding="utf-8")
    context, _, _ = local_context(browser)
    assert _ran_script(context.new_page(), serve(tmp_path) + "logo.svg")
    context.close()


def test_no_published_svg_or_html_file_runs_contributed_script(browser: Any, serve: Any,
                                                                tmp_path: Path) -> None:
    repo = site_from_case("published-files", tmp_path)
    result = build(repo)
    assert result.returncode == 0, result.stderr
    site = repo / "site"
    files = sorted(p for p in site.rglob("*") if p.suffix in (".svg", ".html"))
    assert len([f for f in files if f.suffix == ".html"]) >= 10
    base = serve(site)
    context, outside, _tiles = local_context(browser)
    p = context.new_page()
    dialogs: list[str] = []
    p.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    # An edition's e-mail copy (newsletter/<key>/email.html) is for mail programs, so its links
    # and pictures are the published site's absolute addresses: the only requests allowed out.
    published = re.search(r"^site_url:\s*(\S+)", (repo / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    assert published is not None
    left: list[str] = []
    for file in files:
        before = len(outside)
        assert not _ran_script(p, base + file.relative_to(site).as_posix()), file
        own = file.name == "email.html"
        left += [u for u in outside[before:] if not (own and u.startswith(published.group(1)))]
    assert dialogs == []
    assert left == [], f"requests left the site: {left}"
    context.close()
