"""The theme's Jinja templates compiled in the worker process (adapter/helper.py), handed to the
build's own template environment as Jinja bytecode.

MkDocs compiles a template the first time it renders it: the 404 page and the sitemap come
first, and Material's ``base.html`` and its partials (``partials/nav-item.html`` alone about
0.07 s) took 0.2 s of the build's own process. The worker compiles the same sources meanwhile
and the build loads the result, through Jinja's documented bytecode cache, only for this
build (nothing is written to disk or kept after it).

Jinja's bucket checks the template's source (a checksum) and the Python version; what a
compiled template also depends on is the environment's settings (delimiters, extensions,
filters and tests). The worker's environment is made as MkDocs makes its own before any
plugin's ``on_env``; the build's settings are compared with it first, and a build whose
environment differs (a plugin added a filter, say) compiles its templates itself as before.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import jinja2
from jinja2 import meta
from jinja2.utils import _PassArg

_LEXER = ("block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
          "comment_start_string", "comment_end_string", "line_statement_prefix",
          "line_comment_prefix", "trim_blocks", "lstrip_blocks", "newline_sequence",
          "keep_trailing_newline")


def _name(obj: object) -> str:
    return f"{getattr(obj, '__module__', '')}.{getattr(obj, '__qualname__', type(obj).__qualname__)}"


def settings(env: jinja2.Environment) -> str:
    """A digest of what Jinja's parser and compiler read from ``env``: two environments with
    the same digest compile a template to the same code."""

    def functions(found: Mapping[str, Any]) -> list[tuple[str, str, str]]:
        # A filter's kind (given the context, the environment...) changes the call compiled;
        # a constant argument may be filtered while compiling, so the function itself counts.
        return sorted((key, _name(f), str(_PassArg.from_obj(f))) for key, f in found.items())

    autoescape = env.autoescape
    described = repr((
        [getattr(env, a) for a in _LEXER],
        sorted(env.extensions),
        env.optimized, env.is_async, getattr(env, "newstyle_gettext", None),
        autoescape if isinstance(autoescape, bool) else _name(autoescape),
        _name(env.finalize) if env.finalize else None,
        _name(env.code_generator_class),
        sorted((k, repr(v)) for k, v in env.policies.items()),
        functions(env.filters), functions(env.tests),
    ))
    return hashlib.sha256(described.encode("utf-8")).hexdigest()


class _Collected(jinja2.BytecodeCache):
    """Keeps what the worker's environment compiles."""

    def __init__(self) -> None:
        self.made: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        pass

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.made[bucket.key] = bucket.bytecode_to_string()


class _Prepared(jinja2.BytecodeCache):
    """Gives the build's environment what the worker compiled (a template whose source
    changed since fails the bucket's checksum and is compiled as usual)."""

    def __init__(self, made: Mapping[str, bytes]) -> None:
        self.made = made

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if (code := self.made.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        pass


def theme_environment(dirs: list[str]) -> jinja2.Environment:
    """An environment set up as MkDocs sets up the theme's (mkdocs.theme.Theme.get_env)."""
    try:
        from mkdocs import localization
        from mkdocs.utils import templates
    except ImportError:  # pragma: no cover - ProperDocs without the mkdocs package
        from properdocs import localization  # type: ignore[no-redef,unused-ignore]
        from properdocs.utils import templates  # type: ignore[no-redef,unused-ignore]

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(dirs), auto_reload=False)
    env.filters["url"] = templates.url_filter
    env.filters["script_tag"] = templates.script_tag_filter
    # Translations are looked up when a page renders; only the extension matters here.
    localization.install_translations(env, localization.parse_locale("en"), [])
    return env


Compiled = tuple[str, dict[str, bytes]]  # the settings' digest, and each template's bytecode by key


def no_templates() -> Compiled | None:
    """A job's answer when the worker could not compile them: the build compiles its own."""
    return None


def compile_theme(dirs: list[str], names: Iterable[str]) -> Compiled | None:
    """Every template ``names`` reach through extends, include and import with a fixed name,
    compiled (the worker's job); with the settings' digest of the environment that compiled them."""
    env = theme_environment(dirs)
    collected = _Collected()
    env.bytecode_cache = collected
    todo, seen = list(names), set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        try:
            source = env.loader.get_source(env, name)[0] if env.loader else ""
            env.get_template(name)
        except jinja2.TemplateError:  # not in this theme (or not valid): the build says so itself
            continue
        todo.extend(n for n in meta.find_referenced_templates(env.parse(source)) if n)
    return settings(env), collected.made


def use_compiled(env: jinja2.Environment, compiled: Compiled | None) -> bool:
    """The worker's templates for the build's ``env`` if it compiles as the worker's did."""
    if compiled is None or env.bytecode_cache is not None or compiled[0] != settings(env):
        return False
    env.bytecode_cache = _Prepared(compiled[1])
    return True


def theme_texts(env: jinja2.Environment, language: str) -> Callable[[str], str]:
    """Material's interface texts (``lang.t(key)`` in its templates), each looked up once a
    build: its ``partials/language.html`` builds a table of some 50 texts on every call, 22
    calls a page. Our ``partials/language.html`` asks this function instead (the same text:
    the site's language, else English, else the key itself). Material's tables are read on
    the first call (a theme without them never calls)."""
    found: dict[str, str] = {}

    def text(key: str) -> str:
        if key not in found:
            own = env.get_template(f"partials/languages/{language}.html").module
            english = env.get_template("partials/languages/en.html").module
            found[key] = str(own.t(key) or english.t(key) or key)  # type: ignore[attr-defined]
        return found[key]

    return text
