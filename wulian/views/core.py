"""Pages of the core: home per role, health, regions."""

from __future__ import annotations

import django_filters
import django_tables2 as tables
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.forms.utils import ErrorDict
from django.db.models import Count, Q, Sum
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from wulian.choices import REGION_ROLES, RegionLevel, Role
from wulian.filtersets import DateRangeFilter, ScopedFilterSet
from wulian.account_import import AccountImporter
from wulian.forms import RegionForm, UserForm
from wulian.models import AccessLog, Region, User
from wulian.navigation import collect_home_actions, collect_home_stats, menus_for
from wulian.panels import render_home_panels
from wulian.tables import ObjectTable
from wulian.security.sessions import PASSWORD_EXPIRED
from wulian.throttle import PASSWORD_CHANGE
from wulian.views import generic
from wulian.views.dashboard import LANDING_ROLES
from wulian.views.first_run import first_run_when_empty


@first_run_when_empty
@login_required
def home(request):
    """The home page of each role: who and where I am, what I can open, and how big my area is."""
    user = request.user
    region = user.region
    summary = None
    if region is not None and user.role in REGION_ROLES | {""}:
        summary = Region.objects.under(region).aggregate(
            towns=Count("pk", filter=Q(level=RegionLevel.TOWN)),
            communities=Count("pk", filter=Q(level=RegionLevel.COMMUNITY, kind="urban")),
            villages=Count("pk", filter=Q(level=RegionLevel.COMMUNITY, kind="rural")),
            population=Sum("population", filter=Q(level=RegionLevel.COMMUNITY)),
        )
    template = {
        Role.BUREAU_ADMIN: "wulian/home_bureau.html",
        Role.TOWN_STAFF: "wulian/home_town.html",
        Role.COMMUNITY_WORKER: "wulian/home_community.html",
        Role.AGENCY_STAFF: "wulian/home_agency.html",
        Role.EVALUATOR: "wulian/home_evaluator.html",
        Role.LEADER: "wulian/home_leader.html",
    }.get(user.role, "wulian/home_bureau.html")
    context = {
        "region": region,
        "summary": summary,
        "menus": menus_for(user),
        "agency": user.agency,
        "stats": collect_home_stats(user),
        "actions": collect_home_actions(user),
        "home_panels": render_home_panels(request),
    }
    if user.role in LANDING_ROLES and region is not None:
        # Leaders and the bureau land on the dashboard of their area, under their frequent tasks; it loads
        # right after the page (htmx), so the home page's own figures are not held up by it.
        context["dashboard_slot"] = reverse("wulian:dashboard") + "?embed=1"
    return render(request, template, context)


@require_GET
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says: send them to the portal's icon."""
    from django.shortcuts import redirect
    from django.templatetags.static import static

    return redirect(static("img/favicon-32.png"), permanent=True)


@never_cache
@require_GET
def healthz(request):
    """Whether the database, the replica (and its lag), the Celery broker and the cache answer, and the free disk
    of the file folders; 503 when the database does not answer (the load balancer takes the instance out)."""
    import shutil

    database = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any failure means "down"
        database = False
    broker: bool | str
    if not settings.CELERY_BROKER_URL:
        broker = "in-process"
    else:
        from wulian.celery import app

        try:
            with app.connection_for_write() as conn:
                conn.ensure_connection(max_retries=1, timeout=2)
            broker = True
        except Exception:  # noqa: BLE001
            broker = False
    cache_state: bool | str = "local"
    if "redis" in settings.CACHES["default"]["BACKEND"].lower():
        from django.core.cache import cache

        try:
            cache.set("wulian:healthz", 1, 10)
            cache_state = cache.get("wulian:healthz") == 1
        except Exception:  # noqa: BLE001
            cache_state = False
    replica: dict | str = "none"
    from wulian.db_router import replica_configured, replica_status

    if replica_configured():
        state = replica_status(force=True)
        replica = {"ok": state["usable"], "lag_seconds": state.get("lag")}
        if state["reason"]:
            replica["reason"] = state["reason"]
    min_free = int(getattr(settings, "WULIAN_MIN_FREE_DISK_MB", 1024))
    disk = {}
    for name, folder in (("private", settings.VAR_DIR / "private"), ("media", settings.MEDIA_ROOT)):
        try:
            free_mb = shutil.disk_usage(folder).free // (1024 * 1024)
        except FileNotFoundError:
            free_mb = shutil.disk_usage(settings.VAR_DIR).free // (1024 * 1024) if settings.VAR_DIR.exists() else 0
        disk[name] = {"free_mb": free_mb, "ok": free_mb >= min_free}
    status = 200 if database else 503
    body = {
        "status": "ok" if database else "error",
        "database": database,
        "broker": broker,
        "cache": cache_state,
        "replica": replica,
        "disk": disk,
    }
    return JsonResponse(body, status=status)


# -- regions --------------------------------------------------------------------------------------


class RegionTable(ObjectTable):
    name = tables.Column(linkify=True, verbose_name=_("name"))
    level = tables.Column(verbose_name=_("level"))
    kind = tables.Column(verbose_name=_("community kind"))
    code = tables.Column(verbose_name=_("division code"))
    population = tables.Column(verbose_name=_("resident population"))

    class Meta(ObjectTable.Meta):
        model = Region
        fields = ("name", "level", "kind", "code", "population")
        order_by = ("path",)


class RegionFilterSet(ScopedFilterSet):
    search_fields = ("name", "code")

    class Meta:
        model = Region
        fields = ["level", "kind"]


class RegionListView(generic.ObjectListView):
    model = Region
    title = _("Regions")
    table_class = RegionTable
    filterset_class = RegionFilterSet
    import_url_name = "wulian:region_import"


class RegionDetailView(generic.ObjectDetailView):
    model = Region
    detail_fields = ["name", "level", "kind", "code", "population"]
    template_name = "wulian/region_detail.html"

    def extra_context(self, obj):
        children = Region.objects.restrict(self.request.user).filter(
            path__startswith=obj.path, depth=obj.depth + 1
        )
        ancestors = Region.objects.filter(path__in=obj.ancestors_path_prefixes())
        return {"children": children, "ancestors": ancestors}


class RegionEditView(generic.ObjectEditView):
    model = Region
    form_class = RegionForm


class RegionDeleteView(generic.ObjectDeleteView):
    model = Region

    def post(self, request, *args, **kwargs):
        obj = self.get_object()
        if Region.objects.filter(path__startswith=obj.path, depth=obj.depth + 1).exists():
            from django.contrib import messages
            from django.shortcuts import redirect

            messages.error(request, _("Delete or move the regions under it first."))
            return redirect(obj.get_absolute_url())
        return super().post(request, *args, **kwargs)


# -- accounts -------------------------------------------------------------------------------------


class UserTable(ObjectTable):
    username = tables.Column(linkify=True, verbose_name=_("username"))
    name = tables.Column(accessor="display_name", verbose_name=_("name"), order_by=("last_name", "first_name"))
    role = tables.Column(verbose_name=_("role"))
    region = tables.Column(verbose_name=_("scope region"))
    agency = tables.Column(verbose_name=_("agency"))
    is_active = tables.BooleanColumn(verbose_name=_("active"))
    last_login = tables.DateTimeColumn(verbose_name=_("last login"), short=True)

    class Meta(ObjectTable.Meta):
        model = User
        fields = ("username", "name", "role", "region", "agency", "is_active", "last_login")


class UserFilterSet(ScopedFilterSet):
    search_fields = ("username", "last_name", "first_name", "phone")

    class Meta:
        model = User
        fields = ["role", "is_active"]


class UserListView(generic.ObjectListView):
    model = User
    title = _("Accounts")
    queryset = User.objects.select_related("region", "agency")
    table_class = UserTable
    filterset_class = UserFilterSet
    import_url_name = "wulian:user_import"


class UserDetailView(generic.ObjectDetailView):
    model = User
    queryset = User.objects.select_related("region", "agency")
    detail_fields = ["username", "role", "region", "agency", "phone", "email", "is_active", "last_login", "date_joined"]
    template_name = "wulian/security/user_detail.html"

    def extra_context(self, obj):
        from wulian.models.base import can

        context = super().extra_context(obj)
        if can(self.request.user, "grant", User):  # the security administrator: role, scope, unlock, 2FA reset
            context["security_url"] = reverse("wulian:user_security", args=[obj.pk])
        return context


class UserEditView(generic.ObjectEditView):
    model = User
    form_class = UserForm


class UserImportView(generic.ObjectImportView):
    """The county's accounts from its ledger (issue 23 H), each changing its password at the first login."""

    importer_class = AccountImporter


# -- access log -----------------------------------------------------------------------------------


class AccessLogTable(ObjectTable):
    """Who did what to which object, in words (issue 23 G): the kind of object by its name (社工站), the object by
    what it was called when the act happened, the filter as typed."""

    at = tables.DateTimeColumn(verbose_name=_("time"), short=True)
    user = tables.Column(verbose_name=_("user"), order_by=("user__username",))
    action = tables.Column(verbose_name=_("action"))
    model = tables.Column(verbose_name=_("kind of object"), empty_values=(), orderable=False)
    object_label = tables.Column(verbose_name=_("object"), empty_values=(), orderable=False)
    row_count = tables.Column(verbose_name=_("rows"))
    query = tables.Column(verbose_name=_("filter"))
    remote_addr = tables.Column(verbose_name=_("address"))

    class Meta(ObjectTable.Meta):
        model = AccessLog
        fields = ("at", "user", "action", "model", "object_label", "row_count", "query", "remote_addr")
        order_by = ("-at",)

    def render_model(self, record):
        return model_kind(record.model)

    def render_object_label(self, record):
        if record.object_label:
            return record.object_label
        return f"#{record.object_id}" if record.object_id else "—"

    def render_query(self, value):
        from urllib.parse import unquote_plus

        return unquote_plus(value)

    def value_query(self, value):
        return self.render_query(value)

    def value_model(self, record):
        return str(model_kind(record.model))

    def value_object_label(self, record):
        return str(self.render_object_label(record))


def model_kind(label: str) -> str:
    """``stations.Station`` → 社工站 (the model's plural name); an unknown label stays as it is."""
    from django.apps import apps

    try:
        return apps.get_model(label)._meta.verbose_name_plural
    except (LookupError, ValueError):
        return label


class ObjectKindFilter(django_filters.ChoiceFilter):
    """The kinds of object the log holds, by name (社工站, 志愿者 …), not ``app.Model``."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("kind of object"))
        super().__init__(*args, field_name="model", **kwargs)

    @property
    def field(self):
        kinds = sorted({label for label in AccessLog.objects.values_list("model", flat=True).distinct()[:200]})
        self.extra["choices"] = sorted(((k, str(model_kind(k))) for k in kinds), key=lambda c: c[1])
        return super().field


class AccessLogFilterSet(ScopedFilterSet):
    """Filters in words: who (a picker of the area's accounts), what kind of act, which kind of object, when."""

    search_fields = ("user__username", "user__last_name", "user__first_name", "object_label")
    user = django_filters.ModelChoiceFilter(queryset=User.objects.all(), label=_("user"))
    model = ObjectKindFilter()
    date = DateRangeFilter(field_name="at", label=_("date"))

    class Meta:
        model = AccessLog
        fields = ["user", "action", "model"]


class AccessLogListView(generic.ObjectListView):
    """Who exported, imported or revealed what, in the bureau's area (read-only)."""

    model = AccessLog
    queryset = AccessLog.objects.select_related("user")
    table_class = AccessLogTable
    filterset_class = AccessLogFilterSet


class ThrottledPasswordChangeView(auth_views.PasswordChangeView):
    """The password change form, with wrong old passwords limited per account (5 in 15 minutes)."""

    def post(self, request, *args, **kwargs):
        key = str(request.user.pk)
        if PASSWORD_CHANGE.exceeded(key):
            form = self.get_form()
            form.cleaned_data, form._errors = {}, ErrorDict()  # refused unchecked: the old password is not tried
            form.add_error(None, _("Too many wrong passwords. Try again in 15 minutes."))
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        response = super().form_valid(form)  # set_password clears the account's must_change_password
        self.request.session[PASSWORD_EXPIRED] = False  # the other pages open again
        return response

    def form_invalid(self, form):
        if "old_password" in form.errors:
            PASSWORD_CHANGE.count(str(self.request.user.pk))
        return super().form_invalid(form)
