"""The files no page needs, left by ``registry.site_outputs(..., files_later=True)`` to be made
beside the pages (the plugin's worker process): the same files, byte for byte, as when they are
made with the pages, and exactly the site paths announced to MkDocs beforehand."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import pickle
import re
from pathlib import Path

import pytest

from editions_fixture import editions_repo
from every_type import every_type_repo
from guidemap.contract.load.repository import load_repository
from guidemap.contract.model.types import Dataset
from guidemap.outputs.registry import SiteOutputs, site_outputs
from guidemap.outputs.site import urls
from guidemap.outputs.site.types import SiteInfo

Loaded = tuple[Dataset, SiteInfo, Path]
# Every kind of file the registry leaves for later, by a path each site must have.
KINDS = [urls.DATA_CSV, urls.GEOJSON, "assets/guidemap/manifest.webmanifest", urls.DATA_CALLS,
         urls.CALLS_RSS, urls.CALENDAR]


@pytest.fixture(scope="module", params=[("every-type", dt.date(2026, 11, 18)),
                                        ("editions", dt.date(2026, 4, 10))], ids=lambda p: p[0])
def loaded(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Loaded:
    name, today = request.param
    root = tmp_path_factory.mktemp(name)
    repo = every_type_repo(root) if name == "every-type" else editions_repo(root)
    result = load_repository(repo, "orgs", repo / "content")
    assert not result.problems, result.problems.report()
    site = SiteInfo("ไซต์ <ทดสอบ>", "https://example.org/guide/", None, today=today, network=result.network,
                    offline=True)
    return result.dataset, site, repo


def outputs(loaded: Loaded, files_later: bool) -> SiteOutputs:
    data, site, repo = loaded
    return site_outputs(data, site, repo / "orgs", repo / "content", files_later=files_later)


def test_files_made_later_are_the_files_made_with_the_pages(loaded: Loaded) -> None:
    now, later = outputs(loaded, False), outputs(loaded, True)
    assert later.later_files is not None and now.later_files is None and not now.later_paths
    made = later.later_files()
    assert len(set(later.later_paths)) == len(later.later_paths)
    assert set(made) == set(later.later_paths)
    assert not made.keys() & later.files.keys()
    assert {**later.files, **made} == now.files  # the same files, the same bytes
    assert [(p.url, p.html) for p in later.pages] == [(p.url, p.html) for p in now.pages]
    assert set(KINDS) <= made.keys()
    if loaded[1].today.month == 4:  # the editions' e-mails are made later, their pages now
        mails = {"newsletter/2569-01/email.html", "newsletter/2569-03/line.txt", urls.EDITIONS_RSS}
        assert mails <= made.keys()
        assert "newsletter/2569-01/" in {p.url for p in later.pages}


def test_the_files_are_made_from_a_copy_of_the_dataset(loaded: Loaded) -> None:
    """What the worker process gets: the maker, pickled, makes the same bytes."""
    later = outputs(loaded, True)
    assert later.later_files is not None
    assert pickle.loads(pickle.dumps(later.later_files))() == later.later_files()


def test_a_file_made_but_not_announced_fails_the_build(loaded: Loaded) -> None:
    """MkDocs knows only the announced paths: a file made but not announced (here the network's
    calendar) would be a link MkDocs calls broken, so the build stops instead."""
    later = outputs(loaded, True)
    make = later.later_files
    assert isinstance(make, functools.partial)
    announced = [p for p in later.later_paths if p != urls.CALENDAR]
    with pytest.raises(RuntimeError, match=re.escape(urls.CALENDAR)):
        functools.partial(make.func, *make.args[:-1], announced)()


def test_without_a_site_url_nothing_needs_a_feed(loaded: Loaded) -> None:
    data, site, repo = loaded
    bare = (data, dataclasses.replace(site, url=None), repo)
    now, later = outputs(bare, False), outputs(bare, True)
    assert later.later_files is not None
    assert {**later.files, **later.later_files()} == now.files
    assert urls.CALLS_RSS not in later.later_paths
