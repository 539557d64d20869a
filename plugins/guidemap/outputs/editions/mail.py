"""An edition as an e-mail: HTML that mail programs show well, its plain-text twin, and the
message (``.eml``) with both parts, made with Python's ``email`` package, which a coordinator
opens in a mail program and sends.

Mail programs keep little of the web: Gmail drops ``<style>`` in many of its apps and clips a
message over 102 KB, Outlook for Windows lays out with Word. So the HTML is tables with the
styles written onto each element, by ``css-inline`` (a maintained CSS inliner, written in Rust,
no network: remote stylesheets are never loaded) from the small stylesheet below, which keeps
to what caniemail.com's data says Gmail, Outlook and Apple Mail support (no ``role``, no
``border-radius``, no ``<style>`` left over; tests/site/test_editions.py checks it with npm
``caniemail``). We chose it over MJML (mjml-python, the Rust port): the layout is one column of
text, which a few tables say as well as MJML's components, and it leaves the markup in our hands.

Every link and picture is absolute (the site's URL); every contributed string is escaped here.
The size stays under Gmail's limit: sections are cut to fewer items (the web page has them all)
until the HTML fits.
"""

from __future__ import annotations

import binascii
import email.policy
import email.utils
import re

import css_inline

from guidemap.outputs.editions.items import Item, Section
from guidemap.outputs.editions.select import Edition
from guidemap.outputs.feeds.writer import day_start
from guidemap.outputs.html.htmlkit import h
from guidemap.outputs.pictures.renditions import renditions
from guidemap.outputs.site import urls
from guidemap.outputs.site.types import SiteInfo

LIMIT_BYTES = 100_000  # Gmail clips a message over 102 KB; a little room for the mail headers
WIDTH = 600  # the usual width of an e-mail's column
IMAGE_WIDTH = WIDTH - 2 * 24
FIRST_ITEMS = 25  # items per section before the size decides

# Only properties every checked client supports, at least in part; a mail program that drops
# one still shows the text.
STYLE = """
.gm-mail-outer { background-color: #eef2f3; }
.gm-mail-cell { padding: 12px 6px; }
.gm-mail { background-color: #ffffff; max-width: 600px; width: 100%; }
.gm-mail-head { background-color: #00695c; color: #ffffff; padding: 20px 24px;
   font-family: Tahoma, sans-serif; }
.gm-mail-site { color: #ffffff; font-size: 14px; margin: 0 0 6px 0; }
.gm-mail-title { color: #ffffff; font-size: 22px; line-height: 1.4; margin: 0; font-weight: bold; }
.gm-mail-en { color: #e0f2f1; font-size: 14px; margin: 4px 0 0 0; }
.gm-mail-head a { color: #ffffff; }
.gm-mail-body { padding: 8px 24px 16px 24px; font-family: Tahoma, sans-serif; color: #1f2933;
   font-size: 16px; line-height: 1.6; }
h2 { font-size: 19px; color: #00695c; margin: 24px 0 8px 0; padding: 0 0 4px 0;
   border-bottom: 2px solid #b2dfdb; }
.gm-mail-en-label { color: #52606d; font-size: 14px; font-weight: normal; }
.gm-mail-item { margin: 0 0 16px 0; }
.gm-mail-item-title { font-size: 17px; font-weight: bold; margin: 0; }
.gm-mail-item-title a { color: #00695c; }
.gm-mail-meta { color: #52606d; font-size: 14px; margin: 2px 0 0 0; }
.gm-mail-text { margin: 4px 0 0 0; }
.gm-mail-image { display: block; border: 0; width: 100%; height: auto; margin: 0 0 8px 0; }
.gm-mail-more { margin: 0 0 16px 0; font-size: 15px; }
.gm-mail-more a { color: #00695c; }
.gm-mail-foot { padding: 16px 24px; font-family: Tahoma, sans-serif; color: #52606d;
   font-size: 13px; line-height: 1.6; background-color: #f5f7f8; }
.gm-mail-foot a { color: #00695c; }
"""
# The copy of the e-mail on the site is a page of the site's own address: it loads nothing and
# runs nothing (mail programs ignore the tag).
_CSP = "default-src 'none'; img-src https: http: data:; style-src 'unsafe-inline'"
_INLINER = css_inline.CSSInliner(load_remote_stylesheets=False)


# A run of letters with no place to break (an address, code, a long English word) wider than a
# phone: mail programs lack the CSS that would break it (word-break, overflow-wrap), so a
# zero-width space is put in every 20 characters. Thai runs are left whole: mail programs and
# browsers break Thai at its words.
_LONG_RUN = re.compile(r"[^\s\u0e00-\u0e7f\u200b]{24,}")


def _breakable(text: str) -> str:
    return _LONG_RUN.sub(lambda m: "\u200b".join(m.group(0)[i:i + 20] for i in range(0, len(m.group(0)), 20)),
                         text)


def _t(text: str) -> str:
    """Plain text as the e-mail's HTML: escaped, long runs breakable."""
    return h(_breakable(text))


def _abs(site: SiteInfo, path: str) -> str:
    found = urls.absolute(site.url, path)
    assert found is not None, "editions are made only when the site URL is known"
    return found


def _image(item: Item, site: SiteInfo) -> str:
    if not item.image or item.image_info is None:
        return ""
    copies = renditions(item.image, item.image_info)
    chosen = next((r for r in copies if r.width >= IMAGE_WIDTH), copies[-1])
    width = min(chosen.width, IMAGE_WIDTH)
    # The column's width, never wider than the copy (a small picture is not blown up).
    return (f'<img class="gm-mail-image" src="{h(_abs(site, chosen.path))}" width="{width}" '
            f'style="max-width: {width}px;" '
            f'alt="{h(item.image_alt)}">')


def item_href(item: Item, site: SiteInfo) -> str:
    return item.path if item.external else _abs(site, item.path)


def _item(item: Item, site: SiteInfo) -> str:
    meta = f'<p class="gm-mail-meta">{_t(item.meta)}</p>' if item.meta else ""
    text = f'<p class="gm-mail-text">{_t(item.text)}</p>' if item.text else ""
    return (f'<div class="gm-mail-item">{_image(item, site)}'
            f'<p class="gm-mail-item-title"><a href="{h(item_href(item, site))}">{_t(item.title)}</a></p>'
            f"{meta}{text}</div>")


def _section(section: Section, limit: int, page: str, site: SiteInfo) -> str:
    shown = section.items[:limit]
    more = len(section.items) - len(shown)
    rest = (f'<p class="gm-mail-more"><a href="{h(page)}#{h(section.key)}">และอีก {more} รายการบนเว็บ '
            f"(and {more} more)</a></p>") if more else ""
    label = f'<span class="gm-mail-en-label" lang="en">{h(section.label.en)}</span>'
    return (f"<h2>{h(section.label.th)} {label}</h2>" + "".join(_item(i, site) for i in shown) + rest)


def _content(edition: Edition, parts: list[Section], site: SiteInfo, limit: int) -> str:
    """The message's column: a table of three rows (heading, sections, footer)."""
    page = _abs(site, urls.edition(edition.period.key))
    body = "".join(_section(s, limit, page, site) for s in parts)
    subscribe = _abs(site, urls.SUBSCRIBE)
    return (
        f'<table class="gm-mail" width="{WIDTH}" cellpadding="0" cellspacing="0" border="0" align="center">'
        f'<tr><td class="gm-mail-head"><p class="gm-mail-site">{_t(site.name)} · จดหมายข่าว</p>'
        f'<p class="gm-mail-title">{h(edition.title)}</p>'
        f'<p class="gm-mail-en" lang="en">Newsletter, {h(edition.title_en)} · '
        f'<a href="{h(page)}">อ่านบนเว็บ (read on the web)</a></p></td></tr>'
        f'<tr><td class="gm-mail-body">{body}</td></tr>'
        f'<tr><td class="gm-mail-foot"><p>จดหมายข่าวของ{h(site.network.name.th)} '
        f'<span lang="en">({h(site.network.name.en)})</span> · '
        f'<a href="{h(_abs(site, urls.NEWSLETTER))}">ทุกฉบับ (every issue)</a> · '
        f'<a href="{h(subscribe)}">ติดตามจดหมายข่าว (subscribe)</a></p></td></tr></table>')


def _document(edition: Edition, site: SiteInfo, content: str) -> str:
    return _INLINER.inline(
        '<!DOCTYPE html><html lang="th"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
        f"<title>{h(edition.title)} · {h(site.name)}</title><style>{STYLE}</style></head>"
        '<body><table class="gm-mail-outer" width="100%" cellpadding="0" cellspacing="0" border="0">'
        f'<tr><td class="gm-mail-cell" align="center">{content}</td></tr></table></body></html>')


def email_html(edition: Edition, parts: list[Section], site: SiteInfo) -> tuple[str, str]:
    """The whole message's HTML and its column alone (the feed's item), with styles inlined,
    under :data:`LIMIT_BYTES`."""
    limit = FIRST_ITEMS
    while True:
        content = _content(edition, parts, site, limit)
        document = _document(edition, site, content)
        if len(document.encode()) <= LIMIT_BYTES or limit == 1:
            return document, _INLINER.inline_fragment(content, STYLE)
        limit = max(1, limit * 2 // 3)


def email_text(edition: Edition, parts: list[Section], site: SiteInfo) -> str:
    """The plain-text part: every item with its address."""
    page = _abs(site, urls.edition(edition.period.key))
    lines = [f"{site.name} · จดหมายข่าว {edition.title}", f"Newsletter, {edition.title_en}",
             f"อ่านบนเว็บ (read on the web): {page}", ""]
    for section in parts:
        heading = f"{section.label.th} ({section.label.en})"
        lines += [heading, "=" * min(len(heading), 60), ""]
        for item in section.items:
            lines.append(f"* {item.title}")
            lines += [f"  {x}" for x in (item.meta, item.text) if x]
            lines += [f"  {item_href(item, site)}", ""]
    lines += ["--", f"ทุกฉบับ (every issue): {_abs(site, urls.NEWSLETTER)}",
              f"ติดตามจดหมายข่าว (subscribe): {_abs(site, urls.SUBSCRIBE)}", ""]
    return "\n".join(lines)


def message(edition: Edition, site: SiteInfo, text: str, html: str) -> bytes:
    """The ``.eml``: a multipart/alternative message, text first, then HTML (what a mail
    program shows when it can). No sender or recipient: the coordinator's mail program adds
    them. The boundary and the date come from the edition, so the bytes never change.

    Written here rather than by the ``email`` package's generator, which parses and refolds
    every header of every part again (most of the time of the editions' files): the message's
    shape is fixed, only the subject needs folding, and the bytes are the generator's
    (tests/properties/test_properties_worker_files.py compares the two)."""
    boundary = f"guidemap-edition-{edition.period.key}".encode("ascii")
    return b"".join((
        _header("Subject", f"{edition.title} · {site.name}"),
        _header("Date", email.utils.format_datetime(day_start(edition.period.issued))),
        b"X-Unsent: 1\r\n",  # Outlook and others open it as a draft, ready to send
        b"MIME-Version: 1.0\r\n",
        _header("Content-Type", f'multipart/alternative; boundary="{boundary.decode()}"'),
        b"\r\n--", boundary, b"\r\n",
        _part("plain", text, b""),
        b"\r\n--", boundary, b"\r\n",
        _part("html", html, b"MIME-Version: 1.0\r\n"),  # the generator's, on the added part
        b"\r\n--", boundary, b"--\r\n",
    ))


_POLICY = email.policy.SMTP
_BASE64_LINE = 57  # bytes to a base64 line, as the email package cuts: max_line_length (78) // 4 * 3


def _header(name: str, value: str) -> bytes:
    """One header as the generator writes it: parsed (refusing line breaks), then folded."""
    return _POLICY.fold_binary(*_POLICY.header_store_parse(name, value))


def _part(subtype: str, text: str, extra: bytes) -> bytes:
    """A text part in base64 as ``EmailMessage.set_content(text, cte="base64")`` makes it:
    its lines ended with CRLF, encoded 57 bytes to a line."""
    data = b"\r\n".join(text.encode("utf-8").splitlines()) + b"\r\n"
    encoded = b"".join(binascii.b2a_base64(data[i:i + _BASE64_LINE])
                       for i in range(0, len(data), _BASE64_LINE))
    return (f'Content-Type: text/{subtype}; charset="utf-8"\r\n'.encode("ascii")
            + b"Content-Transfer-Encoding: base64\r\n" + extra + b"\r\n"
            + encoded.replace(b"\n", b"\r\n"))
