"""Which URLs the bot may fetch: http(s) only, and only hosts on public addresses.

A URL typed into the chat or found in a feed must not make the bot reach its own machine or
the newsroom's private network (server-side request forgery). The host is resolved once, every
address it resolves to must be public, and the caller connects to the address checked here, so
a DNS answer that changes between the check and the connection (rebinding) gains nothing.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
# Not covered by ``is_global``: shared address space (RFC 6598) is not global either, but
# spelled out here so that a reader sees the list of refused kinds in one place.
_REFUSED_NETWORKS = (ipaddress.ip_network("100.64.0.0/10"),)


class UrlRefused(ValueError):
    """The URL may not be fetched; ``kind`` is ``scheme``, ``private`` or ``dns``."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


@dataclass(frozen=True, slots=True)
class Target:
    """A URL that passed the checks, with the address to connect to."""

    url: str
    scheme: str
    host: str
    port: int
    address: str


def is_public(address: IpAddress) -> bool:
    """Whether ``address`` is on the public internet (not loopback, private, link-local,
    multicast, reserved, unspecified or shared), also when an IPv6 address embeds an IPv4 one
    (IPv4-mapped, 6to4, Teredo)."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is not None:
            return is_public(embedded)
        if address.teredo is not None:
            return all(is_public(part) for part in address.teredo)
    if address.is_multicast or not address.is_global:
        return False
    return not any(address in network for network in _REFUSED_NETWORKS)


def split_url(url: str) -> tuple[str, str, int]:
    """Scheme, host and port of an http(s) URL, or :class:`UrlRefused`."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        raise UrlRefused("scheme", f"not a valid URL: {url[:200]}") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise UrlRefused("scheme", f"only http and https URLs can be fetched, not {scheme or '…'}:")
    if not parts.hostname:
        raise UrlRefused("scheme", f"the URL has no host: {url[:200]}")
    return scheme, parts.hostname.rstrip(".").lower(), port or (443 if scheme == "https" else 80)


async def resolve(url: str, *, allow_private: bool) -> Target:
    """Check ``url`` and pick the address to connect to (the first the resolver gives)."""
    scheme, host, port = split_url(url)
    try:
        literal: IpAddress | None = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        literal = None
    if literal is not None:
        addresses = [literal]
    else:
        try:
            infos = await asyncio.get_running_loop().getaddrinfo(
                host, port, type=socket.SOCK_STREAM
            )
        except (socket.gaierror, UnicodeError) as error:
            raise UrlRefused("dns", f"cannot resolve {host}: {error}") from None
        addresses = [ipaddress.ip_address(info[4][0].split("%", 1)[0]) for info in infos]
        if not addresses:
            raise UrlRefused("dns", f"cannot resolve {host}: no address")
    if not allow_private:
        for address in addresses:
            if not is_public(address):
                raise UrlRefused(
                    "private",
                    f"{host} is on a non-public address ({address}); set "
                    "NEWSROOM_ALLOW_PRIVATE_URLS=1 to fetch from a private network",
                )
    return Target(url, scheme, host, port, str(addresses[0]))
