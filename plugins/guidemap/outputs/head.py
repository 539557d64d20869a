"""Share cards (Open Graph) and schema.org JSON-LD for the <head> of pages.

A link pasted into LINE or Facebook shows a card built from these tags; the theme prints the
string as is, so everything here is escaped.
"""

from __future__ import annotations

import posixpath
from typing import Any

from guidemap.contract.model import PROFILE_FIELDS, Org, Story, is_set, value_of
from guidemap.outputs import urls
from guidemap.outputs.htmlkit import h, json_for_script
from guidemap.outputs.site import SiteInfo


def _meta(prop: str, content: str | None) -> str:
    return f'<meta property="{prop}" content="{h(content)}">' if content else ""


def page_head(site: SiteInfo, url: str, title: str, description: str = "", kind: str = "website",
              image: str | None = None) -> str:
    absolute = urls.absolute(site.url, url)
    tags = [
        _meta("og:type", kind),
        _meta("og:site_name", site.name),
        _meta("og:locale", "th_TH"),
        _meta("og:title", title),
        _meta("og:description", description or site.description),
        _meta("og:url", absolute),
        _meta("og:image", image),
        '<meta name="twitter:card" content="summary">',
    ]
    return "".join(t for t in tags if t)


def org_jsonld(org: Org, site: SiteInfo, url: str) -> dict[str, Any]:
    """schema.org NGO from the fields declared for JSON-LD (``Exports.jsonld``), with the
    coarsened public location: never more precise than the group allows."""
    types = {"areaServed": "AdministrativeArea", "address": "PostalAddress", "geo": "GeoCoordinates"}
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": "NGO",
                            "address": {"@type": "PostalAddress", "addressCountry": "TH"}}
    for f in PROFILE_FIELDS:
        for ld in f.exports.jsonld:
            value = value_of(value_of(org, f.path), ld.attr)
            if not is_set(value):
                continue
            *parents, prop = ld.prop.split(".")
            target = data
            for name in parents:  # "geo.latitude": latitude in the typed object geo
                target = target.setdefault(name, {"@type": types[name]})
            if ld.many:
                target.setdefault(prop, []).append(value)
            else:  # schema.org wants text for years (foundingDate), lists for tuples
                target[prop] = list(value) if isinstance(value, tuple) else (
                    str(value) if type(value) is int else value)
    if page_url := urls.absolute(site.url, url):
        data["url"] = page_url
    return data


def org_head(org: Org, site: SiteInfo, url: str) -> str:
    jsonld = json_for_script(org_jsonld(org, site, url))
    return (page_head(site, url, org.name.best, org.summary.best, "profile")
            + f'<script type="application/ld+json">{jsonld}</script>')


def story_head(story: Story, site: SiteInfo) -> str:
    url = urls.story(story)
    image = story.image
    if image and "://" not in image:  # a file beside the story, published at the same path
        image = urls.absolute(site.url, posixpath.normpath(posixpath.join(
            posixpath.dirname(story.source), image)))
    article: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": story.title,
        "datePublished": story.date.isoformat(),
        "inLanguage": "th",
    }
    if story.author:
        article["author"] = {"@type": "Organization", "name": story.author}
    return (page_head(site, url, story.title, story.summary or "", "article", image)
            + _meta("article:published_time", story.date.isoformat())
            + f'<script type="application/ld+json">{json_for_script(article)}</script>')
