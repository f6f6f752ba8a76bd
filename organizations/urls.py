from django.urls import path

from wulian.models import Agency
from wulian.views.generic import object_urls

from . import views
from .models import SocialOrganization

app_name = "organizations"

urlpatterns = [
    *object_urls(
        "agencies",
        Agency,
        list=views.AgencyListView,
        detail=views.AgencyDetailView,
        edit=views.AgencyEditView,
        delete=views.AgencyDeleteView,
    ),
    path("social/summary/", views.CommunitySummaryView.as_view(), name="community_summary"),
    *object_urls(
        "social",
        SocialOrganization,
        list=views.SocialOrganizationListView,
        detail=views.SocialOrganizationDetailView,
        edit=views.SocialOrganizationEditView,
        delete=views.SocialOrganizationDeleteView,
        import_=views.SocialOrganizationImportView,
    ),
]
