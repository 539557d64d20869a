"""Our own scripts and styles as the site serves them: comments and indentation left out.

They are written to be read, with comments on why; a visitor on a slow connection should not
download those. This is no general minifier: it drops only whole comment lines and blocks that
begin a line, and leading white space, which our files' style keeps unambiguous (a test checks
every served script with ``node --check``). Third-party files (Leaflet, Material) are served as
they are installed.
"""

from __future__ import annotations

from pathlib import Path


def lean(text: str, line_comments: bool) -> str:
    """``text`` without comment lines, comment blocks that begin a line, blank lines and
    indentation. ``line_comments``: ``//`` lines are comments (JavaScript, not CSS)."""
    out: list[str] = []
    in_block = False
    for line in text.splitlines():
        stripped = line.strip()
        if in_block:
            in_block = "*/" not in stripped
            if not in_block:
                rest = stripped.split("*/", 1)[1].strip()
                if rest:
                    out.append(rest)
            continue
        if stripped.startswith("/*"):
            in_block = "*/" not in stripped[2:]
            rest = "" if in_block else stripped[2:].split("*/", 1)[1].strip()
            if rest:
                out.append(rest)
            continue
        if not stripped or (line_comments and stripped.startswith("//")):
            continue
        out.append(stripped)
    return "\n".join(out) + "\n"


def lean_file(path: Path) -> str:
    return lean(path.read_text(encoding="utf-8"), line_comments=path.suffix == ".js")
