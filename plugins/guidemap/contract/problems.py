"""Problems found in contributed files, collected rather than raised one at a time.

Contributors are often not programmers: each problem names the file, the line and the field,
says what is wrong in Thai and English, and suggests what to write instead where it can.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    field: str
    en: str
    th: str
    hint: str = ""

    def format(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        name = f" [{self.field}]" if self.field else ""
        text = f"{where}: error{name}: {self.en}\n    {self.th}"
        if self.hint:
            text += f"\n    → {self.hint}"
        return text

    def github_annotation(self) -> str:
        """A GitHub Actions workflow command; the runner turns it into an inline annotation."""

        def esc(value: str, *, prop: bool = False) -> str:
            value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            if prop:
                value = value.replace(":", "%3A").replace(",", "%2C")
            return value

        title = esc(f"{self.field or 'file'}", prop=True)
        body = f"{self.en} / {self.th}" + (f" → {self.hint}" if self.hint else "")
        line = f",line={self.line}" if self.line else ""
        return f"::error file={esc(self.path, prop=True)}{line},title={title}::{esc(body)}"


@dataclass
class Problems:
    """Accumulates problems; a file with any problem is reported, never dropped in silence."""

    items: list[Problem] = field(default_factory=list)

    def add(self, path: str, line: int, field_name: str, en: str, th: str, hint: str = "") -> None:
        self.items.append(Problem(path, line, field_name, en, th, hint))

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def sorted(self) -> list[Problem]:
        return sorted(set(self.items))

    def report(self) -> str:
        return "\n".join(p.format() for p in self.sorted())


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """The closest choice to a likely typo, or '' when nothing is close enough."""
    options = list(choices)
    lowered = {c.casefold(): c for c in options}
    found = difflib.get_close_matches(word.casefold(), list(lowered), n=1, cutoff=0.6)
    return lowered[found[0]] if found else ""
