"""An edition as a LINE message: a short Thai digest a coordinator pastes into the network's
LINE group, within LINE's 5,000 characters for one text message, with the edition's address
(LINE turns it into a link and a preview card).

Titles only, with the date of an event or the last day of a call, fewer items per section
until it fits; the address is never cut.
"""

from __future__ import annotations

from guidemap.contract import thai
from guidemap.outputs.editions.items import Section
from guidemap.outputs.editions.select import Edition
from guidemap.outputs.site import urls
from guidemap.outputs.site.types import SiteInfo

LIMIT = 5000  # characters in one LINE text message
FIRST_ITEMS = 8
TITLE_CHARS = 90


def _lines(edition: Edition, parts: list[Section], site: SiteInfo, page: str, limit: int) -> str:
    out = [f"📰 จดหมายข่าว{site.network.name.th}", edition.title, ""]
    for section in parts:
        out.append(f"▪️ {section.label.th} ({len(section.items)})")
        for item in section.items[:limit]:
            meta = item.meta.split(" · ")[0] if section.key in ("events", "closing", "calls") else ""
            title = thai.truncate(" ".join(item.title.split()), TITLE_CHARS)
            out.append(f"• {title}" + (f" ({meta})" if meta else ""))
        if len(section.items) > limit:
            out.append(f"• และอีก {len(section.items) - limit} รายการ")
        out.append("")
    out += ["อ่านฉบับเต็ม:", page]
    return "\n".join(out)


def length(text: str) -> int:
    """Characters as LINE counts them (UTF-16 code units: an emoji counts two)."""
    return len(text.encode("utf-16-le")) // 2


def line_text(edition: Edition, parts: list[Section], site: SiteInfo) -> str:
    page = urls.absolute(site.url, urls.edition(edition.period.key)) or urls.edition(edition.period.key)
    limit = FIRST_ITEMS
    while True:
        text = _lines(edition, parts, site, page, limit)
        if length(text) <= LIMIT or limit == 0:
            return text
        limit -= 1
