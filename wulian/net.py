"""The client's address, as the trusted reverse proxy reports it.

Behind the proxy the README prescribes, ``REMOTE_ADDR`` is the proxy for every visitor; ``X-Forwarded-For``
is believed only when the request comes from a proxy named in ``WULIAN_TRUSTED_PROXIES`` (anyone can send
the header). The proxy appends the address it saw, so the rightmost entry that is not itself a trusted proxy
is the client. Used by the check-in lockout, the throttles and django-axes (``AXES_CLIENT_IP_CALLABLE``).
"""

from __future__ import annotations

import ipaddress

from django.conf import settings


def _is_trusted(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    for entry in settings.WULIAN_TRUSTED_PROXIES:
        try:
            if ip in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:
            continue
    return False


def client_address(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "") or ""
    if not _is_trusted(remote):
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    for candidate in reversed(forwarded):
        if _is_trusted(candidate):
            continue
        try:
            return str(ipaddress.ip_address(candidate))
        except ValueError:
            return remote  # a forged, unparsable entry: fall back to the proxy itself
    return remote
