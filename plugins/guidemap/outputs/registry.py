"""Everything the site publishes besides the contributors' own Markdown pages, in one list.

The plugin adapter turns this into MkDocs files; no other module decides what is written.
Each feature (pages, open data, map, feeds, search) adds its outputs here.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from guidemap.contract import pictures
from guidemap.contract.model import Dataset
from guidemap.contract.schema import SCHEMA_PATH
from guidemap.outputs import feeds, opendata, search, urls
from guidemap.outputs.map import geodata as map_geodata
from guidemap.outputs.map import settings as map_settings
from guidemap.outputs.map import view as map_view
from guidemap.outputs.pages import all_pages
from guidemap.outputs.pictures import encode
from guidemap.outputs.site import GeneratedPage, SiteInfo

PACKAGE = Path(__file__).parent


@dataclass
class SiteOutputs:
    pages: list[GeneratedPage] = field(default_factory=list)
    # Site path → text or bytes made by the build (data files, feeds).
    files: dict[str, str | bytes] = field(default_factory=dict)
    # Site path → file on disk, copied as is (our assets, assets of installed packages).
    copies: dict[str, Path] = field(default_factory=dict)
    # Stylesheets and scripts every page loads (site paths).
    css: list[str] = field(default_factory=list)
    js: list[str] = field(default_factory=list)
    # Site paths of files in the docs folder that ``files`` replaces (pictures re-encoded
    # without their metadata): the adapter drops the docs folder's copy.
    replaces: set[str] = field(default_factory=set)


def global_assets() -> SiteOutputs:
    """Assets known before the data is read (the adapter registers them in on_config)."""
    out = SiteOutputs()
    for name in ("guidemap.css", "guidemap.js"):
        out.copies[f"assets/guidemap/{name}"] = PACKAGE / "assets" / name
    out.css.append("assets/guidemap/guidemap.css")
    out.js.append("assets/guidemap/guidemap.js")
    return out


def picture_files(data: Dataset, orgs_dir: Path | None, docs_dir: Path | None,
                  out: SiteOutputs) -> Dataset:
    """Resized copies of story pictures and logos, without metadata (guidemap.outputs.pictures); the stories
    get the published size of their picture (feed enclosures)."""
    stories = []
    for story in data.stories:
        target = urls.story_image(story)
        if target and story.image_info and docs_dir is not None:
            files = encode(docs_dir / target, target, story.image_info)
            out.files.update(files)
            out.replaces.add(target)
            story = replace(story, image_bytes=len(files[target]))
        stories.append(story)
    for org in data.orgs:
        if org.logo and orgs_dir is not None:
            target = urls.org_logo(org)
            if org.logo_info:
                out.files.update(encode(orgs_dir / org.logo, target, org.logo_info,
                                               pictures.LOGO_WIDTHS))
            else:  # SVG: vector, published as it is
                out.copies[target] = orgs_dir / org.logo
    return Dataset(data.orgs, stories)


def site_outputs(data: Dataset, site: SiteInfo, orgs_dir: Path | None = None,
                 docs_dir: Path | None = None) -> SiteOutputs:
    out = global_assets()
    data = picture_files(data, orgs_dir, docs_dir, out)
    out.pages.extend(all_pages(data, site))
    if site.has_feeds:  # feeds need absolute links (the plugin requires site_url with stories)
        catalogue = feeds.catalogue(data, site)
        out.files.update(feeds.feed_files(data, site, catalogue))
        out.pages = feeds.with_feed_links(out.pages, catalogue, data.orgs)
        out.pages.append(feeds.subscribe_page(catalogue, site))
    out.files[urls.DATA_JSON] = opendata.orgs_json(data.orgs)
    out.files[urls.DATA_CSV] = opendata.orgs_csv(data.orgs)
    out.copies[urls.SCHEMA] = SCHEMA_PATH
    # The guide map: its page, its data, and Leaflet from the installed xstatic packages.
    out.pages.append(map_view.map_page(data, site))
    out.files[urls.GEOJSON] = map_geodata.orgs_geojson(data.orgs)
    out.files[map_settings.MARKERS] = map_geodata.markers_json(data.orgs)
    out.copies.update(map_settings.asset_copies())
    out.files[search.WORKER_PATH] = search.worker_script()
    return out
