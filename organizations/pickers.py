"""Organisations that forms and filters choose through a searchable picker."""

from wulian.pickers import register

from .models import Agency, SocialOrganization

register(Agency, search=("name", "credit_code"), order_by=("name",))
register(SocialOrganization, search=("name",), parent="region", order_by=("region__path", "name"))
