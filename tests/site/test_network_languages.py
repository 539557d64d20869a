"""Content languages beyond Thai and English (guidemap.yml `languages:`): a profile with a
Patani Malay summary in Jawi is marked lang="ms-Arab" dir="rtl", passes axe, and a Jawi word
finds it in the site's search. The script check (a Jawi tag on Thai text) is the data-driven
case tests/cases/orgs/language-script-mismatch."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import MINI_MKDOCS, REPO, build, local_context

CASE = REPO / "tests" / "cases" / "orgs" / "good-jawi-summary"
JAWI_SUMMARY = "ممبرسيهكن ڤنتاي دان مڠاجر بودق برنڠ ستياڤ هاري سبتو"
JAWI_WORD = "ڤنتاي"  # pantai, the beach


@pytest.fixture(scope="module")
def jawi_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("jawi")
    shutil.copytree(CASE, root, dirs_exist_ok=True)
    (root / "mkdocs.yml").write_text(MINI_MKDOCS, encoding="utf-8")
    (root / "content").mkdir()
    (root / "content" / "index.md").write_text("# หน้าแรก\n\n<!-- guidemap:summary -->\n", encoding="utf-8")
    done = build(root)
    assert done.returncode == 0, done.stderr
    return root / "site"


def test_each_passage_is_marked_with_its_language_and_direction(jawi_site: Path) -> None:
    page = (jawi_site / "orgs" / "beach-for-life" / "index.html").read_text(encoding="utf-8")
    assert f'<p lang="ms-Arab" dir="rtl" class="gm-more">{JAWI_SUMMARY}</p>' in page
    assert '<p lang="ms" class="gm-more">Membersihkan pantai' in page
    assert '<p lang="ms-Arab" dir="rtl" class="gm-more">كومڤولن بليا سايڠ لاوت</p>' in page
    data = json.loads((jawi_site / "data" / "orgs.json").read_text(encoding="utf-8"))
    (org,) = data["orgs"] if isinstance(data, dict) else data
    assert org["summary"]["ms-Arab"] == JAWI_SUMMARY


def test_the_search_index_holds_the_jawi_words(jawi_site: Path) -> None:
    # Whatever the index's files are (one index or shards), a Jawi word is one of its words.
    files = [p for p in (jawi_site / "search").rglob("*") if p.is_file()]
    assert files
    assert any(JAWI_WORD in p.read_text(encoding="utf-8", errors="replace") for p in files)


@pytest.mark.browser
def test_axe_and_a_jawi_word_finds_the_group(jawi_site: Path, browser: Any, serve: Any) -> None:
    sys.path.insert(0, str(REPO / "scripts"))
    import audit
    import search_recall as sr

    if not audit.AXE_JS.exists():
        pytest.skip("axe-core is missing: scripts/test.sh installs it")
    base = str(serve(jawi_site))
    context, outside, _ = local_context(browser)
    try:
        page, _visit = audit.first_visit(context, base + "orgs/beach-for-life/", settle_ms=300)
        assert audit.axe_violations(page) == []
        rtl = page.eval_on_selector('[lang="ms-Arab"][dir="rtl"]', "e => getComputedStyle(e).direction")
        assert rtl == "rtl"
    finally:
        context.close()
    assert outside == []
    page = browser.new_page()  # typed as a person types, as tests/browser/test_search_browser.py does
    try:
        page.goto(base)
        sr.open_search(page)
        page.wait_for_timeout(300)
        found = sr.search(page, JAWI_WORD)
    finally:
        page.close()
    assert any("orgs/beach-for-life" in url for url in found), found


def test_the_profile_form_asks_for_each_added_language(tmp_path: Path) -> None:
    """The issue form asks for the summary in every language the network adds (right after the
    English one), and its answer becomes that language's part of the profile, checked like any."""
    import datetime as dt

    import yaml

    from guidemap.contract import network
    from guidemap.contract.load.profiles import load_org_file
    from guidemap.contract.problems import Problems
    from guidemap.tools.forms.formfile import form_text
    from guidemap.tools.forms.issueform import IssueFormError, form_fields, profile_from_issue

    assert "summary-ms-Arab" not in form_text(network.DEFAULT)  # Thai and English only, as before
    jawi_network = network.Network(languages=("th", "en", "ms-Arab"))
    ids = [f.id for f in form_fields(jawi_network)]
    assert ids[ids.index("summary-en") + 1] == "summary-ms-Arab"
    form = yaml.safe_load(form_text(jawi_network))
    (jawi,) = [e for e in form["body"] if e.get("id") == "summary-ms-Arab"]
    label = jawi["attributes"]["label"]
    assert label == "สรุปงานภาษามลายู อักษรยาวี (ถ้ามี) / Summary in Malay in Jawi (if any)"
    good = (REPO / "tests" / "data" / "issue-add-org.md").read_text(encoding="utf-8")
    body = f"{good.rstrip()}\n\n### {label}\n\n{JAWI_SUMMARY}\n"
    profile = profile_from_issue(body, tmp_path / "orgs", dt.date(2025, 1, 2), jawi_network)
    assert yaml.safe_load(profile.text)["summary"]["ms-Arab"] == JAWI_SUMMARY
    path = tmp_path / "orgs" / f"{profile.id}.yml"
    path.parent.mkdir()
    path.write_text(profile.text, encoding="utf-8")
    problems = Problems()
    assert load_org_file(path, tmp_path, problems, site=jawi_network) is not None, problems.items
    # Checked for the first network (Thai and English only), the same file is refused.
    assert load_org_file(path, tmp_path, Problems(), site=network.DEFAULT) is None
    # Thai text under the Jawi tag: refused by the same script check, named by the form's label.
    thai = body.replace(JAWI_SUMMARY, "สรุปงานเป็นภาษาไทยทั้งหมด ไม่ใช่อักษรยาวี")
    with pytest.raises(IssueFormError) as refused:
        profile_from_issue(thai, tmp_path / "other", dt.date(2025, 1, 2), jawi_network)
    assert any(p.startswith(label) and "summary.ms-Arab" in p for p in refused.value.problems)
