"""A county moves in (issue 23 H): the accounts of its people from its ledger, through the portal's one import
path (``wulian.imports``): every row checked first, all rows or none, a row already on record (by its user name)
left as it is, so the ledger can be imported again.

Each account is opened as the system administrator opens one by hand (``UserForm``: 三员分立 — its role and scope
are granted afterwards by the security administrator), with the initial password of the ledger checked by the
core's password rules, and it must choose its own password at its first login (``User.must_change_password``).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from wulian.forms import NamedRegionField, UserForm
from wulian.imports import Importer
from wulian.models import User


class AccountImportForm(UserForm):
    """One account of the ledger: the scope region named as in the portal, active, with a forced change."""

    region = NamedRegionField(label=_("scope region"), missing_message=_("No region called “%(name)s” in your area."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["is_active"]
        self.fields["email"].required = False

    def save(self, commit=True):
        user = super().save(commit=False)
        user.is_active = True
        user.must_change_password = True  # after set_password, which clears it
        if commit:
            user.save()
        return user


class AccountImporter(Importer):
    model = User
    form_class = AccountImportForm
    fields = ["username", "full_name", "region", "phone", "email", "password"]
    duplicate_key = ("username",)
    title = _("Accounts")
    instructions = (
        _("One row per account of your ledger. An account already on record (the same user name) is left as it is, so the ledger can be imported again after adding people."),
        _("Each account must choose its own password at its first login; the security administrator grants its role."),
    )
    hints = {
        "region": _("The town, community or village the person works in, exactly as in the portal"),
        "password": _("At least 10 characters of three kinds (letters, digits, signs); changed at the first login"),
    }

    def on_record(self, data: dict) -> bool:
        name = str(data.get("username") or "").strip()
        return bool(name) and User.objects.filter(username=name).exists()
