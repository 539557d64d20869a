"""Benchmark: the guide map against folium's default maps built from the same profiles, in
the same run, with every asset served locally (no network; map tiles answered with a tiny PNG).

Three pages are made from the same generated groups:

- **guidemap**: the /map/ page of this project (folium map with our templates, Leaflet from the
  xstatic package, our own clustering and gesture handling, data/map-markers.json for the
  markers, data/orgs.geojson for the popups);
- **folium MarkerCluster**: ``folium.Map`` (default assets) + ``MarkerCluster`` with one
  ``folium.Marker`` per group (popup: name, summary, link; tooltip: name);
- **folium FastMarkerCluster**: ``folium.Map`` + ``FastMarkerCluster`` (default callback).

folium's CDN assets are fetched with ``npm pack`` (the npm registry, once, into --cache) and
served from the same local server. Two are not on npm and are left out of folium's figures
(which makes folium look a little lighter than it is): Bootstrap 3.0.0's
``bootstrap-glyphicons.css`` and folium's ``leaflet.awesome.rotate.min.css``.

Figures:

1. bytes a map adds to a first visit, gzip -6 per file (what a web server sends): for
   guidemap the map's JS, CSS, marker file, GeoJSON (read when a popup first opens, counted
   anyway) and its part of the page markup, not the theme's own files; for folium the whole
   page and its assets. Goal: guidemap <= 0.4 x folium MarkerCluster.
2. marker data per group: compressed marker file (and GeoJSON) / groups. Goal: < 200 bytes.
3. time from navigation to the first marker or cluster icon in headless Chromium, with
   --many groups (median of --repeat fresh, uncached visits). Goal: guidemap <= 0.7 x
   FastMarkerCluster. The guidemap page is measured without the Material theme around it
   (the folium pages have no theme either); its list of all groups below the map is included.

    python scripts/bench_map.py --groups 20 --many 10000 --repeat 9
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import gzip
import html
import http.server
import random
import re
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import threading
from pathlib import Path

import folium
from folium.plugins import FastMarkerCluster, MarkerCluster

from guidemap.contract.load.repository import load_repository
from guidemap.contract.location import coarsen
from guidemap.contract.model.types import Area, Dataset, LText, Org
from guidemap.contract.vocab import DEFAULT_FOCUS
from guidemap.outputs.map import geodata as map_geodata
from guidemap.outputs.map import settings as map_settings
from guidemap.outputs.map import view as map_view
from guidemap.outputs.site import urls
from guidemap.outputs.site.types import SiteInfo

CHROMIUM = "/usr/bin/chromium"
PROVINCES = [(Area("94", "ปัตตานี", "Pattani"), 6.87, 101.25),
             (Area("95", "ยะลา", "Yala"), 6.54, 101.28),
             (Area("96", "นราธิวาส", "Narathiwat"), 6.43, 101.82),
             (Area("90", "สงขลา", "Songkhla"), 7.19, 100.59)]
WORDS = ["อาสาสมัคร", "ชุมชน", "เยาวชน", "สันติภาพ", "การเยียวยา", "ชายหาด", "ทะเล", "โรงเรียน",
         "เด็กกำพร้า", "ผู้หญิง", "อบรม", "ค่าย", "กิจกรรม", "ช่วยเหลือ", "เครือข่าย"]
FOCUS = ["peace", "healing", "children-youth", "women", "education", "marine", "rescue", "community"]
PRECISIONS = ["district"] * 6 + ["subdistrict"] * 3 + ["province"]

# folium's CDN files → (npm package, file inside it).
NPM = {
    "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js": ("leaflet@1.9.3", "dist/leaflet.js"),
    "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css": ("leaflet@1.9.3", "dist/leaflet.css"),
    "https://code.jquery.com/jquery-3.7.1.min.js": ("jquery@3.7.1", "dist/jquery.min.js"),
    "https://cdn.jsdelivr.net/npm/bootstrap@5.2.2/dist/js/bootstrap.bundle.min.js":
        ("bootstrap@5.2.2", "dist/js/bootstrap.bundle.min.js"),
    "https://cdn.jsdelivr.net/npm/bootstrap@5.2.2/dist/css/bootstrap.min.css":
        ("bootstrap@5.2.2", "dist/css/bootstrap.min.css"),
    "https://cdn.jsdelivr.net/npm/@fortawesome/fontawesome-free@6.2.0/css/all.min.css":
        ("@fortawesome/fontawesome-free@6.2.0", "css/all.min.css"),
    "https://cdnjs.cloudflare.com/ajax/libs/Leaflet.awesome-markers/2.0.2/leaflet.awesome-markers.js":
        ("drmonty-leaflet-awesome-markers@2.0.2", "js/leaflet.awesome-markers.js"),
    "https://cdnjs.cloudflare.com/ajax/libs/Leaflet.awesome-markers/2.0.2/leaflet.awesome-markers.css":
        ("drmonty-leaflet-awesome-markers@2.0.2", "css/leaflet.awesome-markers.css"),
    "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/leaflet.markercluster.js":
        ("leaflet.markercluster@1.1.0", "dist/leaflet.markercluster.js"),
    "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/MarkerCluster.css":
        ("leaflet.markercluster@1.1.0", "dist/MarkerCluster.css"),
    "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/MarkerCluster.Default.css":
        ("leaflet.markercluster@1.1.0", "dist/MarkerCluster.Default.css"),
}
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082")


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 6, mtime=0))


def generate(n: int, seed: int = 7) -> list[Org]:
    rng = random.Random(seed)
    orgs = []
    for i in range(n):
        area, lat, lon = rng.choice(PROVINCES)
        summary = "".join(rng.choice(WORDS) for _ in range(12))
        orgs.append(Org(
            id=f"group-{i:05d}", name=LText(f"กลุ่ม{rng.choice(WORDS)}{rng.choice(WORDS)} {i}"), province=area,
            district=None, location=coarsen(lat + rng.uniform(-0.25, 0.25), lon + rng.uniform(-0.25, 0.25),
                                            rng.choice(PRECISIONS)),
            focus=tuple(sorted(set(rng.sample(FOCUS, 2)))), summary=LText(summary),
            updated=dt.date(2026, 1, 1), source=f"orgs/group-{i:05d}.yml"))
    return orgs


# --- the three pages ---------------------------------------------------------------------

def write_guidemap(root: Path, orgs: list[Org]) -> dict[str, int]:
    """The /map/ page as the site publishes it, standalone; returns compressed bytes by part."""
    page = map_view.map_page(Dataset(orgs, []), SiteInfo("Bench", None, None))
    target = root / urls.MAP / "index.html"
    target.parent.mkdir(parents=True)
    target.write_text(f'<!doctype html><html lang="th"><head><meta charset="utf-8">'
                      f'<meta name="viewport" content="width=device-width,initial-scale=1">'
                      f"<title>map</title>{page.head}</head><body>{page.html}</body></html>",
                      encoding="utf-8")
    (root / "data").mkdir()
    geojson = map_geodata.orgs_geojson(orgs).encode()
    (root / urls.GEOJSON).write_bytes(geojson)
    markers = map_geodata.markers_json(orgs, DEFAULT_FOCUS).encode()
    (root / map_settings.MARKERS).write_bytes(markers)
    sizes = {"markup": gz((page.head + page.html).encode()), "markers": gz(markers), "geojson": gz(geojson)}
    for site_path, source in map_settings.asset_copies().items():
        (root / site_path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, root / site_path)
        if source.suffix in (".js", ".css") and site_path.split("/")[-1] in (page.head + page.html):
            kind = "ours" if "guidemap-" in site_path else "vendor"
            sizes[kind] = sizes.get(kind, 0) + gz(source.read_bytes())
    return sizes


def fetch_cdn_files(cache: Path) -> dict[str, Path]:
    """folium's CDN files from npm packages (``npm pack``, once); URL → local file."""
    cache.mkdir(parents=True, exist_ok=True)
    found: dict[str, Path] = {}
    for url, (package, inner) in NPM.items():
        name = package.lstrip("@").replace("/", "-").rsplit("@", 1)[0]
        folder = cache / name
        if not folder.is_dir():
            if shutil.which("npm") is None:
                continue
            with tempfile.TemporaryDirectory() as tmp:
                subprocess.run(["npm", "pack", "--silent", package], cwd=tmp, check=False,
                               capture_output=True, timeout=300)
                for tgz in Path(tmp).glob("*.tgz"):
                    with tarfile.open(tgz) as tar:
                        tar.extractall(folder, filter="data")
        path = folder / "package" / inner
        if path.is_file():
            found[url] = path
    return found


def write_folium(root: Path, name: str, orgs: list[Org], fast: bool, cdn: dict[str, Path]) -> dict[str, int]:
    m = folium.Map(location=list(map_settings.CENTER), zoom_start=8)
    if fast:
        FastMarkerCluster([[o.location.lat, o.location.lon] for o in orgs]).add_to(m)
    else:
        cluster = MarkerCluster().add_to(m)
        for o in orgs:
            text = (f"<b>{html.escape(o.name.best)}</b><br>{html.escape(o.summary.best)}<br>"
                    f'<a href="../orgs/{o.id}/">ดูหน้ากลุ่ม</a>')
            folium.Marker([o.location.lat, o.location.lon], popup=folium.Popup(text, max_width=260),
                          tooltip=html.escape(o.name.best)).add_to(cluster)
    page = m.get_root().render()
    sizes = {"missing": 0}
    for url in sorted(set(re.findall(r'(?:src|href)="(https://[^"]+\.(?:js|css))"', page))):
        if url in cdn:
            local = f"/vendor/{re.sub(r'[^A-Za-z0-9.]+', '_', url.split('://', 1)[1])}"
            (root / local.lstrip("/")).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(cdn[url], root / local.lstrip("/"))
            page = page.replace(f'"{url}"', f'"{local}"')
            sizes["assets"] = sizes.get("assets", 0) + gz(cdn[url].read_bytes())
        else:
            page = page.replace(f'"{url}"', '"/missing.css"')
            sizes["missing"] += 1
    (root / name).mkdir(parents=True, exist_ok=True)
    (root / name / "index.html").write_text(page, encoding="utf-8")
    sizes["page"] = gz(page.encode())
    return sizes


# --- timing -------------------------------------------------------------------------------

class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(folder: Path) -> str:
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/"


def time_to_markers(browser: object, url: str, repeat: int) -> list[float]:
    runs = []
    for _ in range(repeat):
        context = browser.new_context(viewport={"width": 1280, "height": 800})  # type: ignore[attr-defined]
        outside: list[str] = []
        context.on("request", lambda r, out=outside: out.append(r.url)
                   if "127.0.0.1" not in r.url and "tile.openstreetmap.org" not in r.url else None)
        context.route("**/tile.openstreetmap.org/**",
                      lambda route: route.fulfill(body=PNG, content_type="image/png"))
        page = context.new_page()
        page.goto(url, wait_until="commit")
        page.wait_for_function("document.querySelector('.leaflet-marker-icon') !== null", polling="raf",
                               timeout=120_000)
        runs.append(page.evaluate("performance.now()") / 1000)
        context.close()
        if outside:
            raise SystemExit(f"requests left the local server: {outside[:3]}")
    return runs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--groups", type=int, default=20, help="groups for the size figures")
    ap.add_argument("--many", type=int, default=10000, help="groups for the timing")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "guidemap-bench",
                    help="where folium's CDN files are unpacked from npm")
    ap.add_argument("--no-timing", action="store_true")
    args = ap.parse_args()
    cdn = fetch_cdn_files(args.cache)
    print(f"folium CDN files available locally: {len(cdn)} of {len(NPM)} known "
          "(not on npm: bootstrap-glyphicons.css 3.0.0, leaflet.awesome.rotate.min.css)")
    with tempfile.TemporaryDirectory() as tmp:
        small = generate(args.groups)
        ours = write_guidemap(Path(tmp, "small"), small)
        mc = write_folium(Path(tmp, "small"), "folium-mc", small, False, cdn)
        ours_total, mc_total = sum(ours.values()), mc["page"] + mc.get("assets", 0)
        print(f"\n1. bytes added by the map, {args.groups} groups, gzip -6:")
        parts = ", ".join(f"{k} {v / 1000:.1f}" for k, v in ours.items())
        print(f"   guidemap            {ours_total / 1000:7.1f} KB  ({parts})")
        print(f"   folium MarkerCluster {mc_total / 1000:6.1f} KB  (page {mc['page'] / 1000:.1f}, assets "
              f"{mc.get('assets', 0) / 1000:.1f}; {mc['missing']} CDN file(s) not measured)")
        print(f"   ratio guidemap / folium MarkerCluster: {ours_total / mc_total:.2f}  (goal <= 0.40)")
        many = generate(args.many)
        geojson = map_geodata.orgs_geojson(many).encode()
        markers = map_geodata.markers_json(many, DEFAULT_FOCUS).encode()
        print(f"\n2. marker data per group, {args.many} generated groups (goal < 200): marker file "
              f"{gz(markers) / len(many):.0f} bytes compressed ({len(markers) / len(many):.0f} raw); "
              f"GeoJSON {gz(geojson) / len(many):.0f} ({len(geojson) / len(many):.0f} raw)")
        real = load_repository(Path(__file__).resolve().parents[1]).dataset.orgs
        real_geojson = map_geodata.orgs_geojson(real).encode()
        print(f"   this repository's {len(real)} profiles: {gz(real_geojson) / len(real):.0f} bytes "
              "compressed "
              f"({len(real_geojson) / len(real):.0f} raw); generated text repeats more, so compresses better")
        if args.no_timing:
            return 0
        root = Path(tmp, "many")
        write_guidemap(root, many)
        write_folium(root, "folium-fast", many, True, cdn)
        write_folium(root, "folium-mc", many, False, cdn)
        base = serve(root)
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                        args=["--no-sandbox", "--disable-gpu"])
            times: dict[str, list[float]] = {"guidemap": [], "folium FastMarkerCluster": [],
                                             "folium MarkerCluster": []}
            paths = {"guidemap": urls.MAP, "folium FastMarkerCluster": "folium-fast/",
                     "folium MarkerCluster": "folium-mc/"}
            for _ in range(args.repeat):  # interleaved, so drift affects all alike
                for key, path in paths.items():
                    times[key] += time_to_markers(browser, base + path, 1)
            browser.close()
        med = {k: statistics.median(v) for k, v in times.items()}
        print(f"\n3. time to markers, {args.many} groups, headless Chromium, median of {args.repeat}:")
        for key, value in med.items():
            print(f"   {key:25s} {value:5.2f} s  (runs: {', '.join(f'{t:.2f}' for t in times[key])})")
        fast, slow = med["folium FastMarkerCluster"], med["folium MarkerCluster"]
        print(f"   ratio guidemap / FastMarkerCluster: {med['guidemap'] / fast:.2f}  (goal <= 0.70); "
              f"/ MarkerCluster: {med['guidemap'] / slow:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
