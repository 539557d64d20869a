"""Share buttons and share cards: LINE and Facebook links are absolute and URL-encoded on every
group and story page, the card's picture (og:image) is a real published file of the size it
claims (the group's logo, the story's picture, or a card with the page's title drawn), and in the browser the
copy and share buttons appear only where they work and send nothing anywhere until tapped."""

from __future__ import annotations

import io
import re
from html import unescape
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from PIL import Image
from test_images import photo

from conftest import build, local_context, make_repo, org_yaml
from guidemap.outputs.html import share
from guidemap.outputs.pictures.cards import SIZE, Card

SITE = "https://example.org/guide/"


# --- the links ---------------------------------------------------------------------------------

def test_line_and_facebook_links_encode_the_whole_address() -> None:
    page = "https://example.org/guide/orgs/a-b/?x=1&y=2#top"
    line = urlsplit(share.line_url(page, 'กลุ่ม "ปลา" & เพื่อน'))
    assert (line.scheme, line.netloc, line.path) == ("https", "social-plugins.line.me", "/lineit/share")
    assert parse_qs(line.query) == {"url": [page], "text": ['กลุ่ม "ปลา" & เพื่อน']}
    assert "&y=" not in line.query and "#" not in share.line_url(page)  # nothing left unencoded
    fb = urlsplit(share.facebook_url(page))
    assert (fb.netloc, fb.path, parse_qs(fb.query)) == ("www.facebook.com", "/sharer/sharer.php",
                                                         {"u": [page]})


def test_share_block_needs_an_absolute_address_and_escapes_the_title() -> None:
    assert share.share_block(None, "x") == ""
    assert share.share_block("orgs/a/", "x") == ""  # relative: nothing a chat app could open
    assert share.share_block("javascript:alert(1)", "x") == ""
    html = share.share_block("https://example.org/orgs/a/", '<script>"x"</script>')
    assert "<script>" not in html and "&lt;script&gt;&quot;x&quot;" in html
    # Copy and share are hidden until guidemap.js finds the browser can do them.
    assert html.count(" hidden>") == 2


def test_default_card_image_is_the_same_bytes_every_time() -> None:
    data = share.default_image()
    assert data == share.default_image()
    with Image.open(io.BytesIO(data)) as im:
        assert (im.format, im.size) == ("PNG", share.DEFAULT_SIZE)


# --- the built site ----------------------------------------------------------------------------

def meta(html: str, prop: str) -> str | None:
    found = re.search(rf'<meta property="{re.escape(prop)}" content="([^"]*)"', html)
    return unescape(found.group(1)) if found else None


def share_hrefs(html: str) -> dict[str, str]:
    found = re.search(r'<div class="gm-share".*?</div>', html, re.S)
    assert found, "no share buttons"
    links = dict(re.findall(r'class="gm-share__button gm-share__(\w+)" href="([^"]+)"', found.group(0)))
    return {k: unescape(v) for k, v in links.items()}


def published(site: Path, absolute: str, base: str) -> Path:
    assert absolute.startswith(base), absolute
    return site / absolute.removeprefix(base)


@pytest.fixture(scope="module")
def shared_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("share")
    orgs = {"logo": org_yaml("logo", name_th="กลุ่ม & <โลโก้>") + "logo: logos/logo.png\nlogo_alt: โลโก้กลุ่ม\n",
            "plain": org_yaml("plain")}
    story = ("---\ntitle: 'เรื่อง \"เล่า\" & ข่าว'\ndate: 2026-01-01\nimage: beach.jpg\n"
             "image_alt: เด็กเก็บขยะบนหาด\norgs: [logo]\n---\nข้อความ\n")
    repo = make_repo(root, orgs, {"2026-01-01-pic.md": story, "2026-01-02-none.md":
                                  "---\ntitle: ไม่มีรูป\ndate: 2026-01-02\n---\nข้อความ\n"})
    (repo / "orgs" / "logos").mkdir()
    (repo / "orgs" / "logos" / "logo.png").write_bytes(photo(900, 600, "PNG", gps=False))
    (repo / "content" / "stories" / "beach.jpg").write_bytes(photo(2000, 1000))
    result = build(repo)
    assert result.returncode == 0, result.stderr
    return repo / "site"


@pytest.mark.parametrize(("path", "title", "picture", "size"), [
    ("orgs/logo/", "กลุ่ม & <โลโก้>", "orgs/logo/logo.png", (320, 213)),
    # Without a picture of their own: a card with the page's title drawn (test_share_cards.py).
    ("orgs/plain/", "กลุ่ม plain", Card("กลุ่ม plain", "กลุ่มอาสา · ปัตตานี", "Test guide").path, SIZE),
    ("stories/2026-01-01-pic/", 'เรื่อง "เล่า" & ข่าว', "stories/beach.jpg", (960, 480)),
    ("stories/2026-01-02-none/", "ไม่มีรูป", Card("ไม่มีรูป", "เรื่องเล่า", "Test guide").path, SIZE),
])
def test_pages_share_their_own_address_with_a_real_resized_picture(
        shared_site: Path, path: str, title: str, picture: str, size: tuple[int, int]) -> None:
    html = (shared_site / path / "index.html").read_text(encoding="utf-8")
    assert meta(html, "og:url") == SITE + path
    links = share_hrefs(html)
    assert parse_qs(urlsplit(links["line"]).query) == {"url": [SITE + path], "text": [title]}
    assert parse_qs(urlsplit(links["facebook"]).query) == {"u": [SITE + path]}
    image = meta(html, "og:image")
    assert image == SITE + picture
    file = published(shared_site, image, SITE)
    with Image.open(file) as im:
        assert im.size == size
        assert not im.getexif()
    assert (meta(html, "og:image:width"), meta(html, "og:image:height")) == tuple(map(str, size))
    assert meta(html, "og:image:alt")


def test_every_page_of_the_repository_has_a_share_card_picture_that_exists(repo_site: Path) -> None:
    base = "http://127.0.0.1:8000/"  # the repository's site_url without SITE_URL
    pages = sorted(repo_site.rglob("index.html"))
    assert len(pages) > 20
    for page in pages:
        html = page.read_text(encoding="utf-8")
        image = meta(html, "og:image")
        assert image, page
        assert published(repo_site, image, base).is_file(), (page, image)
        where = page.relative_to(repo_site).parts
        if len(where) == 3 and where[0] in ("orgs", "stories"):  # a group's or a story's page
            links = share_hrefs(html)
            assert parse_qs(urlsplit(links["line"]).query)["url"] == [meta(html, "og:url")], page


# --- in the browser ----------------------------------------------------------------------------

@pytest.mark.browser
def test_copy_link_and_share_sheet_appear_only_where_they_work(browser: Any, serve: Any,
                                                               shared_site: Path) -> None:
    context, outside, _tiles = local_context(browser)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        page.goto(serve(shared_site) + "orgs/logo/")
        copy = page.locator(".gm-share__copy")
        copy.click()
        page.wait_for_function("() => document.querySelector('.gm-share__status').textContent !== ''")
        assert page.evaluate("navigator.clipboard.readText()") == SITE + "orgs/logo/"
        has_share = page.evaluate("typeof navigator.share === 'function'")
        assert page.locator(".gm-share__native").is_visible() == has_share
        # A phone's browser: navigator.share exists; the button shows and hands over the page.
        page.add_init_script("navigator.share = (d) => { window.__shared = d; return Promise.resolve(); }")
        page.reload()
        page.locator(".gm-share__native").click()
        assert page.evaluate("window.__shared") == {"title": "กลุ่ม & <โลโก้>", "url": SITE + "orgs/logo/"}
    finally:
        context.close()
    assert outside == [], f"requests left the server: {outside}"


@pytest.mark.browser
def test_without_javascript_only_the_plain_links_show(browser: Any, serve: Any,
                                                      shared_site: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(serve(shared_site) + "stories/2026-01-01-pic/")
        assert page.locator(".gm-share a:visible").count() == 2
        assert page.locator(".gm-share button:visible").count() == 0
    finally:
        context.close()


def test_the_build_keeps_its_drawn_pictures_beside_mkdocs_yml(repo_site: Path) -> None:
    """The icons and the default share picture, drawn once and kept for the next build
    (outputs/pictures/kept.py), in the folder beside mkdocs.yml the share cards use too."""
    kept = sorted(p.name for p in (repo_site.parent / ".cache" / "guidemap" / "pictures").glob("*.png"))
    assert len(kept) >= 5  # four icon sizes and the default share picture
