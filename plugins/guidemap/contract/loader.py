"""Load and validate every profile and story of a repository, collecting all problems.

One validator serves the CLI, the MkDocs plugin and the pull-request check. A file with a
problem is always reported; the build refuses to publish rather than drop it in silence.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from guidemap.contract import gazetteer, network, pictures
from guidemap.contract.dated_loader import load_dated
from guidemap.contract.location import coarsen
from guidemap.contract.model import (
    Area,
    Coarsened,
    Dataset,
    EqualsFileName,
    FileUnderOrgs,
    InGazetteer,
    Lesson,
    LText,
    Org,
    ProfileField,
    Requires,
    Story,
    children,
    top_level,
)
from guidemap.contract.problems import Problems, did_you_mean
from guidemap.contract.schema import MAX_STORY_BYTES, ORG, STORY
from guidemap.contract.spec import Context, ListOf, Localized, markdown_too_complex
from guidemap.contract.vocab import DEFAULT_PRECISION
from guidemap.contract.yamlsafe import Document, YamlProblem, decode, parse, split_front_matter

TEMPLATE_NAME = "_template.yml"
PROFILE_SUFFIXES = (".yml", ".yaml")
STORIES_DIR = "stories"
# Files that may sit in orgs/ beside the profiles without being profiles.
_ORGS_DIR_EXTRAS = {TEMPLATE_NAME, "README.md"}
_ORGS_DIR_SUBDIRS = {"logos"}


@dataclass
class LoadResult:
    dataset: Dataset
    problems: Problems = field(default_factory=Problems)


def _rel(path: Path, root: Path) -> str:
    # Plain string work first: resolve() costs a system call per path component.
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        pass
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _read_yaml(path: Path, shown: str, problems: Problems) -> Document | None:
    try:
        doc = parse(decode(path.read_bytes()))
        for w in doc.warnings:
            problems.add(shown, w.line, "", w.en, w.th)
        return doc
    except YamlProblem as exc:
        problems.add(shown, exc.line, "", exc.en, exc.th)
    except OSError as exc:
        problems.add(shown, 0, "", f"cannot read the file: {exc.strerror}", "อ่านไฟล์ไม่ได้")
    return None


# --- a profile: cross-field rules, then the model built from the declarations ------------------


@dataclass
class _Built:
    """What the cross-field rules resolved: model attributes the values alone cannot give."""

    values: dict[str, Any] = field(default_factory=dict)
    ok: bool = True


def _equals_file_name(f: ProfileField, data: dict[str, Any], ctx: Context, stem: str,
                      built: _Built) -> None:
    value = data.get(f.name)
    if value and value != stem:
        ctx.error((f.name,), f"{f.name} {value!r} must equal the file name {stem!r}",
                  f"{f.name} {value!r} ต้องตรงกับชื่อไฟล์ {stem!r}",
                  f"rename the file to {value}.yml or write {f.name}: {stem}")
        built.ok = False


def _in_gazetteer(f: ProfileField, rule: InGazetteer, data: dict[str, Any], ctx: Context,
                  built: _Built) -> None:
    place = gazetteer.resolve(data.get(f.name), data.get(rule.district))
    for problem in place.problems:
        ctx.error((problem.field,), problem.en, problem.th, problem.hint)
        built.ok = False
    if place.province is None:
        built.ok = False  # also when missing: the required-field problem is already reported
        return
    p, d = place.province, place.district
    built.values[f.name] = Area(p.code, p.name_th, p.name_en)
    built.values[rule.district] = Area(d.code, d.name_th, d.name_en) if d else None


def _coarsened(f: ProfileField, data: dict[str, Any], built: _Built) -> None:
    loc = data.get(f.name)
    if loc and "lat" in loc and "lon" in loc:
        built.values[f.name] = coarsen(loc["lat"], loc["lon"], loc.get("precision", DEFAULT_PRECISION))


def _file_under_orgs(f: ProfileField, data: dict[str, Any], ctx: Context, orgs_dir: Path,
                     built: _Built) -> None:
    name = data.get(f.name)
    if not name:
        return
    if ".." in name.split("/") or not (orgs_dir / name).is_file():
        ctx.error((f.name,), f"{f.name} file orgs/{name} does not exist", f"ไม่พบไฟล์โลโก้ orgs/{name}")
        built.ok = False
    elif pictures.is_raster(name):
        try:
            built.values[f"{f.name}_info"] = pictures.read_info(orgs_dir / name, pictures.LOGO_WIDTHS)
        except pictures.ImageProblem as exc:
            ctx.error((f.name,), f"{f.name} orgs/{name}: {exc}", f"อ่านไฟล์โลโก้ orgs/{name} ไม่ได้")
            built.ok = False


def _requires(f: ProfileField, rule: Requires, data: dict[str, Any], ctx: Context,
              built: _Built) -> None:
    if data.get(f.name) and not data.get(rule.other):
        ctx.error((f.name,), rule.message.en, rule.message.th)
        built.ok = False


def apply_rules(data: dict[str, Any], ctx: Context, stem: str, orgs_dir: Path) -> _Built:
    """The cross-field rules declared on the profile's fields, in declaration order."""
    built = _Built()
    for f in top_level():
        for rule in f.rules:
            if isinstance(rule, EqualsFileName):
                _equals_file_name(f, data, ctx, stem, built)
            elif isinstance(rule, InGazetteer):
                _in_gazetteer(f, rule, data, ctx, built)
            elif isinstance(rule, Coarsened):
                _coarsened(f, data, built)
            elif isinstance(rule, FileUnderOrgs):
                _file_under_orgs(f, data, ctx, orgs_dir, built)
            else:
                _requires(f, rule, data, ctx, built)
    return built


def model_value(f: ProfileField, value: Any) -> Any:
    """A checked value as the model holds it: th/en text as LText, lists as tuples, a group of
    fields as its model class."""
    if f.is_group:
        assert f.model is not None, f"{f.path}: a group needs a model class or a rule"
        return f.model(**{c.name: model_value(c, value[c.name]) for c in children(f) if c.name in value})
    if isinstance(f.spec, Localized):
        return LText.make(value)
    if isinstance(f.spec, ListOf):
        if f.model is not None:  # a list of records (campaigns)
            return tuple(f.model.of(v) for v in value)
        return tuple(LText.make(v) for v in value) if isinstance(f.spec.item, Localized) else tuple(value)
    return value


def _complete(data: dict[str, Any]) -> bool:
    """Every key known and every required field present (the problems are already reported)."""
    return ORG.fields.keys() >= data.keys() and all(k in data for k, f in ORG.fields.items()
                                                    if f.required)


def build_org(data: dict[str, Any], ctx: Context, stem: str, orgs_dir: Path) -> Org | None:
    """Cross-field checks (the rules declared on the fields) and construction of the model."""
    built = apply_rules(data, ctx, stem, orgs_dir)
    if not built.ok or not _complete(data):
        return None
    values = {f.name: model_value(f, data[f.name]) for f in top_level()
              if f.name in data and f.name not in built.values}
    return Org(**values, **built.values, source="")


def _check_campaign_groups(raw: Any, ctx: Context, stem: str, org_ids: set[str] | None) -> None:
    """The other groups of a joint campaign must be groups of the network (not this one).
    Read from the file as written, so a campaign with another problem is checked too."""
    campaigns = raw.get("campaigns") if isinstance(raw, dict) else None
    for i, campaign in enumerate(campaigns if isinstance(campaigns, list) else ()):
        groups = campaign.get("groups") if isinstance(campaign, dict) else None
        for j, org_id in enumerate([groups] if isinstance(groups, str) else
                                   groups if isinstance(groups, list) else ()):
            at = ("campaigns", i, "groups", j)
            if not isinstance(org_id, str):
                continue  # the spec reports it
            if org_id == stem:
                ctx.error(at, "is this group itself; list only the other groups of a joint campaign",
                          "เป็นกลุ่มนี้เอง ให้ใส่เฉพาะกลุ่มอื่นที่ร่วมแคมเปญ")
            elif org_ids is not None and org_id not in org_ids:
                guess = did_you_mean(org_id, org_ids)
                ctx.error(at, f"no profile has the id {org_id!r}", f"ไม่มีกลุ่มที่มี id {org_id!r}",
                          f"did you mean / หมายถึง {guess!r}?" if guess else "see the files in orgs/")


def load_org_file(path: Path, root: Path, problems: Problems, shown: str | None = None,
                  org_ids: set[str] | None = None) -> Org | None:
    """One profile; ``org_ids`` (every profile's id) checks the groups a profile names."""
    shown = shown or _rel(path, root)
    doc = _read_yaml(path, shown, problems)
    if doc is None:
        return None
    ctx = Context(shown, doc, problems)
    before = len(problems)
    data, _ = ORG.check_fields(doc.data if doc.data is not None else {}, (), ctx)
    _check_campaign_groups(doc.data, ctx, path.stem, org_ids)
    org = build_org(data, ctx, path.stem, path.parent)
    if org is None or len(problems) > before:
        return None
    return Org(**{**org.__dict__, "source": shown})


def org_files(orgs_dir: Path, root: Path, problems: Problems) -> list[Path]:
    """Profile files, sorted; anything else in orgs/ is reported, not ignored."""
    found: list[Path] = []
    if not orgs_dir.is_dir():
        problems.add(_rel(orgs_dir, root), 0, "", "the orgs/ folder is missing", "ไม่พบโฟลเดอร์ orgs/")
        return found
    # scandir knows each entry's kind from the directory listing: no stat() per profile.
    with os.scandir(orgs_dir) as listing:
        entries = sorted(listing, key=lambda e: e.name)
    for item in entries:
        entry = orgs_dir / item.name
        if entry.name in _ORGS_DIR_EXTRAS or entry.name.startswith("."):
            continue
        if item.is_dir():
            if entry.name not in _ORGS_DIR_SUBDIRS:
                problems.add(_rel(entry, root), 0, "", "folders are not read here; put the profile "
                             "directly in orgs/", "ไม่อ่านไฟล์ในโฟลเดอร์ย่อย ให้วางไฟล์ไว้ใน orgs/ โดยตรง")
            continue
        if entry.suffix in PROFILE_SUFFIXES:
            found.append(entry)
        else:
            problems.add(_rel(entry, root), 0, "", "not a profile: a profile's name ends in .yml",
                         "ไม่ใช่ไฟล์ข้อมูลกลุ่ม: ชื่อไฟล์ต้องลงท้ายด้วย .yml",
                         f"rename it to {entry.stem.split('.')[0]}.yml")
    return found


def load_orgs(files: list[Path], root: Path, problems: Problems) -> list[Org]:
    """The valid profiles among ``files`` (from :func:`org_files`); the rest are reported."""
    orgs: list[Org] = []
    seen: dict[str, str] = {}
    known = {p.stem for p in files}
    for path in files:
        stem = path.stem
        shown = _rel(path, root)
        if stem in seen:
            problems.add(shown, 1, "id", f"duplicate id {stem!r}: also in {seen[stem]}",
                         f"id {stem!r} ซ้ำกับ {seen[stem]}")
            continue
        seen[stem] = shown
        org = load_org_file(path, root, problems, shown, known)
        if org is not None:
            orgs.append(org)
    return orgs


def story_files(content_dir: Path) -> list[Path]:
    stories = content_dir / STORIES_DIR
    if not stories.is_dir():
        return []
    return sorted(p for p in stories.rglob("*.md") if p.name != "index.md")


def _story_text(path: Path, shown: str, problems: Problems) -> str | None:
    """The story's text, if it is small and simple enough for Markdown to render quickly."""
    try:
        raw = path.read_bytes()
        if len(raw) > MAX_STORY_BYTES:
            problems.add(shown, 0, "", f"story is larger than {MAX_STORY_BYTES // 1000} KB; split it",
                         f"เรื่องยาวเกิน {MAX_STORY_BYTES // 1000} KB กรุณาแบ่งเป็นหลายเรื่อง")
            return None
        text = decode(raw)
    except YamlProblem as exc:
        problems.add(shown, exc.line, "", exc.en, exc.th)
        return None
    if markdown_too_complex(text):
        problems.add(shown, 0, "", "too many '[' or '<' characters for the story's length: Markdown "
                     "would take too long to render it; remove some or split the story",
                     "มีเครื่องหมาย '[' หรือ '<' มากเกินไป")
        return None
    return text


def _front_matter(text: str, shown: str, problems: Problems) -> tuple[Document, str] | None:
    """The parsed front matter and the body."""
    parts = split_front_matter(text)
    if parts is None:
        problems.add(shown, 1, "", "a story must start with front matter between --- lines "
                     "(title: and date: at least)",
                     "เรื่องเล่าต้องขึ้นต้นด้วยส่วนหัวระหว่างบรรทัด --- (อย่างน้อย title: และ date:)")
        return None
    front, body, _ = parts
    try:
        doc = parse(front, first_line=2)
    except YamlProblem as exc:
        problems.add(shown, exc.line, "", exc.en, exc.th)
        return None
    for w in doc.warnings:
        problems.add(shown, w.line, "", w.en, w.th)
    return doc, body


def _check_story_orgs(data: dict[str, Any], ctx: Context, org_ids: set[str] | None) -> None:
    if org_ids is None:
        return
    for i, org_id in enumerate(data.get("orgs", [])):
        if org_id not in org_ids:
            guess = did_you_mean(org_id, org_ids)
            ctx.error(("orgs", i), f"no profile has the id {org_id!r}", f"ไม่มีกลุ่มที่มี id {org_id!r}",
                      f"did you mean / หมายถึง {guess!r}?" if guess else "see the files in orgs/")


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
    elif image and not (folder / image).is_file():
        ctx.error(("image",), f"image file {image} does not exist next to the story",
                  f"ไม่พบไฟล์รูป {image}")
    elif image and pictures.is_raster(image):
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
    rel = path.relative_to(content_dir).as_posix()
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
                    problems: Problems) -> Story | None:
    shown = _rel(path, root)
    text = _story_text(path, shown, problems)
    parsed = _front_matter(text, shown, problems) if text is not None else None
    if parsed is None:
        return None
    doc, body = parsed
    ctx = Context(shown, doc, problems)
    before = len(problems)
    data, _ = STORY.check_fields(doc.data if doc.data is not None else {}, (), ctx)
    _check_story_orgs(data, ctx, org_ids)
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
                 problems: Problems) -> list[Story]:
    stories = []
    for path in story_files(content_dir):
        story = load_story_file(path, content_dir, root, org_ids, problems)
        if story is not None:
            stories.append(story)
    return stories


def load_repository(root: Path, orgs_dir: str = "orgs", content_dir: str = "content",
                    network_file: str | None = None) -> LoadResult:
    """Everything in the repository, with every problem of every file. The site's network file
    (``guidemap.yml``) is read first: its vocabularies and provinces decide what is valid."""
    problems = Problems()
    site = network.load(root, network_file, problems)
    network.use(site)
    if problems:  # profiles checked against a vocabulary that failed to read would mislead
        return LoadResult(Dataset([], [], [], []), problems)
    files = org_files(root / orgs_dir, root, problems)
    orgs = load_orgs(files, root, problems)
    # Story references are checked against every profile file, valid or not, so one broken
    # profile is reported once rather than again in each story that names it.
    known = {p.stem for p in files}
    stories = load_stories(root / content_dir, root, known, problems)
    calls, events = load_dated(root, known, orgs, problems)
    return LoadResult(Dataset(orgs, stories, calls, events), problems)


def repo_root(start: Path | None = None) -> Path:
    """The folder holding mkdocs.yml or orgs/, searching upwards from ``start``."""
    here = (start or Path(os.getcwd())).resolve()
    for candidate in (here, *here.parents):
        if (candidate / "mkdocs.yml").is_file() or (candidate / "orgs").is_dir():
            return candidate
    return here
