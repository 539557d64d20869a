"""What a build makes is left out of the garbage collector's full passes while the build runs
(adapter/plugin.py, _set_aside) and handed back when it ends, failed or not: a `mkdocs serve`
process must free one build's dataset and pages before the next. When the command ends
(on_shutdown), everything is set aside for the process's exit, and a later build hands it back."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from conftest import make_repo, org_yaml
from guidemap.adapter.plugin import GuideMapPlugin


@pytest.fixture(autouse=True)
def _build_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    monkeypatch.delenv("SITE_URL", raising=False)


def _config(tmp_path: Path) -> Any:
    root = make_repo(tmp_path / "src", {"a": org_yaml("a"), "b": org_yaml("b")})
    return load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"), strict=True)


def test_a_build_sets_its_objects_aside_and_hands_them_back(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    during: list[int] = []
    on_env = GuideMapPlugin.on_env

    def spy(self: GuideMapPlugin, env: Any, config: Any, files: Any) -> Any:
        during.append(gc.get_freeze_count())
        return on_env(self, env, config=config, files=files)

    monkeypatch.setattr(GuideMapPlugin, "on_env", spy)
    mkdocs_build(_config(tmp_path))
    assert during and during[0] > 0  # the dataset and pages, set aside while pages render
    assert gc.get_freeze_count() == 0


def test_a_failed_build_hands_them_back_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(self: GuideMapPlugin, env: Any, config: Any, files: Any) -> Any:
        raise RuntimeError("a page failed")

    monkeypatch.setattr(GuideMapPlugin, "on_env", fail)
    with pytest.raises(RuntimeError):
        mkdocs_build(_config(tmp_path))
    assert gc.get_freeze_count() == 0


def test_the_end_of_the_command_sets_everything_aside_until_a_next_build(tmp_path: Path) -> None:
    try:
        GuideMapPlugin().on_shutdown()
        assert gc.get_freeze_count() > 0  # the interpreter's last collection skips it
        mkdocs_build(_config(tmp_path))  # a next build in the same process
        assert gc.get_freeze_count() == 0
    finally:
        gc.unfreeze()
