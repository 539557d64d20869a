"""The newsletter on the site: each contributed story's page, its lessons-learned record, and
the archive of every published story by month, in numbered pages."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from functools import partial

from guidemap.contract import thai
from guidemap.contract.model.types import Dataset, Org, Story
from guidemap.contract.thai import thai_date
from guidemap.contract.vocab import Label
from guidemap.outputs.html import share
from guidemap.outputs.html.head import page_head, story_head
from guidemap.outputs.html.htmlkit import h, markdown_to_safe_html, one_block, sanitize
from guidemap.outputs.html.markup import bi, en, link
from guidemap.outputs.pages import paging
from guidemap.outputs.pages.common import story_groups, story_image_html, story_list
from guidemap.outputs.site import urls
from guidemap.outputs.site.types import ContributedPage, GeneratedPage, SiteInfo

LESSON_SECTIONS = (
    ("problem", Label("เป็นการแก้ปัญหาเกี่ยวกับ", "The problem")),
    ("place", Label("สถานที่เกิดเหตุการณ์", "Where")),
    ("story", Label("เนื้อเรื่อง", "What happened")),
    ("knowledge", Label("ขุมความรู้", "Knowledge assets")),
    ("competency", Label("แก่นความรู้", "Core competency")),
    ("strategies", Label("กลยุทธ์ในการทำงาน", "Working strategies")),
)


def lesson_html(story: Story) -> str:
    """A lessons-learned record as sections, in the order of the knowledge-record form.
    ``story`` is Markdown (rendered and sanitized here); the other fields are plain text.
    The feeds carry it too."""
    lesson = story.lesson
    if lesson is None:
        return ""
    sections = []
    for key, label in LESSON_SECTIONS:
        value = getattr(lesson, key)
        if not value:
            continue
        if key == "story":
            body = markdown_to_safe_html(value)
        elif isinstance(value, tuple):
            body = "<ol>" + "".join(f"<li>{h(item)}</li>" for item in value) + "</ol>"
        else:
            body = "".join(f"<p>{h(line)}</p>" for line in value.split("\n\n") if line.strip())
        sections.append(f'<section class="gm-lesson__{key}"><h2>{bi(label)}</h2>{body}</section>')
    if not sections:
        return ""
    # A section named by its visible heading line (an aria-label on a plain div names nothing).
    return ('<section class="gm-lesson" aria-labelledby="gm-lesson-kind">'
            f'<p class="gm-lesson__kind" id="gm-lesson-kind">บันทึกองค์ความรู้ {en("Lessons learned")}</p>'
            f'{"".join(sections)}</section>')


def story_page_html(story: Story, body_html: str, orgs: dict[str, Org], share_html: str = "") -> str:
    """A story page: title, Thai date, author, the groups it names (linked), the sanitized body,
    its lessons-learned record and its share buttons."""
    url = urls.story(story)
    meta = [f'<time datetime="{story.date.isoformat()}">{h(thai_date(story.date))}</time>']
    if story.author:
        meta.append(f"โดย {h(story.author)}")
    tags = "".join(f'<li><span class="gm-badge">{h(t)}</span></li>' for t in story.tags)
    tag_list = f'<ul class="gm-badges" aria-label="tags">{tags}</ul>' if tags else ""
    image = story_image_html(url, story, "gm-story__image")
    figure = f'<figure class="gm-story__figure">{image}</figure>' if image else ""
    return (f'<h1>{h(story.title)}</h1><p class="gm-story__meta">{" · ".join(meta)}</p>'
            f'{story_groups(url, story, orgs)}{tag_list}{figure}{body_html}{lesson_html(story)}{share_html}'
            f'<p class="gm-story__back">{link(url, urls.STORIES, "← จดหมายข่าว")}</p>')


def _finish_story(story: Story, orgs: dict[str, Org], share_html: str, rendered: str) -> str:
    # The site builder rendered the contributor's Markdown as is: sanitize it before use.
    return story_page_html(story, sanitize(rendered), orgs, share_html)


def story_pages(data: Dataset, site: SiteInfo) -> dict[str, ContributedPage]:
    """Each published story's page, by its file in the docs folder (the others are withheld)."""
    orgs = {o.id: o for o in data.orgs}
    return {s.source: ContributedPage(finish=partial(_finish_story, s, orgs, share.share_block(
                                          urls.absolute(site.url, urls.story(s)), s.title)),
                                      title=s.title,
                                      description=s.summary or "", head=story_head(s, site),
                                      author=s.author)
            for s in data.stories if site.is_published(s)}


def withheld_stories(data: Dataset, site: SiteInfo) -> set[str]:
    """The docs-folder files of stories kept back (drafts, future dates): not published at all."""
    return {s.source for s in data.stories if not site.is_published(s)}


def _subscribe_links(url: str) -> str:
    return (f'<p class="gm-subscribe">{link(url, urls.SUBSCRIBE, "ติดตามจดหมายข่าว", "md-button")} '
            f'อ่านเรื่องใหม่ได้ในแอปอ่านฟีด (RSS) โดยไม่ต้องคอยเปิดเว็บ '
            f'{link(url, urls.feed_page(urls.FEED_RSS), "ฟีด RSS")}</p>')


def _editions(url: str, latest: Sequence[tuple[str, str]]) -> str:
    """The newsletter's latest numbered editions (outputs/editions/), and all of them."""
    if not latest:
        return ""
    items = "".join(f"<li>{link(url, page, h(title))}</li>" for page, title in latest)
    return (f'<section class="gm-editions-latest"><h2>จดหมายข่าวรายฉบับ {en("Issues")}</h2>'
            f"<ul>{items}</ul><p>{link(url, urls.NEWSLETTER, 'ทุกฉบับ ' + en('Every issue'))}</p></section>")


def stories_pages(data: Dataset, site: SiteInfo,
                  editions: Sequence[tuple[str, str]] = ()) -> list[GeneratedPage]:
    """The archive: every published story, newest first, by year (Buddhist Era) and month,
    ``paging.STORIES_PER_PAGE`` to a page (each page starts with its first story's year).
    ``editions``: the latest numbered editions (page, title), newest first, on its first page."""
    orgs = {o.id: o for o in data.orgs}

    def make(page: paging.Page[Story]) -> GeneratedPage:
        url = page.url
        months: dict[tuple[int, int], list[Story]] = defaultdict(list)
        for s in page.items:
            months[(s.date.year, s.date.month)].append(s)
        parts = ['<p>เรื่องเล่าและข่าวจากเครือข่ายอาสาสมัคร เรียงจากใหม่ไปเก่า</p>']
        if site.has_feeds:
            parts.append(_subscribe_links(url))
        if page.number == 1:
            parts.append(_editions(url, editions))
        parts.append(page.status())
        year = None
        for (y, m), items in months.items():
            if y != year:
                parts.append(f"<h2>พ.ศ. {y + thai.BE_OFFSET}</h2>")
                year = y
            parts.append(f"<h3>{h(thai.thai_month_year(y, m))}</h3>")
            parts.append(story_list(url, items, orgs))
        if not months:
            parts.append("<p>ยังไม่มีเรื่องเล่า</p>")
        parts.append(page.nav())
        title = page.title("จดหมายข่าว")
        return GeneratedPage(url, title, "เรื่องเล่าจากเครือข่ายอาสาสมัคร", one_block("".join(parts)),
                             page_head(site, url, title) + page.head(), searchable=False)

    return paging.paginate(urls.STORIES, site.published(data.stories), paging.STORIES_PER_PAGE, make)
