"""The W3C Feed Validator's checks this site's feeds rely on, written out (the validator itself is
not installable from the package registries this project uses): each function returns the
problems of one file, named with the validator's own message where it has one.

RSS 2.0 (the RSS Advisory Board's specification) and Atom (RFC 4287):
- well-formed XML in UTF-8, no control character XML 1.0 forbids;
- the required elements: RSS ``channel/title``, ``link``, ``description``, every item a title or
  a description (ItemMustContainTitleOrDescription); Atom feed and entry ``id``, ``title``,
  ``updated``, an author for the feed or every entry (MissingAuthor), an entry's alternate link
  or content (MissingAlternateLink);
- dates: RFC 822 in RSS, with a named or numeric zone (InvalidRFC2822Date); RFC 3339 in Atom, with
  its offset (InvalidRFC3339Date);
- identity: a ``rel="self"`` link whose address is the feed's own (MissingAtomSelfLink,
  SelfDoesntMatchLocation); unique RSS guids and Atom ids (DuplicateItem, DuplicateEntries); a
  permalink guid and every id an absolute address (InvalidFullLink, InvalidAtomId); no two
  Atom entries with one ``updated`` (DuplicateUpdated);
- content: every address in HTML content absolute (ContainsRelRef); no ``<script>``, event
  handler or ``javascript:`` address (ContainsScript, SecurityRisk); HTML content made of whole
  blocks, no stray list item, term or table cell at its top (NotHtml: a reader shows an item
  outside any list); an enclosure with its address, length and type (MissingEnclosureAttribute);
- RSS ``language`` a language code (InvalidLanguage), ``author`` an e-mail (InvalidContact).

Not checked: "ContainsUndeclaredHTML" on Atom titles and summaries, which are plain text here and
may hold a contributor's ``<`` as a character (the writer says so by giving them no ``type``).
"""

from __future__ import annotations

import re
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

from lxml import etree
from lxml import html as lxml_html

ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
_RFC822 = re.compile(r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} "
                     r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} "
                     r"\d{2}:\d{2}:\d{2} ([+-]\d{4}|GMT|UT|[ECMP][SD]T|Z)$")
_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_STRAY = {"li", "dt", "dd", "tr", "td", "th", "tbody", "thead", "option"}
_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+( \(.+\))?$")


def _absolute(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def html_problems(fragment: str, where: str) -> list[str]:
    """An item's HTML content: absolute addresses, nothing active, whole blocks."""
    found: list[str] = []
    if not fragment.strip():
        return found
    tops = lxml_html.fragments_fromstring(fragment)
    for top in tops:
        if isinstance(top, str):
            continue
        if top.tag in _STRAY:
            found.append(f"{where}: NotHtml: a <{top.tag}> at the top of the content, outside its parent")
        for el in top.iter():
            if not isinstance(el.tag, str):
                continue
            if el.tag in ("script", "iframe", "object", "embed"):
                found.append(f"{where}: ContainsScript: <{el.tag}>")
            for name, value in el.attrib.items():
                if name.lower().startswith("on"):
                    found.append(f"{where}: SecurityRisk: event handler {name}")
                if name in ("href", "src"):
                    if value.strip().lower().startswith(("javascript:", "data:", "vbscript:")):
                        found.append(f"{where}: SecurityRisk: {name}={value[:40]!r}")
                    elif not value.startswith(("mailto:", "tel:")) and not _absolute(value):
                        found.append(f"{where}: ContainsRelRef: {name}={value[:60]!r}")
    return found


def _enclosure(attrs: dict[str, str], where: str) -> list[str]:
    missing = [a for a in ("length", "type") if not attrs.get(a)]
    url = attrs.get("url") or attrs.get("href") or ""
    found = [f"{where}: MissingEnclosureAttribute: {a}" for a in missing]
    if not _absolute(url):
        found.append(f"{where}: InvalidFullLink: enclosure {url!r}")
    return found


def rss_problems(data: bytes, where: str, self_url: str) -> list[str]:
    found = _xml_problems(data, where)
    root = etree.fromstring(data)
    channel = root.find("channel")
    if root.tag != "rss" or root.get("version") != "2.0" or channel is None:
        return [*found, f"{where}: not an RSS 2.0 document"]
    for name in ("title", "link", "description"):
        if not (channel.findtext(name) or "").strip():
            found.append(f"{where}: MissingElement: channel/{name}")
    if not _absolute(channel.findtext("link") or ""):
        found.append(f"{where}: InvalidFullLink: channel/link")
    selves = [el.get("href") for el in channel.iterfind(f"{ATOM}link") if el.get("rel") == "self"]
    if not selves:
        found.append(f"{where}: MissingAtomSelfLink")
    elif selves != [self_url]:
        found.append(f"{where}: SelfDoesntMatchLocation: {selves} is not {self_url}")
    language = channel.findtext("language")
    if language is not None and not _LANGUAGE.match(language):
        found.append(f"{where}: InvalidLanguage: {language!r}")
    for name in ("pubDate", "lastBuildDate"):
        found += _rfc822(channel.findtext(name), f"{where}: channel/{name}")
    guids: set[str] = set()
    for n, item in enumerate(channel.iterfind("item"), 1):
        at = f"{where}: item {n}"
        if not (item.findtext("title") or item.findtext("description")):
            found.append(f"{at}: ItemMustContainTitleOrDescription")
        guid = item.find("guid")
        if guid is None:
            found.append(f"{at}: MissingGuid")
        else:
            value = guid.text or ""
            if value in guids:
                found.append(f"{at}: DuplicateItem: guid {value}")
            guids.add(value)
            if guid.get("isPermaLink", "true") == "true" and not _absolute(value):
                found.append(f"{at}: InvalidFullLink: permalink guid {value!r}")
        link = item.findtext("link")
        if link is not None and not _absolute(link):
            found.append(f"{at}: InvalidFullLink: link {link!r}")
        found += _rfc822(item.findtext("pubDate"), f"{at}: pubDate")
        author = item.findtext("author")
        if author is not None and not _EMAIL.match(author):
            found.append(f"{at}: InvalidContact: author {author!r} is not an e-mail")
        found += html_problems(item.findtext("description") or "", f"{at}: description")
        found += html_problems(item.findtext(CONTENT) or "", f"{at}: content:encoded")
        for enclosure in item.iterfind("enclosure"):
            found += _enclosure(dict(enclosure.attrib), at)
    return found


def atom_problems(data: bytes, where: str, self_url: str) -> list[str]:
    found = _xml_problems(data, where)
    root = etree.fromstring(data)
    if root.tag != f"{ATOM}feed":
        return [*found, f"{where}: not an Atom feed"]
    found += _atom_required(root, where)
    selves = [el.get("href") for el in root.iterfind(f"{ATOM}link") if el.get("rel") == "self"]
    if not selves:
        found.append(f"{where}: MissingSelf")
    elif selves != [self_url]:
        found.append(f"{where}: SelfDoesntMatchLocation: {selves} is not {self_url}")
    feed_author = root.find(f"{ATOM}author") is not None
    ids: set[str] = set()
    times: dict[str, str] = {}
    for n, entry in enumerate(root.iterfind(f"{ATOM}entry"), 1):
        at = f"{where}: entry {n}"
        found += _atom_required(entry, at)
        entry_id = entry.findtext(f"{ATOM}id") or ""
        if entry_id in ids:
            found.append(f"{at}: DuplicateEntries: id {entry_id}")
        ids.add(entry_id)
        updated = entry.findtext(f"{ATOM}updated") or ""
        if updated in times:
            found.append(f"{at}: DuplicateUpdated: {updated}, as entry {times[updated]}")
        times.setdefault(updated, str(n))
        if not feed_author and entry.find(f"{ATOM}author") is None:
            found.append(f"{at}: MissingAuthor")
        alternate = [el for el in entry.iterfind(f"{ATOM}link") if el.get("rel", "alternate") == "alternate"]
        if not alternate and entry.find(f"{ATOM}content") is None:
            found.append(f"{at}: MissingAlternateLink")
        for link in entry.iterfind(f"{ATOM}link"):
            if not _absolute(link.get("href") or ""):
                found.append(f"{at}: InvalidFullLink: link {link.get('href')!r}")
            if link.get("rel") == "enclosure":
                found += _enclosure(dict(link.attrib), at)
        published = entry.findtext(f"{ATOM}published")
        if published is not None and not _RFC3339.match(published):
            found.append(f"{at}: InvalidRFC3339Date: published {published!r}")
        content = entry.find(f"{ATOM}content")
        if content is not None and content.get("type") == "html":
            found += html_problems(content.text or "", f"{at}: content")
    return found


def _atom_required(element: etree._Element, where: str) -> list[str]:
    found: list[str] = []
    for name in ("id", "title", "updated"):
        values = element.findall(f"{ATOM}{name}")
        if len(values) != 1:
            found.append(f"{where}: MissingElement or Duplicate: {len(values)} atom:{name}")
    updated = element.findtext(f"{ATOM}updated") or ""
    if not _RFC3339.match(updated):
        found.append(f"{where}: InvalidRFC3339Date: updated {updated!r}")
    element_id = element.findtext(f"{ATOM}id") or ""
    if not (_absolute(element_id) or element_id.startswith(("urn:", "tag:"))):
        found.append(f"{where}: InvalidAtomId: {element_id!r}")
    return found


def _rfc822(value: str | None, where: str) -> list[str]:
    if value is None:
        return []
    if not _RFC822.match(value):
        return [f"{where}: InvalidRFC2822Date: {value!r}"]
    try:
        parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return [f"{where}: InvalidRFC2822Date: {value!r}"]
    return []


def _xml_problems(data: bytes, where: str) -> list[str]:
    found: list[str] = []
    head = data[:100].decode("ascii", "replace")
    if not re.match(r"<\?xml version=['\"]1.0['\"] encoding=['\"](?i:utf-8)['\"]", head):
        found.append(f"{where}: no XML declaration with encoding UTF-8")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return [*found, f"{where}: not UTF-8"]
    if _NOT_XML.search(text):
        found.append(f"{where}: a character XML 1.0 forbids")
    return found
