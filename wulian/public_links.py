"""Sections an app adds to the public site (公开发布, no login), so that the public pages of one app link to
another's without importing it: the app registers a link from its ``AppConfig.ready()``, and the public site's
header (``templates/public/base.html``) shows every registered link. The projects' page is the first."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class PublicLink:
    url_name: str
    label: object  # a lazy translation
    order: int = 50


_LINKS: list[PublicLink] = []


def register_public_link(link: PublicLink) -> None:
    if link not in _LINKS:  # ready() may run more than once in tests
        _LINKS.append(link)
        _LINKS.sort(key=lambda x: x.order)


def public_links() -> list[tuple[str, str]]:
    return [(reverse(link.url_name), str(link.label)) for link in _LINKS]
