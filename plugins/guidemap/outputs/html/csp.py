"""The site's Content-Security-Policy, written into every page as a ``<meta http-equiv>`` tag.

Contributed text is escaped or cleaned before it reaches a page; the policy is the second line,
so that a future slip (a missed escape, an unsafe file) runs no script and loads nothing from
elsewhere. What it allows, and why:

- **scripts**: files from the site itself, and inline scripts only by the SHA-256 of their text.
  The hashes are taken from what the project ships (the theme's templates, the search shim, the
  map's scripts as our code writes them), never from a rendered page: hashing a page's scripts
  would allow a contributed ``<script>`` too. A template script that has Jinja inside it
  (a value written into the script) cannot be hashed and is not allowed.
  ``<script type="application/json">`` (Material's configuration) and JSON-LD are data, never run,
  and need no hash.
- **images**: the site, ``data:`` (Material's icons are SVG data addresses in its stylesheet) and
  the map's tile host; nothing else, so a picture from another site (a tracker) does not load.
- **styles**: the site and inline (Leaflet and Material set element styles; the map page has a
  small ``<style>`` of a network's pin colours). Styles cannot run script.
- **fetch**: the site, and ``data:`` (the search shim answers Material's requests for the index
  and the site map with data addresses instead of a download; a data address goes nowhere).
- **everything else** (workers, fonts, frames, media): the site only; ``object-src 'none'``
  (no plugins), ``base-uri 'self'`` (an injected ``<base>`` cannot move relative addresses
  elsewhere), ``form-action 'self'`` and the one origin ``guidemap.yml``'s
  ``newsletter.email_signup`` names (the subscribe page's form posts there when sent).

A ``<meta>`` policy cannot carry ``frame-ancestors`` or reporting; those need HTTP headers, which
GitHub Pages does not let a site set.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit

# An inline script that runs: no src, and no type or a JavaScript type.
_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.S | re.I)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
_JS_TYPES = {"", "text/javascript", "application/javascript", "module"}
_JINJA = ("{{", "{%", "{#")


def inline_scripts(markup: str) -> list[str]:
    """The text of every inline script in ``markup`` that a browser would run, as written
    (data blocks such as ``application/json`` and ``application/ld+json`` left out)."""
    found = []
    for match in _SCRIPT.finditer(markup):
        attrs = match["attrs"]
        if re.search(r"\ssrc\s*=", attrs, re.I):
            continue
        kind = _TYPE.search(attrs)
        if (kind[1].lower() if kind else "") in _JS_TYPES:
            found.append(match["body"])
    return found


def template_scripts(template: str) -> list[str]:
    """The inline scripts of a Jinja template that are the same on every page (no Jinja inside)."""
    return [s for s in inline_scripts(template) if not any(mark in s for mark in _JINJA)]


def source_hash(script: str) -> str:
    """The CSP source expression that allows exactly this script text."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def templates_in(dirs: Iterable[str | Path]) -> dict[str, str]:
    """Template name → text, as Jinja finds them: the first folder that has a name wins (a
    theme's override hides Material's own). Icons and assets are not templates (and Material's
    icons are thousands of files: not walked)."""
    found: dict[str, str] = {}
    for folder in dirs:
        root = Path(folder)
        for here, subdirs, names in os.walk(root):
            subdirs[:] = sorted(d for d in subdirs if not (here == str(root) and d in (".icons", "assets")))
            for file_name in sorted(names):
                if file_name.endswith(".html"):
                    path = Path(here, file_name)
                    found.setdefault(path.relative_to(root).as_posix(), path.read_text(encoding="utf-8"))
    return found


def origin(url: str) -> str:
    """``scheme://host[:port]`` of an address (a tile URL template keeps its host)."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def policy(scripts: Iterable[str], image_origins: Iterable[str] = (),
           form_origins: Iterable[str] = ()) -> str:
    """The policy text: ``scripts`` are the inline scripts to allow (their exact text);
    ``form_origins``: where a form may post besides the site (the e-mail service's sign-up)."""
    hashes = sorted({source_hash(s) for s in scripts})
    images = ["'self'", "data:", *sorted(set(image_origins))]
    directives = [
        "default-src 'self'",
        "script-src " + " ".join(["'self'", *hashes]),
        "style-src 'self' 'unsafe-inline'",
        "img-src " + " ".join(images),
        "connect-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action " + " ".join(["'self'", *sorted(set(form_origins))]),
    ]
    return "; ".join(directives)

