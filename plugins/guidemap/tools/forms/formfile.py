"""The "add or update my organization" issue form (``.github/ISSUE_TEMPLATE/add-organization.yml``),
generated from the profile field declarations (``guidemap forms --write``; ``--check`` in CI).

The text is written by hand-rolled YAML so that it reads like the file people used to edit:
every string double-quoted (JSON strings are valid YAML), the introduction as a ``|`` block.
"""

from __future__ import annotations

import json
from pathlib import Path

from guidemap.contract.vocab import Label
from guidemap.tools.forms.issueform import CONSENT, FormField, form_fields, form_label, option_text

FORM_PATH = Path(".github") / "ISSUE_TEMPLATE" / "add-organization.yml"

HEADER = """\
# Issue form: "add or update my organization". GENERATED from the field declarations in
# plugins/guidemap/contract/model.py by `guidemap forms --write`: edit those, not this file.
# `guidemap from-issue` (plugins/guidemap/tools/forms/issueform.py) reads the labels back.
"""
NAME = Label("เพิ่มหรือแก้ไขข้อมูลกลุ่ม", "Add or update my organization")
DESCRIPTION = Label("กรอกแบบฟอร์มแทนการแก้ไฟล์ ทีมงานจะสร้างไฟล์ข้อมูลกลุ่มให้",
                    "Fill in a form instead of editing a file; maintainers turn it into the profile.")
TITLE = "[กลุ่ม / profile] "
LABELS = ("profile",)
INTRO = (
    "**ทุกอย่างที่กรอกในแบบฟอร์มนี้เป็นข้อมูลสาธารณะ** ใส่เฉพาะช่องทางติดต่อของกลุ่ม "
    "ห้ามใส่เบอร์ อีเมล หรือบัญชีส่วนตัวของใคร",
    "ทีมงานจะตรวจ แล้วเปิด pull request เพิ่มไฟล์ `orgs/<id>.yml` ให้ "
    "ดูคำอธิบายทุกช่องได้ที่ [CONTRIBUTING.md](../blob/main/CONTRIBUTING.md)",
    "",
    "**Everything in this form is public.** Give only the group's own contacts, never a person's",
    "phone, e-mail or account. Maintainers check it and open a pull request adding `orgs/<id>.yml`.",
    "Every field is explained in [CONTRIBUTING.md](../blob/main/CONTRIBUTING.md).",
)
CONSENTS = (
    Label("ฉันเป็นตัวแทนของกลุ่ม หรือได้รับความยินยอมจากกลุ่ม", "I speak for the group or have its consent"),
    Label("ช่องทางติดต่อเป็นของกลุ่ม ไม่ใช่ของบุคคล", "The contacts are the group's, not a person's"),
)


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _element(f: FormField) -> list[str]:
    e = f.element
    assert e is not None
    lines = [f"  - type: {e.kind}", f"    id: {e.id}", "    attributes:", f"      label: {_q(f.label)}"]
    if e.description:
        lines.append(f"      description: {_q(form_label(e.description))}")
    if e.placeholder:
        lines.append(f"      placeholder: {_q(e.placeholder)}")
    if e.kind == "dropdown":
        lines += ["      options:", *(f"        - {_q(option_text(f.id, k))}" for k in f.keys)]
        if e.default is not None:
            lines.append(f"      default: {e.default}")
    elif e.kind == "checkboxes":
        lines += ["      options:", *(f"        - label: {_q(option_text(f.id, k))}" for k in f.keys)]
    if e.required and e.kind != "checkboxes":  # GitHub requires checkboxes one by one
        lines += ["    validations:", "      required: true"]
    return lines


def _consent() -> list[str]:
    lines = ["  - type: checkboxes", f"    id: {CONSENT.id}", "    attributes:",
             f"      label: {_q(CONSENT.label)}", "      options:"]
    for label in CONSENTS:
        lines += [f"        - label: {_q(form_label(label))}", "          required: true"]
    return lines


def form_text() -> str:
    """The issue form's YAML, from :func:`guidemap.tools.forms.issueform.form_fields` (the
    network's languages)."""
    lines = [f"name: {_q(form_label(NAME))}", f"description: {_q(form_label(DESCRIPTION))}",
             f"title: {_q(TITLE)}", f"labels: [{', '.join(_q(x) for x in LABELS)}]", "body:",
             "  - type: markdown", "    attributes:", "      value: |",
             *(f"        {line}" if line else "" for line in INTRO)]
    for f in form_fields():
        lines += _consent() if f is CONSENT else _element(f)
    return HEADER + "\n".join(lines) + "\n"
