"""Which form made an issue, and that form's own converter writing its file: ``from-issue``'s
for a profile, ``story-from-issue``'s for a story (its picture through the safe fetcher),
``dated-from-issue``'s for a call or an event. Nothing here validates on its own: a refusal is
the converter's :class:`~guidemap.tools.forms.writing.FormError`, with the validator's messages.

An existing profile, call or event is replaced (an update: the pull request shows the
difference); a story is always a new file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from guidemap.contract.load.stories import STORIES_DIR
from guidemap.contract.network import Network
from guidemap.contract.yamlsafe import YamlProblem, parse
from guidemap.tools.approve.event import IssueEvent
from guidemap.tools.forms import dated_form, formfile, issueform, storyform
from guidemap.tools.forms.writing import FormError

Fetch = Callable[[str], tuple[str, bytes]]  # a picture's address → (extension, cleaned bytes)

# The label each form puts on its issues, and the start of the title it suggests.
KINDS: dict[str, tuple[str, str]] = {
    "profile": (formfile.LABELS[0], formfile.TITLE),
    "story": (storyform.LABELS[0], storyform.TITLE),
    **{kind: (form.label, form.title) for kind, form in dated_form.FORMS.items()},
}

NOT_A_FORM = ("ไม่พบว่า issue นี้มาจากแบบฟอร์มใด (ป้าย profile, story, call หรือ event) ทีมงานติดป้ายของแบบฟอร์ม"
              "ให้ถูกแล้วติดป้ายอนุมัติอีกครั้ง / this issue was not made from one of the forms (no profile, "
              "story, call or event label): give it its form's label, then approve it again")
SEVERAL_FORMS = ("issue นี้มีป้ายของแบบฟอร์มมากกว่าหนึ่งแบบ ({found}) ให้เหลือป้ายเดียว / this issue has the "
                 "labels of several forms ({found}): keep one")


@dataclass(frozen=True)
class Written:
    """What a converter wrote: its kind, the entry's id (a story's slug), the files (relative to
    the repository, the entry's first), whether it replaced a file, and the fields the replaced
    file had that the new one has not (the form cannot keep what it does not ask)."""

    kind: str
    id: str
    paths: tuple[str, ...]
    update: bool = False
    dropped: tuple[str, ...] = ()


def kind_of(event: IssueEvent) -> str:
    """The form that made the issue: by the label the form gives, else by its title's start."""
    found = [kind for kind, (label, _) in KINDS.items() if label in event.labels]
    if len(found) > 1:
        raise FormError([SEVERAL_FORMS.format(found=", ".join(found))])
    if found:
        return found[0]
    for kind, (_, title) in KINDS.items():
        if event.title.startswith(title.strip()):
            return kind
    raise FormError([NOT_A_FORM])


def _fields(data: Any, prefix: str = "") -> set[str]:
    """The dotted names of a file's fields (lists count as one field)."""
    if not isinstance(data, dict):
        return {prefix} if prefix else set()
    out: set[str] = set()
    for key, value in data.items():
        out |= _fields(value, f"{prefix}.{key}" if prefix else str(key))
    return out


def _data(text: str) -> Any:
    try:
        return parse(text).data
    except YamlProblem:
        return None


def _replacing(path: Path, text: str) -> tuple[bool, tuple[str, ...]]:
    """Whether ``path`` exists, and the fields it has that ``text`` has not. Refused: a file
    the form would leave as it is (nothing to propose). A symbolic link is never read (what it
    points at would reach the pull request): the writer refuses it."""
    if path.is_symlink() or not path.is_file():
        return False, ()
    old = path.read_text(encoding="utf-8", errors="replace")
    if old == text:
        raise FormError([f"{path.parent.name}/{path.name}: ไม่มีอะไรเปลี่ยน ข้อมูลในแบบฟอร์มตรงกับไฟล์ที่มีอยู่แล้ว / "
                         "nothing to change: the form gives the file as it is"])
    return True, tuple(sorted(_fields(_data(old)) - _fields(_data(text))))


def _profile(event: IssueEvent, root: Path, today: dt.date, site: Network, fetch: Fetch) -> Written:
    profile = issueform.profile_from_issue(event.body, root / "orgs", today, site)
    target = root / "orgs" / f"{profile.id}.yml"
    update, dropped = _replacing(target, profile.text)
    issueform.write_profile(profile, root / "orgs", update=update)
    return Written("profile", profile.id, (f"orgs/{profile.id}.yml",), update, dropped)


def _story(event: IssueEvent, root: Path, today: dt.date, site: Network, fetch: Fetch) -> Written:
    story = storyform.story_from_issue(event.body, root, today, site=site)
    folder = root / "content" / STORIES_DIR
    slug = None
    if (folder / f"{story.slug}.md").exists():  # another story of the day: the issue's number tells
        slug = f"{story.slug.removeprefix(today.isoformat() + '-')}-{event.number}"
    picture = fetch(story.picture_url) if story.picture_url else None
    if picture is not None or slug is not None:
        story = storyform.story_from_issue(event.body, root, today, slug, picture, site)
    storyform.write_story(story, root, picture)
    paths = [f"content/{STORIES_DIR}/{story.slug}.md"]
    if picture is not None:
        paths.append(f"content/{STORIES_DIR}/{story.slug}.{picture[0]}")
    return Written("story", story.slug, tuple(paths))


def _dated(kind: str) -> Callable[[IssueEvent, Path, dt.date, Network, Fetch], Written]:
    def convert(event: IssueEvent, root: Path, today: dt.date, site: Network, fetch: Fetch) -> Written:
        entry = dated_form.entry_from_issue(kind, event.body, root, today)
        update, dropped = _replacing(root / entry.folder / f"{entry.id}.yml", entry.text)
        dated_form.write_entry(entry, root, update=update)
        return Written(kind, entry.id, (f"{entry.folder}/{entry.id}.yml",), update, dropped)

    return convert


CONVERTERS: dict[str, Callable[[IssueEvent, Path, dt.date, Network, Fetch], Written]] = {
    "profile": _profile, "story": _story, "call": _dated("call"), "event": _dated("event")}


def convert(event: IssueEvent, root: Path, today: dt.date, site: Network,
            fetch: Fetch = storyform.fetch_picture) -> Written:
    """Write the file of the issue's form into the repository at ``root``; raises
    :class:`FormError` with every problem, nothing written."""
    return CONVERTERS[kind_of(event)](event, root, today, site, fetch)
