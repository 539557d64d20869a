"""Offers: the help page shows, for each key, who needs it and who can offer it (and where to
give beside a need for funding); the directory filters on offers, in the URL like the others."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from conftest import build, local_context, make_repo, open_filters, org_yaml

ORGS = {
    "maker": org_yaml("maker", name_th="กลุ่มทำสื่อ", needs="funding") + "offers: [media, training]\n"
             "donate: https://taejai.com/th/d/maker/\n",
    "needy": org_yaml("needy", name_th="กลุ่มต้องการสื่อ", needs="media, volunteers"),
    "quiet": org_yaml("quiet", name_th="กลุ่มเงียบ", needs="volunteers"),
}


@pytest.fixture(scope="module")
def offers_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = make_repo(tmp_path_factory.mktemp("offers"), ORGS)
    result = build(repo)
    assert result.returncode == 0, result.stderr
    return repo / "site"


def section(html: str, key: str) -> str:
    found = re.search(rf'<section class="gm-section gm-help" id="need-{key}">(.*?)</section>', html, re.S)
    assert found, key
    return found.group(1)


def names(block: str, side: str) -> list[str]:
    found = re.search(rf'<div class="gm-help__{side}">(.*?)</div>', block, re.S)
    return re.findall(r'<a href="\.\./orgs/[^"]+/">([^<]+)</a>', found.group(1)) if found else []


def test_help_page_pairs_who_needs_with_who_offers(offers_site: Path) -> None:
    html = (offers_site / "help" / "index.html").read_text(encoding="utf-8")
    media = section(html, "media")
    assert names(media, "need") == ["กลุ่มต้องการสื่อ"] and names(media, "offer") == ["กลุ่มทำสื่อ"]
    training = section(html, "training")  # offered, needed by no one: still shown
    assert names(training, "need") == [] and names(training, "offer") == ["กลุ่มทำสื่อ"]
    volunteers = section(html, "volunteers")
    assert names(volunteers, "need") == ["กลุ่มต้องการสื่อ", "กลุ่มเงียบ"] and names(volunteers, "offer") == []
    assert 'id="need-equipment"' not in html  # nobody needs or offers it
    funding = section(html, "funding")
    assert 'href="https://taejai.com/th/d/maker/"' in funding and "ร่วมบริจาค" in funding
    assert '<a href="#need-media">สื่อและการประชาสัมพันธ์</a> (ต้องการ 1 · แบ่งปันได้ 1)' in html


def test_the_directory_data_carries_offers_and_the_filter_lists_them(offers_site: Path) -> None:
    records = json.loads((offers_site / "data" / "directory.json").read_text(encoding="utf-8"))["orgs"]
    offers = {r["id"]: r["offers"] for r in records}
    assert offers == {"maker": ["media", "training"], "needy": [], "quiet": []}
    html = (offers_site / "orgs" / "index.html").read_text(encoding="utf-8")
    select = re.search(r'<select name="offer" data-filter="offer">(.*?)</select>', html, re.S)
    assert select  # the vocabulary's order
    assert re.findall(r'<option value="(\w+)"', select.group(1)) == ["training", "media"]


def shown_ids(page: Any) -> list[str]:
    """The groups the directory's filters show, once they have drawn them."""
    page.wait_for_selector(".gm-directory:not([aria-busy])")
    ids: list[str] = page.eval_on_selector_all(
        ".gm-directory__results .gm-card", "els => els.map(e => e.dataset.id)")
    return ids


@pytest.mark.browser
def test_directory_filters_on_offers_from_the_url(browser: Any, serve: Any, offers_site: Path) -> None:
    context, outside, _tiles = local_context(browser)
    try:
        page = context.new_page()
        page.goto(serve(offers_site) + "orgs/?offer=media")
        assert shown_ids(page) == ["maker"]
        open_filters(page)
        page.select_option("select[name=offer]", "")
        page.select_option("select[name=need]", "media")
        assert "offer=" not in page.url and "need=media" in page.url
        assert shown_ids(page) == ["needy"]
    finally:
        context.close()
    assert outside == []
