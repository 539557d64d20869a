"""Load and validate a whole repository: the network file first, then every profile, story, call
and event, collecting every problem of every file.

One validator serves the CLI, the MkDocs plugin and the pull-request check. A file with a
problem is always reported; the build refuses to publish rather than drop it in silence.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from guidemap.contract import channels, files, network
from guidemap.contract.load.dated import load_dated
from guidemap.contract.load.profiles import load_orgs, org_files
from guidemap.contract.load.stories import load_stories
from guidemap.contract.model.types import Dataset
from guidemap.contract.problems import Problems


@dataclass
class LoadResult:
    dataset: Dataset
    problems: Problems = field(default_factory=Problems)
    # The network the files were checked for (guidemap.yml): what the outputs and tools use.
    network: network.Network = network.DEFAULT


def load_repository(root: Path, orgs_dir: str = "orgs", content_dir: str = "content",
                    network_file: str | None = None, pages: frozenset[str] | None = None) -> LoadResult:
    """Everything in the repository, with every problem of every file. The site's network file
    (``guidemap.yml``) is read first: its vocabularies and languages decide what is valid, and
    the result carries it to whatever comes next. ``pages``: the maintainers' pages of the docs
    folder (default: those ``mkdocs.yml`` lists)."""
    problems = Problems()
    site = channels.complete(network.load(root, network_file, problems), root, network_file, problems)
    if problems:  # profiles checked against a vocabulary that failed to read would mislead
        return LoadResult(Dataset([], [], [], []), problems, site)
    # Before any file is read: links are never followed, pictures bounded before decoding.
    files.check_files(root, content_dir, orgs_dir,
                      files.maintained_pages(root / "mkdocs.yml") if pages is None else pages, problems)
    profiles = org_files(root / orgs_dir, root, problems)
    orgs = load_orgs(profiles, root, problems, site)
    # Story references are checked against every profile file, valid or not, so one broken
    # profile is reported once rather than again in each story that names it.
    known = {p.stem for p in profiles}
    stories = load_stories(root / content_dir, root, known, problems, site)
    calls, events = load_dated(root, known, orgs, problems, site)
    return LoadResult(Dataset(orgs, stories, calls, events), problems, site)


def repo_root(start: Path | None = None) -> Path:
    """The folder holding mkdocs.yml or orgs/, searching upwards from ``start``."""
    here = (start or Path(os.getcwd())).resolve()
    for candidate in (here, *here.parents):
        if (candidate / "mkdocs.yml").is_file() or (candidate / "orgs").is_dir():
            return candidate
    return here
