"""What the stations app shows on other apps' pages (see ``wulian.panels``)."""

from django.db.models import Q

from .models import AgencyPlacement, Training
from .standards import AGENCY_TRAINING_HOURS_PER_YEAR
from .trainings import hours_by_agency


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
    return {
        "placements": placements,
        "recent_trainings": trainings.select_related("organizer").order_by("-date")[:10],
        "training_years": [
            {"year": y, "hours": h, "sessions": n, "meets": h >= AGENCY_TRAINING_HOURS_PER_YEAR} for y, h, n in yearly
        ],
        "training_required": AGENCY_TRAINING_HOURS_PER_YEAR,
    }
