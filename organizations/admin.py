from django.contrib import admin

from wulian.models import Agency

from .models import SocialOrganization


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("name", "credit_code", "region", "cultivated_by", "certified_staff_count")
    search_fields = ("name", "credit_code")
    list_select_related = ("region", "cultivated_by")


@admin.register(SocialOrganization)
class SocialOrganizationAdmin(admin.ModelAdmin):
    list_display = ("name", "region", "category", "status", "is_federation", "federation")
    list_filter = ("category", "status", "is_federation")
    search_fields = ("name", "registration_number")
    list_select_related = ("region", "federation")
    raw_id_fields = ("region", "federation")
