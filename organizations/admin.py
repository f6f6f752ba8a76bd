from django.contrib import admin

from .models import Agency


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("name", "credit_code", "region", "cultivated_by")
    search_fields = ("name", "credit_code")
    list_select_related = ("region", "cultivated_by")
