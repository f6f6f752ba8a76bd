"""Models of the station network that forms and filters choose through a searchable picker."""

from wulian.pickers import register

from .models import StaffMember, Station

def _station_labels(stations):
    # A station's (unique) name already says where it is (滨河社区社工室); the region only helps the search.
    return [station.name for station in stations]


register(Station, search=("name",), parent="region", order_by=("region__path", "tier"), label=_station_labels)
register(StaffMember, search=("name",), parent="region", order_by=("name", "pk"))
