"""The "share a story" issue form (``.github/ISSUE_TEMPLATE/share-story.yml``) and
``guidemap story-from-issue``, which turns its body into a draft story in ``content/stories/``.

Groups said they cannot write reports or stories, and a story needs Markdown and Git. The form
asks the questions of the knowledge-record form (แบบบันทึกองค์ความรู้) in plain Thai, one at a
time: what problem, where, what happened, what was learned, what made it work, which ways of
working to pass on; and which groups it names, and a picture with its description and the
consent of the people shown. The answers become a story whose ``lesson:`` holds them, marked
``draft: true`` so that a maintainer reads it before it is published.

As with ``from-issue`` (:mod:`guidemap.tools.forms.issueform`), the body is a stranger's text and is
data only: size limits first, no HTML, each field once, values put in a dict and written with
``yaml.safe_dump``, and the written file read back by the same loader as every story. A picture
is never fetched by the parser: :func:`fetch_picture` (``--fetch-image``) downloads it only from
GitHub's attachment host, checks it, resizes it and strips its metadata before it is written.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from PIL import Image, ImageOps

from guidemap.contract import network
from guidemap.contract.load.stories import STORIES_DIR, load_story_file
from guidemap.contract.model.profile import ID_PATTERN
from guidemap.contract.pictures import MAX_PIXELS, WIDTHS
from guidemap.contract.problems import Problems
from guidemap.contract.vocab import Label
from guidemap.tools.forms import issuebody, writing
from guidemap.tools.forms.writing import form_label

IssueFormError = writing.FormError  # the one error of every converter

FORM_PATH = Path(".github") / "ISSUE_TEMPLATE" / "share-story.yml"
MAX_ANSWER_CHARS = 6_000  # the longest field (lesson.story) allows 6000
MAX_PICTURE_BYTES = 20_000_000


@dataclass(frozen=True)
class Question:
    id: str
    label: Label
    kind: str  # input | textarea | confirm
    target: str  # where the answer goes: a front matter key, lesson.<key>, picture, consent
    required: bool = False
    description: Label | None = None
    placeholder: str = ""
    per_line: bool = False  # one item per line (a list)

    @property
    def heading(self) -> str:
        return form_label(self.label)


QUESTIONS: tuple[Question, ...] = (
    Question("title", Label("ชื่อเรื่อง", "Title"), "input", "title", True,
             Label("สั้น ๆ บอกว่าเรื่องนี้เกี่ยวกับอะไร", "A short title saying what the story is about."),
             "ค่ายเยาวชนเก็บขยะชายหาดบ้านแหลม"),
    Question("orgs", Label("กลุ่มที่อยู่ในเรื่อง", "Groups in the story"), "input", "orgs", False,
             Label("รหัสกลุ่ม (ที่อยู่หน้าเว็บ /orgs/<รหัส>/) คั่นด้วยจุลภาค",
                   "The groups' ids (the page address /orgs/<id>/), separated by commas."),
             "beach-for-life, klum-amin"),
    Question("problem", Label("เรื่องนี้แก้ปัญหาอะไร", "What problem were you working on?"), "textarea",
             "lesson.problem", True, Label("ปัญหาหรือความต้องการที่ทำให้เริ่มทำเรื่องนี้",
                                           "The problem or need that started it.")),
    Question("place", Label("เกิดขึ้นที่ไหน", "Where did it happen?"), "input", "lesson.place", True,
             Label("หมู่บ้าน ตำบล อำเภอ หรือจังหวัด (ไม่ต้องบอกบ้านเลขที่)",
                   "Village, subdistrict, district or province (no house address)."),
             "ชายหาดบ้านแหลม อำเภอเมือง จังหวัดปัตตานี"),
    Question("story", Label("เกิดอะไรขึ้น เล่าตามลำดับ", "What happened?"), "textarea", "lesson.story",
             True, Label("เล่าเหมือนเล่าให้เพื่อนฟัง ใครทำอะไร เมื่อไร ผลเป็นอย่างไร",
                         "Tell it as you would to a friend: who did what, when, and what came of it.")),
    Question("knowledge", Label("ได้เรียนรู้อะไร", "What did you learn?"), "textarea", "lesson.knowledge",
             False, Label("ข้อละบรรทัด", "One per line."), per_line=True),
    Question("competency", Label("อะไรทำให้สำเร็จ", "What made it work?"), "textarea", "lesson.competency",
             False, Label("ความสามารถหรือจุดแข็งของกลุ่ม ข้อละบรรทัด",
                          "The group's strengths that made it work, one per line."), per_line=True),
    Question("strategies", Label("วิธีทำงานที่อยากบอกกลุ่มอื่น", "Ways of working to pass on"),
             "textarea", "lesson.strategies", False, Label("ข้อละบรรทัด", "One per line."), per_line=True),
    Question("summary", Label("สรุปหนึ่งประโยค", "One-sentence summary"), "input", "summary", False,
             Label("ขึ้นในรายการเรื่องเล่าและในฟีด ไม่เกิน 400 ตัวอักษร",
                   "Shown in the story list and the feeds; at most 400 characters.")),
    Question("author", Label("ผู้เล่า", "Told by"), "input", "author", False,
             Label("ชื่อกลุ่มหรือนามปากกา ไม่ต้องใส่ชื่อจริงของใคร",
                   "The group's name or a pen name; no one's real name is needed.")),
    Question("picture", Label("รูปประกอบ (ถ้ามี)", "Picture (if any)"), "textarea", "picture", False,
             Label("ลากไฟล์รูปหนึ่งรูปมาวางในช่องนี้ ห้ามใช้รูปที่เห็นหน้าเด็กหรือบ้านของใครชัด ๆ "
                   "ถ้าไม่ได้รับอนุญาต", "Drag one picture here. No clear faces of children or "
                   "anyone's home without their consent.")),
    Question("image_alt", Label("รูปนี้เป็นภาพอะไร", "Describe the picture"), "input", "image_alt", False,
             Label("สำหรับผู้ที่มองไม่เห็นรูป (ต้องกรอกเมื่อมีรูป)",
                   "For people who cannot see it (required with a picture).")),
    Question("consent", Label("ยืนยัน", "Confirm"), "confirm", "consent", True),
)
CONSENTS = (
    Label("เรื่องนี้เผยแพร่ได้ ไม่มีข้อมูลที่ทำให้ใครเดือดร้อนหรือตกอยู่ในอันตราย",
          "This story can be published: nothing in it puts anyone at risk"),
    Label("คนที่อยู่ในรูปยินยอมให้เผยแพร่รูป (หรือไม่มีรูป)",
          "The people in the picture agreed to its publication (or there is no picture)"),
)
_BY_ID = {q.id: q for q in QUESTIONS}


# What GitHub writes for a dropped picture: Markdown, or an <img> tag.
_PICTURE = re.compile(r'!\[[^\]\n]*\]\(\s*(\S+?)\s*\)|<img\s[^>\n]*?\bsrc="([^"\s]+)"[^>\n]*>')


@dataclass(frozen=True)
class IssueStory:
    slug: str
    text: str  # the story file, ready to write
    picture_url: str | None  # the attachment, to fetch with --fetch-image


def _split(body: str) -> tuple[dict[str, str], list[str]]:
    return issuebody.split(body, {issuebody.norm(q.heading): (q.id, q.heading) for q in QUESTIONS},
                           "this is not the body of the 'share a story' form / "
                           "ข้อความนี้ไม่ใช่แบบฟอร์มเล่าเรื่องของกลุ่ม")


def _consents(text: str, problems: list[str], heading: str) -> list[bool]:
    ticks = []
    for line in text.split("\n"):
        if line.strip():
            m = issuebody.CHECKBOX.fullmatch(line.strip())
            if m is None:
                problems.append(f"{heading}: unexpected line {line.strip()[:60]!r} / มีบรรทัดที่ไม่ใช่ช่องให้ติ๊ก")
                continue
            ticks.append(m[1] != " ")
    return ticks


def _lines(text: str) -> list[str]:
    return [t for line in text.split("\n") if (t := line.strip().lstrip("-*•0123456789.) ").strip())]


def answers_to_front_matter(answers: dict[str, str], today: dt.date) -> tuple[dict[str, Any], str | None,
                                                                          list[str]]:
    """The story's front matter (every value text or a list of text, as the strict reader gives
    it), the picture's address, and the problems."""
    problems: list[str] = []
    data: dict[str, Any] = {"title": None, "date": today.isoformat()}
    lesson: dict[str, Any] = {}
    picture: str | None = None
    for q in QUESTIONS:
        text = answers.get(q.id, "")
        # Pictures and ticks too: an address is printed to the maintainer's terminal.
        if refused := (issuebody.too_long(q.heading, text, MAX_ANSWER_CHARS)
                       or issuebody.control_problem(q.heading, text)):
            problems.append(refused)
            continue
        if q.kind == "confirm":
            ticks = _consents(text, problems, q.heading)
            if len(ticks) != len(CONSENTS) or not all(ticks):
                problems.append(f"{q.heading}: both confirmations must be ticked / ต้องติ๊กยืนยันทั้งสองข้อ")
            continue
        if q.id == "picture":
            found = _PICTURE.findall(text)
            rest = _PICTURE.sub("", text).strip()
            if len(found) > 1:
                problems.append(f"{q.heading}: one picture only / ใส่รูปได้รูปเดียว")
            elif rest or (text and not found):
                problems.append(f"{q.heading}: only a dropped picture goes here / ช่องนี้ใส่ได้เฉพาะรูป")
            elif found:
                picture = found[0][0] or found[0][1]
            continue
        problem = issuebody.answer_problem(q.heading, text, MAX_ANSWER_CHARS, q.required, q.kind == "input")
        if problem:
            problems.append(problem)
        if problem or not text:
            continue
        value: Any = _lines(text) if q.per_line else text
        if q.id == "orgs":
            value = [t.strip() for t in re.split(r"[,\s]+", text) if t.strip()]
        if q.target.startswith("lesson."):
            lesson[q.target.removeprefix("lesson.")] = value
        else:
            data[q.target] = value
    if picture and not data.get("image_alt"):
        problems.append(f"{_BY_ID['image_alt'].heading}: required with a picture / ต้องบรรยายรูปเมื่อมีรูป")
    if lesson:
        data["lesson"] = lesson
    data["draft"] = "true"
    return {k: v for k, v in data.items() if v is not None}, picture, problems


def slug_for(title: str, orgs: list[str], today: dt.date, hint: str | None = None) -> str:
    """``<date>-<words>``: the given hint, the title's Latin words, the first group, or story."""
    latin = "-".join(re.findall(r"[a-z0-9]+", title.lower())[:6])
    if not re.search(r"[a-z]{3}", latin):  # a Thai title ("#1" alone names nothing)
        latin = ""
    words = hint or latin or (orgs[0] if orgs else "story")
    words = "-".join(re.findall(r"[a-z0-9]+", words.lower()))[:60].strip("-") or "story"
    return f"{today.isoformat()}-{words}"


def story_text(front: dict[str, Any]) -> str:
    """The story file: its front matter (the answers) and no body (the lesson holds the story)."""
    order = ["title", "date", "summary", "orgs", "author", "image", "image_alt", "draft", "lesson"]
    ordered = {k: front[k] for k in order if k in front}
    return f"---\n{writing.dump_yaml(ordered)}---\n"


def story_from_issue(body: str, root: Path, today: dt.date | None = None, slug: str | None = None,
                     picture: tuple[str, bytes] | None = None,
                     site: network.Network | None = None) -> IssueStory:
    """Validate an issue body and return the draft story; raises IssueFormError.

    ``picture``: (file extension, bytes) of the fetched, cleaned picture (see
    :func:`fetch_picture`), stored beside the story as ``<slug>.<ext>``; ``site``: the network
    (None: the one of the repository at ``root``)."""
    if refused := issuebody.body_problem(body):
        raise IssueFormError([refused])
    answers, problems = _split(body)
    if problems and not answers:
        raise IssueFormError(problems)
    day = today or dt.date.today()
    front, picture_url, more = answers_to_front_matter(answers, day)
    problems += more
    if slug is not None and not re.fullmatch(ID_PATTERN, slug):
        problems.append(f"--slug {slug[:60]!r}: lowercase letters, digits and hyphens / ใช้ a-z 0-9 และ -")
    if problems:
        raise IssueFormError(problems)
    name = slug_for(str(front["title"]), list(front.get("orgs", [])), day, slug)
    if picture is not None:
        front["image"] = f"{name}.{picture[0]}"
    else:  # the description waits for its picture (fetched with --fetch-image)
        front.pop("image_alt", None)
    text = story_text(front)
    # The same loader as every story: ids of the repository's groups, the picture beside it.
    with tempfile.TemporaryDirectory() as tmp:
        stories = Path(tmp, "content", STORIES_DIR)
        stories.mkdir(parents=True)
        trial = stories / f"{name}.md"
        trial.write_text(text, encoding="utf-8")
        if picture is not None:
            (stories / front["image"]).write_bytes(picture[1])
        known = {p.stem for p in (root / "orgs").glob("*.yml") if not p.name.startswith("_")}
        found = Problems()
        load_story_file(trial, Path(tmp, "content"), Path(tmp), known, found,
                        site or network.load(root))
        if found:
            raise IssueFormError([f"{_question_of(p.field)} [{p.field or 'story'}]: {p.en} / {p.th}"
                                  + (f" → {p.hint}" if p.hint else "") for p in found.sorted()])
    return IssueStory(name, text, picture_url)


def _question_of(field: str) -> str:
    base = field.split("[", 1)[0]
    for q in QUESTIONS:
        if q.target == base or (base == "image" and q.id == "picture"):
            return q.heading
    return field or "story"


def write_story(story: IssueStory, root: Path, picture: tuple[str, bytes] | None = None) -> Path:
    """Write ``content/stories/<slug>.md`` (and its picture); never over an existing file."""
    files: dict[str, str | bytes] = {f"{story.slug}.md": story.text}
    if picture is not None:
        files[f"{story.slug}.{picture[0]}"] = picture[1]
    written = writing.write_files(root, f"content/{STORIES_DIR}", files,
                          exists="; choose another --slug / มีไฟล์นี้อยู่แล้ว ให้ใช้ --slug อื่น")
    return written[0]


# --- the picture ------------------------------------------------------------------------------

# GitHub's attachment host, and where it redirects a download to.
ATTACHMENT_HOSTS = ("github.com", "user-images.githubusercontent.com",
                    "private-user-images.githubusercontent.com", "objects.githubusercontent.com")
_SAVE: dict[str, tuple[str, dict[str, Any]]] = {
    "JPEG": ("jpg", {"quality": 85, "optimize": True, "progressive": True}),
    "PNG": ("png", {"optimize": True}), "WEBP": ("webp", {"quality": 85, "method": 6})}


def is_attachment(url: str) -> bool:
    """An https address of a picture attached to a GitHub issue, and nothing else."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    if parts.scheme != "https" or parts.username or parts.password or parts.port not in (None, 443):
        return False
    host = (parts.hostname or "").lower()
    if host == "github.com":
        return parts.path.startswith("/user-attachments/assets/")
    return host in ATTACHMENT_HOSTS


class _Redirects(urllib.request.HTTPRedirectHandler):
    def __init__(self, allowed: Callable[[str], bool]) -> None:
        self.allowed = allowed

    def redirect_request(self, req: Any, fp: Any, code: int, msg: str, headers: Any,
                         newurl: str) -> urllib.request.Request | None:
        if not self.allowed(newurl):
            raise IssueFormError([f"the picture's address redirects off GitHub ({newurl[:80]!r}) /"
                                  " ที่อยู่รูปพาไปนอก GitHub"])
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch_picture(url: str, allowed: Callable[[str], bool] = is_attachment,
                  timeout: float = 30.0) -> tuple[str, bytes]:
    """Download the attached picture (only from an address ``allowed`` accepts, redirects
    too), check it is a picture Pillow can safely decode, and return (extension, bytes) of a
    copy turned upright, at most the site's largest width, without metadata (GPS, EXIF).

    ``timeout`` is one deadline for the whole download (connecting, redirects, headers and
    body): a socket's timeout bounds each read only, so a server sending a byte now and then
    would hold the command for ever."""
    if not allowed(url):
        raise IssueFormError([f"not a picture attached to the issue: {url[:80]!r} (only "
                              "https://github.com/user-attachments/…) / ไม่ใช่รูปที่แนบใน issue"])
    deadline = time.monotonic() + timeout
    outcome: list[bytes | BaseException] = []

    def download() -> None:
        try:
            outcome.append(_download(url, allowed, timeout, deadline))
        except BaseException as exc:  # handed to the waiting thread
            outcome.append(exc)

    # The download runs beside, so the wait can end at the deadline whatever the server does
    # (a daemon thread: a download left behind ends with the command).
    worker = threading.Thread(target=download, name="guidemap-picture", daemon=True)
    worker.start()
    worker.join(timeout)
    if not outcome:
        raise IssueFormError([f"the picture did not download within {timeout:g} s / ดาวน์โหลดรูปไม่ทันเวลา"])
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    return clean_picture(outcome[0])


def _download(url: str, allowed: Callable[[str], bool], timeout: float, deadline: float) -> bytes:
    """The picture's bytes, read as they come (``read1``) so the deadline is checked between
    reads; at most :data:`MAX_PICTURE_BYTES`."""
    opener = urllib.request.build_opener(_Redirects(allowed))
    chunks: list[bytes] = []
    size = 0
    try:
        with opener.open(urllib.request.Request(url, headers={"User-Agent": "guidemap"}),
                         timeout=timeout) as response:
            while size <= MAX_PICTURE_BYTES:
                if time.monotonic() > deadline:
                    raise IssueFormError([f"the picture did not download within {timeout:g} s / "
                                          "ดาวน์โหลดรูปไม่ทันเวลา"])
                chunk = response.read1(MAX_PICTURE_BYTES + 1 - size)
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
    except OSError as exc:
        raise IssueFormError([f"cannot download the picture: {exc} / ดาวน์โหลดรูปไม่ได้"]) from exc
    if size > MAX_PICTURE_BYTES:
        raise IssueFormError([f"the picture is larger than {MAX_PICTURE_BYTES // 1_000_000} MB / รูปใหญ่เกินไป"])
    return b"".join(chunks)


def clean_picture(data: bytes) -> tuple[str, bytes]:
    try:
        with Image.open(io.BytesIO(data)) as im:
            kind = im.format or ""
            if kind not in _SAVE:
                raise IssueFormError([f"not a JPEG, PNG or WebP picture ({kind or 'unknown'}) /"
                                      " ไม่ใช่ไฟล์รูป JPEG PNG หรือ WebP"])
            if im.width * im.height > MAX_PIXELS:
                raise IssueFormError(["the picture has too many pixels to decode safely / รูปใหญ่เกินไป"])
            picture = ImageOps.exif_transpose(im)
            alpha = picture.mode in ("RGBA", "LA", "PA") or "transparency" in picture.info
            picture = picture.convert("RGBA" if alpha and kind != "JPEG" else "RGB")
            if picture.width > WIDTHS[-1]:
                height = max(1, round(picture.height * WIDTHS[-1] / picture.width))
                picture = picture.resize((WIDTHS[-1], height), Image.Resampling.LANCZOS)
            ext, options = _SAVE[kind]
            out = io.BytesIO()
            picture.save(out, kind, **options)  # no exif=, icc_profile=: nothing carried over
    except (OSError, Image.DecompressionBombError, ValueError) as exc:
        raise IssueFormError([f"the picture cannot be read: {exc} / อ่านไฟล์รูปไม่ได้"]) from exc
    return ext, out.getvalue()


# --- the issue form's file --------------------------------------------------------------------

NAME = Label("เล่าเรื่องของกลุ่ม", "Share a story")
DESCRIPTION = Label("เล่าเรื่องงานของกลุ่มตามแบบบันทึกองค์ความรู้ ไม่ต้องใช้ Git",
                    "Tell a story of your work, question by question; no Git needed.")
TITLE = "[เรื่องเล่า / story] "
LABELS = ("story",)  # what the form labels its issues with (approve-issue reads it back)
HEADER = """\
# Issue form: "share a story". GENERATED from plugins/guidemap/tools/forms/storyform.py by
# `guidemap forms --write`: edit that, not this file. `guidemap story-from-issue` reads it back.
"""
INTRO = (
    "เล่าเรื่องงานของกลุ่มได้โดยไม่ต้องเขียนโค้ด ตอบทีละคำถามด้วยภาษาของคุณเอง "
    "ทีมงานจะเรียบเรียงเป็นเรื่องเล่าบนเว็บ (ฉบับร่าง) และถามกลับถ้ามีอะไรไม่ชัด",
    "",
    "**ทุกอย่างที่กรอกเป็นข้อมูลสาธารณะ** ห้ามใส่ชื่อจริง เบอร์โทร หรือที่อยู่ของใคร",
    "",
    "Tell the story of your group's work without any code: answer one question at a time, in your",
    "own words. Maintainers turn it into a draft story on the site. **Everything here is public.**",
)


def form_text() -> str:
    lines = writing.form_head(NAME, DESCRIPTION, TITLE, LABELS, INTRO)
    for q in QUESTIONS:
        lines += (writing.form_confirmations(q.id, q.heading, CONSENTS) if q.kind == "confirm" else
                  writing.form_element(q.kind, q.id, q.heading, q.description, q.placeholder,
                                       required=q.required))
    return HEADER + "\n".join(lines) + "\n"
