"""Pages of issue 21: the second factor (check, enrolment, backup codes), the account's security page (API
tokens), the security administrator's acts on an account, and the audit administrator's trail."""

from __future__ import annotations

import django_tables2 as tables
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from wulian.choices import ADMIN_ROLES, REGION_ROLES, Role
from wulian.filtersets import ScopedFilterSet
from wulian.forms import RegionChoiceField
from wulian.models import Agency, User
from wulian.models.base import can
from wulian.models.security import ApiToken, AuditAction, AuditEvent, AuditResult, TokenScope
from wulian.tables import ObjectTable
from wulian.views import generic

from . import audit, tokens, twofactor
from .sessions import say_last_login


def _next(request, default="home"):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    from django.shortcuts import resolve_url

    return resolve_url(default) if default else ""


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"), max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
        help_text=gettext_lazy("The six digits your authenticator app shows, or one of your backup codes."),
    )


# -- the second factor -----------------------------------------------------------------------------------------


@login_required
def two_factor(request):
    """Show the second factor after the password (enrol first when the account has no device yet)."""
    if not twofactor.is_pending(request.session):
        return redirect(_next(request))
    if not twofactor.has_device(request.user):
        return redirect(f"{_url('two_factor_enrol')}?next={_next(request, '')}")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = twofactor.verify(request.user, form.cleaned_data["code"])
        if device is not None:
            twofactor.mark_verified(request, device)
            say_last_login(request)
            audit.record_request(request, AuditAction.TWO_FACTOR, obj=device.persistent_id,
                                 detail="backup code" if device.__class__.__name__ == "StaticDevice" else "TOTP")
            return redirect(_next(request))
        audit.record_request(request, AuditAction.TWO_FACTOR, result=AuditResult.FAILURE, detail="wrong code")
        form.add_error("code", _("This code is not right (or was used already). Try the next one."))
    return render(request, "registration/two_factor.html", {"form": form, "next": _next(request, "")})


@login_required
def two_factor_enrol(request):
    """Enrol an authenticator app: scan the QR code, type the first code; then ten backup codes are shown once."""
    if twofactor.has_device(request.user) and twofactor.is_pending(request.session):
        return redirect("two_factor")
    device = twofactor.new_totp_device(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token("".join(form.cleaned_data["code"].split())):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            codes = twofactor.new_backup_codes(request.user)
            twofactor.mark_verified(request, device)
            say_last_login(request)
            audit.record_request(request, AuditAction.TWO_FACTOR_ENROL, obj=device.persistent_id)
            return render(request, "registration/two_factor_codes.html", {"codes": codes, "next": _next(request)})
        audit.record_request(request, AuditAction.TWO_FACTOR_ENROL, result=AuditResult.FAILURE, detail="wrong code")
        form.add_error("code", _("This code is not right. Check the time on your phone and try the next one."))
    return render(
        request,
        "registration/two_factor_enrol.html",
        {"form": form, "qr": twofactor.qr_svg(device), "secret": twofactor.secret_base32(device),
         "next": _next(request, "")},
    )


@login_required
@require_POST
def backup_codes(request):
    if twofactor.is_pending(request.session) or not twofactor.has_device(request.user):
        raise PermissionDenied
    codes = twofactor.new_backup_codes(request.user)
    audit.record_request(request, AuditAction.TWO_FACTOR_ENROL, detail="new backup codes")
    return render(request, "registration/two_factor_codes.html", {"codes": codes, "next": _url("account_security")})


def keepalive(request):
    """The idle warning's "stay logged in" (the middleware has already noted the activity)."""
    from django.http import JsonResponse

    return JsonResponse({"ok": request.user.is_authenticated})


# -- the account's own security page: second factor and API tokens ----------------------------------------------


class TokenForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("name"), max_length=100,
                           help_text=gettext_lazy("What the program is, e.g. 街道统计脚本."))
    scope = forms.ChoiceField(label=gettext_lazy("scope"), choices=TokenScope.choices, initial=TokenScope.READ)
    days = forms.IntegerField(label=gettext_lazy("valid for (days)"), min_value=1, max_value=tokens.MAX_DAYS,
                              initial=90)


@login_required
def account_security(request):
    user = request.user
    form = TokenForm(request.POST or None)
    key = None
    if request.method == "POST" and form.is_valid():
        if user.role in ADMIN_ROLES:
            raise PermissionDenied  # administrators act through the pages only, each act audited
        token, key = tokens.issue(user, form.cleaned_data["name"], form.cleaned_data["scope"],
                                  form.cleaned_data["days"])
        audit.record_request(request, AuditAction.TOKEN, obj=str(token),
                             detail=f"issued, scope {token.scope}, expires {token.expires_at:%Y-%m-%d}")
        form = TokenForm()
    recent = (
        AuditEvent.objects.filter(user=user, action__in=[AuditAction.LOGIN, AuditAction.LOGIN_FAILED])
        .order_by("-seq")[:10]
    )
    return render(
        request,
        "wulian/security/account.html",
        {
            "form": form, "key": key, "tokens": user.api_tokens.all(), "has_device": twofactor.has_device(user),
            "required": twofactor.required_for(user), "recent": recent,
            "may_issue": user.role not in ADMIN_ROLES,
        },
    )


@login_required
@require_POST
def revoke_token(request, pk):
    from django.utils import timezone

    token = get_object_or_404(ApiToken, pk=pk, user=request.user, revoked_at__isnull=True)
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit.record_request(request, AuditAction.TOKEN, obj=str(token), detail="revoked")
    messages.success(request, _("The token was revoked."))
    return redirect("account_security")


# -- the security administrator: role and scope, unlock, second-factor reset ------------------------------------


class GrantForm(forms.ModelForm):
    """Role and scope of an account: the security administrator's work (三员分立)."""

    region = RegionChoiceField(label=gettext_lazy("scope region"), required=False)

    class Meta:
        model = User
        fields = ["role", "region", "agency"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        from wulian.choices import RegionLevel

        self.fields["role"].required = True
        self.fields["role"].choices = [(v, label) for v, label in Role.choices if v not in ADMIN_ROLES]
        self.fields["region"].queryset = self.fields["region"].queryset.filter(level__gte=RegionLevel.COUNTY)
        if user is not None and user.scope_path:
            self.fields["region"].queryset = self.fields["region"].queryset.filter(path__startswith=user.scope_path)
            self.fields["agency"].queryset = Agency.objects.filter(region__path__startswith=user.scope_path)

    def clean(self):
        cleaned = super().clean()
        role = cleaned.get("role")
        if role in REGION_ROLES and not cleaned.get("region"):
            self.add_error("region", _("Choose the region this account works in."))
        if role == Role.AGENCY_STAFF and not cleaned.get("agency"):
            self.add_error("agency", _("Agency staff need an agency."))
        if role != Role.AGENCY_STAFF:
            cleaned["agency"] = None
            self.instance.agency = None
        return cleaned


def _account(request, pk, action):
    account = User.objects.restrict(request.user, action).filter(pk=pk).first()
    if account is None:
        raise Http404
    return account


@login_required
def user_security(request, pk):
    """An account's rights and security as the security administrator sees them."""
    if not can(request.user, "grant", User):
        raise PermissionDenied
    account = _account(request, pk, "grant")
    before = (account.role, account.region_id, account.agency_id)
    form = GrantForm(request.POST or None, instance=account, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        after = (account.role, account.region_id, account.agency_id)
        audit.record_request(request, AuditAction.ROLE_SCOPE, obj=audit.describe(account),
                             detail=f"role/region/agency {before} → {after}")
        messages.success(request, _("The role and scope of %(user)s were saved.") % {"user": account.username})
        return redirect("wulian:user_security", pk=account.pk)
    from axes.helpers import get_lockout_parameters  # noqa: F401 - axes is installed
    from axes.models import AccessAttempt

    locked = AccessAttempt.objects.filter(username=account.username).exists()
    return render(request, "wulian/security/user_security.html", {
        "account": account, "form": form, "has_device": twofactor.has_device(account), "locked": locked,
    })


@login_required
@require_POST
def user_reset_two_factor(request, pk):
    if not can(request.user, "grant", User):
        raise PermissionDenied
    account = _account(request, pk, "grant")
    count = twofactor.reset(account)
    _end_sessions(account)
    audit.record_request(request, AuditAction.TWO_FACTOR_RESET, obj=audit.describe(account),
                         detail=f"{count} devices removed; the account enrols again at its next login")
    messages.success(request, _("The second factor of %(user)s was reset: they enrol again at their next login.")
                     % {"user": account.username})
    return redirect("wulian:user_security", pk=account.pk)


@login_required
@require_POST
def user_unlock(request, pk):
    if not can(request.user, "grant", User):
        raise PermissionDenied
    account = _account(request, pk, "grant")
    from axes.utils import reset

    count = reset(username=account.username)
    audit.record_request(request, AuditAction.UNLOCK, obj=audit.describe(account), detail=f"{count} lockouts cleared")
    messages.success(request, _("%(user)s can log in again.") % {"user": account.username})
    return redirect("wulian:user_security", pk=account.pk)


def _end_sessions(account):
    from importlib import import_module

    from django.conf import settings

    if account.current_session_key:
        import_module(settings.SESSION_ENGINE).SessionStore(session_key=account.current_session_key).delete()


# -- the audit administrator: the trail, searched and exported --------------------------------------------------


class AuditEventTable(ObjectTable):
    seq = tables.Column(verbose_name=gettext_lazy("number"))
    at = tables.DateTimeColumn(verbose_name=gettext_lazy("time"), format="Y-m-d H:i:s")
    username = tables.Column(verbose_name=gettext_lazy("user"))
    remote_addr = tables.Column(verbose_name=gettext_lazy("address"))
    action = tables.Column(verbose_name=gettext_lazy("event"))
    object = tables.Column(verbose_name=gettext_lazy("object"))
    result = tables.Column(verbose_name=gettext_lazy("result"))
    detail = tables.Column(verbose_name=gettext_lazy("detail"))

    class Meta(ObjectTable.Meta):
        model = AuditEvent
        fields = ("seq", "at", "username", "remote_addr", "action", "object", "result", "detail")
        order_by = ("-seq",)


class AuditEventFilterSet(ScopedFilterSet):
    search_fields = ("username", "object", "detail")

    class Meta:
        model = AuditEvent
        fields = ["action", "result"]


class AuditEventListView(generic.ObjectListView):
    """The audit trail (read only): the audit administrator's one page, with search, filters and export."""

    model = AuditEvent
    queryset = AuditEvent.objects.all()
    table_class = AuditEventTable
    filterset_class = AuditEventFilterSet
    action_buttons = ("export",)


account_urlpatterns = [
    path("accounts/2fa/", two_factor, name="two_factor"),
    path("accounts/2fa/enrol/", two_factor_enrol, name="two_factor_enrol"),
    path("accounts/2fa/keepalive/", keepalive, name="keepalive"),
    path("accounts/security/", account_security, name="account_security"),
    path("accounts/security/backup-codes/", backup_codes, name="two_factor_backup_codes"),
    path("accounts/security/tokens/<int:pk>/revoke/", revoke_token, name="api_token_revoke"),
]

core_urlpatterns = [
    path("audit/", AuditEventListView.as_view(), name="auditevent_list"),
    path("users/<int:pk>/security/", user_security, name="user_security"),
    path("users/<int:pk>/security/reset-2fa/", user_reset_two_factor, name="user_reset_two_factor"),
    path("users/<int:pk>/security/unlock/", user_unlock, name="user_unlock"),
]


def _url(name):
    from django.urls import reverse

    return reverse(name)
