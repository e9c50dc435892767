"""URLs as accounts, only when asked (`compare --fetch URL --allow-network`): pages are downloaded with
trafilatura's fetching and read like saved HTML pages.

Bounds: http and https only; every address the host resolves to must be public (private, loopback,
link-local, reserved and multicast addresses are refused before any request), and trafilatura's
SSRF guard checks the peer of every connection, redirects included, after it is made (so DNS
rebinding cannot slip past); at most MAX_REDIRECTS redirects; DOWNLOAD_TIMEOUT seconds per
connection and read; the body is cut at MAX_FILE_BYTES (decompressed) and then refused; no retry
without certificate checks after a TLS error.
"""
from __future__ import annotations

import ipaddress
import logging
import re
import socket
from configparser import ConfigParser
from typing import Optional
from urllib.parse import urlsplit

from counterpoint import settings
from counterpoint.ingest.errors import MAX_FILE_BYTES, BadInput

#: Seconds allowed to connect, and between bytes read, per request.
DOWNLOAD_TIMEOUT = settings.DOWNLOAD_SECONDS
#: Redirects followed at most.
MAX_REDIRECTS = settings.DOWNLOAD_REDIRECTS
#: Test-only: lets the tests' HTTP server on loopback through the address check. Never set by the CLI.
ALLOW_PRIVATE_FOR_TESTS = False

NETWORK_OFF = "network access is off: fetching URLs needs --allow-network"


def _config(check_addresses: bool) -> ConfigParser:
    from trafilatura.settings import DEFAULT_CONFIG

    config = ConfigParser()
    config.read_dict({s: dict(DEFAULT_CONFIG[s]) for s in DEFAULT_CONFIG.sections()})
    config.read_dict({"DEFAULT": dict(DEFAULT_CONFIG.defaults())})
    config.set("DEFAULT", "DOWNLOAD_TIMEOUT", str(DOWNLOAD_TIMEOUT))
    config.set("DEFAULT", "MAX_REDIRECTS", str(MAX_REDIRECTS))
    config.set("DEFAULT", "MAX_FILE_SIZE", str(MAX_FILE_BYTES + 1))
    config.set("DEFAULT", "SSRF_PROTECTION", "on" if check_addresses else "off")
    config.set("DEFAULT", "INSECURE_SSL_FALLBACK", "off")
    return config


def check_url(url: str, allow_private: bool = False) -> str:
    """The URL's host, after checking the scheme and that every address it resolves to is public.
    Raises BadInput naming the refused address."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError as e:
        raise BadInput(f"not a valid URL ({e})") from None
    if parts.scheme not in ("http", "https") or not host:
        raise BadInput("only http:// and https:// URLs with a host can be fetched")
    try:
        infos = socket.getaddrinfo(host, parts.port or (443 if parts.scheme == "https" else 80),
                                   type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError) as e:
        raise BadInput(f"could not fetch: the host {host!r} does not resolve ({e})") from None
    if not allow_private:
        for info in infos:
            addr = ipaddress.ip_address(info[4][0].split("%", 1)[0])
            addr = getattr(addr, "ipv4_mapped", None) or addr
            if not addr.is_global:
                kind = ("loopback" if addr.is_loopback else "link-local" if addr.is_link_local else
                        "private" if addr.is_private else "not public")
                raise BadInput(f"refused: the address {addr} of {host} is {kind} (only public addresses are fetched)")
    return host


def fetch_article(url: str, allow_network: bool):
    """Download one page and read it as an HTML Article (BadInput on any refusal or failure)."""
    from trafilatura.downloads import fetch_response

    from counterpoint.ingest.formats import decode_html_bytes, html_article

    if not allow_network:
        raise BadInput(NETWORK_OFF)
    allow_private = ALLOW_PRIVATE_FOR_TESTS
    check_url(url, allow_private)
    log = logging.getLogger("trafilatura")
    level = log.level
    log.setLevel(logging.CRITICAL)  # its download errors would be lines of their own; ours is one
    try:
        response = fetch_response(url, decode=False, config=_config(check_addresses=not allow_private))
    except Exception as e:  # noqa: BLE001 - a network library's failure is one line naming the URL
        raise BadInput(f"could not fetch ({type(e).__name__}: {str(e)[:120]})") from None
    finally:
        log.setLevel(level)
    if response is None:
        raise BadInput(f"could not fetch: connection failed or timed out, page over the "
                       f"{MAX_FILE_BYTES // 2**20 or 1} MB limit, more than {MAX_REDIRECTS} redirects, "
                       f"or a connection to an address that is not public")
    final = getattr(response, "url", None) or url
    if final != url:
        check_url(final, allow_private)  # where the redirects ended (each hop's peer was checked too)
    if response.status != 200:
        raise BadInput(f"could not fetch: HTTP status {response.status}")
    data = response.data or b""
    if len(data) > MAX_FILE_BYTES:
        raise BadInput(f"page over the {MAX_FILE_BYTES // 2**20} MB limit per file")
    if not data.strip():
        raise BadInput("empty page")
    headers = getattr(response, "headers", None) or {}
    ctype = (headers.get("content-type") or headers.get("Content-Type") or "") if hasattr(headers, "get") else ""
    if ctype and "html" not in ctype.lower() and "text/plain" not in ctype.lower():
        raise BadInput(f"not an HTML page (content type {ctype.split(';')[0]})")
    m = re.search(r"charset=([\w\-:.]+)", ctype, re.I)
    html, enc = decode_html_bytes(data, m.group(1) if m else None)
    art = html_article(html, url, "html", enc, url=final)
    art.url = final
    if not art.outlet:
        art.outlet = urlsplit(final).hostname
    return art


def url_id(url: str) -> str:
    """An account id from a URL: host and last path part ("example.org-call-readout")."""
    parts = urlsplit(url)
    tail = [p for p in parts.path.split("/") if p]
    base = (parts.hostname or "page") + ("-" + re.sub(r"\.[a-z]{2,5}$", "", tail[-1]) if tail else "")
    return re.sub(r"[^\w.\-]+", "_", base).strip("_")[:80] or "page"


def add_fetched(case, urls: list[str], allow_network: bool, keep_going: bool = False,
                problems: Optional[list] = None) -> None:
    """Fetch each URL into an account of `case` (ids made unique). Without keep_going the first
    failure raises InputError; with it, failures join `case.problems`."""
    from counterpoint.ingest.case import build_account
    from counterpoint.ingest.errors import InputError
    from counterpoint.records import Problem

    taken = {a.id for a in case.accounts}
    for url in urls:
        try:
            art = fetch_article(url, allow_network)
            acc_id, n = url_id(url), 2
            base = acc_id
            while acc_id in taken:
                acc_id, n = f"{base}-{n}", n + 1
            account = build_account(art, acc_id)
        except BadInput as e:
            p = Problem(file=url, message=e.message)
            if not keep_going:
                raise InputError(p) from None
            case.problems.append(p)
            continue
        taken.add(account.id)
        case.accounts.append(account)
