"""Models of the station network that forms and filters choose through a searchable picker."""

from wulian.pickers import register

from .models import StaffMember, Station

register(Station, search=("name",), parent="region", order_by=("region__path", "tier"))
register(StaffMember, search=("name",), parent="region", order_by=("name", "pk"))
