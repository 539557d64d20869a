"""What search engines read besides the pages: ``robots.txt`` (pointing at the sitemap) and each
page's own date for the sitemap's ``lastmod`` (a profile's ``updated``, a story's date, an event's
``updated``; any other page the latest date of the content), never the build's clock."""

from __future__ import annotations

from guidemap.contract.model.types import Dataset
from guidemap.outputs.pages.footer import data_changed
from guidemap.outputs.site import urls
from guidemap.outputs.site.types import SiteInfo


def robots_txt(site: SiteInfo) -> str:
    """Everything may be read; the sitemap's address (absolute, so only with a site URL). A
    site published below a host's root (``/guide/``) is read from the root's own robots.txt."""
    sitemap = urls.absolute(site.url, urls.SITEMAP)
    return "User-agent: *\nAllow: /\n" + (f"\nSitemap: {sitemap}\n" if sitemap else "")


def page_dates(data: Dataset, site: SiteInfo) -> tuple[dict[str, str], str | None]:
    """Each dated page's date by its file in the docs folder (``src_uri``), and the date of the
    others: the latest of the content (what the footer says)."""
    dates = {urls.src_uri(urls.org(o.id)): o.updated.isoformat() for o in data.orgs}
    dates.update({s.source: s.date.isoformat() for s in data.stories if site.is_published(s)})
    dates.update({urls.src_uri(urls.event(e.id)): e.updated.isoformat() for e in data.events})
    latest = data_changed(data, site)
    return dates, latest.isoformat() if latest else None
