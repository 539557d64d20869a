"""An edition as sections of plain items (title, link, one line of when/where, a short text),
the one description the web page, the e-mail (HTML and text), the feed and the LINE digest are
all written from, so that they never disagree. Everything here is plain text: each writer
escapes it for where it lands.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from guidemap.contract import thai
from guidemap.contract.model.dated import EVENT_KINDS
from guidemap.contract.model.types import Call, Dated, Event, LText, Org, Story, When
from guidemap.contract.pictures import ImageInfo
from guidemap.contract.thai import thai_date
from guidemap.contract.vocab import Label
from guidemap.outputs.editions.select import Edition
from guidemap.outputs.feeds.stories import html_text
from guidemap.outputs.html.htmlkit import markdown_to_safe_html
from guidemap.outputs.site import urls
from guidemap.outputs.site.selection import Running
from guidemap.outputs.site.types import SiteInfo

TEXT_CHARS = 200  # an item's text, cut at a Thai word boundary


@dataclass(frozen=True)
class Item:
    title: str
    path: str  # a site path ('stories/x/'), or an absolute address when ``external``
    meta: str = ""  # when, where, who
    text: str = ""
    external: bool = False
    image: str | None = None  # a site path of a published picture (its narrowest copy)
    image_info: ImageInfo | None = None
    image_alt: str = ""


@dataclass(frozen=True)
class Section:
    key: str
    label: Label
    items: tuple[Item, ...]


@lru_cache(maxsize=4096)
def _markdown_text(markdown: str) -> str:
    return " ".join(html_text(markdown_to_safe_html(markdown)).split())


def _short(text: str) -> str:
    text = " ".join(text.split())
    if len(text) > TEXT_CHARS:  # segment only what can be kept: newmm is slow on long text
        text = thai.truncate(text[: TEXT_CHARS * 2], TEXT_CHARS)
    return text


def _both(text: LText | None) -> str:
    if text is None:
        return ""
    return " / ".join(t for t in (text.th, text.en) if t)


def _story(story: Story, orgs: dict[str, Org]) -> Item:
    names = [orgs[o].name.best for o in story.orgs if o in orgs]
    meta = " · ".join([thai_date(story.date), *names])
    text = story.summary or _markdown_text(story.body)
    image = urls.story_image(story)
    if image and (image.startswith("..") or "://" in image or story.image_info is None):
        image = None
    return Item(story.title, urls.story(story), meta, _short(text), image=image,
                image_info=story.image_info if image else None, image_alt=story.image_alt or "")


def when_text(entry: Dated) -> str:
    """'10 มกราคม 2569 09:30 – 12 มกราคม 2569' (Thai time), or '' for an ongoing call."""
    def one(w: When) -> str:
        return f"{thai_date(w.day)} {w.time:%H:%M} น." if w.time else thai_date(w.day)

    parts = [one(w) for w in (entry.start, entry.end) if w is not None]
    if len(parts) == 2 and parts[0] == parts[1]:
        parts = parts[:1]
    return " – ".join(parts)


def _call(call: Call, orgs: dict[str, Org]) -> Item:
    host = orgs.get(call.orgs[0])
    meta = [f"รับสมัครถึง {thai_date(call.apply_by)}" if call.apply_by else "", when_text(call),
            call.province.th, host.name.best if host else ""]
    text = _markdown_text(call.description.best) if call.description else ""
    # The list of open calls, not the call's anchor there: an edition is never rewritten, and
    # the anchor goes once the call closes.
    return Item(_both(call.title), urls.VOLUNTEER, " · ".join(m for m in meta if m), _short(text))


def _event(event: Event, orgs: dict[str, Org]) -> Item:
    host = orgs.get(event.orgs[0])
    where = event.venue.name.best + ", " + event.province.th if event.venue else event.province.th
    meta = [when_text(event), where, EVENT_KINDS[event.kind].th if event.kind in EVENT_KINDS else "",
            host.name.best if host else ""]
    text = _markdown_text(event.description.best) if event.description else ""
    return Item(_both(event.title), urls.event(event.id), " · ".join(m for m in meta if m), _short(text))


def _campaign(r: Running) -> Item:
    meta = [f"ถึง {thai_date(r.campaign.end)}",
            f"เป้าหมาย {r.campaign.goal:,} บาท" if r.campaign.goal else "",
            ", ".join(g.name.best for g in r.groups)]
    return Item(_both(r.campaign.title), r.campaign.url, " · ".join(m for m in meta if m), external=True)


def sections(edition: Edition, data_orgs: list[Org], site: SiteInfo) -> list[Section]:
    """The edition's sections that have items, in the order a reader wants them."""
    orgs = {o.id: o for o in data_orgs}
    focus = site.network.focus
    found = [
        Section("stories", Label("เรื่องเล่าจากเครือข่าย", "Stories"),
                tuple(_story(s, orgs) for s in edition.stories)),
        Section("calls", Label("ประกาศรับอาสาใหม่", "New calls for volunteers"),
                tuple(_call(c, orgs) for c in edition.new_calls)),
        Section("closing", Label("ใกล้ปิดรับสมัคร", "Closing soon"),
                tuple(_call(c, orgs) for c in edition.closing_calls)),
        Section("events", Label("กิจกรรมที่กำลังจะมาถึง", "Coming events"),
                tuple(_event(e, orgs) for e in edition.events)),
        Section("campaigns", Label("ร่วมระดมทุน", "Fundraising campaigns"),
                tuple(_campaign(r) for r in edition.campaigns)),
        Section("groups", Label("กลุ่มที่เข้าร่วมหรือปรับข้อมูล", "Groups that joined or updated"),
                tuple(Item(o.name.best, urls.org(o.id),
                           " · ".join([o.province.th, *(focus[k].th for k in o.focus if k in focus),
                                       f"ปรับข้อมูล {thai_date(o.updated)}"]),
                           _short(o.summary.best))
                      for o in edition.groups)),
    ]
    return [s for s in found if s.items]
