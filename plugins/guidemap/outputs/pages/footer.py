"""The footer of every page: who runs the site, the network's channels, when its data last
changed and a short privacy note.

The date is the content's own (the latest profile check, story, call or event), never the build's
clock, so the same content gives the same bytes. Links here are absolute (channels) or written
by the theme (the site's own pages), since one footer serves pages at every depth.
"""

from __future__ import annotations

import datetime as dt

from guidemap.contract.model.types import Dataset
from guidemap.contract.thai import thai_date
from guidemap.outputs.html.htmlkit import h
from guidemap.outputs.html.markup import en
from guidemap.outputs.pages import reach
from guidemap.outputs.site.types import SiteInfo

_PRIVACY_EN = ("Privacy: no cookies, trackers or outside services; no personal data of individuals; "
               "positions shown only as coarsely as each group chose.")


def data_changed(data: Dataset, site: SiteInfo) -> dt.date | None:
    """The latest date of the content: a profile's ``updated``, a published story's date, a
    call's or an event's ``updated``."""
    dates = [o.updated for o in data.orgs]
    dates += [s.date for s in data.stories if site.is_published(s)]
    dates += [d.updated for d in (*data.calls, *data.events)]
    return max(dates, default=None)


def footer_html(data: Dataset, site: SiteInfo) -> str:
    net = reach.site_network(site)
    channels = reach.network_channels(site)
    reach_us = (f"<p>ติดต่อเครือข่าย {en('Contact the network')}</p>{channels}" if channels else
                f"<p>เครือข่ายยังไม่ได้เผยแพร่ช่องทางติดต่อ {en('The network has no published channel yet.')}</p>")
    changed = data_changed(data, site)
    when = (f'<p>ข้อมูลเปลี่ยนล่าสุด <time datetime="{changed.isoformat()}">{h(thai_date(changed))}</time> '
            f'{en("Data last changed")}</p>') if changed else ""
    return (f'<p><strong>{h(site.name)}</strong> ดูแลโดย{h(net.name.th)} {en(f"Run by {h(net.name.en)}")}</p>'
            f"{reach_us}{when}"
            '<p class="gm-footer__privacy">ความเป็นส่วนตัว: เว็บไซต์นี้ไม่ใช้คุกกี้ ตัวติดตาม หรือบริการภายนอก '
            "ไม่เผยแพร่ข้อมูลส่วนตัวของบุคคล มีเพียงช่องทางของกลุ่มและเครือข่าย และแสดงตำแหน่งอย่างหยาบตามที่กลุ่มเลือก "
            f"{en(_PRIVACY_EN)}</p>")


ABOUT = "about/"
ABOUT_CONTACT = "<!-- guidemap:network-contact -->"


def about_contact(site: SiteInfo, rendered: str) -> str:
    """The about page with the network's channels: at its marker, else at its end."""
    channels = reach.network_channels(site)
    net = reach.site_network(site)
    body = channels or (f"<p>เครือข่ายยังไม่ได้เผยแพร่ช่องทางติดต่อ "
                        f"{en('The network has no published channel yet.')}</p>")
    block = (f'<section class="gm-section gm-network-contact"><h2>ติดต่อ{h(net.name.th)} '
             f'{en("Contact the network")}</h2>{body}</section>')
    if ABOUT_CONTACT in rendered:
        return rendered.replace(ABOUT_CONTACT, block)
    return rendered + block
