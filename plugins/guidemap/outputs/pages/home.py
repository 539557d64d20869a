"""The blocks the home page (content/index.md, written by the network) may ask for with a
marker: the network in figures, and the latest stories.

A block with nothing to show (no story yet, no coming event) is left out together with the
heading right before its marker, so the home page never opens a section only to say it is
empty; the pages of every kind keep their own empty states and next steps."""

from __future__ import annotations

import re
from collections import Counter
from functools import partial

from guidemap.contract.model.types import Area, Dataset
from guidemap.contract.vocab import Label
from guidemap.outputs.html.htmlkit import h, one_block
from guidemap.outputs.html.markup import bi, en, link
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
        f'{en(f"{len(orgs)} groups in {len(provinces)} provinces")}</p>'
        f'{_find_groups(provinces, focus, site)}<p>จังหวัด: {where}</p>'
        f'<p>ประเด็น: {what}</p>'
        f'<p class="gm-cta">{link(url, urls.DIRECTORY, "ทำเนียบกลุ่ม", "md-button md-button--primary")} '
        f'{link(url, urls.MAP, "แผนที่กลุ่มอาสา", "md-button md-button--primary")} '
        f'{link(url, urls.HELP, "ช่วยกลุ่มได้อย่างไร", "md-button")} '
        f'{link(url, urls.STORIES, "จดหมายข่าว", "md-button")} '
        f'{link(url, urls.GUIDE, "คู่มือฉบับพิมพ์", "md-button")}</p></div>'
    )


def _find_groups(provinces: Counter[Area], focus: Counter[str], site: SiteInfo) -> str:
    """The home page's first action: a province and a focus, which open the directory filtered
    (a plain form: the directory's script reads the address), the focus areas as chips, and
    "near me", which sorts the groups by distance in the browser (guidemap.js) from their public
    positions in data/directory.json: the visitor's position never leaves the phone."""
    url = urls.HOME
    labels = site.network.focus
    province_opts = "".join(f'<option value="{h(a.code)}">{h(a.th)}</option>'
                            for a in sorted(provinces, key=lambda a: a.th))
    common = [k for k, _ in focus.most_common()]
    focus_opts = "".join(f'<option value="{h(k)}">{h(labels[k].th)}</option>' for k in common)
    chips = "".join(f"<li>{link(url, urls.focus(k), h(labels[k].th), 'gm-chip')}</li>" for k in common)
    return (
        f'<form class="gm-find" action="{h(urls.rel(url, urls.DIRECTORY))}" method="get" '
        'aria-label="หากลุ่มอาสา">'
        f'<h2 class="gm-find__title">หากลุ่มใกล้คุณ {en("Find groups near you")}</h2>'
        f'<label class="gm-filter">{bi(Label("จังหวัด", "Province"))}<select name="province">'
        f'<option value="">ทุกจังหวัด</option>{province_opts}</select></label>'
        f'<label class="gm-filter">{bi(Label("ประเด็น", "Focus"))}<select name="focus">'
        f'<option value="">ทุกประเด็น</option>{focus_opts}</select></label>'
        f'<button type="submit" class="md-button md-button--primary">ดูกลุ่ม {en("Show")}</button>'
        '<button type="button" class="md-button gm-near" '
        f'data-src="{h(urls.rel(url, urls.DIRECTORY_JSON))}" data-root="{h(urls.rel(url, urls.HOME))}">'
        f'ใกล้ฉัน {en("Near me")}</button></form>'
        '<div class="gm-near__results" aria-live="polite"></div>'
        f'<ul class="gm-chips" aria-label="ประเด็น">{chips}</ul>'
    )


def _latest_stories(data: Dataset, site: SiteInfo) -> str:
    latest = site.published(data.stories)[:LATEST_COUNT]
    if not latest:
        return ""
    return story_list(urls.HOME, latest, {o.id: o for o in data.orgs})


def home_blocks(data: Dataset, site: SiteInfo) -> dict[str, str]:
    """HTML for each marker the home page may hold."""
    orgs = {o.id: o for o in data.orgs}
    return {SUMMARY: one_block(_summary(data, site)), LATEST_STORIES: one_block(_latest_stories(data, site)),
            NEXT_EVENT: one_block(next_event_block(urls.HOME, data.events, orgs, site)),
            VOLUNTEER_NOW: one_block(volunteer_now_block(urls.HOME, data.calls, site))}


def _fill_markers(blocks: dict[str, str], rendered: str) -> str:
    for marker, block in blocks.items():
        if not block:  # nothing to show: the section's heading goes with its marker
            rendered = re.sub(_HEADING + r"\s*" + re.escape(marker), "", rendered, flags=re.S)
        rendered = rendered.replace(marker, block)
    return rendered


# A heading as the site builder renders it (one level, no nested heading), just before a marker.
_HEADING = r"<h([2-6])\b[^>]*>(?:(?!</?h[1-6]\b).)*</h\1>"


def home_page(data: Dataset, site: SiteInfo) -> ContributedPage:
    """The home page keeps its own Markdown and front matter; its markers get the blocks."""
    return ContributedPage(finish=partial(_fill_markers, home_blocks(data, site)))
