from wulian.views.generic import object_urls

from . import views
from .models import Agency

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
]
