from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from drf_spectacular.views import SpectacularAPIView

from wulian.api import router
from wulian.views import policy_drafts  # one line of its own: pages to draft a profile from a document
from wulian.views import figures, ranking  # one line of its own: the rows behind the dashboard's tally (issue 23)
from wulian.views import region_import  # one line of its own: a county's towns and villages from the code list
from wulian.views import report_schedules  # one line of its own: the bureau's scheduled reports
from wulian.views import first_run  # one line of its own: the first run of an empty installation
from wulian.views import target_import  # one line of its own: a profile's targets from the county's Excel sheet
from wulian.models import Region, User
from wulian.security import views as security  # issue 21: second factor, tokens, 三员, audit trail
from wulian.views import attachments, core, dashboard, generic, notifications, pickers, reports, targets

core_patterns = [
    path("access-log/", core.AccessLogListView.as_view(), name="accesslog_list"),
    path("notifications/", notifications.notification_list, name="notification_list"),
    path("notifications/read-all/", notifications.notification_read_all, name="notification_read_all"),
    path("notifications/<int:pk>/", notifications.notification_open, name="notification_open"),
    path("notifications/<int:pk>/read/", notifications.notification_read, name="notification_read"),
    *generic.object_urls("users", User, list=core.UserListView, detail=core.UserDetailView, edit=core.UserEditView,
                         import_=core.UserImportView),
    *security.core_urlpatterns,
    path("pick/<str:key>/", pickers.pick, name="pick"),
    path("attachments/<int:pk>/", attachments.download, name="attachment_download"),
    path("attachments/<int:pk>/delete/", attachments.AttachmentDeleteView.as_view(), name="attachment_delete"),
    path("attachments/add/<int:owner_type>/<int:owner_id>/", attachments.upload, name="attachment_upload"),
    path("targets/", targets.targets_page, name="targets"),
    path("targets/attainment/", targets.attainment_page, name="attainment"),
    path("targets/<int:target_pk>/report/<int:region_pk>/<int:year>/", targets.target_report, name="target_report"),
    path("targets/figures/", figures.AttainmentFigureListView.as_view(), name="attainmentfigure_list"),
    path("dashboard/ranking/", ranking.RankingListView.as_view(), name="ranking_list"),
    path("regions/import/", region_import.RegionImportView.as_view(), name="region_import"),
    path("reports/schedules/add/", report_schedules.schedule_add, name="report_schedule_add"),
    path("setup/", first_run.first_run, name="first_run"),
    path("reports/schedules/<int:pk>/toggle/", report_schedules.schedule_toggle, name="report_schedule_toggle"),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("dashboard/refresh/", dashboard.refresh_now, name="dashboard_refresh"),
    path("reports/", reports.report_center, name="report_center"),
    path("reports/new/<slug:code>/", reports.request_report, name="report_request"),
    path("reports/<int:pk>/row/", reports.job_row, name="report_job_row"),
    path("reports/<int:pk>/progress/", reports.job_progress, name="report_job_progress"),
    path("reports/<int:pk>/download/", reports.download, name="report_download"),
    path("reports/<int:pk>/retry/", reports.retry_job, name="report_retry"),
    path("targets/drafts/", include(policy_drafts.urlpatterns)),
    path("targets/drafts/<int:pk>/import/", target_import.TargetImportView.as_view(), name="policy_draft_import"),
    *generic.object_urls(
        "regions",
        Region,
        list=core.RegionListView,
        detail=core.RegionDetailView,
        edit=core.RegionEditView,
        delete=core.RegionDeleteView,
    ),
]

urlpatterns = [
    path("", core.home, name="home"),
    path("healthz", core.healthz, name="healthz"),
    path("favicon.ico", core.favicon, name="favicon"),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", core.ThrottledPasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    *security.account_urlpatterns,
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("core/", include((core_patterns, "wulian"))),
    path("organizations/", include("organizations.urls")),
    path("stations/", include("stations.urls")),
    path("volunteers/", include("volunteers.urls")),
    path("projects/reports/", include("projects.report_urls")),
    path("projects/", include("projects.urls")),
    path("public/projects/", include("projects.public_urls")),
    path("funding/", include("funding.urls")),
    path("api/", include(router.urls)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("admin/", admin.site.urls),
]

handler400 = "wulian.errors.bad_request"
handler404 = "wulian.errors.page_not_found"
handler500 = "wulian.errors.server_error"
