"""The profile field declarations (``guidemap.contract.model.PROFILE_FIELDS``) and what is derived
from them: each declared field reaches the validator, the JSON Schema, the model and the exports
it is declared for, and nothing reaches an export without a declaration."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
from pathlib import Path

import pytest
import yaml

from guidemap.contract import network
from guidemap.contract.load.repository import load_repository
from guidemap.contract.model.fields import Requires
from guidemap.contract.model.profile import ORG, PROFILE, PROFILE_FIELDS
from guidemap.contract.model.types import STALE_AFTER_DAYS, Contact, Org, Volunteer
from guidemap.contract.schema import json_schema
from guidemap.contract.spec import Choice, ListOf, Obj
from guidemap.outputs.map import geodata
from guidemap.outputs.opendata import orgs as opendata
from guidemap.tools import links, stale
from guidemap.tools.cli import main
from guidemap.tools.docs import fieldtable
from guidemap.tools.forms import formfile, issueform

CASES = Path(__file__).parents[1] / "cases" / "orgs"
LEAVES = [f for f in PROFILE_FIELDS if not f.is_group]


def _schema_node(path: str) -> dict[str, object]:
    node: dict[str, object] = json_schema("org", network.DEFAULT)
    for name in path.split("."):
        node = node["properties"][name]  # type: ignore[index]
    return node


def _spec_node(path: str) -> object:
    spec: object = ORG
    for name in path.split("."):
        assert isinstance(spec, Obj), path
        spec = spec.fields[name].spec
    return spec


# --- the declarations themselves ---------------------------------------------------------------


def test_paths_are_unique_and_every_parent_is_a_declared_group() -> None:
    paths = [f.path for f in PROFILE_FIELDS]
    assert len(paths) == len(set(paths))
    for f in PROFILE_FIELDS:
        if f.parent:
            assert PROFILE.by_path[f.parent].is_group, f.path


def test_every_field_has_labels_in_thai_and_english() -> None:
    thai = re.compile(r"[\u0E00-\u0E7F]")
    for f in PROFILE_FIELDS:
        assert thai.search(f.label.th) and f.label.en, f.path
        for e in f.form:
            assert thai.search(e.label.th) and e.label.en, e.id


def test_every_leaf_is_documented() -> None:
    assert [f.path for f in LEAVES if f.doc is None] == []


def test_the_model_has_an_attribute_for_every_field_and_a_field_for_every_attribute() -> None:
    def names(cls: type) -> set[str]:
        return {a.name for a in dataclasses.fields(cls)}

    derived = {"source", "logo_info"}  # set by the loader, not written in a profile
    assert {f.name for f in PROFILE.top_level} == names(Org) - derived
    assert {f.name for f in PROFILE.children(PROFILE.by_path["contact"])} == names(Contact)
    assert {f.name for f in PROFILE.children(PROFILE.by_path["volunteer"])} == names(Volunteer)


def test_a_field_that_is_not_public_is_in_no_export() -> None:
    for f in PROFILE_FIELDS:
        if not f.public:
            assert f.exports == type(f.exports)(), f.path


def test_stale_after_days_is_defined_once() -> None:
    assert stale.STALE_AFTER_DAYS is STALE_AFTER_DAYS == 365


# --- schema and validator ----------------------------------------------------------------------


@pytest.mark.parametrize("f", PROFILE_FIELDS, ids=lambda f: f.path)
def test_every_declared_field_is_in_the_json_schema_and_the_validator(f: object) -> None:
    path = f.path  # type: ignore[attr-defined]
    assert _schema_node(path)
    assert _spec_node(path) is not None


def test_the_schema_has_no_field_that_is_not_declared() -> None:
    def walk(node: dict[str, object], prefix: str) -> list[str]:
        found = []
        for name, sub in node.get("properties", {}).items():  # type: ignore[attr-defined]
            path = f"{prefix}{name}"
            found.append(path)
            if "properties" in sub and path in PROFILE.by_path and PROFILE.by_path[path].is_group:
                found += walk(sub, path + ".")
        return found

    assert sorted(walk(json_schema("org", network.DEFAULT), "")) == sorted(f.path for f in PROFILE_FIELDS)


def test_required_fields_are_required_in_the_schema() -> None:
    schema = json_schema("org", network.DEFAULT)
    assert schema["required"] == [f.name for f in PROFILE.top_level if f.required]
    assert _schema_node("location")["required"] == ["lat", "lon"]


def test_requires_rules_are_in_the_json_schema() -> None:
    rules = {f.path: [r.other for r in f.rules if isinstance(r, Requires)] for f in PROFILE.top_level}
    schema = json_schema("org", network.DEFAULT)
    assert schema["dependentRequired"] == {k: v for k, v in rules.items() if v} == {
        "logo": ["logo_alt"]}


def test_the_schema_refuses_a_logo_without_logo_alt() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(json_schema("org", network.DEFAULT))
    data = yaml.safe_load((CASES / "good-minimal" / "orgs" / "beach-for-life.yml").read_text("utf-8"))
    data = json.loads(json.dumps(data, default=str))
    assert list(validator.iter_errors({**data, "logo": "logos/x.png"}))
    assert not list(validator.iter_errors({**data, "logo": "logos/x.png", "logo_alt": "โลโก้"}))


# --- exports -----------------------------------------------------------------------------------


def test_every_field_declared_for_csv_has_its_columns_in_the_header() -> None:
    header = next(csv.reader(io.StringIO(opendata.orgs_csv([]))))
    declared = [c for f in PROFILE_FIELDS if f.exports.csv for c, _ in f.exports.csv.columns]
    assert sorted(header) == sorted(declared)
    assert len(header) == len(set(header))


def test_every_contact_field_is_in_the_csv_after_phone_and_before_donate() -> None:
    header = opendata.CSV_COLUMNS
    contacts = [f.name for f in PROFILE.children(PROFILE.by_path["contact"])]
    assert set(contacts) <= set(header)
    assert header[header.index("phone") + 1: header.index("donate")] == ["instagram", "youtube", "tiktok"]


def test_the_csv_keeps_its_original_columns_in_place() -> None:
    old = ["id", "name_th", "name_en", "province_code", "province_th", "province_en", "district_th",
           "district_en", "lat", "lon", "precision", "focus", "needs", "summary_th", "summary_en",
           "updated", "founded", "website", "facebook", "line", "email", "phone", "donate"]
    assert [c for c in opendata.CSV_COLUMNS if c in old] == old


def test_contact_values_reach_json_and_csv_alike() -> None:
    orgs = load_repository(CASES / "social-handles-ok").dataset.orgs
    rows = list(csv.DictReader(io.StringIO(opendata.orgs_csv(orgs))))
    for org, row in zip(sorted(orgs, key=lambda o: o.id), rows, strict=True):
        for name, value in PROFILE.public_record(org)["contact"].items():
            assert row[name] == value, name
    assert rows[0]["instagram"].startswith("https://www.instagram.com/")


def test_free_text_csv_cells_are_neutralized() -> None:
    org = load_repository(CASES / "good-minimal").dataset.orgs[0]
    org = dataclasses.replace(org, name=dataclasses.replace(org.name, th="=HYPERLINK(1)"))
    row = next(csv.DictReader(io.StringIO(opendata.orgs_csv([org]))))
    assert row["name_th"] == "'=HYPERLINK(1)"


def test_json_has_exactly_the_fields_declared_for_json() -> None:
    org = load_repository(CASES / "good-full").dataset.orgs[0]
    record = PROFILE.public_record(org)
    top = {f.name for f in PROFILE.top_level
           if f.exports.json or any(c.exports.json for c in PROFILE.children(f))}
    assert set(record) == top
    assert "description" not in record and "logo" not in record  # not declared for JSON


def test_geojson_properties_are_the_declared_ones() -> None:
    org = load_repository(CASES / "good-full").dataset.orgs[0]
    props = geodata.feature(org)["properties"]
    declared = {g.key for f in PROFILE_FIELDS for g in f.exports.geojson}
    assert set(props) <= declared and {"name", "focus", "province", "summary", "precision"} <= set(props)


def test_the_link_checker_reads_the_fields_declared_as_urls() -> None:
    orgs = load_repository(CASES / "social-handles-ok").dataset.orgs
    found = {link.field for link in links.external_links(orgs)}
    urls = {f.path for f in PROFILE_FIELDS if f.url}
    assert found <= urls and {"contact.instagram", "donate"} <= found
    assert "contact.email" not in urls and "contact.phone" not in urls


# --- the issue form ----------------------------------------------------------------------------


def test_every_form_field_maps_to_a_declared_field() -> None:
    for f in issueform.FIELDS:
        if f.kind == "confirm":
            continue
        assert f.element is not None
        declared = [p for p in PROFILE.by_path if f.target == p or f.target.startswith(p + ".")]
        assert declared, f.id
        assert f.element in PROFILE.by_path[max(declared, key=len)].form, f.id


def test_form_ids_are_unique_and_choices_come_from_the_spec() -> None:
    ids = [f.id for f in issueform.FIELDS]
    assert len(ids) == len(set(ids))
    for f in issueform.FIELDS:
        if f.kind in ("checkboxes", "dropdown") and f.kind != "confirm" and f.target:
            spec = _spec_node(f.target)
            item = spec.item if isinstance(spec, ListOf) else spec
            assert isinstance(item, Choice) and set(f.keys) == set(item.choices(network.DEFAULT)), f.id


def test_forms_check_fails_on_a_stale_form(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / formfile.FORM_PATH
    target.parent.mkdir(parents=True)
    (tmp_path / "orgs").mkdir()
    target.write_text(formfile.form_text(network.DEFAULT).replace("Group id", "Group ID"), encoding="utf-8")
    assert main(["--root", str(tmp_path), "forms", "--check"]) == 1
    assert "guidemap forms --write" in capsys.readouterr().err
    assert main(["--root", str(tmp_path), "forms", "--write"]) == 0
    assert main(["--root", str(tmp_path), "forms", "--check"]) == 0


def test_the_generated_form_is_a_github_issue_form() -> None:
    form = yaml.safe_load(formfile.form_text(network.DEFAULT))
    assert {"name", "description", "body"} <= set(form)
    ids = [e["id"] for e in form["body"] if "id" in e]
    assert len(ids) == len(set(ids))
    for e in form["body"]:
        assert e["type"] in ("markdown", "input", "textarea", "dropdown", "checkboxes")
        if e["type"] == "checkboxes":
            assert "validations" not in e  # GitHub requires checkboxes option by option


# --- the field table ---------------------------------------------------------------------------


DOC = """\
# Fields

<!-- fields:th -->
| old | table |
<!-- /fields:th -->

text between

<!-- fields:en -->
<!-- /fields:en -->
"""


def test_field_table_lists_every_documented_field_in_both_languages() -> None:
    for lang in ("th", "en"):
        table = fieldtable.field_table(lang)  # type: ignore[arg-type]
        for f in LEAVES:
            assert f"`{f.path}" in table, (lang, f.path)
    assert "✔ เมื่อมี `logo`" in fieldtable.field_table("th")
    assert "✔ with `logo`" in fieldtable.field_table("en")


def test_docs_write_fills_the_markers_and_check_fails_when_stale(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "orgs").mkdir()
    doc = tmp_path / "CONTRIBUTING.md"
    doc.write_text(DOC, encoding="utf-8")
    assert main(["--root", str(tmp_path), "docs", "--check"]) == 1
    assert "guidemap docs --write" in capsys.readouterr().err
    assert main(["--root", str(tmp_path), "docs", "--write"]) == 0
    text = doc.read_text(encoding="utf-8")
    assert "| old | table |" not in text and "text between" in text
    assert fieldtable.field_table("th") in text and fieldtable.field_table("en") in text
    assert main(["--root", str(tmp_path), "docs", "--check"]) == 0
    doc.write_text(text.replace("`contact.tiktok`", "`contact.tik`"), encoding="utf-8")
    assert main(["--root", str(tmp_path), "docs", "--check"]) == 1


def test_docs_leaves_files_without_markers_alone(tmp_path: Path) -> None:
    (tmp_path / "orgs").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "contributing-en.md").write_text("# no markers\n", encoding="utf-8")
    assert main(["--root", str(tmp_path), "docs", "--check"]) == 0
    assert main(["--root", str(tmp_path), "docs", "--write"]) == 0
    assert (tmp_path / "docs" / "contributing-en.md").read_text(encoding="utf-8") == "# no markers\n"


def test_the_repository_s_field_tables_are_generated_from_the_declarations(
        capsys: pytest.CaptureFixture[str]) -> None:
    """CONTRIBUTING.md and docs/contributing-en.md hold the tables `guidemap docs --write` makes."""
    repo = Path(__file__).resolve().parents[2]
    assert main(["--root", str(repo), "docs", "--check"]) == 0, capsys.readouterr().err
    for name, marker in (("CONTRIBUTING.md", "fields:th"), ("docs/contributing-en.md", "fields:en")):
        assert f"<!-- {marker} -->" in (repo / name).read_text(encoding="utf-8")
