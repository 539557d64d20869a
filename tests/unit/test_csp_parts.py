"""The Content-Security-Policy's parts (outputs/html/csp.py): which inline scripts count, hashes
of template scripts only when they are the same on every page, and the policy text."""

from __future__ import annotations

from pathlib import Path

from guidemap.outputs.html import csp


def test_only_scripts_that_run_are_inline_scripts() -> None:
    markup = ('<script>a()</script><script src="x.js"></script><script type="application/json">{}</script>'
              '<script type="application/ld+json">{}</script><SCRIPT type="text/javascript">b()</SCRIPT>'
              "<script type='module'>c()</script><script defer>\nd()\n</script>")
    assert csp.inline_scripts(markup) == ["a()", "b()", "c()", "\nd()\n"]


def test_template_scripts_with_jinja_are_not_hashed() -> None:
    template = ('<script>var a=1</script><script>var b="{{ base_url }}"</script>'
                "<script>{% if x %}y(){% endif %}</script>")
    assert csp.template_scripts(template) == ["var a=1"]


def test_hash_is_the_browsers() -> None:
    # The value Chromium prints for an inline `alert(1)` it refuses.
    assert csp.source_hash("alert(1)") == "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"


def test_templates_are_found_as_jinja_finds_them(tmp_path: Path) -> None:
    ours, theirs = tmp_path / "ours", tmp_path / "theirs"
    for folder, text in ((ours, "<script>ours()</script>"), (theirs, "<script>theirs()</script>")):
        (folder / "partials").mkdir(parents=True)
        (folder / "partials" / "x.html").write_text(text, encoding="utf-8")
    (theirs / "only.html").write_text("<script>only()</script>", encoding="utf-8")
    (theirs / ".icons").mkdir()
    (theirs / ".icons" / "icon.html").write_text("<script>icon()</script>", encoding="utf-8")
    found = csp.templates_in([ours, theirs])
    assert found == {"partials/x.html": "<script>ours()</script>", "only.html": "<script>only()</script>"}


def test_policy() -> None:
    text = csp.policy(["b()", "a()", "a()"], [csp.origin("https://tile.example.org/{z}/{x}/{y}.png")])
    directives = dict(d.split(" ", 1) for d in text.split("; "))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == " ".join(["'self'", *sorted({csp.source_hash("a()"),
                                                                     csp.source_hash("b()")})])
    assert directives["img-src"] == "'self' data: https://tile.example.org"
    assert directives["object-src"] == "'none'" and directives["base-uri"] == "'self'"
    assert "unsafe-inline" not in directives["script-src"] and "unsafe-eval" not in text
