"""The deploy installs from a hash-locked list (requirements/site.lock, made by scripts/lock.sh):
every runtime dependency of pyproject.toml is pinned there, within its declared range, with
hashes, and the Pages workflow installs with --require-hashes and nothing by range."""

from __future__ import annotations

import re
from pathlib import Path

import tomllib
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from conftest import REPO

LOCK = REPO / "requirements" / "site.lock"
PAGES = REPO / ".github" / "workflows" / "pages.yml"


def locked(text: str) -> dict[str, tuple[Version, list[str]]]:
    """``name -> (version, hashes)`` of a pip-compile / uv lock; anything else is an error."""
    entries: dict[str, tuple[Version, list[str]]] = {}
    logical = re.sub(r"\\\n", " ", text)
    for line in logical.splitlines():
        line = line.split("#", 1)[0].strip() if line.lstrip().startswith("#") else line.strip()
        if not line:
            continue
        spec, *options = line.split(" --")
        match = re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;]+)(\s*;.*)?", spec.strip())
        assert match, f"not a pinned requirement: {line[:80]}"
        hashes = [o.strip().removeprefix("hash=") for o in options if o.strip().startswith("hash=")]
        assert len(hashes) == len(options), f"an option other than --hash: {line[:80]}"
        entries[canonicalize_name(match[1])] = (Version(match[2]), hashes)
    return entries


def _project() -> dict[str, object]:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def test_every_runtime_dependency_is_locked_within_its_range() -> None:
    pins = locked(LOCK.read_text(encoding="utf-8"))
    project = _project()
    wanted = [Requirement(r) for r in project["project"]["dependencies"]]  # type: ignore[index]
    wanted += [Requirement(r) for r in project["build-system"]["requires"]]  # type: ignore[index]
    missing = [str(r) for r in wanted if canonicalize_name(r.name) not in pins]
    assert missing == [], "run scripts/lock.sh"
    outside = [f"{r} (locked {pins[canonicalize_name(r.name)][0]})" for r in wanted
               if not r.specifier.contains(pins[canonicalize_name(r.name)][0], prereleases=True)]
    assert outside == [], "run scripts/lock.sh"


def test_every_locked_package_has_sha256_hashes() -> None:
    pins = locked(LOCK.read_text(encoding="utf-8"))
    assert len(pins) > 20
    for name, (_, hashes) in pins.items():
        assert hashes, name
        assert all(re.fullmatch(r"sha256:[0-9a-f]{64}", h) for h in hashes), name


def test_the_lock_reader_refuses_what_pip_would_install_by_range() -> None:
    good = "mkdocs==1.6.1 \\\n    --hash=sha256:" + "a" * 64 + "\n    # via guidemap\n"
    assert locked(good)["mkdocs"][0] == Version("1.6.1")
    for bad in ("mkdocs>=1.6\n", "-e .\n", "mkdocs==1.6.1 --index-url x\n"):
        try:
            locked(bad)
        except AssertionError:
            continue
        raise AssertionError(f"accepted {bad!r}")


def test_the_deploy_installs_by_hash_only() -> None:
    wf = yaml.safe_load(PAGES.read_text(encoding="utf-8"))
    runs = [step.get("run", "") for step in wf["jobs"]["build"]["steps"]]
    installs = [line.strip() for run in runs for line in run.splitlines() if "pip install" in line]
    assert installs == [
        "python -m pip install --quiet --require-hashes -r requirements/site.lock",
        # the project alone, from the checkout: nothing from the index
        "python -m pip install --quiet --no-deps --no-build-isolation --no-index .",
    ]


def test_the_lock_script_writes_the_lock() -> None:
    script = (REPO / "scripts" / "lock.sh").read_text(encoding="utf-8")
    assert "--generate-hashes" in script and "requirements/site.lock" in script
    assert Path(REPO / "requirements" / "site.in").exists()
