"""The blocks the home page (content/index.md, written by the network) may ask for with a
marker: the network in figures, and the latest stories."""

from __future__ import annotations

from collections import Counter
from functools import partial

from guidemap.contract.model.types import Dataset
from guidemap.outputs.html.htmlkit import h, one_block
from guidemap.outputs.html.markup import en, link
from guidemap.outputs.pages.common import story_list
from guidemap.outputs.pages.dated_common import next_event_block, volunteer_now_block
from guidemap.outputs.site import urls
from guidemap.outputs.site.types import ContributedPage, SiteInfo

SUMMARY = "<!-- guidemap:summary -->"
LATEST_STORIES = "<!-- guidemap:latest-stories -->"
NEXT_EVENT = "<!-- guidemap:next-event -->"
VOLUNTEER_NOW = "<!-- guidemap:volunteer-now -->"
LATEST_COUNT = 3


def _summary(data: Dataset, site: SiteInfo) -> str:
    url = urls.HOME
    orgs = data.orgs
    provinces = Counter(o.province for o in orgs)
    focus = Counter(f for o in orgs for f in o.focus)
    where = " · ".join(f"{link(url, urls.province(p), h(p.th))} {n}"
                       for p, n in sorted(provinces.items(), key=lambda x: (-x[1], x[0].code)))
    labels = site.network.focus
    what = " · ".join(f"{link(url, urls.focus(k), h(labels[k].th))} {n}" for k, n in focus.most_common())
    return (
        f'<div class="gm-stats"><p class="gm-stats__count"><strong>{len(orgs)}</strong> กลุ่มอาสาสมัคร '
        f'ใน <strong>{len(provinces)}</strong> จังหวัด '
        f'{en(f"{len(orgs)} groups in {len(provinces)} provinces")}</p><p>จังหวัด: {where}</p>'
        f'<p>ประเด็น: {what}</p>'
        f'<p class="gm-cta">{link(url, urls.DIRECTORY, "ทำเนียบกลุ่ม", "md-button md-button--primary")} '
        f'{link(url, urls.MAP, "แผนที่กลุ่มอาสา", "md-button md-button--primary")} '
        f'{link(url, urls.HELP, "ช่วยกลุ่มได้อย่างไร", "md-button")} '
        f'{link(url, urls.STORIES, "จดหมายข่าว", "md-button")} '
        f'{link(url, urls.GUIDE, "คู่มือฉบับพิมพ์", "md-button")}</p></div>'
    )


def _latest_stories(data: Dataset, site: SiteInfo) -> str:
    latest = site.published(data.stories)[:LATEST_COUNT]
    if not latest:
        return "<p>ยังไม่มีเรื่องเล่า</p>"
    return story_list(urls.HOME, latest, {o.id: o for o in data.orgs})


def home_blocks(data: Dataset, site: SiteInfo) -> dict[str, str]:
    """HTML for each marker the home page may hold."""
    orgs = {o.id: o for o in data.orgs}
    return {SUMMARY: one_block(_summary(data, site)), LATEST_STORIES: one_block(_latest_stories(data, site)),
            NEXT_EVENT: one_block(next_event_block(urls.HOME, data.events, orgs, site)),
            VOLUNTEER_NOW: one_block(volunteer_now_block(urls.HOME, data.calls, site))}


def _fill_markers(blocks: dict[str, str], rendered: str) -> str:
    for marker, block in blocks.items():
        rendered = rendered.replace(marker, block)
    return rendered


def home_page(data: Dataset, site: SiteInfo) -> ContributedPage:
    """The home page keeps its own Markdown and front matter; its markers get the blocks."""
    return ContributedPage(finish=partial(_fill_markers, home_blocks(data, site)))
