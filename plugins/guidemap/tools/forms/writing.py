"""What every issue-form converter writes, written one way: the issue-form files (every string
quoted by one rule), the contributed file itself (YAML by one dumper) and the writing to disk.

Used by ``from-issue`` (:mod:`~guidemap.tools.forms.issueform`), ``story-from-issue``
(:mod:`~guidemap.tools.forms.storyform`) and ``dated-from-issue``
(:mod:`~guidemap.tools.forms.dated_form`), so a rule fixed here is fixed for all three:

- a file is written only as a plain file directly in its folder under the repository: never
  through a symbolic link (the file's or a folder's, which could point anywhere on a maintainer's
  machine), never outside the folder, never over an existing file unless asked;
- the YAML is ``yaml.safe_dump``'s (so a value is always data), multi-line text as ``|`` blocks;
- a form's strings are JSON strings, which are valid YAML whatever they hold.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

from guidemap.contract.vocab import Label
from guidemap.tools.forms import issuebody

MAX_INPUT_CHARS = 600  # a one-line answer; the validator's limits are lower still
_NAME = re.compile(r"[a-z0-9][a-z0-9._-]*")  # a file name the converters make (ids, slugs)


class FormError(Exception):
    """Every problem found in an issue body, or in writing its file, one plain sentence each
    (Thai and English)."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


def answer_limit(kind: str, textarea_chars: int) -> int:
    """How long an answer may be: a form's own limit for a textarea, one line's otherwise."""
    return textarea_chars if kind == "textarea" else MAX_INPUT_CHARS


def for_terminal(text: str) -> str:
    """``text`` with every control character but the line break shown as an escape (``\\x1b``),
    so nothing printed from an issue can drive the maintainer's terminal."""
    return issuebody.CONTROL.sub(lambda m: ascii(m[0])[1:-1], text)


# --- the issue-form files ---------------------------------------------------------------------


def quote(text: str) -> str:
    """A string of an issue-form file: a JSON string, valid YAML whatever it holds."""
    return json.dumps(text, ensure_ascii=False)


def form_label(label: Label) -> str:
    return f"{label.th} / {label.en}"


def form_head(name: Label, description: Label, title: str, labels: Iterable[str],
              intro: Iterable[str]) -> list[str]:
    """The lines that open an issue-form file: what it is, and its introduction as a ``|`` block."""
    return [f"name: {quote(form_label(name))}", f"description: {quote(form_label(description))}",
            f"title: {quote(title)}", f"labels: [{', '.join(quote(x) for x in labels)}]", "body:",
            "  - type: markdown", "    attributes:", "      value: |",
            *(f"        {line}" if line else "" for line in intro)]


def form_element(kind: str, field_id: str, label: str, description: Label | None = None,
                 placeholder: str = "", options: Sequence[str] = (), default: int | None = None,
                 required: bool = False) -> list[str]:
    """One question of an issue-form file."""
    lines = [f"  - type: {kind}", f"    id: {field_id}", "    attributes:", f"      label: {quote(label)}"]
    if description:
        lines.append(f"      description: {quote(form_label(description))}")
    if placeholder:
        lines.append(f"      placeholder: {quote(placeholder)}")
    if options:
        prefix = "- label: " if kind == "checkboxes" else "- "
        lines += ["      options:", *(f"        {prefix}{quote(o)}" for o in options)]
    if default is not None:
        lines.append(f"      default: {default}")
    if required and kind != "checkboxes":  # GitHub requires checkboxes one by one
        lines += ["    validations:", "      required: true"]
    return lines


def form_confirmations(field_id: str, label: str, consents: Iterable[Label]) -> list[str]:
    """The closing checkboxes, each required (GitHub requires checkboxes one by one)."""
    lines = ["  - type: checkboxes", f"    id: {field_id}", "    attributes:",
             f"      label: {quote(label)}", "      options:"]
    for consent in consents:
        lines += [f"        - label: {quote(form_label(consent))}", "          required: true"]
    return lines


# --- the contributed file ---------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """``yaml.safe_dump`` with multi-line text as ``|`` blocks, as people write them."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_Dumper.add_representer(str, _str)


def dump_yaml(data: Mapping[str, Any]) -> str:
    """The YAML text of a contributed file, keys in the order given."""
    return yaml.dump(dict(data), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)


def write_files(root: Path, folder: str, files: Mapping[str, str | bytes], *, replace: bool = False,
                exists: str = "") -> list[Path]:
    """Write ``files`` (name → text or bytes) into ``root/folder``; the paths written.

    Refused, with nothing written: a name that is not a plain file name, a symbolic link for the
    folder (or any folder between it and ``root``) or for a file, and (unless ``replace``) a
    file that exists already, named with the ``exists`` hint. The final open does not follow a
    link either, so one made after the checks is not followed."""
    here = root
    for part in Path(folder).parts:
        here = here / part
        if part in ("..", ".") or here.is_symlink():
            raise FormError([f"refusing to write through a symbolic link or outside the repository: "
                             f"{for_terminal(str(here.relative_to(root)))} / ไม่เขียนผ่านลิงก์สัญลักษณ์"])
    targets = []
    for name in files:
        target = here / name
        if not _NAME.fullmatch(name):
            raise FormError([f"refusing to write {for_terminal(repr(name))}: not a file name in {folder}/ "
                             "/ ไม่เขียนนอกโฟลเดอร์"])
        if target.is_symlink():
            raise FormError([f"refusing to write through a symbolic link: {folder}/{name} / "
                             "ไม่เขียนผ่านลิงก์สัญลักษณ์"])
        if target.exists() and not replace:
            raise FormError([f"{folder}/{name} exists already{exists}"])
        targets.append(target)
    here.mkdir(parents=True, exist_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | os.O_NOFOLLOW | (os.O_TRUNC if replace else os.O_EXCL)
    for target, content in zip(targets, files.values(), strict=True):
        data = content.encode("utf-8") if isinstance(content, str) else content
        try:
            fd = os.open(target, flags, 0o644)
        except OSError as exc:  # a link or a file made since the checks
            raise FormError([f"cannot write {folder}/{target.name}: {for_terminal(str(exc))}"]) from exc
        with os.fdopen(fd, "wb") as f:
            f.write(data)
    return targets
