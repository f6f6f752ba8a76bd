"""Models of the funding app that forms choose through a searchable picker (charity resources)."""

from wulian.pickers import register

from .models import CommunityFund, Fundraising, GoodsLot, Supermarket

register(CommunityFund, search=("name",), order_by=("name",))
register(Fundraising, search=("title", "record_number"), order_by=("-starts_on", "pk"))
register(Supermarket, search=("name",), order_by=("name",))
register(GoodsLot, search=("number", "item"), order_by=("-received_on", "-pk"))
