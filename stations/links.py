"""How an app above stations links its records to the activity log, without stations knowing that app.

Stations sit below projects (pyproject.toml layers): an entry of the log does not name a project. An app above
registers an ``ActivityLink`` from its ``ready()``; the log then asks every link for the agency staff's rows
(the scope rule), the fields it adds to the activity form and to the API, and lets it save its part inside the
same write (so the scope re-check of the write path sees the saved link). Projects registers its service records
(``projects.service``).
"""

from __future__ import annotations

from django.db.models import Q


class ActivityLink:
    """What a linking app contributes; every method may be left as it is."""

    def agency_rows(self, scope) -> Q | None:
        """The log entries agency staff may take ``scope.action`` on (``None``: none through this link)."""
        return None

    def extend_form(self, form) -> None:
        """Add fields to an activity form (``form.user`` is the user)."""

    def save_form(self, form, activity) -> None:
        """Save the form's part for the saved ``activity`` (inside the write path's transaction)."""

    def api_related(self) -> tuple[str, ...]:
        """Relations of the entry the API reads for its fields (``select_related``: no query per row)."""
        return ()

    def api_fields(self, serializer) -> dict:
        """Serializer fields to add to the activity API (their validated values come to ``save_api``)."""
        return {}

    def save_api(self, activity, values: dict) -> None:
        """Save the API's part for the saved ``activity``: ``values`` holds the validated fields that were sent."""


_links: list[ActivityLink] = []


def register_activity_link(link: ActivityLink) -> None:
    if all(type(known) is not type(link) for known in _links):
        _links.append(link)


def activity_links() -> tuple[ActivityLink, ...]:
    return tuple(_links)


def agency_activity_rows(scope) -> Q | None:
    """Agency staff's rows of the log: those some link gives them (none without a link)."""
    found = [q for q in (link.agency_rows(scope) for link in _links) if q is not None]
    if not found:
        return None
    q = found[0]
    for more in found[1:]:
        q |= more
    return q
