"""Pieces of HTML several page families share: bilingual texts, places, badges, the group
cards of every listing, pictures and the story items of the archive, home and group pages.

Every contributed string goes through :func:`~guidemap.outputs.html.htmlkit.h`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache

from guidemap.contract import network, pictures, thai
from guidemap.contract.model.types import Area, LText, Org, Story
from guidemap.contract.pictures import ImageInfo
from guidemap.contract.thai import thai_date
from guidemap.contract.vocab import Label
from guidemap.outputs.html.htmlkit import h
from guidemap.outputs.html.markup import en, link
from guidemap.outputs.pictures.renditions import img_tag, renditions
from guidemap.outputs.site import urls


def ltext(text: LText | None, tag: str = "span") -> str:
    """A contributed text in Thai and English (either may be missing), each marked with its language."""
    if text is None:
        return ""
    parts = []
    if text.th:
        parts.append(f'<{tag} lang="th">{h(text.th)}</{tag}>')
    if text.en:  # English alone is no translation: the TH/EN switch never hides it
        alone = f'<{tag} lang="en">{h(text.en)}</{tag}>'
        parts.append(en(h(text.en), tag, lang_first=True) if text.th else alone)
    parts += [f"<{tag} {lang_attrs(lang)}>{h(value)}</{tag}>" for lang, value in text.more]
    return " ".join(parts)


def lang_attrs(tag: str, cls: str = "") -> str:
    """``lang`` of a passage in one of the site's added languages, and ``dir`` for a script
    written right to left (Jawi), so that it is read and laid out as its own language."""
    rtl = ' dir="rtl"' if network.direction(tag) == "rtl" else ""
    return f'lang="{h(tag)}"{rtl} class="gm-more{" " + cls if cls else ""}"'


def place_marker(province: str) -> str:
    """Where a page's group or event is, for its search result (search-worker.js reads it from
    the record); an empty element, so the words of the index are unchanged."""
    return f'<i data-gm-place="{h(province)}"></i>'


def area_name(area: Area) -> str:
    return f"{h(area.th)} {en(h(area.en))}"


def badges(frm: str, keys: Iterable[str], vocab: Mapping[str, Label], kind: str) -> str:
    """Focus areas (each a link to its page) or needs, as a list of badges."""
    items = []
    for key in keys:
        label = vocab[key]
        if kind == "focus":
            badge = link(frm, urls.focus(key), h(label.th), f"gm-badge gm-focus-{key}")
            items.append(f"<li>{badge}</li>")
        else:
            items.append(f'<li><span class="gm-badge gm-need">{h(label.th)}</span></li>')
    return f'<ul class="gm-badges" aria-label="{h(kind)}">{"".join(items)}</ul>' if items else ""


def place(frm: str, org: Org) -> str:
    """The group's district and province, the province linked to its page."""
    text = link(frm, urls.province(org.province), h(org.province.th))
    if org.district:
        text = f"{h(org.district.th)}, {text}"
    return text


# The memos below are of pure functions: everything a card shows is in their arguments (the
# group compares equal only if every field is the same, the focus labels are passed), so a
# rebuild after an edit to a profile or to guidemap.yml never gets an old card. Bounded, as
# `mkdocs serve` builds again and again in one process.
_MEMO = 32_768


@lru_cache(maxsize=_MEMO)
def short_summary(org: Org) -> str:
    """A card's summary, cut at a Thai word boundary; cached, as a group is on several lists."""
    return thai.truncate(org.summary.best, 160)


def card(frm: str, org: Org, focus: Mapping[str, Label]) -> str:
    """One group in a list (the directory's filters work on data/directory.json instead);
    ``focus``: the network's focus labels."""
    html = _card(org, tuple(focus[k] for k in org.focus))
    # Every link in a card leads to a page of the site (a group, a province, a focus area), so
    # a listing some folders deep shows the site root's card with each address climbing that
    # many folders: a group's card is built once, though it is on three or more lists at
    # different depths. Contributed text is escaped, so ' href="' comes only from the links.
    depth = frm.count("/")
    return html.replace(' href="', ' href="' + "../" * depth) if depth else html


@lru_cache(maxsize=_MEMO)
def _card(org: Org, labels: tuple[Label, ...]) -> str:
    name_en = f" {en(h(org.name.en))}" if org.name.en else ""
    return (
        f'<li class="gm-card" id="org-{h(org.id)}">'
        f'<h3 class="gm-card__title">{link("", urls.org(org.id), h(org.name.best))}{name_en}</h3>'
        f'<p class="gm-card__place">{place("", org)}</p>'
        f'<p class="gm-card__summary">{h(short_summary(org))}</p>'
        f'{badges("", org.focus, dict(zip(org.focus, labels, strict=True)), "focus")}</li>'
    )


def cards(frm: str, orgs: Iterable[Org], focus: Mapping[str, Label]) -> str:
    # A heading for screen readers, so the cards' h3 titles do not skip a level after the h1.
    return (f'<h2 class="gm-sr-only">รายชื่อกลุ่ม</h2>'
            f'<ul class="gm-cards">{"".join(card(frm, o, focus) for o in orgs)}</ul>')


# A list of groups inside a page (each side of a need on the help page, up to 14 lists; the
# groups welcoming volunteers when no call is open) shows at most this many: 30 short items cost
# about 0.8 KB (gzip, generated names) to 2 KB, so even a help page whose every list is full stays
# near 30 KB of HTML. A longer list links to the directory's filtered view, which holds them all.
SHORT_LIST = 30


def more_in_directory(frm: str, total: int, query: str, link_th: str, link_en: str) -> str:
    """Below a list cut to :data:`SHORT_LIST`: how many there are, and the directory filtered
    by ``query`` (``need=volunteers``) where they all are."""
    href = f"{urls.rel(frm, urls.DIRECTORY)}?{query}"
    return (f'<p class="gm-list-more">{SHORT_LIST} กลุ่มแรกจาก {total} กลุ่ม · '
            f'<a href="{h(href)}">{h(link_th)}</a> '
            f'{en(h(f"The first {SHORT_LIST} of {total} groups: {link_en}"))}</p>')


def picture_html(frm: str, target: str, info: ImageInfo | None, alt: str, cls: str, sizes: str,
                 widths: tuple[int, ...] = pictures.WIDTHS, eager: bool = False) -> str:
    """A picture published by the site (guidemap.outputs.pictures.renditions): every width in
    srcset, with its size."""
    copies = renditions(target, info, widths) if info else []
    srcset = [(urls.rel(frm, r.path), r.width) for r in copies]
    return img_tag(urls.rel(frm, target), alt, cls, info, srcset, sizes, eager)


def story_image_html(frm: str, story: Story, cls: str) -> str:
    """The story's picture (a file beside the story) with its alt text and its widths."""
    target = urls.story_image(story)
    if not target:
        return ""
    sizes = "7rem" if cls == "gm-story__thumb" else "(min-width: 60em) 40rem, 100vw"
    # The story page's own picture is on its first screen: not lazy (it was the page's largest
    # paint, and lazy-loaded late).
    return picture_html(frm, target, story.image_info, story.image_alt or "", cls, sizes,
                        eager=cls == "gm-story__image")


def story_groups(frm: str, story: Story, orgs: dict[str, Org]) -> str:
    """The groups a story names, linked to their pages."""
    names = ", ".join(link(frm, urls.org(o), h(orgs[o].name.best)) for o in story.orgs if o in orgs)
    return f'<p class="gm-story__orgs">กลุ่มที่เกี่ยวข้อง: {names}</p>' if names else ""


def story_item(frm: str, story: Story, orgs: dict[str, Org]) -> str:
    """A story in a list: picture, date, title, summary and the groups it names."""
    summary = f'<p class="gm-story__summary">{h(story.summary)}</p>' if story.summary else ""
    title = link(frm, urls.story(story), h(story.title), "gm-story__title")
    image = story_image_html(frm, story, "gm-story__thumb")
    return (f'<li class="gm-story">{image}<time datetime="{story.date.isoformat()}">'
            f'{h(thai_date(story.date))}</time> {title}{summary}{story_groups(frm, story, orgs)}</li>')


def story_list(frm: str, stories: Iterable[Story], orgs: dict[str, Org]) -> str:
    return f'<ul class="gm-stories">{"".join(story_item(frm, s, orgs) for s in stories)}</ul>'
