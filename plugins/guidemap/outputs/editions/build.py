"""Every file of the newsletter's editions, for the registry: each edition's page, e-mail (HTML,
text, ``.eml``) and LINE text, the archive page, and the
editions' feed (RSS and Atom through :mod:`guidemap.outputs.feeds.writer`, one item per edition
with its whole e-mail-safe HTML, so that an RSS-to-e-mail service sends one e-mail per edition).

Made only when the site URL is known (like the feeds: e-mail and LINE need absolute links).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from guidemap.contract.model.types import Dataset
from guidemap.outputs.editions import line as line_text
from guidemap.outputs.editions import mail, page
from guidemap.outputs.editions.items import Section, sections
from guidemap.outputs.editions.select import Edition, editions
from guidemap.outputs.feeds.writer import Channel, Entry, day_start, feed_files
from guidemap.outputs.html.htmlkit import h
from guidemap.outputs.site import urls
from guidemap.outputs.site.types import GeneratedPage, SiteInfo

FEED_ITEMS = 12  # the feed's latest editions (a year of a monthly newsletter)


@dataclass
class EditionOutputs:
    pages: list[GeneratedPage] = field(default_factory=list)
    files: dict[str, str | bytes] = field(default_factory=dict)
    # The latest editions (site path, title), newest first, for the stories' archive.
    latest: list[tuple[str, str]] = field(default_factory=list)
    # Site paths of the files left to edition_files (``edition_outputs(..., files=False)``).
    later_paths: list[str] = field(default_factory=list)


def feed_head(frm: str, site: SiteInfo) -> str:
    title = h(f"จดหมายข่าวรายฉบับ · {site.name}")
    return (f'<link rel="alternate" type="{urls.RSS_TYPE}" title="{title} (RSS)" '
            f'href="{h(urls.rel(frm, urls.EDITIONS_RSS))}">'
            f'<link rel="alternate" type="{urls.ATOM_TYPE}" title="{title} (Atom)" '
            f'href="{h(urls.rel(frm, urls.atom_of(urls.EDITIONS_RSS)))}">')


def _feed(made: list[tuple[Edition, list[Section], str]], data: Dataset, site: SiteInfo) -> dict[str, bytes]:
    channel = Channel(urls.EDITIONS_RSS, urls.atom_of(urls.EDITIONS_RSS), urls.NEWSLETTER,
                      f"จดหมายข่าวรายฉบับ · {site.name}",
                      f"จดหมายข่าวของ{site.network.name.th} หนึ่งรายการต่อหนึ่งฉบับ "
                      f"(Newsletter of the {site.network.name.en}, one item per issue)")
    entries = []
    for edition, parts, column in reversed(made[-FEED_ITEMS:]):
        url = urls.absolute(site.url, urls.edition(edition.period.key)) or ""
        summary = " · ".join(f"{s.label.th} {len(s.items)}" for s in parts)
        entries.append(Entry(edition.title, url, day_start(edition.period.issued), summary, column))
    # Without an edition yet, the feed's date is the content's own (never the build's clock).
    fallback = max((o.updated for o in data.orgs), default=dt.date(1970, 1, 1))
    updated = entries[0].when if entries else day_start(fallback)
    return feed_files(channel, entries, site, updated)


def _found(data: Dataset, site: SiteInfo) -> list[tuple[Edition, list[Section]]]:
    return [(e, sections(e, data.orgs, site))
            for e in editions(data, site.network.edition_months, site.today)]


def _files(found: list[tuple[Edition, list[Section]]], data: Dataset,
           site: SiteInfo) -> dict[str, str | bytes]:
    out: dict[str, str | bytes] = {}
    made = []
    for edition, parts in found:
        html, column = mail.email_html(edition, parts, site)
        text = mail.email_text(edition, parts, site)
        out[page.email_path(edition)] = html
        out[page.text_path(edition)] = text
        out[page.eml_path(edition)] = mail.message(edition, site, text, html)
        out[page.line_path(edition)] = line_text.line_text(edition, parts, site)
        made.append((edition, parts, column))
    out.update(_feed(made, data, site))
    return out


def file_paths(found: list[Edition]) -> list[str]:
    """Site paths of what :func:`edition_files` makes for these editions."""
    each = [f(e) for e in found for f in (page.email_path, page.text_path, page.eml_path, page.line_path)]
    return [*each, urls.EDITIONS_RSS, urls.atom_of(urls.EDITIONS_RSS)]


def edition_files(data: Dataset, site: SiteInfo) -> dict[str, str | bytes]:
    """The editions' e-mail and LINE files and their feed: no page needs them, so the site
    builder may make them apart from the pages (the worker process), from the same inputs as
    :func:`edition_outputs` (``data``: the whole dataset), to the same bytes."""
    return _files(_found(data, site), data, site) if site.has_feeds else {}


def edition_outputs(data: Dataset, site: SiteInfo, files: bool = True) -> EditionOutputs:
    """``data``: the whole dataset, before anything is dropped for the build's date. Without
    ``files``, the editions' files are left to :func:`edition_files` and only their site paths
    are listed (``later_paths``)."""
    out = EditionOutputs()
    if not site.has_feeds:
        return out
    found = _found(data, site)
    previous: Edition | None = None
    for edition, parts in found:
        line = line_text.line_text(edition, parts, site)  # shown on the page, and a file of its own
        out.pages.append(page.edition_page(edition, parts, line, site, previous,
                                           feed_head(urls.edition(edition.period.key), site)))
        previous = edition
    out.pages.append(page.archive_page(found, site, feed_head(urls.NEWSLETTER, site)))
    if files:
        out.files.update(_files(found, data, site))
    else:
        out.later_paths = file_paths([e for e, _ in found])
    out.latest = [(urls.edition(e.period.key), e.title) for e, _ in reversed(found)][:3]
    return out
