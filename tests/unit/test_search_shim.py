"""Each page names this project's search worker in Material's config, with the shim before
Material's bundle (outputs/search/index.py, through the theme's main.html)."""

from __future__ import annotations

from guidemap.outputs.search.index import SHIM, WORKER_PATH, shim_first, worker_config

MATERIAL = "assets/javascripts/workers/search.f8cc74c7.min.js"
CONFIG = f'\n  <script id="__config" type="application/json">{{"search": "../{MATERIAL}"}}</script>\n'
BUNDLE = '<script src="../assets/javascripts/bundle.5e3a4b56.min.js"></script>'


def test_the_config_names_our_worker() -> None:
    assert worker_config(CONFIG) == CONFIG.replace(MATERIAL, WORKER_PATH)
    assert worker_config("<p>no worker</p>") == "<p>no worker</p>"


def test_the_shim_comes_before_the_bundle_and_is_never_escaped() -> None:
    from markupsafe import Markup

    scripts = Markup(f"\n      {BUNDLE}\n      <script src=x.js></script>\n")  # as Jinja's super() gives it
    out = shim_first(scripts)
    assert out == f"\n      {SHIM}{BUNDLE}\n      <script src=x.js></script>\n"
    assert shim_first("\n") == "\n"
