from .access import AccessLog
from .agency import Agency
from .base import ScopedModel, ScopedQuerySet, ScopeRule
from .notifications import Notification
from .regions import Region
from .reports import ReportJob, ReportStatus
from .users import User

__all__ = [
    "AccessLog", "Agency", "Notification", "Region", "ReportJob", "ReportStatus", "ScopeRule", "ScopedModel",
    "ScopedQuerySet", "User",
]
