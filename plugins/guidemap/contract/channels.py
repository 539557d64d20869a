"""The network's own channels in ``guidemap.yml``: ``contact:`` (the keys and rules of a
profile's ``contact``, checked by the same field declarations) and ``donate:`` (a joint fund,
https only).

They live apart from :mod:`guidemap.contract.network` because the profile's declarations
(:data:`guidemap.contract.model.PROFILE_FIELDS`) are built on the specs, which sit above the
network module: reading them there would make an import cycle.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from guidemap.contract import network
from guidemap.contract.model.profile import PROFILE_FIELDS
from guidemap.contract.network import Network
from guidemap.contract.problems import Problems
from guidemap.contract.spec import INVALID, Context, Field, Obj, Url
from guidemap.contract.vocab import Label
from guidemap.contract.yamlsafe import Document, YamlProblem, decode, parse

# The profile's contact fields ("contact.line" -> "line"), in the order a profile declares them.
CONTACT_FIELDS: dict[str, Field] = {f.path.split(".", 1)[1]: Field(f.spec)
                                    for f in PROFILE_FIELDS if f.path.startswith("contact.") and f.spec}
CONTACT = Obj(CONTACT_FIELDS)
DONATE = Url(https_only=True, description=Label("กองทุนร่วมของเครือข่าย", "The network's joint fund"))
# The newsletter's channels: the LINE official account (as a profile's contact.line), and the
# address the sign-up form posts to (https: a visitor's e-mail address travels in it).
NEWSLETTER_LINE = CONTACT_FIELDS["line"].spec
EMAIL_SIGNUP = Url(https_only=True, description=Label("ที่อยู่รับสมัครจดหมายข่าวทางอีเมล",
                                                      "The e-mail newsletter's sign-up address"))


def complete(net: Network, root: Path, name: str | None, problems: Problems) -> Network:
    """``net`` with the channels of the site's network file; their problems go to ``problems``
    (file, line and field, as a profile's)."""
    path = network.locate(root, name)
    if not path.is_file():
        return net
    try:
        doc = parse(decode(path.read_bytes()))
    except YamlProblem:
        return net  # network.load has reported it
    data = doc.data
    if not isinstance(data, dict) or not {"contact", "donate", "newsletter"} & set(data):
        return net
    shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    ctx = Context(shown, doc, problems, net)
    contact: tuple[tuple[str, str], ...] = ()
    donate: str | None = None
    if data.get("contact") is not None:
        checked: Any = CONTACT.check(data["contact"], ("contact",), ctx)
        if checked is not INVALID:
            contact = tuple((k, checked[k]) for k in CONTACT_FIELDS if checked.get(k))
    if data.get("donate") is not None:
        given = DONATE.check(data["donate"], ("donate",), ctx)
        donate = None if given is INVALID else str(given)
    line, signup = _newsletter(data.get("newsletter"), ctx)
    return dataclasses.replace(net, contact=contact, donate=donate, newsletter_line=line, email_signup=signup)


def _newsletter(value: Any, ctx: Context) -> tuple[str | None, str | None]:
    """The LINE account and the sign-up address under ``newsletter:`` (other keys are the
    network module's to check)."""
    if not isinstance(value, dict):
        return None, None
    found: list[str | None] = []
    for key, spec in (("line", NEWSLETTER_LINE), ("email_signup", EMAIL_SIGNUP)):
        given = spec.check(value[key], ("newsletter", key), ctx) if value.get(key) is not None else None
        found.append(None if given is None or given is INVALID else str(given))
    return found[0], found[1]


Channels = tuple[tuple[str, str], ...]


def check_answers(contact: dict[str, str], donate: str | None) -> tuple[Channels, str | None, list[str]]:
    """Channels given outside a file (``guidemap init``'s answers), by the same rules: the
    normalized channels, the fund, and every problem as a line of text."""
    data: dict[str, Any] = {"contact": {k: v for k, v in contact.items() if v}}
    if donate:
        data["donate"] = donate
    problems = Problems()
    # The channels' rules depend on no vocabulary or language: any network checks them alike.
    ctx = Context("answers", Document(data), problems, network.DEFAULT)
    checked: Any = CONTACT.check(data["contact"], ("contact",), ctx)
    normal = () if checked is INVALID else tuple((k, checked[k]) for k in CONTACT_FIELDS if checked.get(k))
    fund = DONATE.check(donate, ("donate",), ctx) if donate else None
    lines = [f"--{p.field.rpartition('.')[2]}: {p.th} / {p.en}" for p in problems.items]
    return normal, (None if fund is INVALID or fund is None else str(fund)), lines
