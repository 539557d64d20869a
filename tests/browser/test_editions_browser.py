"""The newsletter's editions in headless Debian Chromium: the e-mail's HTML at a phone's 360 px
and a mail program's 600 px with nothing sticking out, the edition page on a phone with the
LINE text copied by its button (and hostile text inert), and the page printed on A4."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from conftest import local_context
from dated_fixture import build_at
from editions_fixture import APRIL, editions_repo

pytestmark = pytest.mark.browser
SITE_URL = "https://example.org/guide/"

# Every element's right edge, and the page's scrolling width, against the viewport's.
OVERFLOW_JS = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll("body *")]
    .filter(e => e.getBoundingClientRect().right > width + 0.5)
    .map(e => e.tagName + "." + e.className);
  return {width, scroll: document.documentElement.scrollWidth, wide};
}"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_at(editions_repo(tmp_path_factory.mktemp("editions-browser") / "repo"), APRIL)


@pytest.fixture()
def opened(browser: Any, serve: Any, site: Path):  # type: ignore[no-untyped-def]
    context, outside, _ = local_context(browser, permissions=["clipboard-read", "clipboard-write"])
    base = serve(site)
    # The e-mail's pictures have the site's absolute address: answered by the local server.
    context.route(f"{SITE_URL}**", lambda route: route.fulfill(
        path=str(site / route.request.url[len(SITE_URL):].split("#")[0])))
    page = context.new_page()
    page.base = base  # type: ignore[attr-defined]
    page.pwned = []  # type: ignore[attr-defined]
    page.on("dialog", lambda d: (page.pwned.append(d.message), d.dismiss()))  # type: ignore[attr-defined]
    yield page
    assert page.evaluate("window.__pwned === undefined") and page.pwned == []
    context.close()
    left = [u for u in outside if not u.startswith(SITE_URL)]  # the site's own: answered above
    assert left == [], f"requests left the local server: {left}"


@pytest.mark.parametrize("width", [360, 600])
@pytest.mark.parametrize("key", ["2569-01", "2569-03"])
def test_the_email_fits_a_phone_and_a_mail_column(opened: Any, width: int, key: str) -> None:
    opened.set_viewport_size({"width": width, "height": 800})
    opened.goto(opened.base + f"newsletter/{key}/email.html")
    found = opened.evaluate(OVERFLOW_JS)
    assert found["scroll"] <= width and found["wide"] == [], found
    assert opened.locator("a", has_text="อ่านบนเว็บ").count() == 1
    # Every picture arrived and keeps its proportions within the column.
    sizes = opened.eval_on_selector_all("img", "els => els.map(e => [e.naturalWidth, e.width, e.height])")
    assert all(natural > 0 and 0 < shown <= width and tall > 0 for natural, shown, tall in sizes), sizes


def test_the_edition_page_copies_its_line_text(opened: Any, site: Path) -> None:
    opened.goto(opened.base + "newsletter/2569-03/")
    found = opened.evaluate(OVERFLOW_JS)
    assert found["scroll"] <= found["width"], found
    button = opened.locator(".gm-edition__copy")
    assert button.is_visible()
    box = button.bounding_box()
    assert box and box["height"] >= 44
    button.click()
    opened.wait_for_function("() => document.querySelector('.gm-edition__status').textContent.length > 0")
    copied = opened.evaluate("navigator.clipboard.readText()")
    assert copied == (site / "newsletter" / "2569-03" / "line.txt").read_text(encoding="utf-8")
    assert "<script>window.__pwned=1</script>" in copied  # the text itself, never run
    assert "https://example.org/guide/newsletter/2569-03/" in copied


def test_without_a_clipboard_the_button_stays_hidden(browser: Any, serve: Any, site: Path) -> None:
    context, outside, _ = local_context(browser)
    page = context.new_page()
    page.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    page.goto(serve(site) + "newsletter/2569-03/")
    assert not page.locator(".gm-edition__copy").is_visible()
    assert page.locator(".gm-edition__line-text").is_visible()  # still there to select by hand
    context.close()
    assert outside == []


def test_an_edition_prints_on_a4_without_the_site_around_it(opened: Any, tmp_path: Path) -> None:
    opened.goto(opened.base + "newsletter/2569-02/")
    opened.emulate_media(media="print")
    hidden = opened.evaluate("""() => [".md-header", ".gm-edition__line", ".md-footer"].map(s => {
        const e = document.querySelector(s);
        return !e || getComputedStyle(e).display === "none";
    })""")
    assert hidden == [True, True, True]
    assert opened.is_visible(".gm-edition h1")
    if shutil.which("pdfinfo") is None:
        pytest.skip("pdfinfo (poppler-utils) is installed by scripts/bootstrap.sh")
    pdf = tmp_path / "edition.pdf"
    pdf.write_bytes(opened.pdf(prefer_css_page_size=True))
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "(A4)" in info, info
