"""Content negotiation of the API, kept apart from ``wulian.api`` (DRF imports it while building APIView)."""

from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import BrowsableAPIRenderer


class StaffBrowsableNegotiation(DefaultContentNegotiation):
    """The browsable (HTML) API is for staff accounts; everyone else gets JSON whatever they ask for."""

    def select_renderer(self, request, renderers, format_suffix=None):
        user = getattr(request, "user", None)
        if not (user is not None and user.is_authenticated and (user.is_staff or user.is_superuser)):
            renderers = [r for r in renderers if not isinstance(r, BrowsableAPIRenderer)] or renderers
        return super().select_renderer(request, renderers, format_suffix)
