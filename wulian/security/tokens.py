"""API tokens: ``Authorization: Token <key>`` (or ``Bearer``), issued per user with a scope and an expiry.

A program acts with the rights of the user who issued the token, cut to read-only when the token's scope is
``read``; an expired or revoked token is refused. Only the key's SHA-256 is stored. A token is issued on the
account's security page after the second factor, so a password alone never yields API access.
"""

from __future__ import annotations

import hashlib
import secrets

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions
from rest_framework.permissions import SAFE_METHODS

from wulian.models.security import ApiToken, TokenScope

MAX_DAYS = 365


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def issue(user, name: str, scope: str = TokenScope.READ, days: int = 90) -> tuple[ApiToken, str]:
    """A new token and its key (shown once)."""
    days = max(1, min(int(days), MAX_DAYS))
    key = "wl_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name[:100], prefix=key[3:11], key_hash=_digest(key), scope=scope,
        expires_at=timezone.now() + timezone.timedelta(days=days),
    )
    return token, key


class TokenAuthentication(authentication.BaseAuthentication):
    keywords = ("token", "bearer")

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1").split()
        if not header or header[0].lower() not in self.keywords:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Invalid token header."))
        token = ApiToken.objects.select_related("user").filter(key_hash=_digest(header[1])).first()
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        if token.revoked_at is not None:
            raise exceptions.AuthenticationFailed(_("This token was revoked."))
        if token.expires_at <= timezone.now():
            raise exceptions.AuthenticationFailed(_("This token has expired."))
        if token.scope == TokenScope.READ and request.method not in SAFE_METHODS:
            raise exceptions.PermissionDenied(_("This token may only read."))
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > timezone.timedelta(minutes=5):
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token

    def authenticate_header(self, request):
        return "Token"


class TokenScheme(OpenApiAuthenticationExtension):
    """The token in the OpenAPI schema: ``Authorization: Token <key>``."""

    target_class = "wulian.security.tokens.TokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "header", "name": "Authorization", "description": "Token <key>"}
