"""Issue forms for a call for volunteers and an event (``.github/ISSUE_TEMPLATE/add-call.yml``,
``add-event.yml``, Thai first), and turning an issue's body into ``calls/<id>.yml`` or
``events/<id>.yml`` (``guidemap dated-from-issue call|event``), so a group posts one without
writing YAML.

As with profiles (:mod:`guidemap.tools.forms.issueform`), the body is a stranger's text and only
data: size limits first, a one-line answer with a line break or any HTML is refused, a field
twice is refused, the values go into a dict checked by the same validator as every file
(:data:`guidemap.contract.model.dated.CALL` / ``EVENT`` and the loader's cross-field rules,
against the repository's profiles), the YAML is written by ``yaml.safe_dump`` and read back by
the strict loader before it is accepted. The forms' elements are declared on the fields, as the
profile form's are (``FormElement`` in :mod:`guidemap.contract.model.dated`); ``guidemap forms
--write`` writes them with the profile form (``--check`` in CI).
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from guidemap.contract import network
from guidemap.contract.load.dated import load_dated
from guidemap.contract.load.repository import load_repository
from guidemap.contract.model.dated import CALLS, CALLS_DIR, EVENTS, EVENTS_DIR
from guidemap.contract.model.fields import Declarations, FieldDecl, FormElement
from guidemap.contract.model.profile import ID_PATTERN
from guidemap.contract.problems import Problems
from guidemap.contract.spec import ListOf, Obj
from guidemap.contract.vocab import Label
from guidemap.tools.forms import issuebody, writing
from guidemap.tools.forms.writing import form_label

MAX_TEXTAREA_CHARS = 2_500


@dataclass(frozen=True)
class Element:
    """One element of a form: where its answer goes in the file."""

    id: str
    label: Label
    kind: str  # input | textarea | dropdown | checkboxes
    target: str  # dotted path in the file; "orgs" takes a comma-separated list of ids
    required: bool = False
    description: Label | None = None
    placeholder: str = ""
    options: Mapping[str, Label] | None = None
    per_line: bool = False  # a textarea whose lines are the items of a list of th texts
    default: int | None = None  # index of the preselected dropdown option
    # A textarea whose lines are the items of a list of plain values ("lines": dates) or of
    # two-field records ("pairs", written "a > b": a moved date and its new date).
    items: str = ""


@dataclass(frozen=True)
class Form:
    kind: str  # "call" or "event"
    path: Path
    folder: str
    name: Label
    description: Label
    title: str
    label: str
    elements: tuple[Element, ...]


def _items(f: FieldDecl, e: FormElement) -> str:
    if e.kind != "textarea" or not isinstance(f.spec, ListOf) or f.per_line:
        return ""
    return "pairs" if isinstance(f.spec.item, Obj) else "lines"


def _declared(f: FieldDecl, e: FormElement) -> Element:
    # Calls and events choose only from fixed vocabularies (none of a network's own).
    return Element(e.id, e.label, e.kind, f.target(e), e.required, e.description, e.placeholder,
                   f.choices(network.DEFAULT), f.per_line, e.default, _items(f, e))


_PAIR = re.compile(r"\s*(?:>|->|→|=>)\s*")


def _pairs(f: FieldDecl, e: Element, lines: list[str], problems: list[str]) -> list[dict[str, str]]:
    """``2570-01-24 > 2570-01-31 09:00`` lines as records of the field's two fields."""
    assert isinstance(f.spec, ListOf) and isinstance(f.spec.item, Obj)
    first, second = list(f.spec.item.fields)
    out = []
    for line in lines:
        parts = _PAIR.split(line, maxsplit=1)
        if len(parts) != 2 or not all(parts):
            problems.append(f"{form_label(e.label)}: write {line[:60]!r} as 'date > new date' / "
                            "เขียนแบบ วันเดิม > วันใหม่")
        else:
            out.append({first: parts[0], second: parts[1]})
    return out


def _form(kind: str, folder: str, decls: Declarations, name: Label, description: Label, title: str,
          what: Label, example: str) -> Form:
    """A form whose file is ``add-<kind>.yml`` and whose issues get the label ``<kind>``: the id
    (the file's name), then the elements declared on the fields (contract/model/dated.py)."""
    file_id = Element("id", Label(f"รหัส{what.th} (ใช้เป็นชื่อไฟล์)", f"Id of the {what.en} (the file name)"),
                      "input", "id", True, Label("ตัวอักษรอังกฤษพิมพ์เล็ก ตัวเลข และขีดกลาง",
                                                 "Lowercase letters, digits and hyphens."), example)
    elements = (file_id, *(_declared(f, e) for f, e in decls.form_elements()))
    return Form(kind, Path(".github") / "ISSUE_TEMPLATE" / f"add-{kind}.yml", folder, name, description,
                title, kind, elements)


CALL_FORM = _form(
    "call", CALLS_DIR, CALLS, Label("ประกาศรับอาสาสมัคร", "Post a call for volunteers"),
    Label("กลุ่มในเครือข่ายประกาศรับอาสาได้ ไม่ต้องเขียนไฟล์", "Network groups post a call; no file to write."),
    "[รับอาสา / call] ", Label("ประกาศ", "call"), "beach-clean-2569-01")

EVENT_FORM = _form(
    "event", EVENTS_DIR, EVENTS, Label("แจ้งกิจกรรมของเครือข่าย", "Announce a network event"),
    Label("ประชุม อบรม วันเปิดบ้าน: แจ้งได้ ไม่ต้องเขียนไฟล์", "Meetings, trainings, open days; no file to write."),
    "[กิจกรรม / event] ", Label("กิจกรรม", "event"), "network-meeting-2569-07")

FORMS = {"call": CALL_FORM, "event": EVENT_FORM}
_FIELDS = {**CALLS.by_path, **EVENTS.by_path}  # a textarea's field, to read its lines
CONSENTS = (
    Label("ฉันเป็นตัวแทนของกลุ่มที่จัด หรือได้รับความยินยอมจากกลุ่ม", "I speak for the organising group"),
    Label("ไม่มีชื่อหรือเบอร์โทรของบุคคลในแบบฟอร์มนี้", "There is no person's name or phone number here"),
)


def option_text(key: str, label: Label) -> str:
    return f"{key} — {label.th} / {label.en}"


def _element(e: Element) -> list[str]:
    options = [option_text(k, v) for k, v in (e.options or {}).items()]
    return writing.form_element(e.kind, e.id, form_label(e.label), e.description, e.placeholder, options,
                                e.default, e.required)


def form_text(form: Form) -> str:
    intro = (
        "**ทุกอย่างที่กรอกในแบบฟอร์มนี้เป็นข้อมูลสาธารณะ** ห้ามใส่ชื่อหรือเบอร์โทรของบุคคล "
        "ช่องทางติดต่อที่เว็บไซต์แสดงคือของกลุ่ม (จากข้อมูลกลุ่ม) เวลาเป็นเวลาประเทศไทย",
        f"ทีมงานจะตรวจ แล้วเปิด pull request เพิ่มไฟล์ `{form.folder}/<id>.yml` ให้ "
        "ดูคำอธิบายทุกช่องได้ที่ [CONTRIBUTING.md](../blob/main/CONTRIBUTING.md)",
        "",
        "**Everything in this form is public.** No person's name or phone number: the site shows the",
        "group's own contacts. Times are Thai time. Maintainers open a pull request adding",
        f"`{form.folder}/<id>.yml`.",
    )
    header = (f"# Issue form: {form.name.en}. GENERATED from the field declarations in\n"
              "# plugins/guidemap/contract/model/dated.py and from\n"
              "# plugins/guidemap/tools/forms/dated_form.py by `guidemap forms --write`: edit those,\n"
              "# not this file.\n"
              f"# `guidemap dated-from-issue {form.kind}` reads the labels back.\n")
    lines = writing.form_head(form.name, form.description, form.title, (form.label,), intro)
    for e in form.elements:
        lines += _element(e)
    lines += writing.form_confirmations("consent", "ยืนยัน / Confirm", CONSENTS)
    return header + "\n".join(lines) + "\n"


DatedFormError = writing.FormError  # the one error of every converter


def _split(form: Form, body: str) -> tuple[dict[str, str], list[str]]:
    questions = {issuebody.norm(form_label(e.label)): (e.id, form_label(e.label)) for e in form.elements}
    return issuebody.split(body, questions, f"this is not the body of the '{form.name.en}' form / "
                           f"ข้อความนี้ไม่ใช่แบบฟอร์ม{form.name.th}",
                           frozenset({issuebody.norm("ยืนยัน / Confirm")}))  # not part of the file


def _answer(e: Element, text: str, data: dict[str, Any], problems: list[str]) -> None:
    label = form_label(e.label)
    if e.kind == "checkboxes":
        keys = []
        for line in filter(str.strip, text.split("\n")):
            m = issuebody.CHECKBOX.fullmatch(line.strip())
            if m is None or (m[1] != " " and m[2].split(" ", 1)[0] not in (e.options or {})):
                problems.append(f"{label}: unexpected line {line.strip()[:60]!r} / มีบรรทัดที่ไม่ใช่ตัวเลือก")
            elif m[1] != " ":
                keys.append(m[2].split(" ", 1)[0])
        if keys:
            issuebody.set_path(data, e.target, keys)
    elif e.kind == "dropdown":
        issuebody.set_path(data, e.target, text.split(" ", 1)[0])
    elif e.target == "orgs":
        issuebody.set_path(data, e.target, [x.strip() for x in text.split(",") if x.strip()])
    elif e.per_line or e.items:
        items = [s for line in text.split("\n") if (s := line.strip().lstrip("-*• ").strip())]
        if e.items == "pairs":
            issuebody.set_path(data, e.target, _pairs(_FIELDS[e.target], e, items, problems))
        else:
            issuebody.set_path(data, e.target, items if e.items else [{"th": s} for s in items])
    else:
        issuebody.set_path(data, e.target, text)


def answers_to_data(form: Form, answers: dict[str, str], today: dt.date) -> tuple[dict[str, Any], list[str]]:
    problems: list[str] = []
    data: dict[str, Any] = {}
    for e in form.elements:
        text = answers.get(e.id, "")
        label = form_label(e.label)
        limit = writing.answer_limit(e.kind, MAX_TEXTAREA_CHARS)
        problem = issuebody.answer_problem(label, text, limit, e.required, e.kind in ("input", "dropdown"))
        if problem:
            problems.append(problem)
        elif text:
            _answer(e, text, data, problems)
    data["updated"] = today.isoformat()
    return data, problems


@dataclass(frozen=True)
class IssueEntry:
    id: str
    folder: str
    text: str


def entry_from_issue(kind: str, body: str, root: Path, today: dt.date | None = None) -> IssueEntry:
    """Validate an issue body against the repository's profiles; the file's text, or
    :class:`DatedFormError` with every problem."""
    form = FORMS[kind]
    if refused := issuebody.body_problem(body):
        raise DatedFormError([refused])
    answers, problems = _split(form, body)
    if problems and not answers:
        raise DatedFormError(problems)
    data, more = answers_to_data(form, answers, today or dt.date.today())
    problems += more
    entry_id = data.pop("id", "")
    if entry_id and not (len(entry_id) <= 60 and re.fullmatch(ID_PATTERN, entry_id)):
        problems.append(f"{entry_id[:60]!r} is not a valid id: lowercase letters, digits and hyphens / "
                        "ใช้ a-z 0-9 และ - เท่านั้น")
    if problems:
        raise DatedFormError(problems)
    if "venue" in data:
        data["venue"].setdefault("public", "no")
    schema = f"# yaml-language-server: $schema=../plugins/guidemap/contract/data/{form.kind}.schema.json\n"
    text = schema + writing.dump_yaml(data)
    # The written text, checked by the loader against the repository's profiles, as the site will.
    repo = load_repository(root)
    known = {o.id for o in repo.dataset.orgs}
    with tempfile.TemporaryDirectory() as tmp:
        trial = Path(tmp, form.folder, f"{entry_id}.yml")
        trial.parent.mkdir()
        trial.write_text(text, encoding="utf-8")
        found = Problems()
        calls, events = load_dated(Path(tmp), known, repo.dataset.orgs, found, repo.network)
        if found or not (calls or events):
            raise DatedFormError([f"[{p.field or form.kind}]: {p.en} / {p.th}"
                                  + (f" → {p.hint}" if p.hint else "") for p in found.sorted()]
                                 or ["the entry is not valid / ข้อมูลไม่ถูกต้อง"])
    return IssueEntry(entry_id, form.folder, text)


def write_entry(entry: IssueEntry, root: Path, *, update: bool = False) -> Path:
    """Write ``calls/<id>.yml`` or ``events/<id>.yml``; an existing file is replaced only with
    ``update``, and never through a symbolic link."""
    (target,) = writing.write_files(root, entry.folder, {f"{entry.id}.yml": entry.text}, replace=update,
                            exists=": use --update to replace it / มีไฟล์นี้อยู่แล้ว")
    return target
