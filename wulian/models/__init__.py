from .access import AccessLog
from .agency import Agency
from .base import ScopedModel, ScopedQuerySet, ScopeRule
from .regions import Region
from .reports import ReportJob, ReportStatus
from .users import User

__all__ = [
    "AccessLog", "Agency", "Region", "ReportJob", "ReportStatus", "ScopeRule", "ScopedModel", "ScopedQuerySet", "User",
]
