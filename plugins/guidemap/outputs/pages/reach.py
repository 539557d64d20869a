"""How a visitor reaches someone: the "สนใจช่วย / I want to help" button, giving, and the
network's own channels for groups that publish none.

One plain link opens a ready message, Thai first, naming the group (or the call) and the page's
address: to a LINE official account with the text filled in, else an e-mail with subject and
body, else a phone call; the group's own channel first, the network's (``guidemap.yml``
``contact:``) where the group has none. Nothing is requested before a tap (no form, no
backend), which suits a region where groups would rather not publish a phone number. Where no
channel exists at all there is no dead button: the page says who can help and how a group adds
its channel.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from guidemap.contract.model.types import Org
from guidemap.contract.network import Network
from guidemap.contract.thai import display_phone
from guidemap.contract.vocab import Label
from guidemap.outputs.html.htmlkit import h
from guidemap.outputs.html.markup import bi, en, external
from guidemap.outputs.site import urls
from guidemap.outputs.site.types import SiteInfo

CONTACT_LABELS = {
    "website": Label("เว็บไซต์", "Website"),
    "facebook": Label("Facebook", "Facebook"),
    "line": Label("LINE", "LINE"),
    "email": Label("อีเมล", "E-mail"),
    "phone": Label("โทรศัพท์", "Phone"),
    "instagram": Label("Instagram", "Instagram"),
    "youtube": Label("YouTube", "YouTube"),
    "tiktok": Label("TikTok", "TikTok"),
}
# An official account's id as a profile stores it (line.me/R/ti/p/@id, %40id, page.line.me/id);
# a personal id (~name) is not one, and stays a plain "add friend" link.
_LINE_PATH = re.compile(r"^/(?:R/)?ti/p/(?:@|%40)([A-Za-z0-9._\-]{1,100})/?$")
_LINE_PAGE = re.compile(r"^/([A-Za-z0-9._\-]{1,100})/?$")
MAX_LINE_TEXT = 5000  # LINE's limit for one text message


def site_network(site: SiteInfo) -> Network:
    """The network the site is for."""
    return site.network


def line_account(url: str) -> str | None:
    """``@id`` of a LINE official account link, or None when the link names none."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    found = (_LINE_PATH.match(parts.path) if host == "line.me"
             else _LINE_PAGE.match(parts.path) if host == "page.line.me" else None)
    return f"@{found[1]}" if found else None


@dataclass(frozen=True)
class Way:
    """One way to send a message: where it goes and how the button says so."""

    href: str
    how: Label  # "ทาง LINE" / "by LINE"


def message_way(contact: Iterable[tuple[str, str]], subject: str, body: str) -> Way | None:
    """The first way a message can be sent to these channels: LINE with the text filled in,
    e-mail with subject and body, a phone call (every text percent-encoded into the URL)."""
    found = dict(contact)
    account = line_account(found["line"]) if "line" in found else None
    if account:
        text = body[:MAX_LINE_TEXT]
        return Way(f"https://line.me/R/oaMessage/{quote(account, safe='')}/?{quote(text, safe='')}",
                   Label("ทาง LINE", "by LINE"))
    if "email" in found:
        return Way(f"mailto:{quote(found['email'], safe='@')}?subject={quote(subject, safe='')}"
                   f"&body={quote(body, safe='')}", Label("ทางอีเมล", "by e-mail"))
    if "phone" in found:
        return Way(f"tel:{quote(found['phone'], safe='+')}", Label("ทางโทรศัพท์", "by phone"))
    if "line" in found:  # a LINE link that names no official account: open the chat, no text
        return Way(found["line"], Label("ทาง LINE", "by LINE"))
    return None


@dataclass(frozen=True)
class Ask:
    """What a message is about: the group (and the call), and whether it is about giving."""

    group: Org | None  # None: the network itself
    page_url: str  # the site's URL of the page the button is on
    call_title: str | None = None
    campaign_title: str | None = None
    giving: bool = False


def _texts(ask: Ask, site: SiteInfo, via_network: bool) -> tuple[str, str]:
    """Subject and body, Thai first, naming the group or call and the page's address."""
    net = site_network(site)
    address = urls.absolute(site.url, ask.page_url) or "/" + ask.page_url
    name = ask.group.name.best if ask.group else net.name.th
    name_en = (ask.group.name.en or name) if ask.group else net.name.en
    if ask.call_title:
        th = f"สวัสดีครับ/ค่ะ สนใจสมัครเป็นอาสาตามประกาศ \"{ask.call_title}\" ของ{name}"
        english = f"Hello, I would like to volunteer for \"{ask.call_title}\" ({name_en})."
    elif ask.campaign_title:
        th = f"สวัสดีครับ/ค่ะ สนใจช่วยแคมเปญ \"{ask.campaign_title}\" ของ{name}"
        english = f"Hello, I would like to help the campaign \"{ask.campaign_title}\" ({name_en})."
    elif ask.giving:
        th = f"สวัสดีครับ/ค่ะ สนใจร่วมสนับสนุนทุนให้{name} ขอทราบช่องทางบริจาคที่ถูกต้อง"
        english = f"Hello, I would like to give to {name_en}: how can I donate safely?"
    else:
        th = f"สวัสดีครับ/ค่ะ สนใจช่วยงานของ{name} อยากทราบว่าช่วยอะไรได้บ้าง"
        english = f"Hello, I would like to help {name_en}: how can I help?"
    if via_network and ask.group:
        th = f"ถึง{net.name.th}: {th} ฝากช่วยประสานกับกลุ่มด้วยครับ/ค่ะ"
        english = f"To {net.name.en}: {english} Could you put me in touch with the group?"
    subject = (f"สนใจช่วย: {ask.call_title or ask.campaign_title or name}" if not ask.giving
               else f"สนใจร่วมบริจาค: {name}")
    return subject, f"{th}\n{address}\n\n{english}"


def help_button(ask: Ask, site: SiteInfo, frm: str) -> str:
    """The one button (or, with no channel anywhere, what to do instead)."""
    net = site_network(site)
    own = ask.group.contact.items() if ask.group else []
    via_network = False
    subject, body = _texts(ask, site, False)
    way = message_way(own, subject, body)
    if way is None and ask.group is not None:
        via_network = True
        subject, body = _texts(ask, site, True)
        way = message_way(net.contact, subject, body)
    if way is None:
        return no_channel(ask, site, frm)
    label = Label("สนใจร่วมบริจาค", "I want to give") if ask.giving else Label("สนใจช่วย", "I want to help")
    to = (f"ส่งข้อความถึง{h(net.name.th)} ซึ่งจะประสานกับกลุ่มให้ {h(way.how.th)} "
          f'{en(f"A message to the network, which puts you in touch, {h(way.how.en)}.")}'
          if via_network else
          f"ส่งข้อความถึง{h(ask.group.name.best if ask.group else net.name.th)} {h(way.how.th)} "
          f'{en(f"A ready message, {h(way.how.en)}.")}')
    kind = " gm-help--give" if ask.giving else ""
    return (f'<div class="gm-help{kind}"><a class="md-button md-button--primary gm-help__button" '
            f'href="{h(way.href)}" rel="nofollow">{bi(label)}</a>'
            f'<p class="gm-help__to">{to}</p></div>')


def add_channel_url(site: SiteInfo) -> str | None:
    """Where a group adds its channel: the profile form on the repository, else CONTRIBUTING."""
    if not site.repo_url:
        return None
    base = site.repo_url.rstrip("/")
    if "github.com" in base:
        return f"{base}/issues/new?template=add-organization.yml"
    return f"{base}/blob/{site.edit_branch}/CONTRIBUTING.md"


def no_channel(ask: Ask, site: SiteInfo, frm: str) -> str:
    """No channel anywhere: who can help, and how a group adds its channel (never a dead button)."""
    name = h(ask.group.name.best) if ask.group else "กลุ่ม"
    report = site.report_url(ask.group.id, ask.group.name.best) if ask.group else None
    who = (f"ผู้ดูแลเว็บไซต์ช่วยส่งต่อได้: {external(report, 'แจ้งผู้ดูแลว่าอยากติดต่อกลุ่มนี้')}"
           if report else "สอบถามกลุ่มอื่นในจังหวัดเดียวกันที่มีช่องทางติดต่อ")
    add = add_channel_url(site)
    how = (f"{name}เพิ่มช่องทางของตัวเองได้ทาง{external(add, 'แบบฟอร์มข้อมูลกลุ่ม')}" if add
           else f"{name}เพิ่มช่องทางของตัวเองได้โดยแก้ไฟล์ข้อมูลกลุ่ม (contact:)")
    return (f'<div class="gm-help gm-help--none" role="note"><p><strong>ยังไม่มีช่องทางติดต่อที่เผยแพร่ได้</strong> '
            f'{en("No published channel yet.")}</p><p>{who}</p><p>{how} '
            f'{en("A group can add its channel through the profile form.")}</p></div>')


def contact_link(kind: str, value: str) -> str:
    if kind == "phone":
        return f'<a href="tel:{h(value)}">{h(display_phone(value))}</a>'
    if kind == "email":
        return f'<a href="mailto:{h(value)}">{h(value)}</a>'
    return external(value, h(value.split("://", 1)[-1].rstrip("/")))


def channel_list(contact: Iterable[tuple[str, str]], donate: str | None = None,
                 donate_label: str = "ร่วมบริจาค") -> str:
    """A list of channels (and the fund), "" when there is none."""
    rows = "".join(f"<dt>{bi(CONTACT_LABELS[k])}</dt><dd>{contact_link(k, v)}</dd>" for k, v in contact)
    if donate:
        rows += f"<dt>{bi(Label('บริจาค', 'Donate'))}</dt><dd>{external(donate, h(donate_label))}</dd>"
    return f'<dl class="gm-contact">{rows}</dl>' if rows else ""


def network_channels(site: SiteInfo) -> str:
    """The network's channels and joint fund, "" when it publishes none."""
    net = site_network(site)
    return channel_list(net.contact, net.donate, "กองทุนร่วมของเครือข่าย")
