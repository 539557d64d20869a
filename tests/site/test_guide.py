"""The printable guide (guide/): every group by province with its needs, offers, contacts and
page address; printed to PDF by headless Chromium it has real Thai text (pdftotext), at most 12
A4 pages (pdfinfo), and every QR code decodes to its group's page (pdftoppm + zbarimg)."""

from __future__ import annotations

import datetime as dt
import os
import posixpath
import re
import shutil
import subprocess
from dataclasses import replace
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageDraw

from conftest import (
    SHIFTS_JS,
    build,
    layout_shift,
    local_context,
    make_repo,
    org_yaml,
    slow_script,
    unwrap_words,
)
from guidemap.contract import network
from guidemap.contract.load.repository import load_repository
from guidemap.outputs.pages import guide
from guidemap.outputs.pages.guide import qr_image
from guidemap.outputs.site.types import SiteInfo

SITE = "https://example.org/guide/"
TOOLS = ("pdftotext", "pdfinfo", "pdftoppm", "zbarimg")


def squeeze(text: str) -> str:
    """Text without any white space: pdftotext may break a line, or split a vowel from its
    tone mark, inside a Thai name."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def guide_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("guide")
    orgs = {
        "a": org_yaml("a", name_th="กลุ่ม <b>&ทะเล</b>", needs="funding, media") + (
            "offers: [media]\ncontact:\n  phone: '073312222'\n  facebook: https://www.facebook.com/klum.a\n"
            "donate: https://taejai.com/th/d/klum-a/\n"),
        "b": org_yaml("b", province="ยะลา", lat="6.54", lon="101.28"),
        "c": org_yaml("c", province="ยะลา", lat="6.54", lon="101.28", name_th="กขค"),
    }
    repo = make_repo(root, orgs)
    result = build(repo)
    assert result.returncode == 0, result.stderr
    return repo / "site"


def test_the_guide_lists_every_group_by_province_with_what_it_needs_and_offers(guide_site: Path) -> None:
    html = unwrap_words((guide_site / "guide" / "index.html").read_text(encoding="utf-8"))
    sections = re.findall(r'<section class="gm-guide__province" id="([^"]+)">(.*?)</section>', html, re.S)
    assert [s for s, _ in sections] == ["pattani", "yala"]
    pattani, yala = (body for _, body in sections)
    assert re.findall(r'id="guide-(\w+)"', yala) == ["c", "b"]  # by name: กขค before กลุ่ม b
    assert "กลุ่ม &lt;b&gt;&amp;ทะเล&lt;/b&gt;" in pattani and "<b>&" not in pattani
    text = unescape(re.sub(r"<[^>]+>", " ", pattani))
    assert "ต้องการ:" in text and "ทุนสนับสนุน" in text and "แบ่งปันได้:" in text
    assert "073 312 222" in text and "www.facebook.com/klum.a" in text and "taejai.com/th/d/klum-a" in text
    assert f"{SITE}orgs/a/" in text
    qrs = re.findall(r'<svg class="gm-guide__qr" role="img" aria-label="([^"]+)"', html)
    assert len(qrs) == 3 and all(SITE + "orgs/" in unescape(a) for a in qrs)
    home = unwrap_words((guide_site / "index.html").read_text(encoding="utf-8"))
    assert 'href="guide/"' in home and "คู่มือฉบับพิมพ์" in home


def decode_svg(svg: str, tmp: Path) -> str:
    """Draw an SVG QR code of guide.qr_image (runs of modules: M<x> <y>.5h<n>) and read it
    with zbarimg."""
    size = int(re.search(r'viewBox="0 0 (\d+) ', svg).group(1))  # type: ignore[union-attr]
    scale = 8
    im = Image.new("L", (size * scale, size * scale), 255)
    draw = ImageDraw.Draw(im)
    for x, y, n in re.findall(r"M(\d+) (\d+)\.5h(\d+)", svg):
        x0, y0 = int(x) * scale, int(y) * scale
        draw.rectangle((x0, y0, x0 + int(n) * scale - 1, y0 + scale - 1), fill=0)
    png = tmp / "qr.png"
    im.save(png)
    out = subprocess.run(["zbarimg", "-q", "--raw", str(png)], capture_output=True, text=True)
    return out.stdout.strip()


@pytest.mark.parametrize("address", [
    "https://example.org/guide/orgs/a/",
    "https://southern-volunteer-network.github.io/guidemap/orgs/samakhom-sangsan-yaowachon-chaidaen-tai/",
])
def test_each_qr_code_opens_its_address(address: str, tmp_path: Path) -> None:
    _tools()
    assert decode_svg(qr_image(address), tmp_path) == address


def _tools() -> None:
    missing = [t for t in TOOLS if shutil.which(t) is None]
    if missing:
        message = f"{missing} missing: scripts/test.sh installs poppler-utils and zbar-tools"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


@pytest.mark.browser
def test_the_printed_guide_of_this_repository(browser: Any, serve: Any, repo_site: Path,
                                              tmp_path: Path) -> None:
    _tools()
    context, outside, _tiles = local_context(browser)
    try:
        page = context.new_page()
        page.goto(serve(repo_site) + "guide/")
        page.emulate_media(media="print")
        pdf = tmp_path / "guide.pdf"
        page.pdf(path=str(pdf), format="A4", prefer_css_page_size=True)
    finally:
        context.close()
    assert outside == []
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))  # type: ignore[union-attr]
    assert "A4" in info and 1 <= pages <= 12, info
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    orgs = load_repository(Path(__file__).resolve().parents[2]).dataset.orgs
    flat = squeeze(text)
    missing = [o.name.th for o in orgs if o.name.th and squeeze(o.name.th) not in flat]
    assert missing == [], f"not in the PDF's text (Thai glyphs without text?): {missing}"
    assert "จังหวัดปัตตานี" in flat and "ต้องการ:" in flat
    # No navigation, search or footer on paper.
    assert "ทำเนียบกลุ่ม" not in text.split("คู่มือฉบับพิมพ์", 1)[0] and "ค้นหา" not in text
    # Every QR code, read from the printed pages, opens its group's page.
    subprocess.run(["pdftoppm", "-r", "200", "-png", str(pdf), str(tmp_path / "page")], check=True)
    decoded: list[str] = []
    for png in sorted(tmp_path.glob("page*.png")):
        out = subprocess.run(["zbarimg", "-q", "--raw", str(png)], capture_output=True, text=True)
        decoded += out.stdout.split()
    expected = sorted(f"http://127.0.0.1:8000/orgs/{o.id}/" for o in orgs)
    assert sorted(decoded) == expected


def test_the_worker_process_makes_the_same_qr_codes() -> None:
    from guidemap.adapter.helper import Helper, qr_images, render_maps
    from guidemap.contract.model.types import Dataset
    from guidemap.outputs.map import view as map_view

    addresses = ["https://example.org/guide/orgs/a/", "https://example.org/guide/orgs/b/"]
    helper = Helper(enabled=True)
    try:
        codes = helper.submit(qr_images, addresses)
        maps = helper.submit(render_maps, map_view.map_requests(Dataset([], []), network.DEFAULT))
        assert codes.result() == {a: qr_image(a) for a in addresses}
        assert maps.result()
        assert codes.from_pool and maps.from_pool
    finally:
        helper.close()


def test_codes_put_in_later_are_the_codes_made_at_once(tmp_path: Path) -> None:
    """The plugin has the helper make the codes while pages render (SiteInfo.qr_later) and puts
    them in when the guide is written (put_codes): the page is the same, junk is never put in."""
    repo = make_repo(tmp_path, {"a": org_yaml("a"), "b": org_yaml("b", province="ยะลา")})
    data = load_repository(repo).dataset
    site = SiteInfo(name="x", url="https://example.org/", repo_url=None, edit_branch="main",
                    today=dt.date(2026, 11, 18), description="", feed_items=30)
    at_once = guide.guide_pages(data, site)[0].html
    later = guide.guide_pages(data, replace(site, qr_later=True))[0].html
    assert "<svg" not in later and later.count("<!--guidemap:qr:") == 2
    a, b = (guide.page_address(site.url, i) for i in ("a", "b"))
    assert a and b
    assert guide.put_codes(later, {a: qr_image(a), b: "<script>alert(1)</script>"}) == at_once
    assert guide.put_codes(later, {}) == at_once  # no helper: made here
    assert guide.guide_pages(data, site)[0].html == at_once  # the next build's own choice
    # Each placeholder names its address: a page's codes do not depend on which guide came last.
    other = make_repo(tmp_path / "other", {"c": org_yaml("c")})
    guide.guide_pages(load_repository(other).dataset, replace(site, qr_later=True))
    assert guide.put_codes(later, {}) == at_once
    assert guide.put_codes("<!--guidemap:qr:zz--> <!--guidemap:qr:ff-->", {}).startswith(
        "<!--guidemap:qr:zz-->")  # not ours: left alone


def test_a_large_network_gets_the_guide_in_numbered_pages(tmp_path: Path) -> None:
    """130 groups: three pages of at most 50, every group once and in order, its province's
    heading repeated "(continued)" where a page goes on with it, and the contents of every page
    linking to the page where each province begins."""
    provinces = ["ปัตตานี", "ยะลา", "นราธิวาส"]
    orgs = {f"g{i:03d}": org_yaml(f"g{i:03d}", province=provinces[i % 3]) for i in range(130)}
    data = load_repository(make_repo(tmp_path, orgs)).dataset
    site = SiteInfo(name="x", url="https://example.org/", repo_url=None, edit_branch="main",
                    today=dt.date(2026, 11, 18), description="", feed_items=30)
    pages = guide.guide_pages(data, site)
    assert [p.url for p in pages] == ["guide/", "guide/page/2/", "guide/page/3/"]
    listed = [m for p in pages for m in re.findall(r'id="guide-(g\d+)"', p.html)]
    assert sorted(listed) == sorted(orgs) and len(listed) == len(set(listed))
    for page in pages:
        assert page.html.count('class="gm-guide__qr"') == page.html.count('class="gm-guide__org"') <= 50
        assert 'aria-label="เลขหน้า Pages"' in page.html
    anchor = re.compile(r'<section class="gm-guide__province" id="([^"]+)"')
    begins = {slug: p.url for p in pages for slug in anchor.findall(p.html)}
    assert len(begins) == 3  # each province anchored once, where it begins
    assert sum(p.html.count("(ต่อ)") for p in pages) >= 1
    for page in pages:
        toc = re.findall(r'<ul class="gm-guide__toc">.*?</ul>', page.html)[0]
        assert len(re.findall(r'<a href="([^"#]*)#([^"]+)">', toc)) == 3
        for href, slug in re.findall(r'<a href="([^"#]*)#([^"]+)">', toc):
            target = posixpath.normpath(posixpath.join(page.url, href)) + "/" if href else page.url
            assert target == begins[slug], (page.url, href, slug)
    assert len({p.title for p in pages}) == 3


@pytest.mark.browser
def test_the_guide_does_not_move_when_its_print_button_appears(browser: Any, serve: Any,
                                                               guide_site: Path) -> None:
    """The print button keeps its place while the script that shows it loads (Lighthouse
    measured a shift of 0.093 when it was revealed)."""
    context, outside, _ = local_context(browser)
    try:
        page = context.new_page()
        page.add_init_script(SHIFTS_JS)
        page.route("**/guidemap.js*", slow_script)
        page.goto(serve(guide_site) + "guide/", wait_until="networkidle")
        page.wait_for_timeout(500)
        assert page.is_visible(".gm-guide__print button")
        cls = layout_shift(page)
    finally:
        context.close()
    assert outside == []
    assert cls <= 0.02, f"cumulative layout shift {cls:.3f}"
