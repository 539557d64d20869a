"""The theme's templates compiled in the worker (adapter/templates.py) render as the build's own
compilation does; a build whose template environment differs, or a template changed since,
compiles for itself."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
import pytest

from guidemap.adapter import templates

THEME = {
    "main.html": ('{% extends "base.html" %}{% block body %}{{ super() }}'
                  '<a href="{{ "x/" | url }}">x</a>{% endblock %}'),
    "base.html": ('<title>{{ title | e }}</title>'
                  '{% block body %}{% include "partials/part.html" %}{% endblock %}'),
    "partials/part.html": ('{% import "partials/macros.html" as m %}{{ m.shout(title) }}'
                           '{% trans %}Hello{% endtrans %}'),
    "partials/macros.html": "{% macro shout(t) %}{{ t | upper }}!{% endmacro %}",
}


@pytest.fixture
def theme(tmp_path: Path) -> list[str]:
    for name, text in THEME.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return [str(tmp_path)]


def _render(env: jinja2.Environment) -> str:
    return env.get_template("main.html").render(title="a<b", page=None, base_url=".")


def _compiles(env: jinja2.Environment, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    names: list[str] = []
    compile_ = jinja2.Environment.compile

    def spy(self: jinja2.Environment, source: Any, name: str | None = None, *args: Any) -> Any:
        names.append(str(name))
        return compile_(self, source, name, *args)

    monkeypatch.setattr(jinja2.Environment, "compile", spy)
    return names


def test_compiled_in_the_worker_renders_the_same_without_compiling(theme: list[str],
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    compiled = templates.compile_theme(theme, ["main.html", "missing.html"])
    assert compiled is not None and len(compiled[1]) == 4  # every template main.html reaches
    expected = _render(templates.theme_environment(theme))
    env = templates.theme_environment(theme)
    assert templates.use_compiled(env, compiled)
    compiled_here = _compiles(env, monkeypatch)
    assert _render(env) == expected
    assert compiled_here == []


def test_another_environment_compiles_for_itself(theme: list[str]) -> None:
    compiled = templates.compile_theme(theme, ["main.html"])
    env = templates.theme_environment(theme)
    env.filters["upper"] = jinja2.pass_context(lambda context, value: value)  # a plugin's filter
    assert not templates.use_compiled(env, compiled)
    assert env.bytecode_cache is None
    assert not templates.use_compiled(templates.theme_environment(theme), None)  # the worker failed


def test_a_template_changed_since_is_compiled_again(theme: list[str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    compiled = templates.compile_theme(theme, ["main.html"])
    Path(theme[0], "partials", "macros.html").write_text(
        "{% macro shout(t) %}{{ t | lower }}?{% endmacro %}", encoding="utf-8")
    env = templates.theme_environment(theme)
    assert templates.use_compiled(env, compiled)
    compiled_here = _compiles(env, monkeypatch)
    assert "a<b?" in _render(env) and "A<B!" not in _render(env)
    assert compiled_here == ["partials/macros.html"]
