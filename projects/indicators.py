"""Project indicators of the policy-targets registry (``wulian.indicators``, issue 12), computed by
``projects.figures``. Imported by the core's discovery of ``indicators`` modules."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wulian.indicators import Query, indicator

from . import figures


def _link(flag):
    """The project list filtered to the projects a region's figure counts."""

    def link(q: Query, region) -> str:
        return f"{reverse('projects:project_list')}?region={region.pk}&year={q.year}&{flag}=true&signed=true"

    return link


@indicator(
    "professional_projects",
    definition=_("Professional service projects of the fiscal year with an agreement signed by both sides."),
    link=_link("is_professional"),
)
def professional_projects(q: Query):
    return figures.professional_projects(q.regions, q.year)


@indicator(
    "micro_venture_projects",
    definition=_("Micro public-welfare venture projects of the fiscal year with an agreement signed by both sides."),
    link=_link("is_micro_venture"),
)
def micro_venture_projects(q: Query):
    return figures.micro_venture_projects(q.regions, q.year)
