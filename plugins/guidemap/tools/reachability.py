"""What ``guidemap validate`` says about reaching the groups: how many a visitor can reach
directly, how many only through the network's channels, and which groups ask for volunteers
or funding with no channel anywhere (a warning: missing data is never a failure)."""

from __future__ import annotations

from collections.abc import Iterable

from guidemap.contract.model.types import Org
from guidemap.contract.network import Network

ASKING = ("volunteers", "funding")


def unreachable_asking(orgs: Iterable[Org], net: Network) -> list[Org]:
    """Groups that ask for volunteers or funding and that no visitor can reach: no channel of
    their own, no donation page for funding, and no network channel."""
    if net.contact:
        return []
    found = []
    for org in orgs:
        asks = [k for k in org.needs if k in ASKING] + (["volunteers"] if org.volunteer else [])
        if asks and not org.contact.items() and not (org.donate and asks == ["funding"]):
            found.append(org)
    return sorted(found, key=lambda o: o.id)


def report(orgs: list[Org], net: Network) -> list[str]:
    direct = sum(1 for o in orgs if o.contact.items())
    through = len(orgs) - direct if net.contact else 0
    lines = [f"reach: {direct} group(s) directly, {through} only through the network's channels / "
             f"ติดต่อกลุ่มได้โดยตรง {direct} กลุ่ม ผ่านเครือข่ายเท่านั้น {through} กลุ่ม"]
    if not net.contact:
        lines.append("warning: the network has no contact: in guidemap.yml; groups without a channel "
                     "of their own cannot be reached / เครือข่ายยังไม่มี contact: ใน guidemap.yml")
    for org in unreachable_asking(orgs, net):
        lines.append(f"warning: {org.source}: asks for volunteers or funding but has no channel anywhere "
                     f"/ ต้องการอาสาหรือทุนแต่ไม่มีช่องทางติดต่อ: {org.name.best}")
    return lines
