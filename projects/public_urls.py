"""The public page of service projects, mounted at ``/public/projects/`` without login."""

from django.urls import path

from . import public

app_name = "public_projects"

urlpatterns = [
    path("", public.project_list, name="list"),
    path("ocds.json", public.ocds_package, name="ocds"),
    path("<int:pk>/", public.project_detail, name="detail"),
]
