"""Each page names this project's search worker in Material's config, with the shim before
Material's bundle (outputs/search/index.py), whatever the page's content says."""

from __future__ import annotations

from guidemap.outputs.search.index import SHIM, WORKER_PATH, point_page_to_worker

MATERIAL = "assets/javascripts/workers/search.f8cc74c7.min.js"
CONFIG = f'<script id="__config" type="application/json">{{"search": "../{MATERIAL}"}}</script>'
BUNDLE = '<script src="../assets/javascripts/bundle.5e3a4b56.min.js"></script>'


def test_the_config_names_our_worker_and_the_shim_comes_before_the_bundle() -> None:
    out = point_page_to_worker(f"<article>ก</article>{CONFIG}{BUNDLE}")
    assert out == (f'<article>ก</article><script id="__config" type="application/json">'
                   f'{{"search": "../{WORKER_PATH}"}}</script>{SHIM}{BUNDLE}')


def test_a_page_that_names_materials_worker_keeps_its_words() -> None:
    """A page about the site may quote the file's name: only the config is changed."""
    content = f"<article><p><code>{MATERIAL}</code></p><script src=x></script></article>"
    out = point_page_to_worker(f"{content}{CONFIG}{BUNDLE}")
    assert out.startswith(content)
    assert out.endswith(f'"search": "../{WORKER_PATH}"}}</script>{SHIM}{BUNDLE}')


def test_a_page_without_materials_config_is_left_as_it_is() -> None:
    assert point_page_to_worker(f"<p>{BUNDLE}</p>") == f"<p>{BUNDLE}</p>"
    no_bundle = point_page_to_worker(CONFIG)
    assert WORKER_PATH in no_bundle and SHIM not in no_bundle
