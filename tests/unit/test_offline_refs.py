"""What the service worker keeps with a page: the files the page loads, read from its HTML as
written (relative to the page), never an address on another site or outside the site's path."""

from __future__ import annotations

from pathlib import Path

from guidemap.outputs.offline import refs, worker

PAGE = """<html><head>
<link rel="stylesheet" href="../../assets/stylesheets/main.57a0d79d.min.css">
<link rel="icon" href="../../assets/guidemap/favicon.png">
<link rel="apple-touch-icon" href="../../assets/guidemap/apple-touch-icon.png">
<link rel="alternate" type="application/rss+xml" href="../../feed.xml">
<link rel="manifest" href="../../assets/guidemap/manifest.webmanifest">
<link rel="stylesheet" href="https://fonts.example.org/x.css">
<script src="../../assets/javascripts/bundle.a5f9d56c.min.js"></script>
<script src="//cdn.example.org/x.js"></script><script src="/guide/assets/rooted.js"></script>
<script>inline()</script><script src="../../../../outside.js"></script>
</head><body>
<img src="logo.png" srcset="logo-160.webp 160w, logo-320.webp 320w" alt="">
<img src="data:image/png;base64,AAAA" alt=""><img src='../../pictures/a%20b.jpg' alt="">
</body></html>"""


def test_a_page_keeps_what_it_loads_from_the_site() -> None:
    assert refs.page_refs("orgs/x/", PAGE, pictures=False) == [
        "assets/stylesheets/main.57a0d79d.min.css", "assets/guidemap/favicon.png",
        "assets/guidemap/manifest.webmanifest", "assets/javascripts/bundle.a5f9d56c.min.js"]


def test_pictures_with_every_width_when_asked() -> None:
    pictures = refs.page_refs("orgs/x/", PAGE, pictures=True)[4:]
    assert pictures == ["orgs/x/logo.png", "orgs/x/logo-160.webp", "orgs/x/logo-320.webp",
                        "pictures/a%20b.jpg"]


def test_only_files_the_site_has_are_kept(tmp_path: Path) -> None:
    (tmp_path / "orgs" / "x").mkdir(parents=True)
    (tmp_path / "orgs" / "x" / "index.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "orgs" / "x" / "logo.png").write_bytes(b"png")
    (tmp_path / "pictures").mkdir()
    (tmp_path / "pictures" / "a b.jpg").write_bytes(b"jpg")
    assert worker._with_refs(tmp_path, ["orgs/x/", "orgs/missing/"], pictures=True) == [
        "orgs/x/", "orgs/x/logo.png", "pictures/a%20b.jpg"]
