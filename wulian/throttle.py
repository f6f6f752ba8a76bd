"""Rate limits on public lookups and guessable secrets, counted in the cache (Redis in production).

``Throttle.allow(key)`` counts one attempt and says whether it is within the limit. When the cache cannot be
reached it answers no (fail closed): an unlimited guessing window is worse than a short refusal.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.core.cache import cache


@dataclass(frozen=True)
class Throttle:
    scope: str
    limit: int
    window_seconds: int

    def _key(self, key: str) -> str:
        return f"wulian:throttle:{self.scope}:{hashlib.sha256(key.encode()).hexdigest()[:32]}"

    def count(self, key: str) -> int:
        """Count one attempt; returns the attempts in the window so far (a huge number if the cache is down)."""
        name = self._key(key)
        try:
            if cache.add(name, 1, self.window_seconds):
                return 1
            try:
                return cache.incr(name)
            except ValueError:  # expired between add and incr
                cache.add(name, 1, self.window_seconds)
                return 1
        except Exception:  # noqa: BLE001 - fail closed
            return self.limit + 1

    def exceeded(self, key: str) -> bool:
        """Whether the attempts so far already reached the limit (without counting one)."""
        try:
            return (cache.get(self._key(key)) or 0) >= self.limit
        except Exception:  # noqa: BLE001 - fail closed
            return True

    def allow(self, key: str) -> bool:
        return self.count(key) <= self.limit


# Public certificate verification: per client address.
CERTIFICATE_VERIFY = Throttle("certificate-verify", limit=30, window_seconds=10 * 60)
# Wrong old passwords on the password-change form: per account.
PASSWORD_CHANGE = Throttle("password-change", limit=5, window_seconds=15 * 60)
