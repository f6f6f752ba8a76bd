"""Volunteers, teams and activities that forms and filters choose through a searchable picker."""

from wulian.pickers import register

from .models import Volunteer, VolunteerActivity, VolunteerTeam


def _volunteer_labels(volunteers):
    return [f"{v.community.name} / {v.name}（{v.volunteer_number}）" for v in volunteers]


def _activity_labels(activities):
    return [f"{a.date:%Y-%m-%d} {a.title}（{a.region.name}）" for a in activities]


register(
    Volunteer,
    search=("name", "volunteer_number"),
    parent="community",
    order_by=("community__path", "volunteer_number"),
    label=_volunteer_labels,
)
register(VolunteerTeam, search=("name",), parent="region", order_by=("region__path", "name"))
register(
    VolunteerActivity, search=("title", "place"), parent="region", order_by=("-date", "-start_time"), label=_activity_labels
)
