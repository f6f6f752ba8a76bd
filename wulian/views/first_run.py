"""The first run of an empty installation (issue 23 H): ``make run-empty`` starts the portal with no demo and no
data; the first page asks for the county (its province, city, name and division code), the policy document it
follows and the bureau's first account. Once a region or an account exists the page is gone (404): from then
on the bureau opens accounts under 系统 → 账号管理 and imports its towns and villages on the region page.
"""

from __future__ import annotations

from functools import wraps

from django import forms
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wulian.choices import RegionLevel, Role
from wulian.models import Region, User
from wulian.models.targets import PolicyProfile, ProfileRegion


def installation_is_empty() -> bool:
    return not Region.objects.exists() and not User.objects.exists()


def first_run_when_empty(view):
    """An anonymous visitor of an empty installation is sent to the first-run page instead of the login."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated and installation_is_empty():
            return redirect("wulian:first_run")
        return view(request, *args, **kwargs)

    return wrapped


class FirstRunForm(forms.Form):
    province = forms.CharField(label=gettext_lazy("Province"), max_length=100)
    city = forms.CharField(label=gettext_lazy("City"), max_length=100)
    county = forms.CharField(label=gettext_lazy("County/District"), max_length=100)
    code = forms.RegexField(
        label=gettext_lazy("Division code of the county"), regex=r"^\d{6}(\d{6})?$",
        error_messages={"invalid": gettext_lazy("The county's code has 6 or 12 digits, e.g. 610326.")},
        help_text=gettext_lazy("Its statistical division code (统计用区划代码): towns and villages are imported by it."),
    )
    profile = forms.ModelChoiceField(
        label=gettext_lazy("Policy document"), queryset=PolicyProfile.objects.none(), required=False,
        empty_label=gettext_lazy("None yet (added later by an administrator)"),
    )
    username = forms.CharField(label=gettext_lazy("Account of the bureau"), max_length=150)
    display_name = forms.CharField(label=gettext_lazy("Name of the person"), max_length=150)
    password = forms.CharField(label=gettext_lazy("Password"), widget=forms.PasswordInput)
    password_again = forms.CharField(label=gettext_lazy("Password again"), widget=forms.PasswordInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["profile"].queryset = PolicyProfile.objects.filter(is_active=True).order_by("name")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password") and cleaned.get("password") != cleaned.get("password_again"):
            self.add_error("password_again", _("The two passwords differ."))
        elif cleaned.get("password"):
            try:
                validate_password(cleaned["password"], User(username=cleaned.get("username", "")))
            except forms.ValidationError as exc:
                self.add_error("password", exc)
        return cleaned


def first_run(request):
    if not installation_is_empty():
        raise Http404
    from wulian import policy_seed

    if not PolicyProfile.objects.exists():
        policy_seed.seed()  # the documents the portal knows, to choose from
    form = FirstRunForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        code = data["code"]
        with transaction.atomic():
            province = Region.objects.add_root({"name": data["province"], "level": RegionLevel.PROVINCE, "code": code[:2] + "0000"})
            city = Region.objects.add_child(province, {"name": data["city"], "level": RegionLevel.CITY, "code": code[:4] + "00"})
            county = Region.objects.add_child(
                Region.objects.get(pk=city.pk), {"name": data["county"], "level": RegionLevel.COUNTY, "code": code[:6]}
            )
            if data["profile"] is not None:
                ProfileRegion.objects.create(profile=data["profile"], region=county)
            user = User(username=data["username"], last_name=data["display_name"], role=Role.BUREAU_ADMIN, region=county)
            user.set_password(data["password"])
            user.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("%(county)s is set up. Import its towns and villages on the region page, then open the accounts of the towns and communities.") % {"county": county.name})
        return redirect("wulian:region_import")
    return render(request, "wulian/first_run.html", {"form": form})
