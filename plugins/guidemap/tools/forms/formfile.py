"""The "add or update my organization" issue form (``.github/ISSUE_TEMPLATE/add-organization.yml``),
generated from the profile field declarations (``guidemap forms --write``; ``--check`` in CI).

The text is written line by line (:mod:`guidemap.tools.forms.writing`, shared by every form) so
that it reads like the file people used to edit: every string double-quoted (JSON strings are
valid YAML), the introduction as a ``|`` block.
"""

from __future__ import annotations

from pathlib import Path

from guidemap.contract.network import Network
from guidemap.contract.vocab import Label
from guidemap.tools.forms.issueform import CONSENT, FormField, form_fields, option_text
from guidemap.tools.forms.writing import form_confirmations, form_element, form_head

FORM_PATH = Path(".github") / "ISSUE_TEMPLATE" / "add-organization.yml"

HEADER = """\
# Issue form: "add or update my organization". GENERATED from the field declarations in
# plugins/guidemap/contract/model/profile.py by `guidemap forms --write`: edit those, not this file.
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


def _element(f: FormField) -> list[str]:
    e = f.element
    assert e is not None
    options = [option_text(f, k) for k in f.keys] if e.kind in ("dropdown", "checkboxes") else []
    return form_element(e.kind, e.id, f.label, e.description, e.placeholder, options,
                        e.default if e.kind == "dropdown" else None, e.required)


def form_text(net: Network) -> str:
    """The issue form's YAML for network ``net``, from
    :func:`guidemap.tools.forms.issueform.form_fields` (its vocabularies and languages)."""
    lines = form_head(NAME, DESCRIPTION, TITLE, LABELS, INTRO)
    for f in form_fields(net):
        lines += form_confirmations(f.id, f.label, CONSENTS) if f is CONSENT else _element(f)
    return HEADER + "\n".join(lines) + "\n"
