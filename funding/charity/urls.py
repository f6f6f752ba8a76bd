"""URLs of the charity resources, inside the ``funding`` namespace (appended to ``funding.urls``)."""

from django.urls import path

from wulian.views.generic import object_urls

from . import public, reports, views as v
from .models import (Charity, CharityMovement, CommunityFund, Disclosure, Fundraising, GoodsIssue, GoodsLot,
                     StockCount, Supermarket)

urlpatterns = [
    *object_urls("charities", Charity, list=v.CharityListView, detail=v.CharityDetailView, edit=v.CharityEditView,
                 delete=v.CharityDeleteView),
    *object_urls("community-funds", CommunityFund, list=v.CommunityFundListView, detail=v.CommunityFundDetailView,
                 edit=v.CommunityFundEditView, delete=v.CommunityFundDeleteView),
    *object_urls("fundraising", Fundraising, list=v.FundraisingListView, detail=v.FundraisingDetailView,
                 edit=v.FundraisingEditView, delete=v.FundraisingDeleteView),
    # Incomes, uses, disclosures, issues and counts are recorded once, never edited or deleted.
    *object_urls("charity-movements", CharityMovement, list=v.MovementListView, detail=v.MovementDetailView,
                 edit=v.MovementEditView),
    *object_urls("disclosures", Disclosure, list=v.DisclosureListView, detail=v.DisclosureDetailView,
                 edit=v.DisclosureEditView),
    *object_urls("supermarkets", Supermarket, list=v.SupermarketListView, detail=v.SupermarketDetailView,
                 edit=v.SupermarketEditView, delete=v.SupermarketDeleteView),
    *object_urls("stock", GoodsLot, list=v.GoodsLotListView, detail=v.GoodsLotDetailView, edit=v.GoodsLotEditView),
    *object_urls("issues", GoodsIssue, list=v.GoodsIssueListView, detail=v.GoodsIssueDetailView,
                 edit=v.GoodsIssueEditView),
    *object_urls("stock-takes", StockCount, list=v.StockCountListView, detail=v.StockCountDetailView,
                 edit=v.StockCountEditView),
    path("public/charity/", public.charity_public, name="charity_public"),
    path("disclosure-statement/<str:kind>/<int:pk>/", reports.request_statement, name="disclosure_statement"),
]
