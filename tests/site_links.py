"""A small crawler over a built site's files: every internal link, picture (``srcset`` too),
script and stylesheet must name a file that exists, and every ``#fragment`` an id on its page.

Reads the files only (no server, no network). Links leaving the site are not followed; links
to the site's own address (``site_url``) count as internal, whatever their form (relative,
root-relative, absolute)."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

_LINKING = {"a": ("href",), "link": ("href",), "img": ("src",), "script": ("src",),
            "source": ("src",), "iframe": ("src",)}


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        d = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if d.get(key):
                self.ids.add(d[key] or "")
        for attr in _LINKING.get(tag, ()):
            value = d.get(attr)
            if value:
                self.links.append(value)
        if d.get("srcset"):  # "a.png 320w, b.png 640w": each candidate's address
            self.links.extend(part.split()[0] for part in (d["srcset"] or "").split(",") if part.strip())


def _read(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def _target(site: Path, path: str) -> Path | None:
    """The file a URL path (below the site's root) is served from, if any."""
    relative = PurePosixPath(unquote(path)).relative_to("/") if path.startswith("/") else None
    if relative is None or ".." in relative.parts:
        return None
    candidate = site / relative
    if candidate.is_dir() or path.endswith("/"):
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def broken_links(site: Path, site_url: str = "http://127.0.0.1:8000/") -> list[str]:
    """Every internal link of every page that goes nowhere, as ``page: link (why)``."""
    base = urlsplit(site_url)
    prefix = base.path if base.path.endswith("/") else base.path + "/"
    pages = {p: _read(p) for p in sorted(site.rglob("*.html"))}
    problems: list[str] = []
    for path, page in pages.items():
        here = "/" + path.relative_to(site).as_posix()
        here_url = prefix + (here[1:].removesuffix("index.html"))
        for link in page.links:
            parts = urlsplit(urljoin(f"{base.scheme}://{base.netloc}{here_url}", link))
            if parts.scheme not in ("http", "https") or parts.netloc != base.netloc:
                continue  # another site, mailto:, tel:, data:
            if not parts.path.startswith(prefix) and parts.path + "/" != prefix:
                continue  # another site on the same host
            target = _target(site, "/" + parts.path[len(prefix):])
            if target is None:
                problems.append(f"{here}: {link} (no such file)")
                continue
            fragment = unquote(parts.fragment)
            if fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else _read(target).ids
                if fragment not in ids:
                    problems.append(f"{here}: {link} (no id {fragment!r} there)")
    return problems
