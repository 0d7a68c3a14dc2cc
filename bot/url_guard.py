"""No server-side request forgery: which addresses the bot may fetch from.

A url is fetched only when every address its host resolves to is public. Loopback, private,
link-local, multicast, reserved, unspecified, shared (CGNAT, 100.64.0.0/10), documentation and
benchmarking ranges are refused, also when written as an IPv4-mapped, 6to4 or Teredo IPv6
address. :class:`GuardedNetworkBackend` makes the check where the connection is opened: it
resolves the host once, checks every answer and connects to the address it checked, so a
second DNS answer (DNS rebinding) can never be the one connected to. Every redirect hop opens
its connection through it too.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Iterable

import httpcore

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class AddressRefused(Exception):
    """The host is not a public address (``kind`` "private") or does not resolve ("dns")."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    return None


def is_public_address(address: IPAddress) -> bool:
    """True for an address on the public internet; False for anything a server keeps inside."""
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return is_public_address(address.ipv4_mapped)
        embedded = _embedded_ipv4(address)
        if embedded is not None and not is_public_address(embedded):
            return False
        if address.is_site_local:
            return False
    return address.is_global and not (
        address.is_multicast
        or address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_reserved
        or address.is_unspecified
    )


def refused_addresses(addresses: Iterable[str]) -> list[str]:
    """The addresses of ``addresses`` that may not be fetched from (all, if any is malformed)."""
    refused = []
    for raw in addresses:
        try:
            address = ipaddress.ip_address(raw.split("%", 1)[0])
        except ValueError:
            refused.append(raw)
            continue
        if not is_public_address(address):
            refused.append(raw)
    return refused


async def resolve(host: str, port: int) -> list[str]:
    """The addresses ``host`` resolves to, in the resolver's order, without repeats."""
    loop = asyncio.get_running_loop()
    try:
        infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise AddressRefused("dns", f"the host {host} cannot be resolved ({error})") from None
    addresses: list[str] = []
    for _family, _type, _proto, _name, sockaddr in infos:
        address = str(sockaddr[0])
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise AddressRefused("dns", f"the host {host} has no address")
    return addresses


async def checked_addresses(host: str, port: int, allow_private: bool) -> list[str]:
    """``host``'s addresses when it may be fetched from, else :class:`AddressRefused`."""
    addresses = await resolve(host, port)
    if not allow_private:
        refused = refused_addresses(addresses)
        if refused:
            raise AddressRefused(
                "private",
                f"{host} is not a public address ({', '.join(refused)}); private, loopback and "
                "link-local addresses are refused unless NEWSROOM_ALLOW_PRIVATE_URLS=1",
            )
    return addresses


class GuardedNetworkBackend(httpcore.AsyncNetworkBackend):
    """httpcore's network backend with the address check at connect time (see module doc)."""

    def __init__(self, allow_private: bool, inner: httpcore.AsyncNetworkBackend | None = None):
        self._allow_private = allow_private
        self._inner = inner or httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        addresses = await checked_addresses(host, port, self._allow_private)
        last_error: Exception | None = None
        for address in addresses:
            try:
                return await self._inner.connect_tcp(
                    address, port, timeout, local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as error:
                last_error = error
        assert last_error is not None
        raise last_error

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise AddressRefused("private", "unix sockets are never fetched from")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)
