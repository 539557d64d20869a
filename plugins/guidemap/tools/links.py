"""Check the external links of the profiles (websites, pages, donation links).

Sites are often slow or refuse robots, so a failure is reported, never fatal by default: the
scheduled job lists what to look at, and a maintainer asks the group. Every request has a
timeout; HEAD is tried first and GET when a server does not answer HEAD properly. Only http and
https addresses are requested, and only at public addresses, redirects included
(`tools/public_net.py`): the check runs inside CI's and maintainers' networks.
"""

from __future__ import annotations

import http.client
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from guidemap.contract.model.fields import value_of
from guidemap.contract.model.profile import PROFILE_FIELDS
from guidemap.contract.model.types import Org
from guidemap.tools.job_summary import table
from guidemap.tools.public_net import RefusedAddress, Resolver, request_status, system_resolver

USER_AGENT = "guidemap-link-check/0.1 (+volunteer guide map; checks each group's links)"
_RETRY_WITH_GET = {400, 403, 404, 405, 429, 501}


@dataclass(frozen=True)
class Link:
    org: str
    source: str
    field: str
    url: str


@dataclass(frozen=True)
class LinkResult:
    link: Link
    status: int | None  # HTTP status, or None when no answer came
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.status is not None and self.status < 400


def external_links(orgs: Iterable[Org]) -> list[Link]:
    """The values of the fields declared as web addresses (``url=True``)."""
    fields = [f.path for f in PROFILE_FIELDS if f.url]
    return [Link(o.id, o.source, path, value) for o in orgs for path in fields
            if (value := value_of(o, path))]


def check_url(url: str, timeout: float = 10.0,
              resolve: Resolver = system_resolver) -> tuple[int | None, str]:
    if not url.lower().startswith(("https://", "http://")):
        return None, "not an http(s) address"
    try:
        status = request_status(url, "HEAD", timeout, USER_AGENT, resolve)
        if status in _RETRY_WITH_GET:
            status = request_status(url, "GET", timeout, USER_AGENT, resolve)
        return status, ""
    except TimeoutError:
        return None, f"no answer within {timeout:g} s"
    except RefusedAddress as exc:
        return None, f"refused: {exc}"[:200]
    except (OSError, ValueError, http.client.HTTPException) as exc:
        return None, str(exc)[:200] or type(exc).__name__


def check_links(links: list[Link], timeout: float = 10.0, workers: int = 8) -> list[LinkResult]:
    """Each distinct URL is fetched once; results keep the order of ``links``."""
    urls = list(dict.fromkeys(link.url for link in links))
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        answers = dict(zip(urls, pool.map(lambda u: check_url(u, timeout), urls), strict=True))
    return [LinkResult(link, *answers[link.url]) for link in links]


def _what(r: LinkResult) -> str:
    return r.error if r.status is None else f"HTTP {r.status}"


def links_text(results: list[LinkResult]) -> str:
    return "".join(f"{r.link.source}: {r.link.field}: {r.link.url}: {_what(r)}\n"
                   for r in results if not r.ok)


def links_markdown(results: list[LinkResult]) -> str:
    bad = [r for r in results if not r.ok]
    head = (f"### External links / ลิงก์ภายนอก\n\n{len(results) - len(bad)} of {len(results)} link(s) "
            f"answered / ลิงก์ที่ใช้ได้ {len(results) - len(bad)} จาก {len(results)}\n\n")
    if not bad:
        return head
    rows = [(r.link.source, r.link.field, r.link.url, _what(r)) for r in bad]
    return head + table(("File / ไฟล์", "Field / ช่อง", "Address / ที่อยู่", "Result / ผล"), rows)
