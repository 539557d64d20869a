"""HTTP requests that reach public addresses only.

`guidemap check-links` requests addresses that contributors wrote. Run from CI or from a
maintainer's machine, a request to ``localhost``, a router's admin page or a cloud metadata
address (169.254.169.254) would be a request from inside that network on a stranger's behalf.
So every host is resolved here, refused if *any* of its addresses is not public, and the
connection is made to an address that was checked (not resolved again, so a name cannot
answer once with a public address and then with a private one). Redirects are followed here,
one hop at a time, each hop checked the same way.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
from collections.abc import Callable
from urllib.parse import urljoin, urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], list[str]]

MAX_REDIRECTS = 10
_SCHEMES = {"http": 80, "https": 443}
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


class RefusedAddress(OSError):
    """A scheme or an address this tool does not request."""


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries (mapped, 6to4, Teredo, NAT64), if any."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def is_public(ip: IPAddress) -> bool:
    """Globally reachable unicast: not loopback, link-local, private, shared, multicast, reserved
    or unspecified, in IPv4 or IPv6, nor an IPv6 address that carries such an IPv4 one."""
    if isinstance(ip, ipaddress.IPv6Address):
        inner = _embedded_ipv4(ip)
        if inner is not None and not is_public(inner):
            return False
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_loopback
                                 or ip.is_link_local or ip.is_private or ip.is_unspecified)


def system_resolver(host: str, port: int) -> list[str]:
    """Every address the system resolver gives for ``host`` (literal addresses included)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def public_addresses(host: str, port: int, resolve: Resolver = system_resolver) -> list[str]:
    """The addresses of ``host``, or `RefusedAddress` when any of them is not public."""
    found = resolve(host, port)
    if not found:
        raise RefusedAddress(f"{host} has no address")
    for text in found:
        ip = ipaddress.ip_address(text.split("%", 1)[0])  # drop an IPv6 zone (fe80::1%eth0)
        if not is_public(ip):
            raise RefusedAddress(f"{host} resolves to {text}, not a public address")
    return found


def connect(address: str, port: int, timeout: float) -> socket.socket:
    """The one place that opens a socket (tests route a public test address to a local server)."""
    return socket.create_connection((address, port), timeout)


def _connection(url: str, timeout: float, resolve: Resolver) -> tuple[http.client.HTTPConnection, str]:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in _SCHEMES:
        raise RefusedAddress(f"not an http(s) address: {scheme or '(none)'}")
    host = parts.hostname
    if not host:
        raise RefusedAddress("no host in the address")
    port = parts.port or _SCHEMES[scheme]
    addresses = public_addresses(host, port, resolve)

    def create_connection(_address: tuple[str, int], timeout: float = timeout,
                          _source: object = None) -> socket.socket:
        error: OSError | None = None
        for checked in addresses:
            try:
                return connect(checked, port, timeout)
            except OSError as exc:
                error = exc
        assert error is not None
        raise error

    conn_type = http.client.HTTPSConnection if scheme == "https" else http.client.HTTPConnection
    conn = conn_type(host, port, timeout=timeout)
    # http.client opens its socket through this attribute; HTTPS then wraps the socket with the
    # host's name (SNI, certificate check) as usual.
    conn._create_connection = create_connection  # type: ignore[attr-defined]
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return conn, target


def request_status(url: str, method: str, timeout: float, user_agent: str,
                   resolve: Resolver = system_resolver) -> int:
    """The HTTP status at the end of the redirects from ``url``, every hop to a public address."""
    for _ in range(MAX_REDIRECTS + 1):
        conn, target = _connection(url, timeout, resolve)
        try:
            conn.request(method, target, headers={"User-Agent": user_agent})
            resp = conn.getresponse()
            status, location = resp.status, resp.getheader("Location")
        finally:
            conn.close()
        if status in (301, 302, 303, 307, 308) and location:
            url = urljoin(url, location.strip())
            continue
        return status
    raise RefusedAddress(f"more than {MAX_REDIRECTS} redirects")
