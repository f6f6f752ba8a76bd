"""Models of the projects that forms and filters choose through a searchable picker."""

from wulian.pickers import register

from .models import Project


def _project_labels(projects):
    return [f"{p.code} {p.title}" for p in projects]


register(Project, search=("code", "title"), order_by=("-year", "-pk"), label=_project_labels)
