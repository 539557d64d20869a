"""Writing many small output files straight into the built site (the search index's pieces,
the feeds written by the helper process), where the site builder does not write them."""

from __future__ import annotations

import os
from collections.abc import Mapping


def write_files(root: str, files: Mapping[str, str | bytes]) -> int:
    """Write ``files`` (relative path -> content) under ``root``; returns how many."""
    made: set[str] = set()
    for path, content in files.items():  # thousands of small files: os calls, no pathlib
        target = os.path.join(root, path)
        parent = os.path.dirname(target)
        if parent not in made:
            os.makedirs(parent, exist_ok=True)
            made.add(parent)
        with open(target, "wb") as out:
            out.write(content.encode() if isinstance(content, str) else content)
    return len(files)
