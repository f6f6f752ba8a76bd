from wulian.views import generic

from .filtersets import AgencyFilterSet
from .forms import AgencyForm
from .models import Agency
from .tables import AgencyTable


class AgencyListView(generic.ObjectListView):
    model = Agency
    queryset = Agency.objects.select_related("region", "cultivated_by")
    table_class = AgencyTable
    filterset_class = AgencyFilterSet


class AgencyDetailView(generic.ObjectDetailView):
    model = Agency
    queryset = Agency.objects.select_related("region", "cultivated_by")
    detail_fields = [
        "name",
        "credit_code",
        "region",
        "legal_representative",
        "contact_person",
        "phone",
        "address",
        "founded_on",
        "cultivated_by",
        "cultivated_on",
    ]


class AgencyEditView(generic.ObjectEditView):
    model = Agency
    form_class = AgencyForm


class AgencyDeleteView(generic.ObjectDeleteView):
    model = Agency
