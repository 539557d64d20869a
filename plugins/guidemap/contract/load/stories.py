"""Load and validate the stories (``content/stories/**/*.md``): front matter checked against
:data:`~guidemap.contract.model.story.STORY`, the groups it names against the profiles, its
picture beside it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from guidemap.contract import files, mdwork, network, pictures
from guidemap.contract.load.profiles import check_org_id
from guidemap.contract.model.story import MAX_STORY_BYTES, STORY
from guidemap.contract.model.types import Lesson, Story
from guidemap.contract.problems import Problems
from guidemap.contract.spec import Context, markdown_too_complex
from guidemap.contract.yamlsafe import (
    Document,
    decode_reported,
    parse_reported,
    read_bytes,
    relative,
    shown_path,
    split_front_matter,
)

STORIES_DIR = "stories"


def _in_content(path: Path, content_dir: Path) -> str:
    """``path.relative_to(content_dir).as_posix()`` (:func:`relative`: without pathlib's cost)."""
    rel = relative(path, content_dir)
    return path.relative_to(content_dir).as_posix() if rel is None else rel  # raises as it did


def story_files(content_dir: Path) -> list[Path]:
    """Every story file (links and ``index.md`` left out: guidemap.contract.files reports them)."""
    return [p for p in files.regular_files(content_dir / STORIES_DIR)
            if p.suffix == ".md" and p.name != "index.md" and not p.name.startswith(".")]


def _story_text(path: Path, shown: str, problems: Problems) -> str | None:
    """The story's text, if it is small and simple enough for Markdown to render quickly."""
    raw = read_bytes(path, shown, problems)
    if raw is None:
        return None
    if len(raw) > MAX_STORY_BYTES:
        problems.add(shown, 0, "", f"story is larger than {MAX_STORY_BYTES // 1000} KB; split it",
                     f"เรื่องยาวเกิน {MAX_STORY_BYTES // 1000} KB กรุณาแบ่งเป็นหลายเรื่อง")
        return None
    text = decode_reported(raw, shown, problems)
    if text is None:
        return None
    if markdown_too_complex(text):
        problems.add(shown, 0, "", "too many '[' or '<' characters for the story's length: Markdown "
                     "would take too long to render it; remove some or split the story",
                     "มีเครื่องหมาย '[' หรือ '<' มากเกินไป")
        return None
    if (line := mdwork.too_slow(text)) is not None:
        problems.add(shown, line, "", "too many headings, '===' / '---' underlines or '***' lines "
                     "without blank lines between them: Markdown would take too long to render "
                     "the story", "มีหัวข้อหรือเส้นคั่นติดกันมากเกินไปโดยไม่มีบรรทัดว่างคั่น",
                     "put a blank line between them / เว้นบรรทัดว่างระหว่างกัน")
        return None
    return text


def _front_matter(text: str, shown: str, problems: Problems) -> tuple[Document, str, int] | None:
    """The parsed front matter, the body and the line where the body starts."""
    parts = split_front_matter(text)
    if parts is None:
        problems.add(shown, 1, "", "a story must start with front matter between --- lines "
                     "(title: and date: at least)",
                     "เรื่องเล่าต้องขึ้นต้นด้วยส่วนหัวระหว่างบรรทัด --- (อย่างน้อย title: และ date:)")
        return None
    front, body, body_line = parts
    doc = parse_reported(front, shown, problems, first_line=2)
    return (doc, body, body_line) if doc is not None else None


def _story_image(image: str | None, has_alt: bool, folder: Path,
                 ctx: Context) -> pictures.ImageInfo | None:
    """Check the story's picture (a file beside it, with image_alt); its size if raster."""
    info = None
    if image and ("://" in image or image.startswith(("//", "data:"))):
        # A picture from another site is a request from every reader's browser to that site.
        ctx.error(("image",), "image must be a file next to the story, not an address: a picture "
                  "from another site tells that site who reads the story",
                  "image ต้องเป็นไฟล์ที่อยู่ข้างไฟล์เรื่อง ไม่ใช่ที่อยู่เว็บ: รูปจากเว็บอื่นทำให้เว็บนั้นรู้ว่าใครอ่านเรื่องนี้",
                  "put the picture in content/stories/ and write its file name / วางไฟล์รูปใน content/stories/")
    elif image and (".." in image.split("/") or image.startswith("/") or "\\" in image):
        ctx.error(("image",), "image must be a file in the story's folder (no '..', no leading '/')",
                  "image ต้องเป็นไฟล์ในโฟลเดอร์เดียวกับเรื่อง (ห้ามมี '..' หรือขึ้นต้นด้วย '/')")
    elif image and not pictures.is_raster(image):
        ctx.error(("image",), f"image {image} must be a JPEG, PNG or WebP picture",
                  "image ต้องเป็นไฟล์ JPEG, PNG หรือ WebP", files.convert_hint(image))
    elif image and (not (folder / image).is_file() or files.is_link(folder / image)):
        ctx.error(("image",), f"image file {image} does not exist next to the story",
                  f"ไม่พบไฟล์รูป {image}")
    elif image:
        try:
            info = pictures.read_info(folder / image)
        except pictures.ImageProblem as exc:
            ctx.error(("image",), f"image {image}: {exc}", f"อ่านไฟล์รูป {image} ไม่ได้")
    if image and not has_alt:
        ctx.error(("image",), "a story with an image needs image_alt: a short description of "
                  "the picture for people who cannot see it",
                  "เรื่องที่มีรูปต้องมี image_alt: คำบรรยายรูปสั้น ๆ สำหรับผู้ที่มองไม่เห็นรูป")
    return info


def _story(data: dict[str, Any], path: Path, content_dir: Path, body: str,
           image_info: pictures.ImageInfo | None) -> Story:
    rel = _in_content(path, content_dir)
    image = data.get("image")
    return Story(
        slug=rel.removesuffix(".md").removeprefix(f"{STORIES_DIR}/"),
        source=rel,
        title=data["title"],
        date=data["date"],
        body=body,
        summary=data.get("summary"),
        orgs=tuple(data.get("orgs", ())),
        tags=tuple(data.get("tags", ())),
        image=image,
        author=data.get("author"),
        draft=data.get("draft") == "true",
        image_alt=data.get("image_alt"),
        # Re-encoded pictures get their published size in outputs.py.
        image_bytes=(path.parent / image).stat().st_size if image else 0,
        lesson=_lesson(data.get("lesson")),
        image_info=image_info,
    )


def load_story_file(path: Path, content_dir: Path, root: Path, org_ids: set[str] | None,
                    problems: Problems, site: network.Network | None = None) -> Story | None:
    """One story, checked for the network ``site`` (None: the one of the repository at ``root``)."""
    site = site or network.load(root, None, problems)
    shown = shown_path(path, root)
    text = _story_text(path, shown, problems)
    parsed = _front_matter(text, shown, problems) if text is not None else None
    if parsed is None or text is None:
        return None
    doc, body, body_line = parsed
    ctx = Context(shown, doc, problems, site)
    before = len(problems)
    data, _ = STORY.check_fields(doc.data if doc.data is not None else {}, (), ctx)
    for i, org_id in enumerate(data.get("orgs", [])):
        check_org_id(org_id, ("orgs", i), ctx, org_ids)
    files.check_inline_images(body, body_line, path.parent, shown, problems)
    image_info = _story_image(data.get("image"), bool(data.get("image_alt")), path.parent, ctx)
    if len(problems) > before:
        return None
    return _story(data, path, content_dir, body, image_info)


def _lesson(data: dict[str, Any] | None) -> Lesson | None:
    if not data:
        return None
    return Lesson(problem=data.get("problem"), place=data.get("place"), story=data.get("story"),
                  knowledge=tuple(data.get("knowledge", ())),
                  competency=tuple(data.get("competency", ())),
                  strategies=tuple(data.get("strategies", ())))


def load_stories(content_dir: Path, root: Path, org_ids: set[str] | None,
                 problems: Problems, site: network.Network) -> list[Story]:
    stories = []
    # A story's id is its address: its path under stories/ without the suffix.
    for path in files.one_file_per_id(story_files(content_dir), root, problems,
                                      lambda p: _in_content(p, content_dir).removesuffix(p.suffix)):
        story = load_story_file(path, content_dir, root, org_ids, problems, site)
        if story is not None:
            stories.append(story)
    return stories

