"""What the stations app shows on other apps' pages (see ``wulian.panels``)."""

from django.db.models import Q

from .models import AgencyPlacement, Station, Training
from .trainings import hours_by_agency, meets, training_targets


def agency_stations_and_training(request, agency) -> dict:
    """Where the agency is stationed and the class hours it received, as far as the viewer may see."""
    user = request.user
    placements = (
        AgencyPlacement.objects.restrict(user)
        .filter(agency=agency)
        .select_related("station__region")
        .order_by("-start_date")
    )
    trainings = Training.objects.restrict(user).filter(Q(agencies=agency) | Q(attendees__agency=agency)).distinct()
    yearly = sorted(
        ((year, hours, sessions) for (year, pk), (hours, sessions) in hours_by_agency(trainings).items() if pk == agency.pk),
        reverse=True,
    )
    # The class hours the agency's county asks for (its policy profile); none without a profile.
    target = training_targets(type(agency).objects.filter(pk=agency.pk)).get(agency.pk)
    placements = list(placements)
    # A station's page only for a viewer who may open it (agency staff see their placement, not the station's
    # page): one query for the lot.
    viewable = set(Station.objects.restrict(user).filter(pk__in={p.station_id for p in placements})
                   .values_list("pk", flat=True)) if placements else set()
    for placement in placements:
        placement.url = (placement.station.get_absolute_url() if placement.station_id in viewable
                         else placement.get_absolute_url())
    return {
        "placements": placements,
        "recent_trainings": trainings.select_related("organizer").order_by("-date")[:10],
        "training_years": [{"year": y, "hours": h, "sessions": n, **meets(h, target)} for y, h, n in yearly],
        "training_required": target.threshold.normalize() if target is not None else None,
        "training_clause": f"{target.profile.name} {target.clause}" if target is not None else "",
    }
