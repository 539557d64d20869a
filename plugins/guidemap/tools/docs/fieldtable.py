"""CONTRIBUTING's tables of the fields of every content type, generated from their declarations
(``guidemap docs --write``; ``--check`` fails when a committed table is stale).

Each table goes between marker lines: ``<!-- fields:th -->`` … ``<!-- /fields:th -->`` for the
profile's Thai one, ``<!-- fields:calls:en -->`` … ``<!-- /fields:calls:en -->`` for the calls'
English one (and ``events``); a file or a marker that is not there is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Literal

from guidemap.contract.model.dated import CALLS, EVENTS
from guidemap.contract.model.fields import Declarations, FieldDecl
from guidemap.contract.model.profile import PROFILE
from guidemap.contract.network import Network
from guidemap.contract.spec import Localized

Lang = Literal["th", "en"]
DOC_FILES = (Path("CONTRIBUTING.md"), Path("docs") / "contributing-en.md")
_HEAD = {"th": ("ช่อง", "บังคับ", "เขียนอะไร", "ตัวอย่าง", "รูปแบบที่รับได้"),
         "en": ("Field", "Required", "What to write", "Example", "Accepted forms")}
_WITH = {"th": "เมื่อมี", "en": "with"}


def _shown_path(f: FieldDecl) -> str:
    if isinstance(f.spec, Localized):
        return f"`{f.path}.th` / `.en`"
    return f"`{f.path}`"


def _required(decls: Declarations, f: FieldDecl, lang: Lang) -> str:
    if f.required:
        mark = "✔ `th`" if isinstance(f.spec, Localized) and f.spec.require_th else "✔"
        parent = decls.by_path.get(f.parent)
        # Required inside an optional group: only when the group is there.
        return f"{mark} ({_WITH[lang]} `{f.parent}`)" if parent and not parent.required else mark
    return " ".join(f"✔ {_WITH[lang]} `{p}`" for p in decls.requiring(f))


def _cell(text: str) -> str:
    return text.replace("\n", " ")


def field_table(lang: Lang, decls: Declarations = PROFILE) -> str:
    """The Markdown table of every documented field of a content type, in declaration order."""
    rows = [_HEAD[lang], ("---",) * 5]
    for f in decls.fields:
        if f.doc is None:
            continue  # groups: their fields have rows
        rows.append((_shown_path(f), _required(decls, f, lang), getattr(f.label, lang),
                     getattr(f.doc.example, lang), getattr(f.doc.accepted, lang)))
    return "".join("|" + "|".join(f" {_cell(c)} " if c else " " for c in row) + "|\n" for row in rows)


def vocabulary_tables(lang: Lang, net: Network) -> str:
    """The focus and needs keys with their labels: the network's own (guidemap.yml)."""
    heads = {"th": (("`focus` (เลือก 1 ถึง 6)", "ความหมาย"), ("`needs`", "ความหมาย")),
             "en": (("`focus` (1 to 6)", "Thai", "English"), ("`needs`", "Thai", "English"))}[lang]
    tables = []
    for head, vocabulary in zip(heads, (net.focus, net.needs), strict=True):
        rows = [head, ("---",) * len(head)]
        rows += [(f"`{k}`", lab.th) if lang == "th" else (f"`{k}`", lab.th, lab.en)
                 for k, lab in vocabulary.items()]
        tables.append("".join("| " + " | ".join(_cell(c) for c in row) + " |\n" for row in rows))
    return "\n".join(tables)


def _markers(lang: Lang, kind: str = "fields") -> re.Pattern[str]:
    return re.compile(rf"(^<!-- {kind}:{lang} -->\n)(.*?)(^<!-- /{kind}:{lang} -->$)",
                      re.MULTILINE | re.DOTALL)


# The marker of each content type's table ("fields:calls:th").
TABLES: dict[str, Declarations] = {"fields": PROFILE, "fields:calls": CALLS, "fields:events": EVENTS}


def rewrite(text: str, net: Network) -> str:
    """``text`` with the table between each pair of markers replaced by the current one (the
    vocabularies of network ``net``)."""
    langs: tuple[Lang, ...] = ("th", "en")
    for lang in langs:
        for kind, decls in TABLES.items():
            text = _markers(lang, kind).sub(_replacer(field_table(lang, decls)), text)
        text = _markers(lang, "vocabulary").sub(_replacer(vocabulary_tables(lang, net)), text)
    return text


def _replacer(table: str) -> Callable[[re.Match[str]], str]:
    return lambda m: m[1] + table + m[3]


def doc_files(root: Path) -> list[Path]:
    """The documentation files that exist and hold at least one pair of markers."""
    return [root / p for p in DOC_FILES if (root / p).is_file() and any(
        _markers(lang, kind).search((root / p).read_text(encoding="utf-8"))
        for lang in ("th", "en") for kind in (*TABLES, "vocabulary"))]
