"""Listings that stay light: the directory, province, focus and stories pages of a large network
in numbered pages (outputs/pages/paging.py), the directory's data for its filters
(data/directory.json), and the help page's long lists. Core outputs of a generated network of
250 groups and 120 stories (``registry.site_outputs``), the repository's own site, and (browser)
a built site of 230 groups in headless Chromium."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import math
import random
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest

from conftest import REPO, build, local_context, make_repo, open_filters, org_yaml
from guidemap.contract.load.repository import load_repository
from guidemap.contract.location import coarsen
from guidemap.contract.model.types import Area, Dataset, LText, Org, Story
from guidemap.contract.vocab import DEFAULT_FOCUS as FOCUS
from guidemap.outputs import registry
from guidemap.outputs.pages import paging
from guidemap.outputs.pages.common import SHORT_LIST as HELP_LIST
from guidemap.outputs.site import urls
from guidemap.outputs.site.selection import sort_orgs
from guidemap.outputs.site.types import GeneratedPage, SiteInfo

sys.path.insert(0, str(REPO / "scripts"))
import audit

SITE = SiteInfo(name="แผนที่อาสา", url="https://example.org/guide/", repo_url=None,
                today=dt.date(2026, 6, 1))
AREAS = [Area("94", "ปัตตานี", "Pattani"), Area("95", "ยะลา", "Yala"),
         Area("96", "นราธิวาส", "Narathiwat"), Area("90", "สงขลา", "Songkhla")]
SYLLABLES = ["กา", "นก", "ดิน", "ฟ้า", "ทะเล", "ป่า", "บ้าน", "ใจ", "รัก", "สุข", "มือ", "ดาว"]
HOSTILE = "<script>window.__pwned=1</script>\"><img src=x onerror=window.__pwned=1>`${1}`"


def network(n_orgs: int = 250, n_stories: int = 120, seed: int = 17) -> Dataset:
    """Groups over four provinces (Pattani the most: two pages of it), every one working on
    peace (three pages) and one more focus; some share a name (the id breaks the tie); one has
    the id ``page`` (its page is orgs/page/, beside the directory's orgs/page/2/)."""
    rng = random.Random(seed)
    orgs = []
    for i in range(n_orgs):
        org_id = "page" if i == 7 else f"g-{i:03d}"
        area = AREAS[0] if i % 5 < 3 else AREAS[1 + i % 3]
        name = "กลุ่ม" + "".join(rng.choice(SYLLABLES) for _ in range(3))
        if i % 40 == 0:
            name = "กลุ่มเดียวกัน"
        other = rng.choice([k for k in FOCUS if k != "peace"])
        needs = ("volunteers",) + (("media",) if i % 50 == 0 else ()) + (("funding",) if i % 9 == 0 else ())
        orgs.append(Org(id=org_id, name=LText(th=HOSTILE if i == 3 else name, en=f"Group {i}"),
                        province=area, district=None, location=coarsen(6.87, 101.25, "district"),
                        focus=("peace", other), summary=LText(th=f"ทำงานอาสา {i}"),
                        updated=dt.date(2026, 1, 1), source=f"orgs/{org_id}.yml", needs=needs,
                        offers=("training",) if i % 4 == 0 else (),
                        donate=f"https://example.org/give/{i}" if i % 9 == 0 else None))
    stories = [Story(slug=f"s-{i:03d}", source=f"stories/s-{i:03d}.md",
                     date=dt.date(2024, 1, 1) + dt.timedelta(days=5 * i), title=f"เรื่อง {i}",
                     body="เนื้อหา\n", summary=f"สรุป {i}", orgs=(orgs[i % n_orgs].id,))
               for i in range(n_stories)]
    return Dataset(orgs, stories)


@pytest.fixture(scope="module")
def big() -> tuple[Dataset, registry.SiteOutputs]:
    data = network()
    return data, registry.site_outputs(data, SITE)


def listing(out: registry.SiteOutputs, base: str) -> list[GeneratedPage]:
    """The pages of the listing at ``base``, in their order (page 1 first)."""
    found = {p.url: p for p in out.pages if re.fullmatch(re.escape(base) + r"(page/\d+/)?", p.url)}
    ordered = [found.pop(base)]
    k = 2
    while urls.paged(base, k) in found:
        ordered.append(found.pop(urls.paged(base, k)))
        k += 1
    assert not found, f"pages out of sequence: {sorted(found)}"
    return ordered


def card_ids(html: str) -> list[str]:
    return re.findall(r'<li class="gm-card" id="org-([a-z0-9-]+)"', html)


def all_cards(pages: list[GeneratedPage]) -> list[str]:
    """The groups of a listing's pages, one after the other."""
    return [i for p in pages for i in card_ids(p.html)]


def resolve(frm: str, href: str) -> str:
    """The site path a relative link on the page at ``frm`` points to (query and anchor left out)."""
    base = "https://site.test/"
    absolute = urljoin(base + frm, href)
    assert absolute.startswith(base), (frm, href)
    return urlsplit(absolute).path[1:]


def known_targets(data: Dataset, out: registry.SiteOutputs) -> set[str]:
    return ({p.url for p in out.pages} | set(out.files) | set(out.copies) | {urls.HOME}
            | {urls.story(s) for s in SITE.published(data.stories)})


def hrefs(html: str) -> list[str]:
    return [m for m in re.findall(r'href="([^"]*)"', html) if not m.startswith(("http", "#", "mailto:"))]


# --- every item exactly once, in order -----------------------------------------------------------


def test_the_directory_lists_every_group_once_in_pages_of_a_hundred(big: Any) -> None:
    data, out = big
    pages = listing(out, urls.DIRECTORY)
    assert [p.url for p in pages] == ["orgs/", "orgs/page/2/", "orgs/page/3/"]
    assert [len(card_ids(p.html)) for p in pages] == [100, 100, 50]
    assert all_cards(pages) == [o.id for o in sort_orgs(data.orgs)]  # each once, by name then id


def test_each_province_and_focus_lists_its_groups_once(big: Any) -> None:
    data, out = big
    for area in AREAS:
        members = sort_orgs(o for o in data.orgs if o.province.code == area.code)
        pages = listing(out, urls.province(area))
        assert len(pages) == math.ceil(len(members) / paging.ORGS_PER_PAGE)
        assert all_cards(pages) == [o.id for o in members], area.en
    assert len(listing(out, urls.province(AREAS[0]))) == 2
    for key in FOCUS:
        members = sort_orgs(o for o in data.orgs if key in o.focus)
        if not members:
            assert not [p for p in out.pages if p.url.startswith(urls.focus(key))]
            continue
        pages = listing(out, urls.focus(key))
        assert all_cards(pages) == [o.id for o in members], key
    assert len(listing(out, urls.focus("peace"))) == 3


def test_the_archive_lists_every_story_once_newest_first(big: Any) -> None:
    data, out = big
    pages = listing(out, urls.STORIES)
    assert len(pages) == math.ceil(120 / paging.STORIES_PER_PAGE) == 3
    slugs = []
    for p in pages:
        for href in re.findall(r'<a href="([^"]+)" class="gm-story__title">', p.html):
            slugs.append(resolve(p.url, href))
        assert re.search(r"<h2>พ.ศ. \d{4}</h2>", p.html)  # each page says which year it starts in
    assert slugs == [urls.story(s) for s in SITE.published(data.stories)]


# --- the pages of a listing tie together ---------------------------------------------------------


@pytest.mark.parametrize("base", [urls.DIRECTORY, urls.province(AREAS[0]), urls.focus("peace"), urls.STORIES])
def test_pages_say_where_they_are_and_link_to_each_other(big: Any, base: str) -> None:
    data, out = big
    pages = listing(out, base)
    n = len(pages)
    targets = known_targets(data, out)
    titles = [p.title for p in pages]
    assert len(set(titles)) == n and " · หน้า" not in titles[0]
    for k, page in enumerate(pages, start=1):
        assert not page.searchable
        assert f"หน้า {k} จาก {n}" in page.html and f"Page {k} of {n}" in page.html
        nav = re.search(r'<nav class="gm-pager" aria-label="[^"]+">(.*?)</nav>', page.html, re.S)
        assert nav, page.url
        linked = {resolve(page.url, href) for href in re.findall(r'href="([^"]+)"', nav.group(1))}
        assert urls.paged(base, 1) in linked or k == 1
        assert urls.paged(base, n) in linked or k == n
        assert f'aria-current="page">{k}<' in nav.group(1)
        head = dict(re.findall(r'<link rel="(prev|next)" href="([^"]+)">', page.head))
        assert set(head) == {*(["prev"] if k > 1 else []), *(["next"] if k < n else [])}
        if k > 1:
            assert resolve(page.url, head["prev"]) == urls.paged(base, k - 1)
            assert re.search(r'<a rel="prev" href="([^"]+)"', nav.group(1))
        if k < n:
            assert resolve(page.url, head["next"]) == urls.paged(base, k + 1)
        for href in hrefs(page.html) + hrefs(page.head):  # every link on the page resolves
            assert resolve(page.url, href) in targets, (page.url, href)


def test_later_pages_keep_the_first_page_feed_links(big: Any) -> None:
    _data, out = big
    for base in (urls.province(AREAS[0]), urls.focus("peace")):
        feeds = []
        for page in listing(out, base):
            found = re.findall(r'<link rel="alternate" type="[^"]+" title="[^"]+" href="([^"]+)">', page.head)
            visible = re.findall(r'<p class="gm-subscribe gm-subscribe--narrow"><a href="([^"]+)"', page.html)
            feeds.append(({resolve(page.url, f) for f in found}, {resolve(page.url, f) for f in visible}))
        assert feeds[0][0] and feeds[0][1] and all(f == feeds[0] for f in feeds), base
        # the files for readers; the visible links lead to the feeds' pages for people
        pages = {p.url for p in out.pages}
        assert all(target in out.files for target in feeds[0][0])
        assert all(target in pages for target in feeds[0][1] - {urls.SUBSCRIBE}), feeds[0][1]


def test_page_addresses_do_not_collide_with_a_group_called_page(big: Any) -> None:
    _data, out = big
    sources = Counter(p.src_uri for p in out.pages)
    assert not [s for s, n in sources.items() if n > 1]
    assert {"orgs/page.md", "orgs/page/2.md"} <= set(sources)


# --- split ---------------------------------------------------------------------------------------


def test_split_sizes_edges_and_numbers() -> None:
    assert [len(p.items) for p in paging.split("x/", [], 10)] == [0]
    assert [len(p.items) for p in paging.split("x/", list(range(20)), 10)] == [10, 10]
    assert [len(p.items) for p in paging.split("x/", list(range(21)), 10)] == [10, 10, 1]
    single = paging.split("x/", list(range(10)), 10)[0]
    assert (single.status(), single.nav(), single.head(), single.title("T")) == ("", "", "", "T")
    with pytest.raises(ValueError):
        paging.split("x/", [1], 0)
    pages = paging.split("orgs/", list(range(1000)), 10)
    middle = pages[49].nav()  # page 50 of 100: first, two either side, last
    numbers = re.findall(r">(\d+)</(?:a|span)>", middle)
    assert numbers == ["1", "48", "49", "50", "51", "52", "100"]
    assert middle.count("gm-pager__gap") == 2
    assert re.findall(r">(\d+)</(?:a|span)>", pages[1].nav()) == ["1", "2", "3", "4", "100"]
    assert pages[1].status().startswith('<p class="gm-pager__status">หน้า 2 จาก 100 (ลำดับที่ 11–20 จาก 1000)')


# --- a network the size of the repository's looks as before ------------------------------------


def test_the_repository_site_keeps_one_page_per_listing() -> None:
    data = load_repository(REPO).dataset
    out = registry.site_outputs(data, SITE)
    assert not [p.url for p in out.pages if "/page/" in p.url]
    for base in (urls.DIRECTORY, urls.STORIES, *{urls.province(o.province) for o in data.orgs}):
        page = listing(out, base)[0]
        assert "gm-pager" not in page.html and 'rel="next"' not in page.head
        assert page.title in ("ทำเนียบกลุ่มอาสาสมัคร", "จดหมายข่าว") or page.title.startswith("จังหวัด")
    help_html = next(p.html for p in out.pages if p.url == urls.HELP)
    assert "gm-list-more" not in help_html  # every list short enough to show whole


# --- the directory's data ------------------------------------------------------------------------


def test_directory_data_is_public_fields_in_the_directory_order(big: Any) -> None:
    data, out = big
    directory = json.loads(out.files[urls.DIRECTORY_JSON])
    public = {r["id"]: r for r in json.loads(out.files[urls.DATA_JSON])["orgs"]}
    records = directory["orgs"]
    assert directory["count"] == len(records) == len(data.orgs)
    assert [r["id"] for r in records] == [o.id for o in sort_orgs(data.orgs)]
    pages = {p.url for p in out.pages}
    for r in records:
        assert set(r) <= {"id", "name", "name_en", "province", "focus", "needs", "offers", "lat", "lon"}
        open_record = public[r["id"]]
        # the public position only (for "near me"), never finer than the group allows
        assert (r["lat"], r["lon"]) == (open_record["location"]["lat"], open_record["location"]["lon"])
        assert r["name"] == open_record["name"]["th"] and r.get("name_en") == open_record["name"].get("en")
        assert r["province"] == open_record["province"]["code"]
        assert (r["focus"], r["needs"], r["offers"]) == (
            open_record["focus"], open_record["needs"], open_record["offers"])
        assert directory["page"].replace("{id}", r["id"]) == urls.org(r["id"]) in pages
    assert next(r["name"] for r in records if r["id"] == "g-003") == HOSTILE  # text, kept whole
    for code, area in directory["provinces"].items():
        assert area["url"] in pages and code in {a.code for a in AREAS}
    assert set(directory["focus"]) == {k for o in data.orgs for k in o.focus}
    assert all(f["url"] in pages for f in directory["focus"].values())
    # The filters' form on every page of the directory points at it, relative to the page.
    for page in listing(out, urls.DIRECTORY):
        form = re.search(r'<form class="gm-filters"[^>]*data-src="([^"]+)" data-root="([^"]+)"', page.html)
        assert form and resolve(page.url, form.group(1)) == urls.DIRECTORY_JSON
        assert resolve(page.url, form.group(2)) == urls.HOME
    again = registry.site_outputs(network(), SITE).files[urls.DIRECTORY_JSON]
    assert again == out.files[urls.DIRECTORY_JSON]  # deterministic


# --- the help page -------------------------------------------------------------------------------


def _help_side(html: str, key: str, side: str) -> str:
    section = re.search(rf'<section class="gm-section gm-help" id="need-{key}">(.*?)</section>', html, re.S)
    assert section, key
    found = re.search(rf'<div class="gm-help__{side}">(.*?)</div>', section.group(1), re.S)
    assert found, (key, side)
    return found.group(1)


def test_help_page_long_lists_show_the_first_ones_and_link_to_the_filtered_directory(big: Any) -> None:
    data, out = big
    html = next(p.html for p in out.pages if p.url == urls.HELP)
    volunteers = _help_side(html, "volunteers", "need")  # every group: a long list
    assert volunteers.count("<li>") == HELP_LIST
    assert f'<a href="../orgs/?need=volunteers">ดูทั้ง {len(data.orgs)} กลุ่มในทำเนียบ</a>' in volunteers
    first = [o.id for o in sort_orgs(data.orgs)][:HELP_LIST]
    assert [resolve(urls.HELP, h) for h in re.findall(r'<a href="([^"?]+)">', volunteers)] == [
        urls.org(i) for i in first]
    offering = _help_side(html, "training", "offer")  # 63 groups offer training
    assert '<a href="../orgs/?offer=training">' in offering and offering.count("<li>") == HELP_LIST
    media = _help_side(html, "media", "need")  # five groups: shown whole, no link
    assert media.count("<li>") == 5 and "gm-list-more" not in media
    funding = _help_side(html, "funding", "need")  # 28 groups: whole, each with where to give
    assert funding.count("<li>") == 28 and funding.count("ร่วมบริจาค") == 28


def test_a_page_of_cards_stays_far_inside_the_budget(big: Any) -> None:
    """Bytes, not time: the HTML the core makes for a full page of 100 cards, gzip -6 as a static
    host sends it, against the ~70 KB the budget leaves beside the theme's CSS and JavaScript."""
    _data, out = big
    for base in (urls.DIRECTORY, urls.province(AREAS[0]), urls.STORIES):
        largest = max(len(gzip.compress((p.html + p.head).encode(), 6)) for p in listing(out, base))
        assert largest < 20 * 1024, (base, largest)


# --- in the browser ------------------------------------------------------------------------------

BIG = 230


def _yaml_quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@pytest.fixture(scope="module")
def big_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, dict[str, Any]]]:
    """A built site of 230 groups: 138 in Pattani (two pages of it), two with hostile names."""
    rng = random.Random(5)
    provinces = [("ปัตตานี", "94", "6.8697", "101.2501"), ("ยะลา", "95", "6.54", "101.28"),
                 ("นราธิวาส", "96", "6.43", "101.82")]
    orgs, expected = {}, {}
    for i in range(BIG):
        org_id = f"g-{i:03d}"
        province, code, lat, lon = provinces[0] if i % 5 < 3 else provinces[1 + i % 2]
        name = "กลุ่ม" + "".join(rng.choice(SYLLABLES) for _ in range(3))
        focus = ["marine"] if i in (3, 4) else ["peace", rng.choice(["education", "healing", "women"])]
        if i in (3, 4):
            name = HOSTILE if i == 3 else "</title><script>window.__pwned=1</script> & ๆ"
        needs = "volunteers, media" if i % 7 == 0 else "volunteers"
        orgs[org_id] = org_yaml(org_id, name_th=_yaml_quote(name), name_en=f"Group {i}", province=province,
                                lat=lat, lon=lon, focus=", ".join(focus), needs=needs)
        expected[org_id] = {"name": name, "province": code, "focus": focus, "needs": needs.split(", ")}
    repo = make_repo(tmp_path_factory.mktemp("big"), orgs)
    result = build(repo)
    assert result.returncode == 0, result.stderr
    return repo / "site", expected


def _in_order(expected: dict[str, dict[str, Any]], ids: list[str]) -> list[str]:
    return [i for _name, i in sorted((expected[i]["name"], i) for i in ids)]


def _results(page: Any) -> list[dict[str, str]]:
    page.wait_for_selector(".gm-directory:not([aria-busy])")
    found: list[dict[str, str]] = page.eval_on_selector_all(
        ".gm-directory__results:not([hidden]) .gm-card",
        "els => els.map(e => ({id: e.dataset.id, name: e.querySelector('h3 a').textContent,"
        " href: e.querySelector('h3 a').href}))")
    return found


@pytest.mark.browser
def test_filters_load_the_directory_data_on_first_use(browser: Any, serve: Any, big_site: Any) -> None:
    site, expected = big_site
    base = serve(site)
    context, outside, _tiles = local_context(browser)
    requested: list[str] = []
    context.on("request", lambda r: requested.append(r.url))
    dialogs: list[str] = []
    try:
        page = context.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(base + "orgs/")
        page.wait_for_timeout(300)
        assert not [u for u in requested if "directory.json" in u]  # nothing on a page view
        assert page.locator(".gm-directory__list .gm-card:visible").count() == 100
        open_filters(page)
        page.select_option("select[name=province]", "94")
        rows = _results(page)
        pattani = _in_order(expected, [i for i, e in expected.items() if e["province"] == "94"])
        assert len(pattani) > 100 and [r["id"] for r in rows] == pattani[:100]
        assert len([u for u in requested if "directory.json" in u]) == 1
        assert not page.is_visible(".gm-directory__list") and not page.is_visible(".gm-pager")
        assert f"แสดง {len(pattani)} จาก {BIG} กลุ่ม" in page.inner_text(".gm-count")
        assert page.get_attribute(".gm-count", "aria-live") == "polite"
        page.click(".gm-more")  # the rest of them
        assert [r["id"] for r in _results(page)] == pattani
        assert not page.is_visible(".gm-more")
        assert all(r["href"] == base + f"orgs/{r['id']}/" for r in _results(page))
        assert "province=94" in page.url
        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
        # Combined with a need, then a reload of the shared address: the same view.
        page.select_option("select[name=need]", "media")
        both = _in_order(expected, [i for i, e in expected.items()
                                    if e["province"] == "94" and "media" in e["needs"]])
        assert [r["id"] for r in _results(page)] == both
        page.reload()
        assert page.eval_on_selector("select[name=need]", "s => s.value") == "media"
        assert [r["id"] for r in _results(page)] == both
        open_filters(page)
        # Hostile names: drawn as text, nothing runs.
        page.goto(base + "orgs/?focus=marine")
        rows = _results(page)
        assert {r["id"]: r["name"] for r in rows} == {i: expected[i]["name"] for i in ("g-003", "g-004")}
        assert page.locator(".gm-directory__results script, .gm-directory__results img").count() == 0
        assert page.evaluate("typeof window.__pwned") == "undefined" and dialogs == []
        # Back to every group: the page's own list and pager return.
        open_filters(page)
        page.click(".gm-filters button[type=reset]")
        page.wait_for_selector(".gm-directory__list:not([hidden])")
        assert page.is_visible(".gm-pager") and "focus=" not in page.url
        assert page.locator(".gm-card:visible").count() == 100
    finally:
        context.close()
    assert outside == []


@pytest.mark.browser
@pytest.mark.parametrize("start", ["orgs/", "provinces/pattani/"])
def test_without_javascript_the_pages_list_every_group_once(browser: Any, serve: Any, big_site: Any,
                                                             start: str) -> None:
    site, expected = big_site
    base = serve(site)
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    seen: list[str] = []
    try:
        page.goto(base + start)
        assert not page.is_visible(".gm-filters")
        for _ in range(10):
            seen += [i.removeprefix("org-") for i in page.eval_on_selector_all(
                ".gm-card:visible", "els => els.map(e => e.id)")]
            following = page.locator(".gm-pager a[rel=next]")
            if following.count() == 0:
                break
            assert page.locator(".gm-pager").is_visible()
            following.click()
            page.wait_for_load_state()
    finally:
        context.close()
    wanted = [i for i, e in expected.items() if start == "orgs/" or e["province"] == "94"]
    assert seen == _in_order(expected, wanted)


@pytest.mark.browser
def test_pages_and_results_pass_axe(browser: Any, serve: Any, big_site: Any) -> None:
    if not audit.AXE_JS.exists():
        pytest.skip("axe-core is missing: scripts/test.sh installs it")
    site, _expected = big_site
    base = serve(site)
    context, outside, _tiles = local_context(browser)
    try:
        page = context.new_page()
        for path in ("orgs/page/2/", "provinces/pattani/page/2/", "orgs/?province=95"):
            page.goto(base + path)
            if "?" in path:
                _results(page)
            assert audit.axe_violations(page) == [], path
    finally:
        context.close()
    assert outside == []
