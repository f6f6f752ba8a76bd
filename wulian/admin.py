from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from wulian import indicators
from wulian.models import TwoFactorPolicy  # noqa: E402 - issue 21
from wulian.models import (
    AccessLog,
    Attachment,
    LeadingGroupMember,
    Phase,
    PolicyProfile,
    ProfileRegion,
    Region,
    ReportSchedule,
    Target,
    User,
)


@admin.register(Region)
class RegionAdmin(TreeAdmin):
    form = movenodeform_factory(Region)
    list_display = ("name", "level", "kind", "code", "population")
    list_filter = ("level", "kind")
    search_fields = ("name", "code")


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "last_name", "first_name", "role", "region", "agency", "is_active")
    list_filter = ("role", "is_active", "is_superuser")
    list_select_related = ("region", "agency")
    autocomplete_fields = ("region",)
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Role and scope"), {"fields": ("role", "region", "agency", "phone")}),
    )
    add_fieldsets = (
        *BaseUserAdmin.add_fieldsets,
        (_("Role and scope"), {"fields": ("role", "region", "agency")}),
    )


@admin.register(AccessLog)
class AccessLogAdmin(admin.ModelAdmin):
    list_display = ("at", "user", "action", "model", "object_id", "row_count", "remote_addr")
    list_filter = ("action", "model")
    readonly_fields = [f.name for f in AccessLog._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin):
    list_display = ("original_name", "owner_type", "owner_id", "kind", "mime_type", "size", "uploaded_at")
    list_filter = ("owner_type", "kind")
    readonly_fields = ("owner_type", "owner_id", "file", "mime_type", "size", "uploaded_by", "uploaded_at")


# -- policy targets: only superusers change them (thresholds are the policy every page checks) ------------------


class SuperuserOnly:
    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    has_module_permission = has_view_permission

    def has_add_permission(self, request, *args):
        return request.user.is_active and request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser


def indicator_choices():
    return [(code, f"{indicators.label(code)} ({code})") for code in indicators.codes()]


class TargetForm(forms.ModelForm):
    indicator = forms.ChoiceField(label=_("indicator"), choices=indicator_choices)

    class Meta:
        model = Target
        fields = "__all__"


class ProfileRegionInline(SuperuserOnly, admin.TabularInline):
    model = ProfileRegion
    extra = 0
    autocomplete_fields = ("region",)


class TargetInline(SuperuserOnly, admin.TabularInline):
    model = Target
    form = TargetForm
    extra = 0
    fields = ("position", "indicator", "level", "comparator", "threshold", "unit", "period", "deadline", "clause", "status")
    readonly_fields = ("status",)  # changed by the review's transitions only (a StateChange row each)
    show_change_link = True
    ordering = ("position", "pk")


class PhaseInline(SuperuserOnly, admin.TabularInline):
    model = Phase
    extra = 0
    fields = ("position", "name", "start", "end", "clause", "regions")
    autocomplete_fields = ("regions",)


class LeadingGroupInline(SuperuserOnly, admin.TabularInline):
    model = LeadingGroupMember
    extra = 0
    fields = ("order", "position", "name", "unit")


@admin.register(PolicyProfile)
class PolicyProfileAdmin(SuperuserOnly, admin.ModelAdmin):
    list_display = ("name", "code", "document_number", "issued_on", "status")
    list_filter = ("status",)
    search_fields = ("name", "code", "title", "document_number")
    fields = ("name", "code", "title", "document_number", "issuer", "issued_on", "status", "source_text")
    readonly_fields = ("status",)  # changed by "activate"/"deactivate" on the review page only
    inlines = (ProfileRegionInline, TargetInline, PhaseInline, LeadingGroupInline)


@admin.register(Target)
class TargetAdmin(SuperuserOnly, admin.ModelAdmin):
    form = TargetForm
    list_display = ("profile", "indicator", "level", "comparator", "threshold", "unit", "period", "deadline", "clause", "status")
    list_editable = ("threshold",)
    list_filter = ("profile", "status", "level", "indicator")
    readonly_fields = ("status",)  # changed by the review's transitions only (a StateChange row each)
    list_select_related = ("profile",)
    search_fields = ("indicator", "clause", "quote", "note")
    autocomplete_fields = ("regions",)
    fields = (
        "profile", "indicator", "level", "regions", "comparator", "threshold", "unit", "period", "deadline",
        "parameters", "clause", "quote", "status", "note", "position",
    )


class ReportScheduleForm(forms.ModelForm):
    report = forms.ChoiceField(label=_("report"), initial="station_ledger")
    fmt = forms.ChoiceField(
        label=_("format"), required=False, choices=[("", "—"), ("xlsx", "Excel"), ("pdf", "PDF")],
        help_text=_("Empty: the report's own format."),
    )

    class Meta:
        model = ReportSchedule
        fields = "__all__"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from wulian.reports import registry

        self.fields["report"].choices = [(code, d.title) for code, d in registry.items() if d.listed]


@admin.register(ReportSchedule)
class ReportScheduleAdmin(admin.ModelAdmin):
    """Schedules of automatic reports (monthly ledgers per town and county; run daily by beat when due)."""

    form = ReportScheduleForm
    list_display = ("__str__", "report", "region", "frequency", "day", "period", "run_as", "active", "last_run_on")
    list_filter = ("active", "frequency", "report")
    list_select_related = ("region", "run_as")
    autocomplete_fields = ("region", "run_as")
    actions = ["run_now"]

    @admin.action(description=_("Run the selected schedules now"))
    def run_now(self, request, queryset):
        from wulian.reports import BrokerUnavailable, run_schedule

        count = 0
        for schedule in queryset.select_related("run_as", "region"):
            try:
                run_schedule(schedule)
            except BrokerUnavailable:
                self.message_user(request, _("The report service is not available at the moment; nothing was queued."), level="error")
                return
            count += 1
        self.message_user(request, _("%(count)d reports queued.") % {"count": count})


# Issue 21: a county that asks every role of its area for a second factor (bureau and administrators always do).
@admin.register(TwoFactorPolicy)
class TwoFactorPolicyAdmin(admin.ModelAdmin):
    list_display = ["region", "all_roles"]
    autocomplete_fields = ["region"]
