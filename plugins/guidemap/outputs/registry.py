"""Everything the site publishes, in one list: the pages the core makes, data files, feeds,
copied assets, and what becomes of the contributors' own files in the docs folder (which are
withheld, which pages the core completes).

The plugin adapter only turns this into MkDocs files; no other module decides what is written.
Each feature (pages, open data, map, feeds, search) adds its outputs here.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from guidemap.contract import files, pictures
from guidemap.contract.model.types import Dataset
from guidemap.contract.schema import schema_json
from guidemap.outputs.editions.build import edition_files, edition_outputs
from guidemap.outputs.feeds import alerts as alert_feeds
from guidemap.outputs.feeds import calendars
from guidemap.outputs.feeds import calls as call_feeds
from guidemap.outputs.feeds import campaigns as campaign_feed
from guidemap.outputs.feeds import stories as feeds
from guidemap.outputs.html import head, icons, share
from guidemap.outputs.html.minify import lean, lean_file
from guidemap.outputs.map import geodata as map_geodata
from guidemap.outputs.map import settings as map_settings
from guidemap.outputs.map import view as map_view
from guidemap.outputs.offline import lists as offline_lists
from guidemap.outputs.offline import worker as offline_worker
from guidemap.outputs.opendata import dated as dated_opendata
from guidemap.outputs.opendata import orgs as opendata
from guidemap.outputs.opendata import schemas as export_schemas
from guidemap.outputs.pages import calls as calls_pages
from guidemap.outputs.pages import (
    crawlers,
    feed_pages,
    footer,
    guide,
    home,
    listings,
    offline,
    open_data,
    stories,
    subscribe,
)
from guidemap.outputs.pages import events as events_pages
from guidemap.outputs.pages.alerts import Alert, alert_catalogue
from guidemap.outputs.pages.feed_links import NO_FEEDS, Feed, FeedCatalogue, catalogue
from guidemap.outputs.pages.group import org_page
from guidemap.outputs.pictures.cards import Card
from guidemap.outputs.pictures.cards import draw as draw_card
from guidemap.outputs.pictures.renditions import encode
from guidemap.outputs.search import index as search
from guidemap.outputs.site import selection, urls
from guidemap.outputs.site.selection import campaigns_by_group, dated_by_org, sort_orgs, stories_by_org
from guidemap.outputs.site.types import ContributedPage, GeneratedPage, SiteInfo

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
    # Files of the docs folder that are not published as they are: pictures ``files``
    # replaces (re-encoded without their metadata) and stories kept back (drafts, future dates).
    withheld: set[str] = field(default_factory=set)
    # Pages of the docs folder (by path in it) whose rendered HTML the core completes.
    contributed: dict[str, ContributedPage] = field(default_factory=dict)
    # Feeds whose files are left to the site builder (``site_outputs(..., feeds_later=True)``):
    # it writes them with feeds.feed_files once the stories' pages are rendered, so a story is
    # rendered once.
    later_feeds: tuple[Feed, ...] = ()
    # Writes them, given each story's body as its page rendered it (slug → HTML); made from
    # the same dataset as every other output (open campaigns only, pictures' sizes known).
    write_later_feeds: Callable[[Mapping[str, str]], dict[str, bytes]] | None = None
    # Files made from the written site, once every other file is there (the service worker,
    # named by a hash of them all, and the provinces' lists to save for offline): site folder
    # → site path → bytes, for the site builder to write last.
    last_files: Callable[[Path], dict[str, bytes]] | None = None
    # Files no page needs (open data, map data, the editions' e-mails, calendars...), left to the
    # site builder with ``site_outputs(..., files_later=True)``: their site paths, known at once
    # (MkDocs must know every file a page may link to), and what makes them all, from the same
    # dataset, for the builder to run beside the pages (the worker process).
    later_paths: tuple[str, ...] = ()
    later_files: Callable[[], dict[str, str | bytes]] | None = None
    # The share cards with a page's title drawn (html/head.page_cards): drawn here into
    # ``files``, or, with ``cards_later``, left to the adapter to draw beside the build.
    cards: tuple[Card, ...] = ()


def global_assets(offline_reading: bool = False) -> SiteOutputs:
    """Assets known before the data is read (the adapter registers them in on_config);
    ``offline_reading``: the script that registers the service worker, on every page."""
    out = SiteOutputs()
    for name in ("guidemap.css", "guidemap.js", "guidemap-dated.js", "guidemap-noscript.css",
                 "guidemap-edition.js", "guidemap-edition.css"):
        out.files[f"assets/guidemap/{name}"] = lean_file(PACKAGE / "assets" / name)
    # guidemap-dated.js (the filters of "Volunteer now") is loaded by that page alone, the
    # edition files by the newsletter's editions.
    out.css.append("assets/guidemap/guidemap.css")
    out.js.append("assets/guidemap/guidemap.js")
    if offline_reading:
        out.files[urls.OFFLINE_SCRIPT] = lean_file(PACKAGE / "assets" / "guidemap-offline.js")
        out.js.append(urls.OFFLINE_SCRIPT)
    return out


def picture_files(data: Dataset, site: SiteInfo, orgs_dir: Path | None, docs_dir: Path | None,
                  out: SiteOutputs) -> Dataset:
    """Every picture is published only re-encoded, without metadata
    (guidemap.outputs.pictures.renditions): a story's ``image:`` in several widths, every other
    picture of the docs folder (inline in Markdown, beside a story) at its own path, logos. The
    originals are withheld; so are pictures only unpublished stories show (drafts, future
    dates: hiding a story hides its photos). The stories get their picture's published size."""
    stories = []
    for story in data.stories:
        target = urls.story_image(story)
        if target and story.image_info and docs_dir is not None and site.is_published(story):
            made = encode(docs_dir / target, target, story.image_info)
            out.files.update(made)
            story = replace(story, image_bytes=len(made[target]))
        stories.append(story)
    if docs_dir is not None:
        _other_pictures(data, site, docs_dir, out)
    for org in data.orgs:
        if org.logo and orgs_dir is not None and org.logo_info:
            out.files.update(encode(orgs_dir / org.logo, urls.org_logo(org), org.logo_info,
                                    pictures.LOGO_WIDTHS))
    return replace(data, stories=stories)


def _other_pictures(data: Dataset, site: SiteInfo, docs_dir: Path, out: SiteOutputs) -> None:
    shown: set[str] = set()
    hidden: set[str] = set()
    for story in data.stories:
        found = files.story_pictures(story.source, story.body, story.image)
        (shown if site.is_published(story) else hidden).update(found)
    for rel in files.content_pictures(docs_dir):
        out.withheld.add(rel)  # never the original
        if rel in out.files or (rel in hidden and rel not in shown):
            continue
        try:
            info = pictures.read_info(docs_dir / rel)
        except pictures.ImageProblem:
            continue  # the validator refuses it; a build without it publishes nothing of it
        out.files.update(encode(docs_dir / rel, rel, info, pictures.WIDTHS[-1:]))


def generated_pages(data: Dataset, site: SiteInfo, feed_list: FeedCatalogue,
                    maps: map_view.MapRenders | None = None,
                    editions: list[tuple[str, str]] | None = None) -> list[GeneratedPage]:
    """Every page the core makes, in the order the site lists them; ``maps``: the folium
    renders made beside the build (the others are made here); ``editions``: the newsletter's
    latest editions (page, title), which the stories' archive links to."""
    maps = maps or map_view.MapRenders()
    orgs = {o.id: o for o in data.orgs}
    mentions = stories_by_org(site.published(data.stories))
    calls, events = dated_by_org(data, site.today)
    funds = campaigns_by_group(data.orgs)
    pages = [org_page(o, site, mentions.get(o.id, []), orgs, feed_list, calls.get(o.id), events.get(o.id),
                      funds.get(o.id), maps)
             for o in sort_orgs(data.orgs)]
    pages.extend(listings.directory_pages(data, site))
    pages.extend(listings.province_pages(data, site, feed_list))
    pages.extend(listings.focus_pages(data, site, feed_list))
    pages.append(listings.help_page(data, site))
    pages.extend(stories.stories_pages(data, site, editions or []))
    pages.append(calls_pages.volunteer_page(data, site, feed_list.alerts))
    pages.append(events_pages.events_page(data, site))
    pages.extend(events_pages.event_pages(data, site))
    if site.has_feeds:
        pages.append(subscribe.subscribe_page(feed_list, site, calendars.calendar_index(data, site)))
        pages.extend(feed_pages_for(data, site, feed_list, editions or []))
    pages.append(map_view.map_page(data, site, maps))
    pages.append(open_data.open_data_page(site))
    pages.extend(guide.guide_pages(data, site))
    if site.offline:
        pages.append(offline.offline_page(site))
    return pages


def feed_pages_for(data: Dataset, site: SiteInfo, feed_list: FeedCatalogue,
                   editions: list[tuple[str, str]]) -> list[GeneratedPage]:
    """Each feed's page for people (the site's buttons lead there, never to the XML)."""
    # (a group's feed is followed from the group's page: feed_links)
    pages = [feed_pages.story_feed_page(site, f) for f in feed_list.feeds if f.kind != "org"]
    pages.append(feed_pages.editions_feed_page(site, editions))
    pages.append(feed_pages.calls_feed_page(site, f"{calls_pages.FEED_TITLE} {site.name}",
                                            selection.open_calls(data.calls, site.today)))
    pages.extend(feed_pages.alert_feed_page(site, a) for a in feed_list.alerts)
    return pages


def contributed_pages(data: Dataset, site: SiteInfo, out: SiteOutputs) -> None:
    """The stories (the published ones; the others are withheld) and the home page's blocks."""
    out.contributed.update(stories.story_pages(data, site))
    out.withheld.update(stories.withheld_stories(data, site))
    out.contributed[urls.src_uri(urls.HOME)] = home.home_page(data, site)
    out.contributed[urls.src_uri(footer.ABOUT)] = ContributedPage(finish=partial(footer.about_contact, site))


def data_files(data: Dataset, site: SiteInfo, with_calls: frozenset[str] = frozenset(),
               cache: Path | None = None) -> dict[str, str | bytes]:
    """Open data, the guide map's data and its own script and style, the search worker, the
    share image and the icons (:func:`data_paths` lists them); the pictures from ``cache`` (a
    folder kept between builds) when an earlier build drew them."""
    out: dict[str, str | bytes] = {}
    out[urls.DATA_JSON] = opendata.orgs_json(data.orgs)
    out[urls.DATA_CSV] = opendata.orgs_csv_file(data.orgs)
    # The filters' data.
    out[urls.DIRECTORY_JSON] = opendata.directory_json(sort_orgs(data.orgs), site.network.focus)
    # Made from the site's own vocabularies (for this repository's, the same bytes as the file).
    out[urls.SCHEMA] = schema_json("org", site.network)
    out.update(export_schemas.schema_files(site.network, site.url))  # what each export holds
    out[urls.ROBOTS] = crawlers.robots_txt(site)
    out[urls.GEOJSON] = map_geodata.orgs_geojson(data.orgs)
    out[map_settings.MARKERS] = map_geodata.markers_json(data.orgs, site.network.focus, with_calls)
    out.update(map_settings.asset_files())
    out[search.WORKER_PATH] = lean(search.worker_script(), line_comments=True)
    out[share.DEFAULT_IMAGE] = share.default_image(cache)  # share cards without a picture
    out.update(icons.files(site, cache))  # favicon, touch icon, the web manifest and its icons
    return out


def data_paths() -> list[str]:
    """Site paths of what :func:`data_files` makes."""
    return [urls.DATA_JSON, urls.DATA_CSV, urls.DIRECTORY_JSON, urls.SCHEMA,
            *(urls.export_schema(name) for name in export_schemas.EXPORTS), urls.ROBOTS, urls.GEOJSON,
            map_settings.MARKERS, *map_settings.asset_paths(), search.WORKER_PATH, share.DEFAULT_IMAGE,
            *icons.ICONS, icons.MANIFEST]


def standalone_files(data: Dataset, site: SiteInfo, alerts: tuple[Alert, ...],
                     cache: Path | None = None) -> dict[str, str | bytes]:
    """Every file made from the dataset (``data``: as the pages show it) that no page needs to
    be rendered: data files, the calls' and alerts' feeds, calendars, the calls' and events'
    open data (:func:`standalone_paths` lists them)."""
    out = data_files(data, site, frozenset(dated_by_org(data, site.today)[0]), cache)
    if site.has_feeds:
        out.update(call_feeds.call_feed_files(data, site))
        out.update(alert_feeds.alert_feed_files(data, site, alerts))
    out.update(calendars.calendar_files(data, site))  # calls and events, as .ics
    out[urls.DATA_CALLS] = dated_opendata.calls_json(data.calls, site.today)
    out[urls.DATA_EVENTS] = dated_opendata.events_json(data.events, site.today)
    return out


def standalone_paths(data: Dataset, site: SiteInfo, alerts: tuple[Alert, ...]) -> list[str]:
    """Site paths of what :func:`standalone_files` makes, known without making it."""
    paths = data_paths()
    if site.has_feeds:
        paths += [urls.CALLS_RSS, urls.atom_of(urls.CALLS_RSS)]
        paths += [path for alert in alerts for path in (alert.rss, alert.atom)]
    return [*paths, *calendars.calendar_paths(data, site), urls.DATA_CALLS, urls.DATA_EVENTS]


def later_files(whole: Dataset, data: Dataset, site: SiteInfo, alerts: tuple[Alert, ...],
                expected: Collection[str], cache: Path | None = None) -> dict[str, str | bytes]:
    """The files ``site_outputs(..., files_later=True)`` leaves to the site builder: the
    editions' files (from the ``whole`` dataset) and :func:`standalone_files`; they must be
    the ``expected`` ones, the paths MkDocs was told of."""
    out = edition_files(whole, site)
    out.update(standalone_files(data, site, alerts, cache))
    if out.keys() != set(expected):  # a file made but never announced, or announced but never made
        raise RuntimeError("guidemap: the files made later differ from those announced: "
                           f"{sorted(out.keys() ^ set(expected))}")
    return out


def site_outputs(data: Dataset, site: SiteInfo, orgs_dir: Path | None = None,
                 docs_dir: Path | None = None, feeds_later: bool = False,
                 maps: map_view.MapRenders | None = None, cards_later: bool = False,
                 files_later: bool = False, cache: Path | None = None) -> SiteOutputs:
    """Everything one build publishes, for the network on ``site``; ``cache``: a folder kept
    between builds, where drawn pictures that depend on nothing but the code (the icons, the
    default share picture) are kept."""
    out = global_assets(site.offline)
    # Editions from the whole dataset: an old edition shows the campaigns running then.
    whole = data
    editions = edition_outputs(whole, site, files=not files_later)
    out.pages.extend(editions.pages)
    out.files.update(editions.files)
    data = selection.open_only(data, site.today)  # ended campaigns: on no page, export or feed
    data = picture_files(data, site, orgs_dir, docs_dir, out)
    # The feeds are known before any page is made: each page adds the links to its own.
    # Feeds need absolute links (the plugin requires site_url with stories).
    feed_list = (FeedCatalogue(tuple(catalogue(data, site)), alert_catalogue(data, site), site.url)
                 if site.has_feeds else NO_FEEDS)
    out.pages.extend(generated_pages(data, site, feed_list, maps, editions.latest))
    if site.has_feeds:
        announced = campaign_feed.announcements(data, site)
        if feeds_later:  # written by the site builder once the stories' pages are rendered
            out.later_feeds = tuple(feed_list.feeds)
            out.write_later_feeds = partial(feeds.feed_files, data, site, out.later_feeds, announced)
        else:
            out.files.update(feeds.feed_files(data, site, feed_list.feeds, announced))
    contributed_pages(data, site, out)
    out.copies.update(map_settings.asset_copies())  # Leaflet, from the installed xstatic packages
    if files_later:  # made by the site builder beside the pages
        out.later_paths = (*editions.later_paths, *standalone_paths(data, site, feed_list.alerts))
        out.later_files = partial(later_files, whole, data, site, feed_list.alerts, out.later_paths,
                                  cache=cache)
    else:
        out.files.update(standalone_files(data, site, feed_list.alerts, cache))
    if site.offline:  # made last, from the written site
        out.last_files = offline_worker.OfflineFiles(tuple(offline_lists.province_lists(data, site)))
    else:  # a worker kept from an earlier build of the site retires on the next visit
        out.files[urls.SERVICE_WORKER] = lean_file(PACKAGE / "assets" / "guidemap-sw-off.js")
    out.cards = tuple(head.page_cards(data, site))
    if not cards_later:
        out.files.update((card.path, draw_card(card)) for card in out.cards)
    return out
