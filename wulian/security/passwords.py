"""Password rules of level 3: three character classes, none of the last few passwords again."""

from __future__ import annotations

import string

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class CharacterClassesValidator:
    """At least ``classes`` of: lower-case letters, upper-case letters, digits, other characters."""

    def __init__(self, classes: int = 3):
        self.classes = classes

    def validate(self, password, user=None):
        found = sum(
            (
                any(c in string.ascii_lowercase for c in password),
                any(c in string.ascii_uppercase for c in password),
                any(c.isdigit() for c in password),
                any(not c.isalnum() for c in password),
            )
        )
        if found < self.classes:
            raise ValidationError(
                _("The password must mix at least %(n)d of: lower-case letters, capitals, digits, symbols.")
                % {"n": self.classes},
                code="password_classes",
            )

    def get_help_text(self):
        return _("The password must mix at least %(n)d of: lower-case letters, capitals, digits, symbols.") % {
            "n": self.classes
        }


class NotRecentlyUsedValidator:
    """Not one of the user's last ``count`` passwords (their hashes are kept in ``PasswordHistory``)."""

    def __init__(self, count: int | None = None):
        self.count = count

    def validate(self, password, user=None):
        if user is None or not getattr(user, "pk", None):
            return
        count = self.count or settings.WULIAN_PASSWORD_HISTORY
        for old in user.password_history.values_list("password", flat=True)[:count]:
            if check_password(password, old):
                raise ValidationError(
                    _("This password was used recently: choose one not among your last %(n)d.") % {"n": count},
                    code="password_reused",
                )

    def get_help_text(self):
        return _("Not one of your recent passwords.")
