from django.contrib import admin

from .models import BudgetLine, Donation, Entry, SourceKind, Tranche


@admin.register(SourceKind)
class SourceKindAdmin(admin.ModelAdmin):
    list_display = ("name", "group", "origin", "order", "active")
    list_editable = ("order", "active")


@admin.register(BudgetLine)
class BudgetLineAdmin(admin.ModelAdmin):
    list_display = ("__str__", "year", "purpose", "category", "budget", "committed", "spent")
    list_filter = ("year", "purpose", "category", "source")
    readonly_fields = ("region", "budget", "committed", "spent")


@admin.register(Entry)
class EntryAdmin(admin.ModelAdmin):
    """Read-only: a posted entry is corrected by a reversing entry on the portal's pages, never edited here."""

    list_display = ("number", "kind", "amount", "date", "line", "reverses")
    list_filter = ("kind",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Tranche)
class TrancheAdmin(admin.ModelAdmin):
    list_display = ("milestone", "line", "condition")


@admin.register(Donation)
class DonationAdmin(admin.ModelAdmin):
    """Read on the portal's pages, where the donor is masked; the admin lists no donor names."""

    list_display = ("number", "donor_kind", "form", "received_on", "region", "restricted")
    list_filter = ("donor_kind", "form", "restricted")
    readonly_fields = ("number", "entry", "recorded_by")
