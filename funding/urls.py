from django.urls import path

from wulian.views.generic import object_urls

from . import views
from .models import BudgetLine, Donation, Entry

app_name = "funding"

urlpatterns = [
    path("", views.index, name="index"),
    *object_urls("lines", BudgetLine, list=views.BudgetLineListView, detail=views.BudgetLineDetailView,
                 edit=views.BudgetLineEditView, delete=views.BudgetLineDeleteView),
    # Entries are listed and shown; they are posted, transferred and reversed, never edited or deleted.
    path("entries/add/", views.entry_add, name="entry_add"),
    *object_urls("entries", Entry, list=views.EntryListView, detail=views.EntryDetailView),
    path("entries/<int:pk>/reverse/", views.entry_reverse, name="entry_reverse"),
    path("transfer/", views.transfer, name="transfer"),
    path("milestones/<int:pk>/pay/", views.milestone_pay, name="milestone_pay"),
    path("projects/<int:pk>/commit/", views.agreement_commit, name="agreement_commit"),
    path("projects/<int:pk>/bond/", views.bond_hold, name="bond_hold"),
    path("entries/<int:pk>/settle/", views.bond_settle, name="bond_settle"),
    path("entries/<int:pk>/clawback/", views.payment_clawback, name="payment_clawback"),
    path("stations/", views.operating_funds, name="operating_funds"),
    path("execution/", views.execution_page, name="execution"),
    *object_urls("donations", Donation, list=views.DonationListView, detail=views.DonationDetailView,
                 edit=views.DonationEditView, delete=views.DonationDeleteView),
]

# Charity resources (社区基金, 募捐项目, 慈善超市, disclosures): funding/charity/urls.py.
from .charity.urls import urlpatterns as _charity_urls  # noqa: E402

urlpatterns += _charity_urls
