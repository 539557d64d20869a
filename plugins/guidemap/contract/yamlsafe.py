"""A strict, safe YAML reader for contributed files, and the one way every such file is read
(:func:`read_file`: profiles, calls, events and the network file alike).

PyYAML's own loaders guess types (``NO`` becomes False, ``073000000`` an octal number, ``10:30``
the integer 630, ``2018-07-24`` a date), keep the last of duplicate keys in silence and expand
anchors into "billion laughs". Here the C composer builds the node tree and we convert it
ourselves: every scalar stays a string (the schema decides its type), duplicate keys, anchors,
aliases and custom tags are errors, and the line of every value is kept for error messages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path as FilePath
from typing import Any

import yaml

from guidemap.contract.problems import Problems

try:  # the C composer is several times faster on thousands of files
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - libyaml missing
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_STR = "tag:yaml.org,2002:str"
_MERGE = "tag:yaml.org,2002:merge"


class _Composer(_Loader):
    """The composer without type guessing: an untagged plain scalar is text (the schema decides
    its type), so only ``<<`` needs telling apart. Matching every value against PyYAML's
    bool/int/float/date patterns, only to ignore the answer, was a fifth of reading a file."""

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: Any) -> Any:
        if kind is yaml.ScalarNode and implicit and implicit[0]:
            return _MERGE if value == "<<" else _STR
        return super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]


Path = tuple[str | int, ...]
MAX_BYTES = 256 * 1024
_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


class YamlProblem(Exception):
    def __init__(self, line: int, en: str, th: str) -> None:
        super().__init__(en)
        self.line = line
        self.en = en
        self.th = th


@dataclass
class Document:
    """Plain data (dicts, lists, strings, None) plus the 1-based line of each path."""

    data: Any
    lines: dict[Path, int] = field(default_factory=dict)
    # Problems that do not stop reading (duplicate keys): reported with the schema's problems.
    warnings: list[YamlProblem] = field(default_factory=list)

    def line(self, path: Path) -> int:
        """The line of ``path`` or of its nearest ancestor that exists."""
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, 1)


def decode(raw: bytes) -> str:
    """UTF-8 text with a leading BOM removed; other encodings are refused with the line."""
    if len(raw) > MAX_BYTES:
        raise YamlProblem(1, f"file is larger than {MAX_BYTES // 1024} KB",
                          f"ไฟล์ใหญ่เกิน {MAX_BYTES // 1024} KB")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise YamlProblem(line, "file is not UTF-8 text; save it as UTF-8",
                          "ไฟล์ไม่ได้บันทึกเป็น UTF-8 กรุณาบันทึกใหม่เป็น UTF-8") from None
    return text.removeprefix("\ufeff")


_BRACKET = re.compile(r"[\[\]{}]")


def flow_depth(text: str) -> tuple[int, int]:
    """How deeply ``[``/``{`` flow collections nest, read without parsing.

    libyaml's composer recurses on the C stack: some 30,000 nested ``[`` (60 KB) crash the
    interpreter, so depth is checked before composing. A bracket counts only where a flow
    collection can start (after ``:``, ``-``, ``,``, another bracket or at a line start), so
    brackets inside prose are not counted.
    """
    depth = deepest = 0
    deepest_at = 0
    # Visit only the brackets (a profile has a handful), looking back for what precedes each.
    for match in _BRACKET.finditer(text):
        char, at = match.group(0), match.start()
        if char in "[{":
            back = at - 1
            while back >= 0 and text[back] in " \t\r":
                back -= 1
            if back < 0 or text[back] in ":-,[{\n":
                depth += 1
                if depth > deepest:
                    deepest, deepest_at = depth, at
                    if deepest > MAX_DEPTH:  # enough to refuse the file
                        break
        elif depth:
            depth -= 1
    return deepest, text.count("\n", 0, deepest_at) + 1


# YAML breaks lines at NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR too; editors and review
# tools do not, so ``a: x<NEL>precision: exact`` would set a field nobody sees on its own line
# (and every line number after it would be off). Found by fuzzing (tests/properties/test_properties_input.py).
_ODD_BREAK = re.compile("[\x85\u2028\u2029]")


def parse(text: str, first_line: int = 1) -> Document:
    """Parse one YAML document; ``first_line`` shifts lines (front matter inside Markdown)."""
    if odd := _ODD_BREAK.search(text):
        line = text.count("\n", 0, odd.start()) + first_line
        raise YamlProblem(line, f"contains an invisible line break (U+{ord(odd[0]):04X}); retype "
                          "the line", f"มีอักขระขึ้นบรรทัดที่มองไม่เห็น (U+{ord(odd[0]):04X}) กรุณาพิมพ์บรรทัดนี้ใหม่")
    depth, line = flow_depth(text)
    if depth > MAX_DEPTH:
        raise YamlProblem(line + first_line - 1, f"nested more than {MAX_DEPTH} levels deep",
                          f"ซ้อนกันลึกเกิน {MAX_DEPTH} ชั้น")
    try:
        node = yaml.compose(text, Loader=_Composer)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + first_line) if mark else first_line
        reason = exc.problem or "invalid YAML"
        raise YamlProblem(
            line,
            f"YAML syntax error: {reason} (check indentation, and put text containing ':' "
            "or '#' in quotes)",
            f"รูปแบบ YAML ผิด: {reason} (ตรวจการย่อหน้า และใส่เครื่องหมายคำพูดรอบข้อความที่มี ':' หรือ '#')",
        ) from None
    except (yaml.YAMLError, ValueError, RecursionError) as exc:
        # One line per problem: the library's messages run over several lines.
        reason = getattr(exc, "reason", None) or str(exc).splitlines()[0]
        raise YamlProblem(first_line, f"YAML could not be read: {reason}",
                          f"อ่าน YAML ไม่ได้: {reason}") from None
    doc = Document(None)
    if node is not None:
        try:
            doc.data = _convert(node, (), doc, set(), first_line)
        except RecursionError:
            raise YamlProblem(first_line, "nested too deeply", "ซ้อนกันลึกเกินไป") from None
    return doc


MAX_DEPTH = 12  # profiles nest three levels; deeper input is an error, not a RecursionError


def _convert(node: yaml.Node, path: Path, doc: Document, seen: set[int], first: int) -> Any:
    line = node.start_mark.line + first
    if len(path) > MAX_DEPTH:
        raise YamlProblem(line, f"nested more than {MAX_DEPTH} levels deep",
                          f"ซ้อนกันลึกเกิน {MAX_DEPTH} ชั้น")
    doc.lines.setdefault(path, line)
    if id(node) in seen:  # the composer hands back the same node for an alias
        raise YamlProblem(line, "anchors and aliases (& and *) are not allowed",
                          "ไม่อนุญาตให้ใช้ anchor และ alias (& และ *)")
    seen.add(id(node))
    if node.tag not in _STANDARD_TAGS:
        raise YamlProblem(line, f"custom YAML tag {node.tag!r} is not allowed",
                          f"ไม่อนุญาตให้ใช้แท็ก YAML {node.tag!r}")
    if isinstance(node, yaml.ScalarNode):
        value = str(node.value)
        # An empty plain scalar (``key:``) or ``~``/``null`` means "not given".
        # (the C composer marks a plain scalar's style as '', the Python one as None)
        if not node.style and value in ("", "~", "null", "Null", "NULL"):
            return None
        return value
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, (*path, i), doc, seen, first) for i, item in enumerate(node.value)]
    assert isinstance(node, yaml.MappingNode)
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key_line = key_node.start_mark.line + first
        if not isinstance(key_node, yaml.ScalarNode):
            raise YamlProblem(key_line, "a field name must be plain text",
                              "ชื่อช่องต้องเป็นข้อความธรรมดา")
        if key_node.tag == _MERGE:
            raise YamlProblem(key_line, "merge keys (<<) are not allowed",
                              "ไม่อนุญาตให้ใช้ merge key (<<)")
        key = str(key_node.value)
        if id(value_node) in seen:
            raise YamlProblem(key_line, "anchors and aliases (& and *) are not allowed",
                              "ไม่อนุญาตให้ใช้ anchor และ alias (& และ *)")
        if key in result:
            doc.warnings.append(YamlProblem(
                key_line,
                f"field {key!r} appears twice (first on line {doc.lines[(*path, key)]}); "
                "keep only one",
                f"ช่อง {key!r} ซ้ำกัน (ครั้งแรกที่บรรทัด {doc.lines[(*path, key)]}) ให้เหลือไว้เพียงช่องเดียว",
            ))
            continue  # keep the first value; the file is reported as invalid anyway
        doc.lines[(*path, key)] = key_line
        result[key] = _convert(value_node, (*path, key), doc, seen, first)
    return result


def split_front_matter(text: str) -> tuple[str, str, int] | None:
    """(front matter, body, line where the body starts) for ``---`` fenced Markdown."""
    if not text.startswith("---"):
        return None
    lines = text.splitlines(keepends=True)
    if lines[0].rstrip() != "---":
        return None
    for i in range(1, len(lines)):
        if lines[i].rstrip() in ("---", "..."):
            return "".join(lines[1:i]), "".join(lines[i + 1 :]), i + 2
    return None


def relative(path: FilePath, root: FilePath) -> str | None:
    """``path.relative_to(root).as_posix()``, or None where that raises ValueError.

    Why: the loaders name every file they read relative to the repository, several times each,
    and ``relative_to`` parses two new paths a call (16,000 calls for 4,000 files). A path's
    text is already normalised (no ``.``, no doubled or trailing ``/``), so when it starts
    with the root's text and a ``/``, the rest is the answer; anything else (the root ``/`` or
    ``.``, another folder, Windows paths) goes through pathlib, whose answer it always was
    (tests/properties/test_properties_contract_fast.py)."""
    text, base = str(path), str(root)
    if text.startswith(base) and text[len(base):len(base) + 1] == "/" and not base.endswith("/"):
        return text[len(base) + 1:]
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return None


def shown_path(path: FilePath, root: FilePath) -> str:
    """A file's name in messages: relative to the repository, also through a symlinked folder."""
    # Plain string work first: resolve() costs a system call per path component.
    if (rel := relative(path, root)) is not None:
        return rel
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def read_bytes(path: FilePath, shown: str, problems: Problems) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError as exc:
        problems.add(shown, 0, "", f"cannot read the file: {exc.strerror}", "อ่านไฟล์ไม่ได้")
        return None


def decode_reported(raw: bytes, shown: str, problems: Problems) -> str | None:
    """:func:`decode`, with its problem added to ``problems`` (then None)."""
    try:
        return decode(raw)
    except YamlProblem as exc:
        problems.add(shown, exc.line, "", exc.en, exc.th)
        return None


def parse_reported(text: str, shown: str, problems: Problems, first_line: int = 1) -> Document | None:
    """:func:`parse`, with its problem (then None) or its warnings added to ``problems``."""
    try:
        doc = parse(text, first_line)
    except YamlProblem as exc:
        problems.add(shown, exc.line, "", exc.en, exc.th)
        return None
    for w in doc.warnings:
        problems.add(shown, w.line, "", w.en, w.th)
    return doc


def read_file(path: FilePath, shown: str, problems: Problems) -> Document | None:
    """A contributed YAML file, parsed; None when it cannot be read or parsed, with the reason
    (and any warning) added to ``problems`` under ``shown``. Stories read their front matter
    with the same steps (:func:`read_bytes`, :func:`decode_reported`, :func:`parse_reported`)."""
    raw = read_bytes(path, shown, problems)
    text = decode_reported(raw, shown, problems) if raw is not None else None
    return parse_reported(text, shown, problems) if text is not None else None
