from django.contrib import admin

from .models import Activity, AgencyPlacement, Certificate, StaffAssignment, StaffMember, Station, Training


@admin.register(Station)
class StationAdmin(admin.ModelAdmin):
    list_display = ("name", "tier", "region", "office_area", "is_pilot")
    list_filter = ("tier", "is_pilot")
    search_fields = ("name", "address")
    list_select_related = ("region",)


class AssignmentInline(admin.TabularInline):
    model = StaffAssignment
    extra = 0


class CertificateInline(admin.TabularInline):
    model = Certificate
    extra = 0


@admin.register(StaffMember)
class StaffMemberAdmin(admin.ModelAdmin):
    list_display = ("name", "region", "is_professional", "agency")
    list_filter = ("is_professional",)
    search_fields = ("name", "phone")
    list_select_related = ("region", "agency")
    inlines = [AssignmentInline, CertificateInline]


@admin.register(StaffAssignment)
class StaffAssignmentAdmin(admin.ModelAdmin):
    list_display = ("person", "station", "post", "start_date", "end_date")
    list_select_related = ("person", "station")
    search_fields = ("person__name", "station__name")


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ("number", "person", "level", "year")
    list_select_related = ("person",)
    search_fields = ("number", "person__name")


@admin.register(AgencyPlacement)
class AgencyPlacementAdmin(admin.ModelAdmin):
    list_display = ("agency", "station", "start_date", "end_date")
    list_select_related = ("agency", "station")


@admin.register(Training)
class TrainingAdmin(admin.ModelAdmin):
    list_display = ("topic", "date", "kind", "hours", "organizer")
    list_select_related = ("organizer",)
    filter_horizontal = ("agencies", "attendees")


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ("title", "date", "kind", "station", "participants")
    list_filter = ("kind", "domain")
    list_select_related = ("station",)
    search_fields = ("title",)
