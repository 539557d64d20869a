"""The MkDocs (and ProperDocs) adapter: wires build events to the core, nothing more.

MkDocs 1.x is unmaintained and 2.0 drops plugins; ProperDocs (the maintained fork) runs the
same plugin through its ``mkdocs.plugins`` compatibility, so everything of substance lives in
the MkDocs-free core: what is published is :func:`guidemap.outputs.registry.site_outputs`, and
each hook here only translates between MkDocs and it.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import html
import os
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

try:
    from mkdocs.config import base
    from mkdocs.config import config_options as c
    from mkdocs.exceptions import PluginError
    from mkdocs.plugins import BasePlugin, get_plugin_logger
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page
    from mkdocs.structure.toc import get_toc
except ImportError:  # pragma: no cover - ProperDocs without the mkdocs package
    # Same API under another name; mypy checks the mkdocs branch (both may be installed).
    from properdocs.config import base  # type: ignore[no-redef,assignment,unused-ignore]
    from properdocs.config import config_options as c  # type: ignore[no-redef,unused-ignore]
    from properdocs.exceptions import PluginError  # type: ignore[no-redef,assignment,unused-ignore]
    from properdocs.plugins import (  # type: ignore[no-redef,assignment,unused-ignore]
        BasePlugin,
        get_plugin_logger,
    )
    from properdocs.structure.files import (  # type: ignore[no-redef,assignment,unused-ignore]
        File,
        Files,
    )
    from properdocs.structure.pages import Page  # type: ignore[no-redef,assignment,unused-ignore]
    from properdocs.structure.toc import get_toc  # type: ignore[no-redef,assignment,unused-ignore]

import markdown

from guidemap.adapter.finishing import PAGES_PER_BATCH as PAGES_PER_FINISH
from guidemap.adapter.finishing import Batches
from guidemap.adapter.helper import (
    PAGES_PER_BATCH,
    Finished,
    Helper,
    Job,
    count_pages,
    finish_page,
    index_here,
    load_thai_words,
    qr_images,
    render_maps,
    write_cards,
    write_counted_index,
    write_feeds,
    write_later_files,
)
from guidemap.adapter.search_sections import mute_material_indexing, without_search_attributes
from guidemap.adapter.templates import Compiled, compile_theme, no_templates, theme_texts, use_compiled
from guidemap.contract import dates, network
from guidemap.contract import files as contributed
from guidemap.contract.load.repository import load_repository
from guidemap.contract.model.dated import CALLS_DIR, EVENTS_DIR
from guidemap.contract.model.types import Dataset
from guidemap.outputs.feeds import stories as feeds
from guidemap.outputs.html import csp, icons, thaiwrap
from guidemap.outputs.html.head import page_head
from guidemap.outputs.html.htmlkit import h, heading_id, join_parts
from guidemap.outputs.map import view as map_view
from guidemap.outputs.map.settings import TILES, MapRequest, Rendered
from guidemap.outputs.offline.survey import Survey, Wanted, survey_files, survey_site
from guidemap.outputs.offline.worker import OfflineFiles
from guidemap.outputs.pages import crawlers, footer, guide
from guidemap.outputs.pages.feed_links import Feed
from guidemap.outputs.registry import global_assets, site_outputs
from guidemap.outputs.search import index as search
from guidemap.outputs.site import urls
from guidemap.outputs.site.types import ContributedPage, GeneratedPage, SiteInfo
from guidemap.outputs.site.writing import write_files

log = get_plugin_logger(__name__)
PACKAGE = Path(__file__).parent


def _thai_heading_ids(config: Any) -> None:
    """Headings get ids that keep their Thai letters, unless the site chose a slugify: toc's
    own gives a Thai heading "_1", "_2"... (the contents and heading links of a Thai story)."""
    name = next((n for n in ("toc", "markdown.extensions.toc") if n in config.mdx_configs), "toc")
    options = config.mdx_configs.setdefault(name, {})
    options.setdefault("slugify", heading_id)


def _set_aside() -> None:
    """Leave what the build has made so far out of the garbage collector's full passes until
    the build ends (on_post_build, on_build_error). The dataset and the pages live to the end
    of the build, yet each full collection walked them all again: at 2,000 groups + 2,000
    stories one ran while MkDocs rendered its 404 page and sitemap (0.1 s of their 0.27 s),
    and the collector took 0.5-0.6 s of the build, 0.3-0.4 s with them set aside.
    Reference counting still frees whatever is dropped meanwhile."""
    gc.freeze()


class GuideMapConfig(base.Config):  # type: ignore[no-untyped-call]
    orgs_dir = c.Type(str, default="orgs")
    # The network's name, region, languages and vocabularies (guidemap.yml at the site's root).
    network = c.Optional(c.Type(str))
    edit_branch = c.Type(str, default="main")
    feed_items = c.Type(int, default=30)  # items per newsletter feed; the archive lists all
    # Thai word segmentation of the search index and of queries (see guidemap/search.py).
    thai_search = c.Type(bool, default=True)
    # A worker process for the work that can run beside MkDocs (see guidemap/adapter/helper.py).
    helper = c.Type(bool, default=True)
    # Pages of the docs folder outside stories/ that maintainers keep but leave out of the nav;
    # any other page there is refused (guidemap.contract.files).
    maintained_pages = c.Type(list, default=[])
    # Reading offline: the site's service worker, the offline page and "Save for offline" on
    # province pages (outputs/offline/; docs/accessibility.md). Never under `mkdocs serve`.
    offline = c.Type(bool, default=True)
    # The licence of the open data (an SPDX id such as CC-BY-4.0), stated on the data/ page.
    data_license = c.Optional(c.Type(str))


# Written pages go to the worker's survey this many at a time (the last ones are read at the end).
PAGES_PER_SURVEY = 200


def build_date() -> dt.date:
    """The build's "today": SOURCE_DATE_EPOCH when set, so a rebuild of old input is identical
    (the validator's date rules use the same day)."""
    return dates.build_date()


# An id attribute (after white space), found from its ``id="``: a pattern starting with
# ``\s`` is tried at every character of the page, one starting with a literal is not.
_ANCHOR_ID = re.compile(r'id="(?<=\sid=")([^"]+)"')
# MkDocs' own pattern for a page's YAML front matter (mkdocs.utils.meta.YAML_RE), and an empty one.
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
_NO_FRONT_MATTER = "---\n{}\n---\n"
CARDS_CACHE = ".cache/guidemap/cards"  # beside mkdocs.yml; drawn share cards, kept between builds
PICTURES_CACHE = ".cache/guidemap/pictures"  # the icons and the default share picture, likewise
CARDS_PER_JOB = 50  # share cards a job: what the worker has not begun by the end, the build draws
QR_PER_JOB = 250  # the guide's codes a job (a twentieth of a second): some wait behind the pages


def _drop_gone_headings(page: Page, html_text: str) -> None:
    """The page's contents without the headings its finished HTML no longer has (the home
    page leaves out a section with nothing to show), so no contents link points at nothing."""
    if page.toc is None or not page.toc.items:  # no contents: the page is not searched for ids
        return
    ids = {html.unescape(m) for m in _ANCHOR_ID.findall(html_text)}

    def kept(items: list[Any]) -> list[Any]:
        for item in items:
            item.children = kept(item.children)
        return [i for i in items if i.id in ids or i.children]

    page.toc.items = kept(page.toc.items)


class GeneratedHtmlPage(Page):
    """A page whose HTML the core has already made: only its contributed Markdown (if any)
    still needs converting, and that goes through one converter shared by every such page.

    MkDocs builds a new Markdown converter for each page; with the site's extensions that
    costs more than converting a profile's few paragraphs, and a network of 2,000 groups
    would pay it 2,000 times for pages whose markup is already made. Subclassing ``Page`` and
    setting ``file.page`` in ``on_files`` is how Material's blog plugin adds its own pages.
    """

    def __init__(self, gen: GeneratedPage, file: File, config: Any, converter: markdown.Markdown,
                 rendered: Callable[[str, str], Finished | None]) -> None:
        super().__init__(None, file, config)
        self._gen_html = gen.html
        self._converter = converter
        self._rendered = rendered

    def render(self, config: Any, files: Files) -> None:
        made = self._rendered(self.file.src_uri, self.markdown or "")
        if made is not None:  # converted by the worker, from this very Markdown
            self.content, tokens = made[0], made[1]
        else:
            converter = self._converter
            converter.reset()  # the documented way to reuse a converter for another document
            self.content = converter.convert(self.markdown or "")
            tokens = getattr(converter, "toc_tokens", [])
        self.toc = get_toc(tokens)

    @property
    def present_anchor_ids(self) -> set[str] | None:
        """Ids a link from another page may point at (``…/#contact``). MkDocs asks only when
        some page links to an anchor here, so the page's markup is searched only then."""
        if self.content is None:
            return None
        return {html.unescape(m) for m in _ANCHOR_ID.findall(self._gen_html + self.content)}

    @present_anchor_ids.setter
    def present_anchor_ids(self, value: set[str] | None) -> None:
        pass  # computed from the page itself (MkDocs' own render would set it)


def site_policy(theme_dirs: list[str], data: Dataset, net: network.Network,
                maps: map_view.MapRenders | None = None) -> str:
    """The Content-Security-Policy: inline scripts allowed by the hashes of what the project
    ships (the theme's templates, the search shim, the maps as our code writes them), never of
    a rendered page; images from the site and the map's tile host."""
    templates = csp.templates_in(theme_dirs)
    scripts = [s for text in templates.values() for s in csp.template_scripts(text)]
    scripts += csp.inline_scripts(search.SHIM)
    scripts += [s for tags in map_view.map_scripts(data, net, maps) for s in csp.inline_scripts(tags)]
    forms = [csp.origin(net.email_signup)] if net.email_signup else []  # the newsletter's sign-up
    return csp.policy(scripts, [csp.origin(TILES)], forms)


class GuideMapPlugin(BasePlugin[GuideMapConfig]):  # type: ignore[no-untyped-call]
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.data: Dataset | None = None
        self.site: SiteInfo | None = None
        self.pages: dict[str, GeneratedPage] = {}
        self.contributed: dict[str, ContributedPage] = {}
        # The generated pages' contributed Markdown (src_uri → joined text, token, parts).
        self.part_texts: dict[str, tuple[str, str, tuple[tuple[str, str], ...]]] = {}
        self.batches: Batches | None = None  # the generated pages finished (adapter/finishing.py)
        # The pages to index, in order, for the build to index them itself if the worker
        # fails: MkDocs' page (whose HTML MkDocs keeps to the end of the build), or the entry
        # made from the model. What goes to the worker waits in `batch` only until it is sent.
        self.to_index: list[Page | list[object]] = []
        self.batch: list[list[object]] = []
        self.sent_pages = 0
        self.helper: Helper | None = None
        self.maps_job: Job[dict[MapRequest, Rendered]] | None = None
        # The guide's codes, a job for each QR_PER_JOB addresses: (addresses, job).
        self.qr_jobs: list[tuple[list[str], Job[dict[str, str]]]] = []
        self.templates_job: Job[Compiled | None] | None = None  # the theme compiled (adapter/templates.py)
        self.index_job: Job[int] | None = None
        self.feeds_job: Job[int] | None = None
        self.cards_jobs: list[Job[int]] = []
        self.later_job: Job[int] | None = None
        # The files no page needs, written by later_job: their placeholders until on_env.
        self.later_placeholders: list[File] = []
        # Feeds are written once the stories' pages are rendered (a story is rendered once).
        self.later_feeds: tuple[Feed, ...] = ()
        self.feed_files: dict[str, File] = {}
        self.story_slugs: dict[str, str] = {}
        self.story_html: dict[str, str] = {}
        self.write_later_feeds: Callable[[Mapping[str, str]], dict[str, bytes]] | None = None
        self.qr_codes: dict[str, str] | None = None  # the worker's, once the guide is written
        self.footer = ""  # the network's footer on every page (outputs/pages/footer.py)
        self.serving = False  # `mkdocs serve`: its live-reload script is inline (see on_env)
        self.csp = ""  # the Content-Security-Policy of every page
        self.searching = False  # this plugin indexes the pages (asked on every page: kept)
        self.last_files: Callable[[Path], dict[str, bytes]] | None = None  # written after every other
        # The offline files read the written site: the worker surveys its files as they are
        # written (see _survey_written), and the last step reads only what changed since.
        self.surveys: list[Job[Survey]] = []
        self.page_files: frozenset[str] = frozenset()  # every page's file, written one by one
        self.wanted = Wanted()
        self.written: list[str] = []  # pages' files written, not yet surveyed
        self.building: str | None = None  # the page's file MkDocs builds now

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    # -- configuration ------------------------------------------------------------------
    def on_config(self, config: Any) -> Any:
        # Per-build state: the plugin object can outlive a `serve` rebuild.
        self.pages, self.contributed, self.data = {}, {}, None
        self.part_texts, self.batches = {}, None
        self.to_index, self.batch, self.sent_pages = [], [], 0
        self.maps_job = self.index_job = self.feeds_job = None
        self.qr_jobs = []
        self.templates_job = None
        self.cards_jobs, self.later_job, self.later_placeholders = [], None, []
        self.later_feeds, self.feed_files, self.story_slugs, self.story_html = (), {}, {}, {}
        self.write_later_feeds = None
        self.qr_codes = None
        self.csp = ""
        self.last_files = None
        self.surveys, self.page_files, self.wanted = [], frozenset(), Wanted()
        self.written, self.building = [], None
        if not config.use_directory_urls:
            raise PluginError("guidemap: keep use_directory_urls on; the public URLs /orgs/<id>/ "
                              "depend on it")
        root = Path(config.config_file_path).parent
        self._close_helper(abandon=True)  # a previous build's, had it not ended
        gc.unfreeze()  # what a previous build set aside (_set_aside), had it failed
        # Started first: its worker imports folium while the profiles load here.
        self.helper = Helper(enabled=bool(self.config.helper))
        self.searching = self._searching(config)
        if self.searching:
            mute_material_indexing(config.plugins)  # pages are indexed here (on_page_content)
        try:
            self._load(config, root)
        except BaseException:  # invalid input: no worker process is left behind
            self._close_helper(abandon=True)
            raise
        _set_aside()  # the dataset
        assert self.data is not None
        # Our templates (extra <head> tags) sit just above Material's own.
        theme_dir = str(PACKAGE / "theme")
        dirs = config.theme.dirs
        at = next((i for i, d in enumerate(dirs) if Path(d, "partials", "content.html").exists()), 0)
        if theme_dir not in dirs:
            dirs.insert(at, theme_dir)
        if self.helper is not None:  # the templates MkDocs renders, compiled beside the build
            self.templates_job = self.helper.submit(compile_theme, list(dirs),
                                                    ["main.html", *config.theme.static_templates,
                                                     # Material's, named by a variable
                                                     f"partials/languages/{config.theme.get('language')}.html"],
                                                    here=no_templates)
        if self.helper is not None and config.site_url:  # the guide's codes, needed last: made
            # while the build lists its pages (the worker is free then), or later (on_files)
            addresses = [a for o in self.data.orgs if (a := guide.page_address(config.site_url, o.id))]
            chunks = [addresses[i:i + QR_PER_JOB] for i in range(0, len(addresses), QR_PER_JOB)]
            self.qr_jobs = [(chunk, self.helper.submit(qr_images, chunk)) for chunk in chunks]
        if config.theme.get("favicon") in (None, "assets/images/favicon.png"):  # Material's own logo
            config.theme["favicon"] = icons.FAVICON  # the site's generated pin (outputs/html/icons.py)
        _thai_heading_ids(config)
        assets = global_assets(self._offline())
        for target, paths in ((config.extra_css, assets.css), (config.extra_javascript, assets.js)):
            for path in paths:
                if path not in [str(x) for x in target]:
                    target.append(path)
        log.info("%d groups, %d stories", len(self.data.orgs), len(self.data.stories))
        return config

    def on_serve(self, server: Any, config: Any, builder: Any) -> Any:
        """``mkdocs serve`` rebuilds when any input of the site changes, not only the docs
        folder and mkdocs.yml that MkDocs watches itself (pictures of stories live there)."""
        for path in self._inputs(Path(config.config_file_path).parent):
            if path.exists():  # watchdog cannot watch a path that is not there yet
                server.watch(str(path))
            else:
                log.debug("not watching %s: it does not exist (restart serve once it does)", path)
        return server

    def _inputs(self, root: Path) -> list[Path]:
        """What the build reads outside the docs folder: profiles and their logos, calls,
        events and the network file."""
        return [root / self.config.orgs_dir, root / CALLS_DIR, root / EVENTS_DIR,
                network.locate(root, self.config.network)]

    def _load(self, config: Any, root: Path) -> None:
        result = load_repository(root, self.config.orgs_dir, config.docs_dir, self.config.network,
                                 self._maintained(config))
        if result.problems:
            raise PluginError(
                f"guidemap: {len(result.problems)} problem(s) in profiles or stories; nothing is "
                f"published until they are fixed:\n{result.problems.report()}")
        self.data = result.dataset
        if self.helper is not None:  # the maps are needed first (on_files)
            self.maps_job = self.helper.submit(render_maps, map_view.map_requests(self.data, result.network))
            self.helper.send(load_thai_words)  # in the worker only: this process may never need it
        self.site = SiteInfo(
            name=config.site_name,
            url=config.site_url or None,
            repo_url=config.repo_url or None,
            edit_branch=self.config.edit_branch,
            today=build_date(),
            description=config.site_description or "",
            feed_items=self.config.feed_items,
            network=result.network,
            data_license=self.config.data_license or None,
            # The worker makes the guide's codes meanwhile; on_post_page puts them in.
            qr_later=True,
            offline=self._offline(),
        )
        if problem := feeds.config_problem(self.data, self.site):
            raise PluginError(problem)
        self.footer = thaiwrap.keep_words(footer.footer_html(self.data, self.site))

    def _maintained(self, config: Any) -> frozenset[str]:
        listed = contributed.nav_pages(config.nav) | contributed.nav_pages(self.config.maintained_pages)
        return frozenset(listed)

    # -- files --------------------------------------------------------------------------
    def _refuse_files(self, files: Files, config: Any) -> None:
        """Every file MkDocs collected from the docs folder, checked again by the contract's
        rule for files: the loader checked the folder, this checks what would be published."""
        docs = Path(config.docs_dir)
        pages = self._maintained(config)
        found = [problem for file in files
                 if not file.generated_by and file.abs_src_path
                 and Path(file.abs_src_path).is_relative_to(docs)
                 and (problem := contributed.published_file_problem(file.src_uri, Path(file.abs_src_path),
                                                                    pages))]
        if found:
            raise PluginError("guidemap: files that are never published:\n" + "\n".join(sorted(found)))

    def on_files(self, files: Files, config: Any) -> Files:
        assert self.data is not None and self.site is not None and self.helper is not None
        root = Path(config.config_file_path).parent
        self._refuse_files(files, config)
        maps = map_view.MapRenders(self.maps_job.result() if self.maps_job is not None else {})
        outputs = site_outputs(self.data, self.site, root / self.config.orgs_dir, Path(config.docs_dir),
                               feeds_later=True, maps=maps, cards_later=True, files_later=True,
                               cache=root / PICTURES_CACHE)
        self.part_texts = {p.src_uri: (*join_parts(p.parts), p.parts) for p in outputs.pages if p.parts}
        self.batches = Batches(self.helper, outputs.pages, self.part_texts, list(config.markdown_extensions),
                               dict(config.mdx_configs or {}))
        if len(outputs.contributed) < PAGES_PER_FINISH:  # MkDocs gets to these pages at once
            # The worker begins with them; the guide's codes it has not begun wait behind them.
            later = [(n, chunk) for n, (chunk, job) in enumerate(self.qr_jobs) if job.take_back()]
            self.batches.hand_all_over()
            for n, chunk in later:
                self.qr_jobs[n] = (chunk, self.helper.submit(qr_images, chunk))
        # The files no page needs, asked for first: the worker has time for them before the
        # pages to index come (it is idle at the end of a build); written before last_files.
        if outputs.later_files is not None:
            self.later_job = self.helper.submit(write_later_files, outputs.later_files, config.site_dir)
        # The share cards are drawn beside the build (the worker, or here), kept in a cache
        # folder beside mkdocs.yml between builds, as Material's social plugin keeps its cards.
        cache, cards = str(root / CARDS_CACHE), outputs.cards
        self.cards_jobs = [self.helper.submit(write_cards, cards[i:i + CARDS_PER_JOB], config.site_dir, cache)
                           for i in range(0, len(cards), CARDS_PER_JOB)] if self.helper else []
        for path in sorted(outputs.withheld):
            found = files.get_file_from_path(path)
            if found is not None:
                files.remove(found)
        converter = markdown.Markdown(extensions=config.markdown_extensions,
                                      extension_configs=config.mdx_configs or {})
        self.pages = {}
        for page in outputs.pages:
            if files.get_file_from_path(page.src_uri) is not None:
                raise PluginError(f"guidemap: {config.docs_dir}/{page.src_uri} collides with a "
                                  "generated page; remove or rename it")
            file = File.generated(config, page.src_uri, content="")
            files.append(file)
            GeneratedHtmlPage(page, file, config, converter, self._finished)  # sets file.page
            self.pages[page.src_uri] = page
        self.contributed = outputs.contributed
        for path, content in sorted(outputs.files.items()):
            files.append(File.generated(config, path, content=content))
        for path, source in sorted(outputs.copies.items()):
            files.append(File.generated(config, path, abs_src_path=str(source)))
        # Known to MkDocs at once (a page may link to data/orgs.csv), empty until the job writes them.
        self.later_placeholders = [File.generated(config, path, content=b"")
                                   for path in sorted(outputs.later_paths)]
        for file in self.later_placeholders:
            files.append(file)
        self.later_feeds, self.write_later_feeds = outputs.later_feeds, outputs.write_later_feeds
        self.last_files = outputs.last_files
        if isinstance(self.last_files, OfflineFiles):
            self.wanted = self.last_files.wanted()
        self.csp = site_policy(config.theme.dirs, self.data, self.site.network, maps)
        self.story_slugs = {s.source: s.slug for s in self.data.stories}
        self.feed_files = {}
        for path in feeds.feed_paths(self.later_feeds):  # their content: on_env
            self.feed_files[path] = File.generated(config, path, content=b"")
            files.append(self.feed_files[path])
        _set_aside()  # the pages, files and everything else the build keeps to its end
        return files

    # -- pages --------------------------------------------------------------------------
    def on_page_read_source(self, page: Any, config: Any) -> str | None:
        """A story's source with its front matter emptied. The loader has read and checked it,
        and on_page_markdown gives the page the model's meta instead, so MkDocs need not parse
        the YAML again (a tenth of a story page's time). An empty front matter, not none: without
        one, MkDocs would read a first line such as ``Note: ...`` as metadata."""
        doc = self.contributed.get(page.file.src_uri)
        if doc is None or doc.title is None:  # its own front matter is kept (home, about)
            return None
        source: str = page.file.content_string
        found = _FRONT_MATTER.match(source)
        return source if found is None else _NO_FRONT_MATTER + source[found.end():]

    def on_page_markdown(self, markdown: str, page: Any, config: Any, files: Files) -> str:
        assert self.site is not None
        src = page.file.src_uri
        if src in self.pages:
            gen = self.pages[src]
            page.meta = self._meta(gen.title, gen.description, gen.head)
            if not gen.searchable or (gen.indexed_from_model and self.searching):
                page.meta["search"] = {"exclude": True}  # indexed from the model instead
            page.edit_url = self.site.edit_url(gen.source) if gen.source else None
            if not gen.parts:
                return ""
            return self.part_texts[src][0]
        doc = self.contributed.get(src)
        if doc is not None and doc.title is not None:  # else it keeps its own front matter
            page.meta = self._meta(doc.title, doc.description, doc.head, doc.author)
        return markdown

    def _finished(self, src: str, markdown_text: str) -> Finished | None:
        return self.batches.get(src, markdown_text) if self.batches is not None else None

    @staticmethod
    def _meta(title: str, description: str, head: str, author: str | None = None) -> dict[str, Any]:
        # The theme prints page.meta unescaped (no Jinja autoescape): escape here, once.
        meta: dict[str, Any] = {"title": h(title), "description": h(description), "guidemap_head": head}
        if author:
            meta["author"] = h(author)
        return meta

    def on_page_content(self, html_text: str, page: Any, config: Any, files: Files) -> str:
        src = page.file.src_uri
        searching = self.searching
        if self.batches is not None:
            self.batches.feed()
        if src in self.pages:
            gen = self.pages[src]
            made = self._finished(src, page.markdown or "")
            if self.batches is not None:
                self.batches.rendered(src)
            if made is None or made[0] != html_text:  # another plugin changed it: finished here
                token = self.part_texts[src][1] if gen.parts else ""
                made = finish_page(gen.html, html_text, [], token, gen.parts)
            if gen.indexed_from_model and searching:
                entry = search.model_entry(page.url, gen, made[2])
                self._index(None, ["docs", [[entry["location"], entry["title"], entry["text"]]]])
            return made[3]
        if src in self.contributed:
            if src in self.story_slugs:
                self.story_html[self.story_slugs[src]] = html_text  # the feeds reuse it
            html_text = self.contributed[src].finish(html_text)
            _drop_gone_headings(page, html_text)
        if searching:
            html_text = without_search_attributes(html_text)
            if not (page.meta.get("search") or {}).get("exclude"):
                self._index(page, _index_message(page, html_text))
        # Thai words kept whole here, in the body, once (after indexing: the index reads the
        # same entries either way, tests/unit/test_thaiwrap.py), and not on each whole page.
        return thaiwrap.keep_words(html_text)

    def _index(self, page: Page | None, message: list[object]) -> None:
        """A page for the search index: to the worker, which counts it while pages render."""
        self.to_index.append(message if page is None else page)
        if self.helper is not None and self.helper.working:
            self.batch.append(message)
            if len(self.batch) >= PAGES_PER_BATCH:
                self._send_batch()

    def _send_batch(self) -> None:
        if self.batch and self.helper is not None and self.helper.send(count_pages, self.batch):
            self.sent_pages += len(self.batch)
        self.batch = []

    def _index_here(self, site_dir: str) -> int:
        """The index made here from every page (the worker failed, or there is none)."""
        return index_here(site_dir, [_index_message(r, r.content or "") if isinstance(r, Page) else r
                                     for r in self.to_index])

    def on_page_context(self, context: Any, page: Any, config: Any, nav: Any) -> Any:
        """The network's own pages (home, about) get the site's share card too, once their
        title is known; a ``guidemap_head`` in their front matter is never printed."""
        self._survey_written(page, config.site_dir)
        src = page.file.src_uri
        doc = self.contributed.get(src)
        if self.site is not None and src not in self.pages and (doc is None or doc.title is None):
            title = str(page.title or config.site_name)
            page.meta["guidemap_head"] = page_head(self.site, page.url, title,
                                                   str(page.meta.get("description") or ""))
        return context

    # -- feeds ----------------------------------------------------------------------------
    def on_env(self, env: Any, config: Any, files: Files) -> Any:
        # Every page is rendered by now and generated files are not written yet (MkDocs
        # copies them after this event): the feeds take the stories as their pages rendered them.
        assert self.data is not None and self.site is not None and self.helper is not None
        env.globals["guidemap_footer"] = self.footer  # read by theme/partials/copyright.html
        if self.templates_job is not None:  # before MkDocs renders its first template
            use_compiled(env, self.templates_job.result())
            self.templates_job = None
        env.globals["guidemap_text"] = theme_texts(env, str(config.theme.get("language") or "en"))
        # The sitemap (a template MkDocs renders before the pages) dates each page by its own
        # content, not the build: search engines revisit what changed.
        dates, latest = crawlers.page_dates(self.data, self.site)
        for file in files.documentation_pages():
            if file.page is not None and (date := dates.get(file.src_uri, latest)):
                file.page.update_date = date
        about = files.get_file_from_path("about.md")  # the footer links to it only if the site has one
        env.globals["guidemap_about"] = about.url if about is not None else ""
        # `mkdocs serve` adds an inline script of its own to every page (live reload), which a
        # policy would block: the preview goes without, the built site always has it.
        env.globals["guidemap_csp"] = "" if self.serving else self.csp
        # Every page (and the 404 page) names this plugin's search worker (theme/main.html).
        env.globals.update(guidemap_search=self.searching, guidemap_worker_config=search.worker_config,
                           guidemap_shim_first=search.shim_first)
        for file in self.later_placeholders:  # written by later_job, not by MkDocs
            files.remove(file)
        site_dir = config.site_dir
        self.page_files = frozenset(f.dest_uri for f in files if f.is_documentation_page())
        if self.searching:  # written by the worker while MkDocs writes the pages
            self._send_batch()
            self.index_job = self.helper.submit(write_counted_index, site_dir, self.sent_pages,
                                                here=functools.partial(self._index_here, site_dir))
        if self.write_later_feeds is None:
            return env
        for file in self.feed_files.values():  # the job writes them (the worker, or on_post_build)
            files.remove(file)
        self.feeds_job = self.helper.submit(write_feeds, self.write_later_feeds, self.story_html, site_dir)
        return env

    # -- search ---------------------------------------------------------------------------
    def on_post_page(self, output: str, page: Any, config: Any) -> str:
        if page.file.src_uri in self.pages and page.url.startswith(urls.GUIDE):  # written late: codes ready
            if self.qr_codes is None:  # asked once: the answers serve every page of the guide
                self.qr_codes = {a: code for _, job in self.qr_jobs for a, code in job.result().items()}
            output = guide.put_codes(output, self.qr_codes)
        # Material adds an <h1> with the page's title only to content without one (its
        # partials/content.html asks the same); the content's own were cut in on_page_content.
        if "<h1" not in (page.content or ""):
            output = thaiwrap.keep_words_in_title(output)
        return output

    def on_post_build(self, config: Any) -> None:
        helper, self.helper = self.helper, None
        try:
            # The share cards the worker has not begun are drawn here while it finishes the rest
            # (the work queued behind them: the search index's last pages, the feeds).
            taken = [job for job in self.cards_jobs if job.take_back()]
            for job in taken:
                job.result()
            if self.feeds_job is not None:  # written by the worker, or here if it failed
                self.feeds_job.result()
            for job in self.cards_jobs:
                if job not in taken:
                    job.result()
            if self.index_job is not None:
                self._write_index(config.site_dir, self.index_job)
            if self.later_job is not None:  # before last_files, which reads every file of the site
                self.later_job.result()
            if self.last_files is not None:  # made from every other file of the site
                write_files(config.site_dir, self._last_files(Path(config.site_dir), helper))
        finally:
            self.to_index, self.story_html = [], {}  # nothing of this build kept until the next
            self.part_texts, self.batches = {}, None
            self.surveys = []
            gc.unfreeze()  # collected again: a `serve` rebuild frees this build's objects
            if helper is not None:
                helper.close()

    def _survey_written(self, page: Page, site_dir: str) -> None:
        """MkDocs writes the pages one after the other (on_page_context comes before a page is
        built): the ones before this one are written and final, and so is every other file at
        the first page. The worker surveys them, a batch of pages at a time, while it has
        nothing else to do: the offline files, made last, then read only the last pages."""
        helper = self.helper
        if not isinstance(self.last_files, OfflineFiles) or helper is None or not helper.working:
            return
        if self.building is None:  # no page is written yet: none of them has refs to read
            self.surveys.append(helper.submit(survey_site, site_dir, self.page_files, Wanted()))
        else:
            self.written.append(self.building)
        self.building = page.file.dest_uri
        if len(self.written) >= PAGES_PER_SURVEY:
            wanted = Wanted(frozenset(name for name in self.written if name in self.wanted))  # sent small
            self.surveys.append(helper.submit(survey_files, site_dir, self.written, wanted))
            self.written = []

    def _last_files(self, site_dir: Path, helper: Helper | None) -> dict[str, bytes]:
        """The offline files, by the worker from its surveys (their results waiting here since),
        or here from the written site: the same bytes."""
        assert self.last_files is not None
        make = self.last_files
        if not isinstance(make, OfflineFiles) or not self.surveys or helper is None or not helper.working:
            return make(site_dir)
        # Surveys the worker has not begun (busy to the end of the build) are done here, while
        # it finishes the one it is doing.
        for job in self.surveys:
            job.take_back()
        known = Survey()
        for job in self.surveys:
            known.add(job.result())
        log.debug("offline files: %d files surveyed as they were written", len(known.sums))
        return helper.submit(make, site_dir, known, here=lambda: make(site_dir)).result()

    def _write_index(self, site_dir: str, job: Job[int]) -> None:
        """The worker has counted the pages while they rendered and writes the files; if it
        failed, the build indexes every page itself (the same files)."""
        written = job.result()
        stale = os.path.join(site_dir, search.INDEX_PATH)  # Material's, had it written one
        if os.path.exists(stale):
            os.remove(stale)
        log.debug("search index in %d files", written)

    def on_shutdown(self) -> None:
        """The command (``mkdocs build``, or a ``serve`` session) ends and the process with it:
        what it made is set aside for good, so the interpreter's last collection does not walk
        it all once more (0.2 s of a 2,000-group build's exit). A build started later in the
        same process hands it back first (on_config)."""
        _set_aside()

    def on_build_error(self, error: Exception) -> None:
        self._close_helper(abandon=True)  # a failed build leaves no worker process behind
        gc.unfreeze()

    def _close_helper(self, abandon: bool) -> None:
        if self.helper is not None:
            self.helper.close(abandon)
            self.helper = None

    def _offline(self) -> bool:
        """Offline reading is on (never in a `mkdocs serve` preview: a worker would keep pages
        the preview replaces as you edit)."""
        return bool(self.config.offline) and not self.serving

    def _searching(self, config: Any) -> bool:
        plugins = config.plugins
        return bool(self.config.thai_search) and ("search" in plugins or "material/search" in plugins)


def _index_message(page: Any, content: str) -> list[object]:
    """A rendered page to index, as guidemap.adapter.helper.page_entries reads it."""
    title = page.meta.get("title")
    return ["html", page.url, str(page.title or ""), content, None if title is None else str(title)]
