"""Share cards (Open Graph) and schema.org JSON-LD for the <head> of pages.

A link pasted into LINE or Facebook shows a card built from these tags; the theme prints the
string as is, so everything here is escaped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from guidemap.contract import pictures
from guidemap.contract.model.dated import EVENT_KINDS
from guidemap.contract.model.fields import LD, is_set
from guidemap.contract.model.profile import PROFILE_FIELDS
from guidemap.contract.model.types import Dataset, Event, Org, Story
from guidemap.contract.pictures import ImageInfo
from guidemap.outputs.html import icons, share
from guidemap.outputs.html.htmlkit import h, json_for_script
from guidemap.outputs.pictures import cards
from guidemap.outputs.pictures.renditions import renditions
from guidemap.outputs.site import urls
from guidemap.outputs.site.types import SiteInfo


@dataclass(frozen=True)
class CardImage:
    """The picture of a share card: a file the site publishes (site path), with its size."""

    path: str
    width: int
    height: int
    alt: str


def default_card_image(site: SiteInfo) -> CardImage:
    w, hgt = share.DEFAULT_SIZE
    return CardImage(share.DEFAULT_IMAGE, w, hgt, site.name)


def published_image(target: str, info: ImageInfo | None, alt: str,
                    widths: tuple[int, ...] = pictures.WIDTHS) -> CardImage | None:
    """The largest resized copy of a raster picture (published at ``target`` itself, without
    its metadata); None for a vector picture, which share cards do not show."""
    if info is None:
        return None
    largest = renditions(target, info, widths)[-1]
    return CardImage(largest.path, largest.width, largest.height, alt)


# --- cards with the page's title drawn (outputs/pictures/cards.py) ---------------------------
# A group without a logo, a story without a picture and an event get one; the registry asks
# page_cards() for the same cards, so every card a page names is drawn and published.

def org_card(org: Org, site: SiteInfo) -> cards.Card | None:
    return None if org.logo else cards.Card(org.name.best, f"กลุ่มอาสา · {org.province.th}", site.name)


def story_card(story: Story, site: SiteInfo) -> cards.Card | None:
    if urls.story_image(story) and story.image_info:
        return None  # its own picture
    return cards.Card(story.title, "เรื่องเล่า", site.name)


def event_card(event: Event, site: SiteInfo) -> cards.Card:
    return cards.Card(event.title.best, f"{EVENT_KINDS[event.kind].th} · {event.province.th}", site.name)


def volunteer_card(site: SiteInfo) -> cards.Card:
    """The "Volunteer now" page's: a call is shared by its place on that page."""
    return cards.Card("ร่วมเป็นอาสา", "ประกาศรับอาสาสมัคร", site.name)


def page_cards(data: Dataset, site: SiteInfo) -> list[cards.Card]:
    """Every card the pages of ``data`` show (the stories the site publishes)."""
    found = [org_card(o, site) for o in data.orgs] + [event_card(e, site) for e in data.events]
    found.append(volunteer_card(site))
    found += [story_card(s, site) for s in site.published(data.stories)]
    return sorted({c for c in found if c is not None}, key=lambda c: c.path)


def card_image(card: cards.Card | None) -> CardImage | None:
    w, hgt = cards.SIZE
    return CardImage(card.path, w, hgt, card.title) if card else None


def _meta(prop: str, content: str | None) -> str:
    return f'<meta property="{prop}" content="{h(content)}">' if content else ""


def page_head(site: SiteInfo, url: str, title: str, description: str = "", kind: str = "website",
              image: CardImage | None = None) -> str:
    """Open Graph tags; the card's picture is ``image`` or the site's default one."""
    absolute = urls.absolute(site.url, url)
    picture = image or default_card_image(site)
    picture_url = urls.absolute(site.url, picture.path)
    large = picture.width >= 600  # LINE and Facebook show a wide card from 600 pixels
    tags = [
        _meta("og:type", kind),
        _meta("og:site_name", site.name),
        _meta("og:locale", "th_TH"),
        _meta("og:title", title),
        _meta("og:description", description or site.description),
        _meta("og:url", absolute),
        _meta("og:image", picture_url),
        _meta("og:image:width", str(picture.width)) if picture_url else "",
        _meta("og:image:height", str(picture.height)) if picture_url else "",
        _meta("og:image:alt", picture.alt) if picture_url else "",
        f'<meta name="twitter:card" content="{"summary_large_image" if large else "summary"}">',
        icons.head_tags(url),
    ]
    return "".join(t for t in tags if t)


def _names(path: str) -> tuple[str, ...]:
    return tuple(path.split(".")) if path else ()


def _at(obj: Any, names: tuple[str, ...]) -> Any:
    """The model's value at a path already split (fields.value_of, for 2,000 pages)."""
    for name in names:
        if obj is None:
            return None
        obj = getattr(obj, name)
    return obj


def _placed(ld: LD) -> tuple[LD, tuple[str, ...], tuple[str, ...], str]:
    """A JSON-LD declaration with its attribute's path and where it goes: "geo.latitude" is
    latitude in the typed object geo."""
    *parents, prop = ld.prop.split(".")
    return ld, _names(ld.attr), tuple(parents), prop


# The fields declared for JSON-LD, found once with their paths split: most of the profile's
# fields have none, and a group's page would otherwise read every field of the profile to find
# them.
_JSONLD_FIELDS = tuple((_names(f.path), tuple(_placed(ld) for ld in f.exports.jsonld))
                       for f in PROFILE_FIELDS if f.exports.jsonld)


def org_jsonld(org: Org, site: SiteInfo, url: str) -> dict[str, Any]:
    """schema.org NGO from the fields declared for JSON-LD (``Exports.jsonld``), with the
    coarsened public location: never more precise than the group allows. The position is a
    ``Place`` in ``location`` (an Organization has no ``geo``), focus keys are words, and a
    logo is the address of its published copy."""
    types = {"areaServed": "AdministrativeArea", "address": "PostalAddress", "location": "Place",
             "geo": "GeoCoordinates"}
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": "NGO",
                            "address": {"@type": "PostalAddress", "addressCountry": "TH"}}
    for path, declared in _JSONLD_FIELDS:
        field_value = _at(org, path)
        for ld, attr, parents, prop in declared:
            value = _at(field_value, attr)
            if not is_set(value):
                continue
            if ld.vocabulary:
                words = site.network.vocabulary(ld.vocabulary)
                value = tuple(words[k].th if k in words else k for k in value)
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
    if (logo := org_logo_url(org, site)) is not None:
        data["logo"] = logo
    return data


def org_logo_image(org: Org) -> CardImage | None:
    """A group's logo as published (its largest resized copy), if it has a raster one."""
    if not org.logo:
        return None
    return published_image(urls.org_logo(org), org.logo_info, org.logo_alt or org.name.best,
                           pictures.LOGO_WIDTHS)


def org_logo_url(org: Org, site: SiteInfo) -> str | None:
    image = org_logo_image(org)
    return urls.absolute(site.url, image.path) if image is not None else None


def org_head(org: Org, site: SiteInfo, url: str) -> str:
    jsonld = json_for_script(org_jsonld(org, site, url))
    image = org_logo_image(org) or card_image(org_card(org, site))
    return (page_head(site, url, org.name.best, org.summary.best, "profile", image)
            + f'<script type="application/ld+json">{jsonld}</script>')


def story_head(story: Story, site: SiteInfo) -> str:
    url = urls.story(story)
    target = urls.story_image(story)
    image = (published_image(target, story.image_info, story.image_alt or story.title) if target else None
             ) or card_image(story_card(story, site))
    article: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": story.title,
        "datePublished": story.date.isoformat(),
        "inLanguage": "th",
    }
    if story.author:
        article["author"] = {"@type": "Organization", "name": story.author}
    if image is not None and (picture := urls.absolute(site.url, image.path)):
        article["image"] = [picture]  # what search engines show beside the article
    return (page_head(site, url, story.title, story.summary or "", "article", image)
            + _meta("article:published_time", story.date.isoformat())
            + f'<script type="application/ld+json">{json_for_script(article)}</script>')
