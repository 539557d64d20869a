"""Load and validate the groups' profiles (``orgs/*.yml``) against their declarations
(:data:`~guidemap.contract.model.profile.PROFILE`): the spec checks each value, the rules
declared on the fields check across fields, and the model is filled from the declarations.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from guidemap.contract import dates, files, gazetteer, network, pictures, thai
from guidemap.contract.files import one_file_per_id
from guidemap.contract.location import coarsen, public_district
from guidemap.contract.model.fields import (
    Coarsened,
    EqualsFileName,
    FieldDecl,
    FileUnderOrgs,
    InGazetteer,
    Requires,
)
from guidemap.contract.model.profile import ORG, PROFILE
from guidemap.contract.model.types import Area, Org
from guidemap.contract.problems import Problems, did_you_mean
from guidemap.contract.spec import Context
from guidemap.contract.vocab import DEFAULT_PRECISION
from guidemap.contract.yamlsafe import read_file, shown_path

TEMPLATE_NAME = "_template.yml"
PROFILE_SUFFIXES = (".yml", ".yaml")
# Files that may sit in orgs/ beside the profiles without being profiles.
_ORGS_DIR_EXTRAS = {TEMPLATE_NAME, "README.md"}
_ORGS_DIR_SUBDIRS = {"logos"}


def check_org_id(org_id: str, at: tuple[str | int, ...], ctx: Context, known: set[str] | None) -> None:
    """A group named in a file must have a profile (``known``: the id of every profile file,
    valid or not, so a broken profile is reported once, in its own file; None: not checked)."""
    if known is not None and org_id not in known:
        guess = did_you_mean(org_id, known)
        ctx.error(at, f"no profile has the id {org_id!r}", f"ไม่มีกลุ่มที่มี id {org_id!r}",
                  f"did you mean / หมายถึง {guess!r}?" if guess else "see the files in orgs/")


# --- a profile: cross-field rules, then the model built from the declarations ------------------

@dataclass
class _Built:
    """What the cross-field rules resolved: model attributes the values alone cannot give."""

    values: dict[str, Any] = field(default_factory=dict)
    ok: bool = True


def _equals_file_name(f: FieldDecl, data: dict[str, Any], ctx: Context, stem: str,
                      built: _Built) -> None:
    value = data.get(f.name)
    if value and value != stem:
        ctx.error((f.name,), f"{f.name} {value!r} must equal the file name {stem!r}",
                  f"{f.name} {value!r} ต้องตรงกับชื่อไฟล์ {stem!r}",
                  f"rename the file to {value}.yml or write {f.name}: {stem}")
        built.ok = False


def _in_gazetteer(f: FieldDecl, rule: InGazetteer, data: dict[str, Any], ctx: Context,
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


def _coarsened(f: FieldDecl, data: dict[str, Any], built: _Built) -> None:
    loc = data.get(f.name)
    if loc and "lat" in loc and "lon" in loc:
        built.values[f.name] = coarsen(loc["lat"], loc["lon"], loc.get("precision", DEFAULT_PRECISION))


def _file_under_orgs(f: FieldDecl, data: dict[str, Any], ctx: Context, orgs_dir: Path,
                     built: _Built) -> None:
    name = data.get(f.name)
    if not name:
        return
    if ".." in name.split("/") or not (orgs_dir / name).is_file() or files.is_link(orgs_dir / name):
        ctx.error((f.name,), f"{f.name} file orgs/{name} does not exist", f"ไม่พบไฟล์โลโก้ orgs/{name}")
        built.ok = False
    elif not pictures.is_raster(name):  # the file itself is reported by guidemap.contract.files
        ctx.error((f.name,), f"{f.name} orgs/{name} must be a JPEG, PNG or WebP picture",
                  f"โลโก้ orgs/{name} ต้องเป็นไฟล์ JPEG, PNG หรือ WebP", files.convert_hint(name))
        built.ok = False
    else:
        try:
            built.values[f"{f.name}_info"] = pictures.read_info(orgs_dir / name)
        except pictures.ImageProblem as exc:
            ctx.error((f.name,), f"{f.name} orgs/{name}: {exc}", f"อ่านไฟล์โลโก้ orgs/{name} ไม่ได้")
            built.ok = False


def _requires(f: FieldDecl, rule: Requires, data: dict[str, Any], ctx: Context,
              built: _Built) -> None:
    if data.get(f.name) and not data.get(rule.other):
        ctx.error((f.name,), rule.message.en, rule.message.th)
        built.ok = False


def apply_rules(data: dict[str, Any], ctx: Context, stem: str, orgs_dir: Path) -> _Built:
    """The cross-field rules declared on the profile's fields, in declaration order."""
    built = _Built()
    for f in PROFILE.top_level:
        for rule in f.rules:
            if isinstance(rule, EqualsFileName):
                _equals_file_name(f, data, ctx, stem, built)
            elif isinstance(rule, InGazetteer):
                _in_gazetteer(f, rule, data, ctx, built)
            elif isinstance(rule, Coarsened):
                _coarsened(f, data, built)
            elif isinstance(rule, FileUnderOrgs):
                _file_under_orgs(f, data, ctx, orgs_dir, built)
            elif isinstance(rule, Requires):
                _requires(f, rule, data, ctx, built)
    return built


def _complete(data: dict[str, Any]) -> bool:
    """Every key known and every required field present (the problems are already reported)."""
    return ORG.fields.keys() >= data.keys() and all(k in data for k, f in ORG.fields.items()
                                                    if f.required)


def build_org(data: dict[str, Any], ctx: Context, stem: str, orgs_dir: Path) -> Org | None:
    """Cross-field checks (the rules declared on the fields) and construction of the model."""
    built = apply_rules(data, ctx, stem, orgs_dir)
    if not built.ok or not _complete(data):
        return None
    # The model carries only what may be published: no district for a province-precision group.
    location = built.values.get("location")
    if location is not None and "district" in built.values:
        built.values["district"] = public_district(built.values["district"], location.precision)
    return Org(**PROFILE.model_values(data, built.values), **built.values, source="")


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
            else:
                check_org_id(org_id, at, ctx, org_ids)


def _day(value: Any) -> dt.date | None:
    try:
        return thai.parse_date(value) if isinstance(value, str) else None
    except ValueError:
        return None  # the spec reports it


def _check_campaign_dates(raw: Any, ctx: Context) -> None:
    """A campaign ends on or after its start: the rule of every dated thing. Read from the file
    as written, as the groups are, so one campaign's problem hides no other's."""
    campaigns = raw.get("campaigns") if isinstance(raw, dict) else None
    for i, campaign in enumerate(campaigns if isinstance(campaigns, list) else ()):
        if not isinstance(campaign, dict):
            continue
        start, end = _day(campaign.get("start")), _day(campaign.get("end"))
        if start and end and (wrong := dates.order_problem((start, None), (end, None), start.isoformat(),
                                                           end.isoformat())):
            ctx.error(("campaigns", i, "end"), wrong.en, wrong.th, "swap start and end?")


def load_org_file(path: Path, root: Path, problems: Problems, shown: str | None = None,
                  org_ids: set[str] | None = None, site: network.Network | None = None) -> Org | None:
    """One profile, checked for the network ``site`` (None: the one of the repository at
    ``root``); ``org_ids`` (every profile's id) checks the groups a profile names."""
    site = site or network.load(root, None, problems)
    shown = shown or shown_path(path, root)
    doc = read_file(path, shown, problems)
    if doc is None:
        return None
    ctx = Context(shown, doc, problems, site)
    before = len(problems)
    data, _ = ORG.check_fields(doc.data if doc.data is not None else {}, (), ctx)
    _check_campaign_groups(doc.data, ctx, path.stem, org_ids)
    _check_campaign_dates(doc.data, ctx)
    org = build_org(data, ctx, path.stem, path.parent)
    if org is None or len(problems) > before:
        return None
    return Org(**{**org.__dict__, "source": shown})


def org_files(orgs_dir: Path, root: Path, problems: Problems) -> list[Path]:
    """Profile files, sorted; anything else in orgs/ is reported, not ignored."""
    found: list[Path] = []
    if orgs_dir.is_symlink():  # reported by guidemap.contract.files, never listed
        return found
    if not orgs_dir.is_dir():
        problems.add(shown_path(orgs_dir, root), 0, "", "the orgs/ folder is missing", "ไม่พบโฟลเดอร์ orgs/")
        return found
    # scandir knows each entry's kind from the directory listing: no stat() per profile.
    with os.scandir(orgs_dir) as listing:
        entries = sorted(listing, key=lambda e: e.name)
    for item in entries:
        entry = orgs_dir / item.name
        if entry.name in _ORGS_DIR_EXTRAS or entry.name.startswith(".") or item.is_symlink():
            continue  # a link is reported by guidemap.contract.files, never read
        if item.is_dir():
            if entry.name not in _ORGS_DIR_SUBDIRS:
                problems.add(shown_path(entry, root), 0, "", "folders are not read here; put the profile "
                             "directly in orgs/", "ไม่อ่านไฟล์ในโฟลเดอร์ย่อย ให้วางไฟล์ไว้ใน orgs/ โดยตรง")
            continue
        if entry.suffix in PROFILE_SUFFIXES:
            found.append(entry)
        else:
            problems.add(shown_path(entry, root), 0, "", "not a profile: a profile's name ends in .yml",
                         "ไม่ใช่ไฟล์ข้อมูลกลุ่ม: ชื่อไฟล์ต้องลงท้ายด้วย .yml",
                         f"rename it to {entry.stem.split('.')[0]}.yml")
    return found


def load_orgs(files: list[Path], root: Path, problems: Problems, site: network.Network) -> list[Org]:
    """The valid profiles among ``files`` (from :func:`org_files`); the rest are reported."""
    orgs: list[Org] = []
    known = {p.stem for p in files}
    for path in one_file_per_id(files, root, problems):
        shown = shown_path(path, root)
        org = load_org_file(path, root, problems, shown, known, site)
        if org is not None:
            orgs.append(org)
    return orgs

