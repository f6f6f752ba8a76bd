from django.urls import path

from wulian import pipl
from wulian.views.generic import object_urls

from . import views
from .models import ServiceHours, Volunteer, VolunteerActivity, VolunteerCertificate, VolunteerTeam

app_name = "volunteers"

urlpatterns = [
    path("rates/", views.RatesView.as_view(), name="rates"),
    path("check-in/<str:token>/", views.CheckInView.as_view(), name="check_in"),
    path("check-in/<str:token>/manifest.webmanifest", views.check_in_manifest, name="check_in_manifest"),
    path("verify/", views.CertificateVerifyView.as_view(), name="certificate_verify"),
    *object_urls(
        "people",
        Volunteer,
        list=views.VolunteerListView,
        detail=views.VolunteerDetailView,
        edit=views.VolunteerEditView,
        delete=views.VolunteerDeleteView,
        import_=views.VolunteerImportView,
    ),
    *object_urls(
        "teams",
        VolunteerTeam,
        list=views.VolunteerTeamListView,
        detail=views.VolunteerTeamDetailView,
        edit=views.VolunteerTeamEditView,
        delete=views.VolunteerTeamDeleteView,
    ),
    *object_urls(
        "activities",
        VolunteerActivity,
        list=views.VolunteerActivityListView,
        detail=views.VolunteerActivityDetailView,
        edit=views.VolunteerActivityEditView,
        delete=views.VolunteerActivityDeleteView,
    ),
    # 个人信息保护法: a person's data as a file, and anonymisation (wulian/pipl.py, issue 21).
    path("people/<int:pk>/personal-data/", pipl.export_view(Volunteer), name="volunteer_personal_data"),
    path("people/<int:pk>/anonymise/", pipl.anonymise_view(Volunteer), name="volunteer_anonymise"),
    path("activities/<int:pk>/hours/", views.ActivityHoursView.as_view(), name="activity_hours"),
    path("activities/<int:pk>/qr.png", views.ActivityQrView.as_view(), name="activity_qr"),
    path("activities/<int:pk>/poster/", views.ActivityPosterView.as_view(), name="activity_poster"),
    *object_urls(
        "hours",
        ServiceHours,
        list=views.ServiceHoursListView,
        detail=views.ServiceHoursDetailView,
        edit=views.ServiceHoursEditView,
        delete=views.ServiceHoursDeleteView,
        import_=views.ServiceHoursImportView,
    ),
    *object_urls(
        "certificates",
        VolunteerCertificate,
        list=views.VolunteerCertificateListView,
        detail=views.VolunteerCertificateDetailView,
    ),
    path("certificates/add/", views.VolunteerCertificateIssueView.as_view(), name="volunteercertificate_add"),
    path("certificates/<int:pk>/pdf/", views.VolunteerCertificatePdfView.as_view(), name="volunteercertificate_pdf"),
]
