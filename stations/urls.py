from django.urls import path

from wulian import pipl
from wulian.views.generic import object_urls

from . import views
from .models import Activity, AgencyPlacement, Certificate, StaffAssignment, StaffMember, Station, Training

app_name = "stations"

urlpatterns = [
    *object_urls(
        "stations",
        Station,
        list=views.StationListView,
        detail=views.StationDetailView,
        edit=views.StationEditView,
        delete=views.StationDeleteView,
        import_=views.StationImportView,
    ),
    *object_urls(
        "staff",
        StaffMember,
        list=views.StaffMemberListView,
        detail=views.StaffMemberDetailView,
        edit=views.StaffMemberEditView,
        delete=views.StaffMemberDeleteView,
        import_=views.StaffImportView,
    ),
    # 个人信息保护法: a person's data as a file, and anonymisation (wulian/pipl.py, issue 21).
    path("staff/<int:pk>/personal-data/", pipl.export_view(StaffMember), name="staffmember_personal_data"),
    path("staff/<int:pk>/anonymise/", pipl.anonymise_view(StaffMember), name="staffmember_anonymise"),
    *object_urls(
        "assignments",
        StaffAssignment,
        list=views.StaffAssignmentListView,
        detail=views.StaffAssignmentDetailView,
        edit=views.StaffAssignmentEditView,
        delete=views.StaffAssignmentDeleteView,
    ),
    *object_urls(
        "certificates",
        Certificate,
        list=views.CertificateListView,
        detail=views.CertificateDetailView,
        edit=views.CertificateEditView,
        delete=views.CertificateDeleteView,
    ),
    *object_urls(
        "placements",
        AgencyPlacement,
        list=views.AgencyPlacementListView,
        detail=views.AgencyPlacementDetailView,
        edit=views.AgencyPlacementEditView,
        delete=views.AgencyPlacementDeleteView,
    ),
    path("trainings/hours/", views.TrainingHoursView.as_view(), name="training_hours"),
    *object_urls(
        "trainings",
        Training,
        list=views.TrainingListView,
        detail=views.TrainingDetailView,
        edit=views.TrainingEditView,
        delete=views.TrainingDeleteView,
    ),
    *object_urls(
        "activities",
        Activity,
        list=views.ActivityListView,
        detail=views.ActivityDetailView,
        edit=views.ActivityEditView,
        delete=views.ActivityDeleteView,
        import_=views.ActivityImportView,
    ),
]
