from django.core.paginator import Paginator
from django.shortcuts import render

from wulian.attainment import TargetBook
from wulian.choices import RegionLevel
from wulian.exports import export_rows
from wulian.models import Agency, Region
from wulian.panels import render_panels
from wulian.views import generic

from .choices import OrganizationCategory
from .filtersets import AgencyFilterSet, SocialOrganizationFilterSet
from .forms import AgencyForm, CommunitySummaryForm, SocialOrganizationForm
from .importers import SocialOrganizationImporter
from .models import SocialOrganization
from .summary import community_summary, judged, sheet_headers, sheet_row
from .tables import AgencyTable, SocialOrganizationTable

SUMMARY_ROWS_PER_PAGE = 100


class AgencyListView(generic.ObjectListView):
    model = Agency
    queryset = Agency.objects.select_related("region", "cultivated_by")
    table_class = AgencyTable
    filterset_class = AgencyFilterSet


class AgencyDetailView(generic.ObjectDetailView):
    model = Agency
    queryset = Agency.objects.select_related("region", "cultivated_by")
    template_name = "organizations/agency_detail.html"
    detail_fields = AgencyForm.Meta.fields

    def field_rows(self, obj):
        rows = super().field_rows(obj)
        return [
            (label, obj.get_service_domains_display() if field.name == "service_domains" else value, field)
            for label, value, field in rows
        ]

    def extra_context(self, obj):
        """Panels other apps add about the agency (e.g. stations: where it is stationed, its training)."""
        return {"panels": render_panels(self.request, obj)}


class AgencyEditView(generic.ObjectEditView):
    model = Agency
    form_class = AgencyForm


class AgencyDeleteView(generic.ObjectDeleteView):
    model = Agency


class SocialOrganizationListView(generic.ObjectListView):
    model = SocialOrganization
    queryset = SocialOrganization.objects.select_related("region", "federation")
    table_class = SocialOrganizationTable
    filterset_class = SocialOrganizationFilterSet
    import_url_name = "organizations:socialorganization_import"


class SocialOrganizationDetailView(generic.ObjectDetailView):
    model = SocialOrganization
    queryset = SocialOrganization.objects.select_related("region", "federation")
    template_name = "organizations/socialorganization_detail.html"
    detail_fields = ["name", *(name for name in SocialOrganizationForm.Meta.fields if name != "name")]

    related = (generic.RelatedList("members", SocialOrganization, "federation", ("region__path", "name"), ("region",)),)

    def extra_context(self, obj):
        return {} if obj.is_federation else {"members": None}


class SocialOrganizationEditView(generic.ObjectEditView):
    model = SocialOrganization
    form_class = SocialOrganizationForm


class SocialOrganizationDeleteView(generic.ObjectDeleteView):
    model = SocialOrganization


class SocialOrganizationImportView(generic.ObjectImportView):
    importer_class = SocialOrganizationImporter


class CommunitySummaryView(generic.ScopedView):
    """Per community: organisations by category and status, and the share of service kinds, with targets."""

    model = SocialOrganization
    template_name = "organizations/community_summary.html"

    def get(self, request):
        self.check_model_permission("view")
        form = CommunitySummaryForm(request.GET or None, user=request.user)
        communities = Region.objects.restrict(request.user).filter(level=RegionLevel.COMMUNITY)
        if form.is_valid():
            if form.cleaned_data.get("region"):
                communities = communities.filter(path__startswith=form.cleaned_data["region"].path)
            if form.cleaned_data.get("kind"):
                communities = communities.filter(kind=form.cleaned_data["kind"])
        elif form.is_bound:
            communities = communities.none()
        if request.GET.get("export") == "xlsx":
            return self.export(request, community_summary(communities))
        # A city has thousands of communities, a province ten times more: the page shows them 100 at a time
        # and builds the rows of that page only (the export has them all); the verdicts and the documents of
        # all of them come from one light pass over their four counts.
        book = TargetBook()
        met, total, standards = judged(communities, book)
        paginator = Paginator(communities.order_by("path").values("pk"), SUMMARY_ROWS_PER_PAGE)
        paginator.count = total  # counted by the pass above: no COUNT query of its own
        page = paginator.get_page(request.GET.get("page"))
        rows = community_summary(Region.objects.filter(pk__in=page.object_list), book)  # the page's, as a subquery
        context = {
            "form": form,
            "rows": rows,
            "page_obj": page,
            "total": total,
            "page_query": _page_query(request),
            "categories": OrganizationCategory.choices,
            # The documents the communities follow and what each asks (the policy targets, never a copy).
            "standards": standards,
            "met": met,
            "export_query": _export_query(request),
        }
        return render(request, self.template_name, context)

    def export(self, request, rows):
        from django.utils.translation import gettext as _

        data = (sheet_row(r) for r in rows)
        return export_rows(request, SocialOrganization, _("Community social organisations by community"), sheet_headers(), data)


def _page_query(request):
    params = request.GET.copy()
    params.pop("page", None)
    params.pop("export", None)
    return params.urlencode()


def _export_query(request):
    params = request.GET.copy()
    params["export"] = "xlsx"
    return params.urlencode()
