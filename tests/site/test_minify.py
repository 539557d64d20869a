"""Our scripts and styles as served (guidemap.outputs.html.minify): smaller, and still valid."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from guidemap.outputs.html.minify import lean, lean_file
from guidemap.outputs.map.settings import asset_files
from guidemap.outputs.registry import global_assets
from guidemap.outputs.search import index as search

SCRIPTS = {**global_assets().files, **asset_files(),
           search.WORKER_PATH: lean(search.worker_script(), line_comments=True)}


def test_comments_and_indentation_are_left_out_and_code_is_kept() -> None:
    source = ('/* a block\n   on lines */\n(function () {\n  // a line\n  var a = "//not a comment";\n'
              '  /* one line */ var b = 1; /* kept: after code */\n\n  return a + b;\n})();\n')
    assert lean(source, line_comments=True) == (
        '(function () {\nvar a = "//not a comment";\nvar b = 1; /* kept: after code */\n'
        "return a + b;\n})();\n")
    css = "/* why */\n.a {\n  color: red; /* note */\n}\n// not a CSS comment\n"
    assert lean(css, line_comments=False) == ".a {\ncolor: red; /* note */\n}\n// not a CSS comment\n"


@pytest.mark.skipif(shutil.which("node") is None, reason="node is installed with the audit tools")
@pytest.mark.parametrize("path", sorted(p for p in SCRIPTS if p.endswith(".js")))
def test_every_served_script_still_parses(path: str, tmp_path: Path) -> None:
    served = tmp_path / Path(path).name
    served.write_text(SCRIPTS[path], encoding="utf-8")
    result = subprocess.run(["node", "--check", str(served)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_served_files_are_smaller_than_their_sources() -> None:
    assets = Path(search.__file__).parents[1] / "assets"
    for source in [*assets.glob("*.js"), *assets.glob("*.css"), *assets.glob("map/*")]:
        if source.name != "search-shim.js":  # inlined in every page by search.py
            assert len(lean_file(source)) < len(source.read_text(encoding="utf-8")), source
