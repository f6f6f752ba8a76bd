"""The level-3 (等保 2.0) controls of the portal, issue 21; docs/security.md maps each control to its code.

- ``audit``: the append-only, hash-chained audit trail (every security event goes through ``audit.record``).
- ``twofactor``: TOTP second factor (django-otp) with backup codes, who must use it, enrolment and checks.
- ``middleware``: per request, from the session alone (no query): second factor, idle timeout, password age.
- ``sessions``: login/logout/failure signals, one session per account, the last login shown.
- ``tokens``: per-user API tokens with scope and expiry (the API's only non-session authentication).
- ``passwords``: the password rules (length, character classes, history).
- ``crypto``: AES-GCM encryption of personal fields and the keyed blind index for exact search.
"""
