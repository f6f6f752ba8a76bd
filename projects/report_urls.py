"""Starting a project's reports (mounted at ``/projects/reports/``); the files are in the report centre."""

from django.urls import path

from . import reports

app_name = "project_reports"

urlpatterns = [
    path("<int:pk>/evaluation/", reports.request_evaluation_report, name="evaluation"),
]
