"""Location precision covers place names (built with mkdocs build --strict): a group that
publishes its position only to the province has its district named in no output at all (pages,
JSON-LD, open data, the search index, feeds, calendar files, the printable guide), with a call
and an event of its own, and a campaign, beside it."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import quote

import pytest

from conftest import build, make_repo

DISTRICT = ("หนองจิก", "Nong Chik")
CASE = Path(__file__).parents[1] / "cases" / "orgs" / "precision-province-district"


def _repo(root: Path, precision: str) -> Path:
    """The case folder's group, call and event in a site (``precision`` written over its own)."""
    make_repo(root, {})
    for folder in ("orgs", "calls", "events"):
        shutil.copytree(CASE / folder, root / folder, dirs_exist_ok=True)
    profile = root / "orgs" / "quiet.yml"
    text = profile.read_text(encoding="utf-8")
    assert f"district: {DISTRICT[0]}" in text and "precision: province" in text
    profile.write_text(text.replace("precision: province", f"precision: {precision}"), encoding="utf-8")
    return root


def _outputs_naming(site: Path, names: tuple[str, ...]) -> list[str]:
    """Every built file (text, whatever its kind) that names one of ``names``, as written,
    escaped for HTML or JSON, or percent-encoded in an address."""
    forms = {n for name in names for n in (name, quote(name), name.encode("unicode_escape").decode(),
                                           name.encode("ascii", "xmlcharrefreplace").decode())}
    found = []
    for path in sorted(site.rglob("*")):
        if not path.is_file() or path.suffix in (".png", ".jpg", ".webp", ".ico", ".woff2", ".gz"):
            continue
        text = path.read_bytes().decode("utf-8", "replace")
        found += [f"{path.relative_to(site)}: {n!r}" for n in forms if n in text]
    return found


@pytest.mark.parametrize("precision", ["province", "district"])
def test_a_province_precision_group_has_its_district_named_nowhere(tmp_path: Path, precision: str) -> None:
    root = _repo(tmp_path, precision)
    result = build(root)
    assert result.returncode == 0, result.stderr
    site = root / "site"
    assert (site / "orgs" / "quiet" / "index.html").is_file()
    assert (site / "calls" / "quiet-day" / "index.html").is_file() or any(site.rglob("*quiet-day*"))
    named = _outputs_naming(site, DISTRICT)
    if precision == "province":
        assert named == []
    else:  # the same group at district precision names it: the check can find it
        assert any(n.startswith("orgs/quiet/index.html") for n in named), named
