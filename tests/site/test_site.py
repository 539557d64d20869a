"""Integration: real `mkdocs build --strict` of the repository and of tiny repositories."""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import MINI_MKDOCS, REPO, build, make_repo, org_yaml
from guidemap.contract.load.repository import load_repository


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False
        self.attrs_seen: list[tuple[str, str | None]] = []
        self.jsonld_open = False
        self.jsonld: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attrs_seen.extend(attrs)
        d = dict(attrs)
        if tag == "a" and d.get("href"):
            self.hrefs.append(d["href"] or "")
        # JSON-LD is data, not code: it is checked separately (it must parse as JSON).
        self._in_script = tag == "script" and d.get("type") != "application/ld+json"
        if tag == "script" and d.get("type") == "application/ld+json":
            self.jsonld_open = True

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)
        if self.jsonld_open:
            self.jsonld.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False
        self.jsonld_open = False


def parse(path: Path) -> Links:
    p = Links()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def test_every_profile_has_a_page_listed_in_directory_province_and_focus(repo_site: Path) -> None:
    data = load_repository(REPO).dataset
    assert len(data.orgs) >= 15
    directory = (repo_site / "orgs" / "index.html").read_text(encoding="utf-8")
    for org in data.orgs:
        page = repo_site / "orgs" / org.id / "index.html"
        assert page.is_file(), org.id
        assert f'href="../orgs/{org.id}/"' in directory
        slug = re.sub(r"[^a-z0-9]+", "-", org.province.en.lower()).strip("-")
        assert f'href="../../orgs/{org.id}/"' in (repo_site / "provinces" / slug / "index.html").read_text()
        for key in org.focus:
            assert f'href="../../orgs/{org.id}/"' in (repo_site / "focus" / key / "index.html").read_text()


def test_internal_links_all_resolve(repo_site: Path) -> None:
    broken = []
    for page in repo_site.rglob("*.html"):
        for href in parse(page).hrefs:
            if re.match(r"^[a-z]+:", href) or href.startswith("#"):
                continue
            path = href.split("#")[0].split("?")[0]
            base = repo_site if path.startswith("/") else page.parent  # 404.html links from the root
            target = (base / path.lstrip("/")).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append((page.relative_to(repo_site).as_posix(), href))
    assert broken == []


def test_org_pages_stay_out_of_the_navigation(repo_site: Path) -> None:
    home = (repo_site / "index.html").read_text(encoding="utf-8")
    nav_links = re.findall(r'<a href="([^"]*)" class="md-nav__link', home)
    assert "orgs/" in nav_links
    assert not [h for h in nav_links if re.fullmatch(r"orgs/[a-z0-9-]+/", h)]


def test_share_cards_jsonld_and_edit_link(repo_site: Path) -> None:
    page = (repo_site / "orgs" / "beach-for-life" / "index.html").read_text(encoding="utf-8")
    assert '<meta property="og:title"' in page and '<meta property="og:type" content="profile">' in page
    assert '<meta name="description" content="' in page
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    ld = json.loads(blocks[0])
    assert ld["@type"] == "NGO" and ld["name"]
    assert "/edit/main/orgs/beach-for-life.yml" in page
    assert 'lang="th"' in page.split(">")[0] + page[:400]


def test_stale_profile_shows_notice_with_buddhist_era_date(repo_site: Path) -> None:
    page = (repo_site / "orgs" / "beach-for-life" / "index.html").read_text(encoding="utf-8")
    # The network's data was given on 24 July 2018: over a year before any build.
    assert "gm-stale" in page and "24 กรกฎาคม 2561" in page


def test_open_data_has_public_fields_and_coarse_locations_only(repo_site: Path) -> None:
    payload = json.loads((repo_site / "data" / "orgs.json").read_text(encoding="utf-8"))
    data = load_repository(REPO).dataset
    assert payload["count"] == len(data.orgs) == len(payload["orgs"])
    table = (repo_site / "data" / "orgs.csv").read_text(encoding="utf-8-sig")  # after a byte-order mark
    rows = list(csv.DictReader(io.StringIO(table)))
    assert [r["id"] for r in rows] == sorted(o.id for o in data.orgs)
    for record in payload["orgs"]:
        loc = record["location"]
        step = {"exact": 4, "subdistrict": 2, "district": 2, "province": 1}[loc["precision"]]
        assert round(loc["lat"], step) == loc["lat"] and round(loc["lon"], step) == loc["lon"]


def _tiny(tmp_path: Path, **orgs: str) -> Path:
    return make_repo(tmp_path, {k.replace("_", "-"): v for k, v in orgs.items()})


def test_raw_coordinates_never_reach_the_output(tmp_path: Path) -> None:
    repo = _tiny(tmp_path, secret_office=org_yaml("secret-office", lat="6.123456", lon="101.678912"))
    result = build(repo)
    assert result.returncode == 0, result.stderr
    everything = "".join(p.read_text(encoding="utf-8", errors="replace")
                         for p in (repo / "site").rglob("*") if p.is_file() and p.suffix != ".gz")
    for raw in ("6.123456", "101.678912", "6.1234", "101.6789", "6.12", "101.67", "101.68"):
        assert raw not in everything
    record = json.loads((repo / "site" / "data" / "orgs.json").read_text())["orgs"][0]
    assert record["location"] == {"lat": 6.1, "lon": 101.7, "precision": "district"}


def test_invalid_profile_fails_the_build_with_the_validator_message(tmp_path: Path) -> None:
    repo = _tiny(tmp_path, good=org_yaml("good"), bad=org_yaml("bad").replace("province:", "provnce:"))
    result = build(repo)
    assert result.returncode != 0
    assert "orgs/bad.yml:5" in result.stderr and "did you mean" in result.stderr
    assert "'province'" in result.stderr


HOSTILE = ("<script>window.__pwned=1</script>\"><img src=x onerror=window.__pwned=1>"
           "{{ 7*7 }}${window.__pwned=1}`")


def hostile_repo(tmp_path: Path) -> Path:
    org = f"""\
id: evil
name:
  th: '{HOSTILE.replace("'", "''")}'
  en: '</title><script>window.__pwned=1</script>'
province: Yala
location: {{lat: 6.54, lon: 101.28}}
focus: [peace]
summary:
  th: '{HOSTILE.replace("'", "''")}'
description:
  th: |
    <script>window.__pwned=1</script>
    [click](javascript:window.__pwned=1) <a href="javascript:window.__pwned=1">x</a>
    <img src=x onerror="window.__pwned=1">
    paragraph with attribute
    {{: onclick="window.__pwned=1" id="__search" }}
    <iframe src="javascript:window.__pwned=1"></iframe>
activities:
  - th: '<svg onload=window.__pwned=1>'
updated: 2026-01-01
"""
    story = """---
title: '</title><script>window.__pwned=1</script>'
date: 2026-01-02
summary: '"><script>window.__pwned=1</script>'
author: '<img src=x onerror=window.__pwned=1>'
orgs: [evil]
---
Body <script>window.__pwned=1</script> [x](javascript:window.__pwned=1)

<div onmouseover="window.__pwned=1" style="position:fixed;inset:0">cover</div>

Text {: onclick="window.__pwned=1" }
"""
    return make_repo(tmp_path, {"evil": org}, {"evil-story.md": story})


def test_hostile_text_is_inert_in_built_html(tmp_path: Path) -> None:
    repo = hostile_repo(tmp_path)
    result = build(repo)
    assert result.returncode == 0, result.stderr
    for page in (repo / "site").rglob("*.html"):
        parsed = parse(page)
        text = page.read_text(encoding="utf-8")
        assert "__pwned" not in "".join(parsed.scripts), page
        for block in parsed.jsonld:
            json.loads(block)
        assert not any(h.lower().startswith("javascript:") for h in parsed.hrefs), page
        assert not any(k.startswith("on") for k, _ in parsed.attrs_seen), page
        assert "<iframe" not in text
        assert 'id="__search"' not in text or text.count('id="__search"') == 1


def test_draft_and_future_stories_are_not_published(tmp_path: Path) -> None:
    stories = {
        "now.md": "---\ntitle: ตอนนี้\ndate: 2026-01-01\n---\nเนื้อหา\n",
        "later.md": "---\ntitle: อนาคต\ndate: 2099-01-01\n---\nเนื้อหา\n",
        "draft.md": "---\ntitle: ร่าง\ndate: 2026-01-01\ndraft: true\n---\nเนื้อหา\n",
    }
    repo = make_repo(tmp_path, {"a": org_yaml("a")}, stories)
    result = build(repo)
    assert result.returncode == 0, result.stderr
    site = repo / "site"
    assert (site / "stories" / "now" / "index.html").is_file()
    assert not (site / "stories" / "later").exists() and not (site / "stories" / "draft").exists()
    archive = (site / "stories" / "index.html").read_text(encoding="utf-8")
    assert "ตอนนี้" in archive and "อนาคต" not in archive and "ร่าง" not in archive
    assert "มกราคม 2569" in archive  # Thai month, Buddhist Era year


def test_identical_input_gives_identical_output(tmp_path: Path) -> None:
    # The second build works without the helper process (folium maps, Thai words): same bytes.
    outputs = []
    for n, yml in ((1, MINI_MKDOCS),
                   (2, MINI_MKDOCS.replace("  - guidemap\n", "  - guidemap:\n      helper: false\n"))):
        assert n == 1 or "helper: false" in yml
        repo = make_repo(tmp_path / str(n), {"a": org_yaml("a"), "b": org_yaml("b", province="Yala")},
                         mkdocs_yml=yml)
        assert build(repo).returncode == 0
        site = repo / "site"
        outputs.append({p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*")
                        if p.is_file() and p.name not in ("sitemap.xml", "sitemap.xml.gz")})
    assert outputs[0] == outputs[1]


@pytest.mark.parametrize("collision", ["orgs/index.md", "help.md"])
def test_a_docs_file_colliding_with_a_generated_page_is_an_error(tmp_path: Path, collision: str) -> None:
    # Listed in the nav: a maintainers' page (an unlisted one is refused before this check).
    yml = MINI_MKDOCS.replace("  - stories/index.md\n", f"  - stories/index.md\n  - {collision}\n", 1)
    repo = make_repo(tmp_path, {"a": org_yaml("a")}, mkdocs_yml=yml)
    target = repo / "content" / collision
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("# x\n", encoding="utf-8")
    result = build(repo)
    assert result.returncode != 0 and "collides with a generated page" in result.stderr


def test_links_to_anchors_on_generated_pages_are_checked(tmp_path: Path) -> None:
    # Generated pages tell MkDocs which ids they hold, so a strict build with anchor checks
    # accepts a link to a group's card in the directory and refuses one to a missing id.
    yml = MINI_MKDOCS.replace("validation:\n", "validation:\n  anchors: warn\n").replace(
        "  - stories/index.md\n", "  - stories/index.md\n  - about.md\n")  # a maintainers' page
    good = make_repo(tmp_path / "good", {"a": org_yaml("a")}, mkdocs_yml=yml)
    (good / "content" / "about.md").write_text(
        "# เกี่ยวกับ\n\n[กลุ่ม a](orgs/index.md#org-a) [แผนที่ย่อ](orgs/a.md#map_guidemap_mini)\n",
        encoding="utf-8")
    result = build(good)
    assert result.returncode == 0, result.stderr
    bad = make_repo(tmp_path / "bad", {"a": org_yaml("a")}, mkdocs_yml=yml)
    (bad / "content" / "about.md").write_text("# เกี่ยวกับ\n\n[ไม่มี](orgs/index.md#org-nobody)\n",
                                               encoding="utf-8")
    result = build(bad)
    assert result.returncode != 0
    assert "org-nobody" in result.stderr


def test_the_registry_decides_what_becomes_of_the_docs_folder() -> None:
    import datetime as dt

    from guidemap.contract.location import coarsen
    from guidemap.contract.model.types import Area, Dataset, LText, Org, Story
    from guidemap.outputs.registry import site_outputs
    from guidemap.outputs.site.types import SiteInfo

    org = Org(id="a", name=LText(th="กลุ่ม a"), province=Area("94", "ปัตตานี", "Pattani"), district=None,
              location=coarsen(6.87, 101.25, "district"), focus=("peace",), summary=LText(th="อาสา"),
              updated=dt.date(2026, 1, 1), source="orgs/a.yml")

    def story(slug: str, day: dt.date, draft: bool = False) -> Story:
        return Story(slug=slug, source=f"stories/{slug}.md", date=day, title=slug, body="x\n",
                     draft=draft, orgs=("a",))

    site = SiteInfo("t", "https://example.org/", None, today=dt.date(2026, 6, 1))
    stories = [story("now", dt.date(2026, 1, 1)), story("later", dt.date(2099, 1, 1)),
               story("draft", dt.date(2026, 1, 1), draft=True)]
    out = site_outputs(Dataset([org], stories), site)
    assert out.withheld == {"stories/later.md", "stories/draft.md"}
    assert set(out.contributed) == {"stories/now.md", "index.md", "about.md"}
    page = out.contributed["stories/now.md"].finish("<p>x</p><script>alert(1)</script>")
    assert page.startswith("<h1>now</h1>") and "<script" not in page  # sanitized
    home = out.contributed["index.md"]
    assert home.title is None  # the home page keeps its own front matter
    assert "gm-stats" in home.finish("<!-- guidemap:summary -->")
