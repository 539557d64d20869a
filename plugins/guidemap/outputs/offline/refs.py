"""What a written page loads: its scripts, styles, icons and manifest (and its pictures, when
asked), read from its HTML as written, as site paths (relative to the page, never an address on
another site or outside the site's path)."""

from __future__ import annotations

import posixpath
import re

_TAG = re.compile(r"<(script|link|img|source)\b([^>]*)>", re.I)
_ATTR = re.compile(r"""([a-zA-Z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
# The touch icon is for a home-screen shortcut, made online: not kept.
_KEPT_LINKS = {"stylesheet", "icon", "manifest", "shortcut"}


def _attrs(text: str) -> dict[str, str]:
    return {m[1].lower(): (m[2] if m[2] is not None else m[3]) for m in _ATTR.finditer(text)}


def _local(url: str, ref: str) -> str | None:
    """A reference in the page at ``url`` as a site path, or None if it leaves the site."""
    ref = ref.strip().replace("&amp;", "&")
    if not ref or ref.startswith(("/", "#")) or re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", ref):
        return None
    path, _, query = ref.partition("?")
    path = path.partition("#")[0]
    joined = posixpath.normpath(posixpath.join(url, path))
    if joined.startswith("..") or joined == ".":
        return None
    return joined + (f"?{query.partition('#')[0]}" if query else "")


def page_refs(url: str, text: str, pictures: bool) -> list[str]:
    """The scripts, styles, icons and manifest a page loads (and its pictures, when asked),
    as site paths in the order the page names them."""
    found: list[str] = []
    for tag, attrs_text in _TAG.findall(text):
        attrs = _attrs(attrs_text)
        tag = tag.lower()
        refs: list[str] = []
        if tag == "script":
            refs = [attrs.get("src", "")]
        elif tag == "link":
            if set(attrs.get("rel", "").lower().split()) & _KEPT_LINKS:
                refs = [attrs.get("href", "")]
        elif pictures:
            srcset = attrs.get("srcset", "").split(",")
            refs = [attrs.get("src", "")] + [c.split()[0] for c in srcset if c.strip()]
        for ref in refs:
            local = _local(url, ref)
            if local is not None and local not in found:
                found.append(local)
    return found
