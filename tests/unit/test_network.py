"""The network file (guidemap.yml): this repository's equals the defaults, and a network's own
vocabularies and region drive the validator, the JSON Schema, the issue forms, the field
tables, the map and the page texts, with no code change. Its errors are data-driven cases
(tests/cases/orgs/network-*)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from guidemap.contract import network, vocab
from guidemap.contract.load.repository import load_repository
from guidemap.contract.problems import Problems
from guidemap.contract.schema import json_schema
from guidemap.outputs.map import view
from guidemap.outputs.site.types import SiteInfo
from guidemap.tools.docs.fieldtable import vocabulary_tables
from guidemap.tools.forms import dated_form
from guidemap.tools.forms.formfile import form_text

REPO = Path(__file__).resolve().parents[2]
OWN = REPO / "tests" / "cases" / "orgs" / "network-own-vocabulary"


def test_this_repository_states_the_defaults() -> None:
    problems = Problems()
    assert network.load(REPO, None, problems) == network.DEFAULT
    assert not problems
    assert load_repository(REPO).network == network.DEFAULT
    assert list(network.DEFAULT.focus) == list(vocab.DEFAULT_FOCUS)


def test_no_file_means_the_defaults_and_a_named_missing_file_is_an_error(tmp_path: Path) -> None:
    problems = Problems()
    assert network.load(tmp_path, None, problems) == network.DEFAULT
    assert not problems
    network.load(tmp_path, "network.yml", problems)
    assert [p.path for p in problems.items] == ["network.yml"]


def test_a_network_s_own_vocabulary_drives_every_generated_file() -> None:
    result = load_repository(OWN)
    assert not result.problems
    (org,) = result.dataset.orgs
    assert list(org.focus) == ["forest", "elderly"]  # a Thai label is read as its key
    site = result.network  # the load result carries the network it checked the files for
    assert list(site.focus) == ["forest", "elderly", "disability"]
    schema = json.dumps(json_schema("org", site), ensure_ascii=False)
    assert "forest" in schema and "marine" not in schema and "seedlings" in schema
    form = form_text(site)
    assert "ป่าชุมชน" in form and "ทะเลและชายหาด" not in form
    assert "กล้าไม้" in form
    for lang in ("th", "en"):
        tables = vocabulary_tables(lang, site)  # type: ignore[arg-type]
        assert "`forest` | ป่าชุมชน" in tables and "marine" not in tables and "`seedlings`" in tables
    call_form = dated_form.form_text(dated_form.FORMS["call"])
    assert "marine" not in call_form
    assert site.provinces == ("50", "51") and site.center == (18.7, 99.0)
    assert site.languages == ("th", "en", "ms", "ms-Arab")


def test_the_first_network_is_unchanged_by_reading_another() -> None:
    """Nothing is refilled in place: another site's vocabularies stay on its own network."""
    load_repository(OWN)
    assert list(network.DEFAULT.focus) == list(vocab.DEFAULT_FOCUS)
    assert "forest" not in json_schema("org", network.DEFAULT)["properties"]["focus"]["items"]["enum"]
    assert not hasattr(network, "use") and not hasattr(network, "current")
    assert not hasattr(vocab, "FOCUS") and not hasattr(vocab, "NEEDS")


def test_a_choice_names_its_vocabulary_and_the_context_resolves_it() -> None:
    from guidemap.contract.spec import Choice, Context, ListOf
    from guidemap.contract.yamlsafe import Document

    own = load_repository(OWN).network
    spec = ListOf(Choice("needs"), max_items=0)
    for site, good, bad in ((own, "seedlings", "funding"), (network.DEFAULT, "funding", "seedlings")):
        problems = Problems()
        ctx = Context("x.yml", Document({}), problems, site)
        assert spec.check([good], (), ctx) == [good] and not problems
        spec.check([bad], (), ctx)
        assert len(problems) == 1
        assert spec.json_schema(site)["maxItems"] == len(site.needs)
    with pytest.raises(KeyError):
        Choice("colours").choices(own)


def test_no_module_rebinds_a_global() -> None:
    """State that outlives a build belongs to nothing: no ``global`` statement in the package,
    but the helper's worker process's index (made by the pool's initializer; the pool and its
    worker serve one build and are closed with it)."""
    import ast

    package = REPO / "plugins" / "guidemap"
    allowed = {("adapter/helper.py", "_counting")}
    found = [(path.relative_to(package).as_posix(), name) for path in sorted(package.rglob("*.py"))
             for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
             if isinstance(node, ast.Global) for name in node.names]
    assert set(found) <= allowed, found


def test_the_map_opens_on_the_network_and_names_its_region() -> None:
    result = load_repository(OWN)
    data = result.dataset
    import datetime as dt

    site = SiteInfo(name="x", url="https://example.org/", repo_url=None, edit_branch="main",
                    today=dt.date(2024, 3, 2), description="", feed_items=30, network=result.network)
    request, mini = view.map_requests(data, result.network)
    assert request.center == (18.7, 99.0) and request.zoom == 9
    assert mini.center == (18.7, 99.0)
    page = view.map_page(data, site)
    assert page.description.endswith("ในจังหวัดเชียงใหม่และลำพูน")
    assert "ชายแดน" not in page.description + page.html
    # Its own focus keys have pin colours: the one given, and one from the palette.
    assert ".gm-pin--forest{background:#2e7d32}" in page.head
    assert ".gm-pin--elderly{background:#" in page.head


def test_the_first_network_s_map_page_has_no_extra_style(repo_site: Path) -> None:
    html = (repo_site / "map" / "index.html").read_text(encoding="utf-8")
    assert "gm-pin--peace{" not in html
    assert "ในจังหวัดชายแดนภาคใต้" in html


@pytest.mark.parametrize(("tag", "expected"), [("th", "ltr"), ("ms", "ltr"), ("ms-Arab", "rtl"),
                                               ("ms-Latn-MY", "ltr")])
def test_direction_of_a_tag(tag: str, expected: str) -> None:
    assert network.direction(tag) == expected


@pytest.mark.parametrize(("tag", "way"), [("ms-Arab", "rtl"), ("yi-Hebr", "rtl"), ("dv-Thaa", "rtl"),
                                          ("ms", "ltr"), ("th", "ltr"), ("he", "rtl"), ("ur", "rtl"),
                                          ("ms-Latn", "ltr")])
def test_direction_comes_from_the_script(tag: str, way: str) -> None:
    assert network.direction(tag) == way


@pytest.mark.parametrize(("tag", "hint"), [("ms-Jawi", "ms-Arab"), ("ms-Rumi", "ms-Latn"),
                                           ("ms-Arab-MY", None), ("ms-Zxxx", "ms-Arab")])
def test_a_tag_names_a_real_script(tag: str, hint: str | None) -> None:
    problem = network.tag_problem(tag)
    assert (problem is None) == (hint is None), problem
    if problem:
        assert hint in problem[2]


def test_every_iso_15924_code_is_known() -> None:
    table = network.scripts()
    assert len(table) > 200 and {"Arab", "Thai", "Latn", "Hebr", "Zyyy"} <= set(table)
    assert all(len(code) == 4 and code[0].isupper() and code[1:].islower() for code in table)
