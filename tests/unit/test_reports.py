"""Maintainers' reports: `guidemap stale`, `guidemap check-links` and the Markdown job summaries,
whose cells must not let contributed text add markup.

check-links requests public addresses only, so its tests never touch the network: a stub resolver
(`socket.getaddrinfo`) gives test names their addresses, and the one connecting function routes the
pretend public address to a server on 127.0.0.1 and refuses every other address."""

from __future__ import annotations

import datetime as dt
import html
import http.server
import ipaddress
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from conftest import make_repo, org_yaml
from guidemap.contract.load.profiles import load_org_file
from guidemap.contract.model.types import STALE_AFTER_DAYS
from guidemap.contract.problems import Problem, Problems
from guidemap.outputs.pages.group import org_page
from guidemap.outputs.site.types import SiteInfo
from guidemap.tools import public_net
from guidemap.tools.cli import main
from guidemap.tools.job_summary import md, problems_markdown
from guidemap.tools.links import Link, check_url
from guidemap.tools.stale import stale_orgs


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# --- stale ---------------------------------------------------------------------------------------


def test_stale_lists_old_profiles_oldest_first(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_repo(tmp_path, {
        "fresh": org_yaml("fresh", updated="2026-01-15"),
        "old": org_yaml("old", updated="2024-03-01"),
        "older": org_yaml("older", updated="2561-07-24"),  # Buddhist Era: 2018-07-24
        "just-a-year": org_yaml("just-a-year", updated="2025-06-01"),
    })
    code, out, err = _run(capsys, "--root", str(root), "stale", "--today", "2026-06-01")
    assert code == 0
    assert out.splitlines() == [
        "orgs/older.yml: updated 2018-07-24 (2869 days ago) กลุ่ม older",
        "orgs/old.yml: updated 2024-03-01 (822 days ago) กลุ่ม old",
    ]
    assert err.startswith("2 of 4 profile(s) not checked for over 365 days")
    summary = tmp_path / "summary.md"
    code, _, _ = _run(capsys, "--root", str(root), "stale", "--today", "2026-06-01", "--fail",
                      "--summary", str(summary))
    assert code == 1
    text = summary.read_text(encoding="utf-8")
    assert "2 of 4 profile(s)" in text and "| orgs/older.yml | กลุ่ม older | 2018-07-24 | 2869 |" in text
    code, out, _ = _run(capsys, "--root", str(root), "stale", "--today", "2026-06-01", "--days", "3000",
                        "--fail")
    assert (code, out) == (0, "")


@pytest.mark.parametrize(("age", "stale"), [(STALE_AFTER_DAYS, False), (STALE_AFTER_DAYS + 1, True)])
def test_stale_list_and_group_page_notice_agree(tmp_path: Path, age: int, stale: bool) -> None:
    today = dt.date(2026, 6, 1)
    updated = (today - dt.timedelta(days=age)).isoformat()
    root = make_repo(tmp_path, {"aging": org_yaml("aging", updated=updated)})
    org = load_org_file(root / "orgs" / "aging.yml", root, Problems())
    assert org is not None
    page = org_page(org, SiteInfo("t", None, None, today=today), [], {org.id: org})
    assert bool(stale_orgs([org], today)) is stale
    assert ('class="gm-stale' in page.html) is stale


# --- check-links ----------------------------------------------------------------------------------


PUBLIC = "93.184.215.14"  # a global address that stands for "somewhere on the internet"
NAMES = {  # the stub resolver's answers
    "site.test": [PUBLIC],
    "localhost.test": ["127.0.0.1", "::1"],
    "private.test": ["10.1.2.3"],
    "metadata.test": ["169.254.169.254"],
    "shared.test": ["100.64.0.1"],
    "multicast.test": ["224.0.0.251"],
    "mapped.test": ["::ffff:127.0.0.1"],
    "sixtofour.test": ["2002:c0a8:101::1"],  # 6to4 of 192.168.1.1
    "unique-local.test": ["fd00::1"],
    "half.test": [PUBLIC, "192.168.1.1"],  # one private address is enough to refuse
}


class _Handler(http.server.BaseHTTPRequestHandler):
    port = 0

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _answer(self, body: bool) -> None:
        if self.path == "/slow":
            time.sleep(1.5)
        redirects = {"/moved": "/ok", "/to-loopback": f"http://127.0.0.1:{self.port}/ok",
                     "/to-localhost": f"http://localhost.test:{self.port}/ok",
                     "/to-private": f"http://private.test:{self.port}/ok",
                     "/to-mapped": f"http://[::ffff:127.0.0.1]:{self.port}/ok",
                     "/to-ftp": "ftp://site.test/ok", "/loop": "/loop",
                     "/twice": f"http://site.test:{self.port}/moved"}
        status = {"/ok": 200, "/missing": 404, "/gone": 410}.get(self.path, 200)
        if self.path in redirects:
            status = 302
        if self.path == "/nohead" and self.command == "HEAD":
            status = 405
        self.send_response(status)
        if status == 302:
            self.send_header("Location", redirects[self.path])
        self.send_header("Content-Length", "2")
        self.end_headers()
        if body:
            self.wfile.write(b"ok")

    def do_HEAD(self) -> None:
        self._answer(False)

    def do_GET(self) -> None:
        self._answer(True)


@pytest.fixture
def connections(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Stub name resolution and connections: names from NAMES, literal addresses as they are,
    and only the pretend public address ever connects (to 127.0.0.1); the list records every
    address a connection was attempted to."""
    real_getaddrinfo = socket.getaddrinfo
    attempts: list[str] = []

    def getaddrinfo(host: str, port: object, *args: object, **kwargs: object) -> list[tuple]:  # type: ignore[type-arg]
        if host in NAMES:
            return [(socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "",
                     (a, port)) for a in NAMES[host]]
        return real_getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_NUMERICHOST)

    def connect(address: str, port: int, timeout: float) -> socket.socket:
        attempts.append(address)
        if address != PUBLIC:
            raise AssertionError(f"connected to {address}")
        return socket.create_connection(("127.0.0.1", port), timeout)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(public_net, "connect", connect)
    return attempts


@pytest.fixture
def local_site(connections: list[str]) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    _Handler.port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://site.test:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
    return port


def test_check_url(local_site: str) -> None:
    assert check_url(f"{local_site}/ok", 2) == (200, "")
    assert check_url(f"{local_site}/nohead", 2) == (200, "")  # HEAD refused, GET works
    assert check_url(f"{local_site}/moved", 2) == (200, "")
    assert check_url(f"{local_site}/twice", 2) == (200, "")  # an absolute Location, then a relative one
    assert check_url(f"{local_site}/missing", 2) == (404, "")
    assert check_url(f"{local_site}/slow", 0.3) == (None, "no answer within 0.3 s")
    status, error = check_url(f"http://site.test:{_closed_port()}/", 2)
    assert status is None and "refused" in error.lower()
    assert check_url("ftp://127.0.0.1/x") == (None, "not an http(s) address")


@pytest.mark.parametrize(("host", "address"), [
    ("127.0.0.1", "127.0.0.1"), ("[::1]", "::1"), ("localhost.test", "127.0.0.1"),
    ("private.test", "10.1.2.3"), ("metadata.test", "169.254.169.254"), ("shared.test", "100.64.0.1"),
    ("multicast.test", "224.0.0.251"), ("mapped.test", "::ffff:127.0.0.1"),
    ("sixtofour.test", "2002:c0a8:101::1"), ("unique-local.test", "fd00::1"), ("half.test", "192.168.1.1"),
    ("0x7f000001", "127.0.0.1"), ("[fe80::1]", "fe80::1"), ("0.0.0.0", "0.0.0.0"),
])
def test_check_url_refuses_hosts_with_non_public_addresses(connections: list[str], host: str,
                                                          address: str) -> None:
    status, error = check_url(f"http://{host}:8080/admin", 2)
    assert status is None
    assert error.startswith("refused: ") and address in error
    assert connections == []  # refused before any connection


@pytest.mark.parametrize(("path", "error"), [
    ("/to-loopback", "127.0.0.1, not a public address"),
    ("/to-localhost", "127.0.0.1, not a public address"),
    ("/to-private", "10.1.2.3, not a public address"),
    ("/to-mapped", "::ffff:127.0.0.1, not a public address"),
    ("/to-ftp", "not an http(s) address: ftp"),
    ("/loop", "more than 10 redirects"),
])
def test_check_url_checks_every_redirect(local_site: str, connections: list[str], path: str,
                                         error: str) -> None:
    status, message = check_url(f"{local_site}{path}", 2)
    assert status is None and error in message
    assert set(connections) == {PUBLIC}


@pytest.mark.parametrize("scheme", ["ftp", "file", "gopher", "javascript", "data"])
def test_check_url_requests_http_and_https_only(connections: list[str], scheme: str) -> None:
    assert check_url(f"{scheme}://site.test/x", 2) == (None, "not an http(s) address")
    assert connections == []


@pytest.mark.parametrize(("address", "public"), [
    ("93.184.215.14", True), ("2606:4700::1", True),
    ("127.0.0.1", False), ("10.0.0.1", False), ("172.16.0.1", False), ("192.168.0.1", False),
    ("169.254.169.254", False), ("100.64.0.1", False), ("0.0.0.0", False), ("224.0.0.1", False),
    ("240.0.0.1", False), ("255.255.255.255", False), ("192.0.2.1", False),
    ("::1", False), ("::", False), ("fe80::1", False), ("fd12:3456::1", False), ("ff02::1", False),
    ("ff0e::1", False), ("::ffff:127.0.0.1", False), ("::ffff:10.0.0.1", False),
    ("::ffff:93.184.215.14", False),  # IPv4-mapped addresses are refused, whatever they map to
    ("2002:7f00:1::", False), ("2001:0:4136:e378:8000:63bf:f5ff:fffe", False), ("64:ff9b::a00:1", False),
])
def test_is_public(address: str, public: bool) -> None:
    assert public_net.is_public(ipaddress.ip_address(address)) is public


def test_check_links_reports_but_does_not_fail(tmp_path: Path, local_site: str,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    def org(org_id: str, website: str, donate: str = "") -> str:
        text = org_yaml(org_id) + f"contact:\n  website: {website}\n  phone: 073-312-222\n"
        return text + (f"donate: {donate}\n" if donate else "")

    root = make_repo(tmp_path, {
        "good": org("good", f"{local_site}/ok", f"{local_site}/nohead"),
        "broken": org("broken", f"{local_site}/missing", f"{local_site}/slow"),
        "closed": org("closed", f"http://site.test:{_closed_port()}/"),
    })
    summary = tmp_path / "summary.md"
    started = time.monotonic()
    code, out, err = _run(capsys, "--root", str(root), "check-links", "--timeout", "0.5",
                          "--summary", str(summary))
    assert time.monotonic() - started < 10
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == f"orgs/broken.yml: contact.website: {local_site}/missing: HTTP 404"
    assert lines[1] == f"orgs/broken.yml: donate: {local_site}/slow: no answer within 0.5 s"
    assert lines[2].startswith("orgs/closed.yml: contact.website: http://site.test:")
    assert len(lines) == 3  # the good ones, and the phone, are not listed
    assert err.startswith("2 of 5 link(s) answered")
    report = summary.read_text(encoding="utf-8")
    assert "2 of 5 link(s) answered" in report and "| HTTP 404 |" in report
    code, _, _ = _run(capsys, "--root", str(root), "check-links", "--timeout", "0.5", "--fail")
    assert code == 1


def test_link_record_is_plain_data() -> None:
    assert Link("a", "orgs/a.yml", "donate", "https://x.example").field == "donate"


# --- Markdown summaries --------------------------------------------------------------------------


def test_markdown_cells_cannot_add_markup() -> None:
    assert md("a | b") == r"a \| b"
    assert md("<script>alert(1)</script>") == "&lt;script&gt;alert\\(1\\)&lt;/script&gt;"
    assert md("[click](javascript:alert(1))") == r"\[click\]\(javascript:alert\(1\)\)"
    assert md("line\nbreak") == "line break"
    assert md("![x](https://t.example/p.png)") == r"\!\[x\]\(https://t.example/p.png\)"


def test_problems_summary_is_one_row_per_problem() -> None:
    problems = [Problem("orgs/a.yml", 3, "name.th", "is | odd <b>", "แปลก", "hint"),
                Problem("orgs/b.yml", 0, "", "not a profile", "ไม่ใช่")]
    text = problems_markdown(problems, 0, 0)
    assert text.startswith("### ❌ guidemap validate\n\n2 problem(s) in 2 file(s)")
    rows = [line for line in text.splitlines() if line.startswith("| orgs/")]
    assert rows == [r"| orgs/a.yml:3 | name.th | is \| odd &lt;b&gt; | แปลก | hint |",
                    "| orgs/b.yml | - | not a profile | ไม่ใช่ |  |"]
    assert problems_markdown([], 3, 1).startswith("### ✅ guidemap validate\n\n3 profile(s) and 1 story")


def test_reference_dates_are_iso(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    root = make_repo(tmp_path, {"a": org_yaml("a")})
    with pytest.raises(SystemExit):
        main(["--root", str(root), "stale", "--today", "24/7/2561"])
    assert "invalid fromisoformat value" in capsys.readouterr().err


# --- "report a problem" link on group pages ------------------------------------------------------


def test_group_page_links_to_the_prefilled_report_form(tmp_path: Path) -> None:
    hostile = 'กลุ่ม "x" <script>alert(1)</script> &org=evil#frag'
    root = make_repo(tmp_path, {"odd-name": org_yaml("odd-name", name_th=f"'{hostile}'")})
    org = load_org_file(root / "orgs" / "odd-name.yml", root, Problems())
    assert org is not None and org.name.best == hostile
    site = SiteInfo("t", None, "https://github.com/example/guidemap/")
    page = org_page(org, site, [], {org.id: org})
    hrefs = [html.unescape(m) for m in re.findall(r'href="([^"]*issues/new[^"]*)"', page.html)
             if "report-listing" in m]
    # The actions at the end, and the "no channel yet" note (who can help) of a group without one.
    assert len(hrefs) == 2 and hrefs[0] == hrefs[1]
    url = urlsplit(hrefs[0])
    assert (url.scheme, url.netloc, url.path) == ("https", "github.com", "/example/guidemap/issues/new")
    assert url.fragment == ""
    query = parse_qs(url.query)
    assert query == {"template": ["report-listing.yml"], "org": ["odd-name"],
                     "title": [f"[แจ้งปัญหา / report] odd-name: {hostile}"]}
    assert "<script>" not in page.html.split('class="gm-actions"')[1]
    no_repo = SiteInfo("t", None, None)
    assert "issues/new" not in org_page(org, no_repo, [], {org.id: org}).html
