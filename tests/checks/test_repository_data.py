"""The repository's own data: every profile and story validates, the template is a valid
starting point, and the editors' JSON Schema is current and accepts every real profile."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import yaml

from conftest import REPO
from guidemap.contract import network
from guidemap.contract.load.profiles import load_org_file, org_files
from guidemap.contract.load.repository import load_repository
from guidemap.contract.problems import Problems
from guidemap.tools.cli import SCHEMA_PATH, main, schema_text


def test_every_profile_and_story_in_the_repository_is_valid() -> None:
    result = load_repository(REPO)
    assert result.problems.report() == ""
    profile_files = org_files(REPO / "orgs", REPO, Problems())
    assert len(result.dataset.orgs) == len(profile_files) >= 20
    assert len(result.dataset.stories) >= 3
    for story in result.dataset.stories:
        assert story.orgs, f"{story.source} names no group"


def test_the_network_covers_the_four_southern_border_provinces() -> None:
    provinces = {o.province.en for o in load_repository(REPO).dataset.orgs}
    assert {"Pattani", "Yala", "Narathiwat", "Songkhla"} <= provinces


def test_no_profile_invents_contact_details() -> None:
    # The seed documents give no contacts: any that appear must have come from a group's PR.
    for org in load_repository(REPO).dataset.orgs:
        assert org.updated.isoformat() != "2018-07-24" or not org.contact.items(), org.id


def test_template_copied_with_an_id_is_a_valid_profile(tmp_path: Path) -> None:
    (tmp_path / "orgs").mkdir()
    text = (REPO / "orgs" / "_template.yml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    target = tmp_path / "orgs" / f"{data['id']}.yml"
    shutil.copy(REPO / "orgs" / "_template.yml", target)
    problems = Problems()
    assert load_org_file(target, tmp_path, problems) is not None, problems.report()


def test_cli_validate_passes_on_the_repository(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["--root", str(REPO), "validate"]) == 0
    assert "valid" in capsys.readouterr().err


def test_committed_json_schema_is_current_and_accepts_every_profile() -> None:
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(network.DEFAULT)
    schema = json.loads(schema_text(network.DEFAULT))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for path in sorted((REPO / "orgs").glob("*.yml")):
        # Editors parse YAML with ordinary types (numbers, dates as text in YAML 1.2).
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
        errors = [e.message for e in validator.iter_errors(data)]
        assert errors == [], path.name


def test_template_shows_every_declared_field() -> None:
    """A field declared in contract/model/profile.py appears in orgs/_template.yml, set or commented out."""
    from guidemap.contract.model.profile import PROFILE_FIELDS

    text = (REPO / "orgs" / "_template.yml").read_text(encoding="utf-8")
    lines = [line.lstrip("# ").rstrip() for line in text.splitlines()]
    keys = {line.split(":", 1)[0].lstrip("- ") for line in lines if ":" in line}
    missing = [f.path for f in PROFILE_FIELDS if f.name not in keys]
    assert missing == []
