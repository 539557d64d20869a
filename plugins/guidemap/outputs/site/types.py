"""The types every output shares: what the build knows of the site (:class:`SiteInfo`, with
the one rule of which stories are published), one page the core makes (:class:`GeneratedPage`)
and a contributor's page the core completes (:class:`ContributedPage`). They sit apart from the
page families so that pages, map, feeds and share cards import them without importing each other.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode

from guidemap.contract import network
from guidemap.contract.model.types import Story
from guidemap.outputs.site import urls


@dataclass(frozen=True)
class SiteInfo:
    name: str
    url: str | None  # absolute site URL, for share cards and feeds
    repo_url: str | None  # e.g. https://github.com/network/guidemap
    edit_branch: str = "main"
    today: dt.date = field(default_factory=dt.date.today)
    description: str = ""
    feed_items: int = 30  # items per feed (the archive page always lists every story)
    # The network the site is for (guidemap.yml, from the load result): its name, region,
    # languages and the labels of its vocabularies, which every output reads from here.
    network: network.Network = network.DEFAULT
    # The printable guide's QR codes are put in when its pages are written (the adapter has
    # the helper process make them meanwhile): the pages hold placeholders instead.
    qr_later: bool = False
    # Reading offline (outputs/offline/): the service worker, the offline page and "Save for
    # offline" on province pages; the plugin's ``offline`` option, off under ``mkdocs serve``.
    offline: bool = False
    # The open data's licence, an SPDX id (the plugin's data_license; None: not stated).
    data_license: str | None = None

    @property
    def has_feeds(self) -> bool:
        """Feeds need absolute links: they are published only when the site URL is known."""
        return bool(self.url)

    def is_published(self, story: Story) -> bool:
        """Drafts and stories dated after the build stay out of every page, feed and file."""
        return not story.draft and story.date <= self.today

    def published(self, stories: Iterable[Story]) -> list[Story]:
        """The stories to show, newest first."""
        return sorted((s for s in stories if self.is_published(s)),
                      key=lambda s: (s.date, s.slug), reverse=True)

    def edit_url(self, source: str) -> str | None:
        if not self.repo_url or "github.com" not in self.repo_url:
            return None
        return f"{self.repo_url.rstrip('/')}/edit/{self.edit_branch}/{source}"

    def report_url(self, org_id: str, name: str) -> str | None:
        """The "report a problem with a listing" issue form, prefilled with the group (GitHub
        fills form fields from query parameters named by their ids)."""
        if not self.repo_url or "github.com" not in self.repo_url:
            return None
        query = urlencode({"template": "report-listing.yml", "org": org_id,
                           "title": f"[แจ้งปัญหา / report] {org_id}: {name}"}, quote_via=quote)
        return f"{self.repo_url.rstrip('/')}/issues/new?{query}"


@dataclass(frozen=True)
class GeneratedPage:
    url: str
    title: str  # plain text; the adapter escapes it for the theme
    description: str
    html: str
    head: str = ""
    source: str | None = None  # repository path of the profile, for "edit this page"
    # Listings repeat what the group pages say; keeping them out of the search index keeps the
    # results about groups and stories (and the index small and quick to build).
    searchable: bool = True
    # Contributed Markdown, rendered by the site builder's own Markdown pass and then
    # sanitized into the markers of ``html`` (see htmlkit.join_parts / render_parts).
    parts: tuple[tuple[str, str], ...] = ()
    # What the search index holds for this page, when set: built from the model, so the
    # search plugin need not parse the page's markup (maps, buttons, labels) to find it.
    search_text: str | None = None

    @property
    def src_uri(self) -> str:
        return urls.src_uri(self.url)

    @property
    def indexed_from_model(self) -> bool:
        """Its search entry comes from :attr:`search_text`, not from the search plugin."""
        return self.searchable and self.search_text is not None


@dataclass(frozen=True)
class ContributedPage:
    """A page of the docs folder that the core completes (a story, the home page): the site
    builder renders its Markdown as usual, then :attr:`finish` turns that HTML into the page's."""

    finish: Callable[[str], str]
    # What replaces the page's front matter (plain text; the adapter escapes it for the theme).
    # None: the page keeps its own.
    title: str | None = None
    description: str = ""
    head: str = ""
    author: str | None = None
