"""The Content-Security-Policy on every page of a built site: present before any script, the
same on every page, and allowing each inline script the site ships by its hash (and nothing else
inline). The browser side (scripts blocked, none of ours refused) is tests/browser/test_csp_browser.py."""

from __future__ import annotations

import html
import re
from pathlib import Path

import material

from conftest import MINI_MKDOCS, build, make_repo, org_yaml
from guidemap.outputs.html import csp

META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
THEME = Path(__file__).resolve().parents[2] / "plugins" / "guidemap" / "adapter" / "theme"


def policies(site: Path, allowed_only: bool = True) -> dict[str, str]:
    """Page → its policy; every HTML file of the site must have exactly one, before any script,
    and (``allowed_only``) every inline script of the page must be allowed by it."""
    found = {}
    for path in sorted(site.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        metas = META.findall(text)
        rel = path.relative_to(site).as_posix()
        assert len(metas) == 1, rel
        if path.name == "email.html":  # a newsletter edition's e-mail: no script, loads nothing
            assert metas[0].startswith("default-src 'none';"), rel
            assert "<script" not in text, rel
            continue
        head = text[:text.index("</head>")]
        assert head.index("Content-Security-Policy") < head.find("<script") or "<script" not in head, rel
        found[rel] = html.unescape(metas[0])
        allowed = set(found[rel].split("; ")[1].split()[1:])
        for script in csp.inline_scripts(text) if allowed_only else []:
            assert csp.source_hash(script) in allowed, f"{rel}: {script[:80]!r}"
    return found


def test_every_page_has_the_policy(repo_site: Path) -> None:
    found = policies(repo_site)
    for kind in ("index.html", "404.html", "map/index.html", "orgs/index.html", "stories/index.html",
                 "guide/index.html", "volunteer/index.html", "events/index.html", "subscribe/index.html"):
        assert kind in found
    assert any(p.startswith("orgs/") and p.count("/") == 2 for p in found)  # group pages
    assert len(set(found.values())) == 1, "one policy for the whole site"
    directives = dict(d.split(" ", 1) for d in next(iter(found.values())).split("; "))
    assert directives["img-src"] == "'self' data: https://tile.openstreetmap.org"
    assert directives["object-src"] == "'none'" and directives["base-uri"] == "'self'"
    assert directives["default-src"] == "'self'"
    assert re.fullmatch(r"'self'( 'sha256-[A-Za-z0-9+/]{43}=')+", directives["script-src"])


def test_the_policy_does_not_depend_on_the_pages(tmp_path: Path) -> None:
    """The hashes come from what the project ships, never from the pages: a script in a page
    (here raw HTML in a maintainers' page, which Markdown passes as it is) is not allowed, and
    two sites with the same groups but different pages have the same policy."""
    script = "window.leak = document.cookie"
    plain = build_site(tmp_path / "plain", "# บันทึก\n\nข้อความ\n")
    hostile = build_site(tmp_path / "hostile", f"# บันทึก\n\nข้อความ\n\n<script>{script}</script>\n")
    policy = set(policies(plain).values())
    assert len(policy) == 1
    assert set(policies(hostile, allowed_only=False).values()) == policy
    page = (hostile / "notes" / "index.html").read_text(encoding="utf-8")
    for found in csp.inline_scripts(page):  # the page's own script, if it is still there
        if "window.leak" in found:
            assert csp.source_hash(found) not in next(iter(policy))


def build_site(root: Path, notes: str) -> Path:
    make_repo(root, {"a": org_yaml("a"), "b": org_yaml("b", lat="6.54", lon="101.28")},
              {"s.md": "---\ntitle: เรื่อง\ndate: 2026-01-10\n---\n\nข้อความ\n"},
              MINI_MKDOCS.replace("  - stories/index.md\n", "  - stories/index.md\n  - notes.md\n"))
    (root / "content" / "notes.md").write_text(notes, encoding="utf-8")
    result = build(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


def test_our_storage_script_is_materials_but_for_the_scope() -> None:
    """Our partials/javascripts/base.html reads the scope from an attribute (so it has one hash);
    otherwise it must stay Material's script: a Material upgrade that changes it fails here."""
    theirs = (Path(material.__file__).parent / "templates" / "partials" / "javascripts" / "base.html")
    [their_script] = csp.inline_scripts(theirs.read_text(encoding="utf-8"))
    ours = THEME / "partials" / "javascripts" / "base.html"
    [our_script] = csp.inline_scripts(ours.read_text(encoding="utf-8"))
    assert their_script.replace('"{{ config.extra.scope | d(base_url) }}"',
                                "document.currentScript.dataset.scope") == our_script
