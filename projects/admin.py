"""Django admin for superusers: indicator sheets are data an admin edits (items inline); the rest is read for
support. States are not edited here: they change through the transitions on the pages and the API."""

from django.contrib import admin

from . import models as m


class IndicatorItemInline(admin.TabularInline):
    model = m.IndicatorItem
    extra = 0


@admin.register(m.IndicatorSheet)
class IndicatorSheetAdmin(admin.ModelAdmin):
    list_display = ("name", "version", "region", "is_active", "excellent_min", "good_min", "pass_min")
    list_filter = ("is_active",)
    inlines = [IndicatorItemInline]


class CriterionInline(admin.TabularInline):
    model = m.Criterion
    extra = 0


@admin.register(m.Notice)
class NoticeAdmin(admin.ModelAdmin):
    list_display = ("project", "method", "budget_ceiling", "bid_deadline", "published_at")
    list_select_related = ("project",)
    inlines = [CriterionInline]


@admin.register(m.Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ("code", "title", "region", "year", "status", "agency", "budget", "grade")
    list_filter = ("status", "year", "is_professional", "is_micro_venture", "phase")
    search_fields = ("code", "title")
    list_select_related = ("region", "agency")
    readonly_fields = ("status", "agency", "grade", "final_score", "awarded_at", "accepted_at", "submitted_at")


for model in (m.Bid, m.Agreement, m.Amendment, m.Milestone, m.PerformanceTarget, m.Evaluation, m.Rectification,
              m.AgencyMark, m.Review):
    admin.site.register(model)
