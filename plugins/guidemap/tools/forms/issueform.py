"""Turn the body of an "add or update my organization" issue into a profile (``orgs/<id>.yml``).

GitHub issue forms post their answers as Markdown: a ``### <label>`` heading per field, then
the answer, or ``_No response_`` when it was left empty; checkboxes come as ``- [X] option``
lines. Everything in that body is typed by a stranger, so it is treated as data only:

- it is never interpolated into a shell, a template or YAML text: the values go into a dict,
  are checked by the same validator as every profile (:data:`guidemap.contract.schema.ORG` and
  :func:`guidemap.contract.loader.build_org`), and the file is written with ``yaml.safe_dump``;
- the body and each answer have size limits checked before any other work; a one-line field
  with a line break (a hand-edited body trying to smuggle in ``province: x``) is refused, and
  so is HTML, which the form never needs;
- a heading for the same field twice is refused rather than resolved by guessing;
- the written text is read back by the strict loader before it is accepted.

The form's fields come from the declarations in :mod:`guidemap.contract.model.profile`, and
``.github/ISSUE_TEMPLATE/add-organization.yml`` is generated from the same ones
(:mod:`guidemap.tools.forms.formfile`, ``guidemap forms --write``), so the labels read back here are
the labels GitHub writes.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from guidemap.contract import gazetteer, network
from guidemap.contract.load.profiles import build_org, load_org_file
from guidemap.contract.model.fields import FieldDecl, FormElement
from guidemap.contract.model.profile import ID_PATTERN, ORG, PROFILE
from guidemap.contract.network import Network
from guidemap.contract.problems import Problems
from guidemap.contract.spec import Context
from guidemap.contract.vocab import Label
from guidemap.contract.yamlsafe import Document
from guidemap.tools.forms import issuebody
from guidemap.tools.forms.writing import FormError, answer_limit, dump_yaml, form_label, write_files
from guidemap.tools.scaffold import SCHEMA_COMMENT

MAX_TEXTAREA_CHARS = 7_000  # the longest field (description) allows 6000
SHOWN_PATH = "issue form"


@dataclass(frozen=True)
class FormField:
    id: str  # the id of the form element (also the query parameter that prefills it)
    label: str  # the heading GitHub writes into the issue body
    kind: str  # input | textarea | dropdown | checkboxes | confirm
    target: str  # dotted path in the profile ("" for confirmations)
    required: bool = False
    per_line: bool = False  # a textarea whose lines are the items of a th/en list
    element: FormElement | None = None  # the declaration it comes from (None: confirmations)
    # A choice field's vocabulary, for the network the form is made for (guidemap.yml).
    choices: Mapping[str, Label] | None = field(default=None, compare=False)

    @property
    def keys(self) -> tuple[str, ...]:
        """A choice field's keys, in the order the form shows them."""
        if self.choices is None:
            return ()
        return (self.element.options if self.element else ()) or tuple(self.choices)

    def options(self) -> dict[str, Label]:
        """A choice field's options (key: labels), in the order the form shows them."""
        return {k: self.choices[k] for k in self.keys} if self.choices is not None else {}

def _form_field(f: FieldDecl, e: FormElement, net: Network) -> FormField:
    return FormField(e.id, form_label(e.label), e.kind, f.target(e), e.required, f.per_line, e,
                     f.choices(net))


CONSENT = FormField("consent", "ยืนยัน / Confirm", "confirm", "", True)

# Names of content languages a network may add (guidemap.yml ``languages``); other tags are shown
# as they are written.
LANGUAGE_NAMES: dict[str, Label] = {
    "ms": Label("ภาษามลายู อักษรรูมี", "Malay in Rumi"),
    "ms-Arab": Label("ภาษามลายู อักษรยาวี", "Malay in Jawi"),
}


def _summary_in(tag: str, english: FormField) -> FormField:
    """The summary in one of the network's added languages, asked right after the English one."""
    name = LANGUAGE_NAMES.get(tag, Label(tag, tag))
    label = Label(f"สรุปงาน{name.th} (ถ้ามี)", f"Summary in {name.en} (if any)")
    assert english.element is not None
    element = replace(english.element, id=f"summary-{tag}", label=label, part=tag, after="")
    return replace(english, id=element.id, label=form_label(label), target=f"summary.{tag}",
                   element=element)


def form_fields(net: Network) -> tuple[FormField, ...]:
    """The form's fields for network ``net``: the declarations in guidemap.contract.model (its
    vocabularies as options, a summary in each content language it adds to Thai and English),
    then the confirmations."""
    # From the declarations in guidemap.contract.model.profile, then the confirmations.
    fields = (*(_form_field(f, e, net) for f, e in PROFILE.form_elements()), CONSENT)
    added = [t for t in net.languages if t not in ("th", "en")]
    if not added:
        return fields
    at = next(i for i, f in enumerate(fields) if f.target == "summary.en") + 1
    return (*fields[:at], *(_summary_in(t, fields[at - 1]) for t in added), *fields[at:])


# The fields for the first network (the defaults): the form's shape, for tests and docs.
FIELDS: tuple[FormField, ...] = form_fields(network.DEFAULT)


def option_text(f: FormField, key: str) -> str:
    """An option of a choice field, as the form shows it: "<key> — <Thai> / <English>"."""
    label = f.options()[key]
    return f"{key} — {label.th} / {label.en}"


IssueFormError = FormError  # the one error of every converter


@dataclass(frozen=True)
class IssueProfile:
    id: str
    text: str  # the YAML file, ready to write


def _by_target(net: Network) -> dict[str, FormField]:
    return {f.target: f for f in form_fields(net) if f.target}


def split_body(body: str, net: Network) -> tuple[dict[str, str], list[str]]:
    """The raw answer of each known field, and problems with the body's shape."""
    return issuebody.split(body, {issuebody.norm(f.label): (f.id, f.label) for f in form_fields(net)},
                           "this is not the body of the 'add or update my organization' form / "
                           "ข้อความนี้ไม่ใช่แบบฟอร์มเพิ่มหรือแก้ไขข้อมูลกลุ่ม")


def _checked(f: FormField, text: str, problems: list[str]) -> list[str]:
    """Keys of the ticked options of a checkbox field (``- [X] key — label``)."""
    keys: list[str] = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        m = issuebody.CHECKBOX.fullmatch(line.strip())
        if m is None:
            problems.append(f"{f.label}: unexpected line {line.strip()[:60]!r}; tick the boxes instead /"
                            " มีบรรทัดที่ไม่ใช่ช่องให้ติ๊ก")
            continue
        if m[1] == " " or f.kind == "confirm":
            continue
        key = m[2].split(" ", 1)[0].strip()
        if key not in f.keys:
            problems.append(f"{f.label}: unknown option {key[:60]!r} / ไม่รู้จักตัวเลือกนี้")
        else:
            keys.append(key)
    return keys


def answers_to_data(answers: dict[str, str], today: dt.date,
                    net: Network) -> tuple[dict[str, Any], list[str]]:
    """The profile as plain data (every scalar text, as the strict YAML reader gives it)."""
    problems: list[str] = []
    data: dict[str, Any] = {}
    for f in form_fields(net):
        text = answers.get(f.id, "")
        if f.kind == "confirm":
            continue  # GitHub enforces the required ticks; they are not part of the profile
        limit = answer_limit(f.kind, MAX_TEXTAREA_CHARS)
        problem = issuebody.answer_problem(f.label, text, limit, f.required, f.kind in ("input", "dropdown"))
        if problem:
            problems.append(problem)
        if problem or not text:
            continue
        if f.kind == "checkboxes":
            keys = _checked(f, text, problems)
            if keys:
                issuebody.set_path(data, f.target, keys)
            elif f.required:
                problems.append(f"{f.label}: tick at least one / เลือกอย่างน้อยหนึ่งข้อ")
        elif f.kind == "dropdown":
            issuebody.set_path(data, f.target, text.split(" ", 1)[0])
        elif f.per_line:
            part = f.element.part if f.element and f.element.part else "th"
            issuebody.set_path(data, f.target, [{part: line.strip().lstrip("-*• ").strip()}
                                  for line in text.split("\n") if line.strip().lstrip("-*• ").strip()])
        else:
            issuebody.set_path(data, f.target, text)
    data["updated"] = today.isoformat()
    return data, problems


def _field_label(name: str, net: Network) -> str:
    """The form label for a validator field name such as ``name.th`` or ``activities[2]``."""
    base = name.split("[", 1)[0]
    by_target = _by_target(net)
    while base:
        for target, f in by_target.items():
            if target == base or target.startswith(base + "."):
                return f.label
        base = base.rpartition(".")[0]
    return name or "profile"


def _normalized(checked: dict[str, Any]) -> dict[str, Any]:
    """Validated values in the order of the schema, with canonical province/district names."""
    place = gazetteer.resolve(checked.get("province"), checked.get("district"))
    names = {"province": place.province.name_th if place.province else None,
             "district": place.district.name_th if place.district else None}
    return {key: names.get(key) or checked[key] for key in ORG.fields if key in checked}


def profile_from_issue(body: str, orgs_dir: Path, today: dt.date | None = None,
                       site: Network | None = None) -> IssueProfile:
    """Validate an issue body and return the profile's YAML; raises :class:`IssueFormError`.
    ``site``: the network (None: the one of the repository ``orgs_dir`` is in)."""
    if refused := issuebody.body_problem(body):
        raise IssueFormError([refused])
    net = site or network.load(orgs_dir.parent)
    answers, problems = split_body(body, net)
    if problems and not answers:
        raise IssueFormError(problems)
    data, more = answers_to_data(answers, today or dt.date.today(), net)
    problems += more
    org_id = data.get("id", "")
    if org_id and not (len(org_id) <= 60 and re.fullmatch(ID_PATTERN, org_id)):
        problems.append(f"{_by_target(net)['id'].label}: {org_id[:60]!r} is not a valid id: lowercase "
                        "letters, digits and hyphens, e.g. beach-for-life / ใช้ a-z 0-9 และ - เท่านั้น")
        data.pop("id")
    if problems:
        raise IssueFormError(problems)

    # The same validator as every profile file, on the same kind of data (all text).
    found = Problems()
    ctx = Context(SHOWN_PATH, Document(data), found, net)
    checked, _ = ORG.check_fields(data, (), ctx)
    org = build_org(checked, ctx, org_id, orgs_dir)
    if found or org is None:
        raise IssueFormError(_describe(found.sorted(), net) or ["the profile is not valid / ข้อมูลไม่ถูกต้อง"])

    text = SCHEMA_COMMENT + dump_yaml(_normalized(checked))
    # Read the written text back with the strict loader, exactly as the site will.
    with tempfile.TemporaryDirectory() as tmp:
        trial = Path(tmp, "orgs", f"{org_id}.yml")
        trial.parent.mkdir()
        trial.write_text(text, encoding="utf-8")
        again = Problems()
        if load_org_file(trial, Path(tmp), again, site=net) is None:  # pragma: no cover - a bug if reached
            raise IssueFormError(_describe(again.sorted(), net))
    return IssueProfile(org_id, text)


def _describe(problems: Iterable[Any], net: Network) -> list[str]:
    lines = []
    for p in problems:
        hint = f" → {p.hint}" if p.hint else ""
        lines.append(f"{_field_label(p.field, net)} [{p.field or 'profile'}]: {p.en} / {p.th}{hint}")
    return lines


def write_profile(profile: IssueProfile, orgs_dir: Path, *, update: bool = False) -> Path:
    """Write ``orgs/<id>.yml``; an existing profile is replaced only with ``update``."""
    (target,) = write_files(orgs_dir.parent, orgs_dir.name, {f"{profile.id}.yml": profile.text},
                            replace=update, exists=": check that this is the same group, then use "
                            "--update / มีไฟล์นี้อยู่แล้ว ถ้าเป็นกลุ่มเดียวกันให้ใช้ --update")
    return target
