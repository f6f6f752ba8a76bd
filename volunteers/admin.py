from django.contrib import admin

from .models import ServiceHours, Volunteer, VolunteerActivity, VolunteerCertificate, VolunteerTeam


@admin.register(Volunteer)
class VolunteerAdmin(admin.ModelAdmin):
    list_display = ("volunteer_number", "name", "community", "status", "registered_on")
    list_filter = ("status", "id_type")
    search_fields = ("name", "volunteer_number", "=id_number")
    list_select_related = ("community",)
    raw_id_fields = ("community",)


@admin.register(VolunteerTeam)
class VolunteerTeamAdmin(admin.ModelAdmin):
    list_display = ("name", "region", "organising_body")
    search_fields = ("name",)
    raw_id_fields = ("region", "leader", "members")


@admin.register(VolunteerActivity)
class VolunteerActivityAdmin(admin.ModelAdmin):
    list_display = ("title", "date", "region", "status")
    list_filter = ("status",)
    search_fields = ("title",)
    raw_id_fields = ("region", "team", "organization")


@admin.register(ServiceHours)
class ServiceHoursAdmin(admin.ModelAdmin):
    list_display = ("activity", "volunteer", "hours", "status", "source")
    list_filter = ("status", "source")
    raw_id_fields = ("activity", "volunteer", "reviewed_by")


@admin.register(VolunteerCertificate)
class VolunteerCertificateAdmin(admin.ModelAdmin):
    list_display = ("number", "volunteer", "hours", "issued_on", "issuer_name")
    search_fields = ("number",)
    raw_id_fields = ("volunteer", "issued_by")
    readonly_fields = ("number", "hours", "activities_count", "items", "issued_on")
