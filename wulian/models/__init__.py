from .access import AccessLog
from .base import ScopedModel, ScopedQuerySet, ScopeRule
from .regions import Region
from .reports import ReportJob, ReportStatus
from .transitions import StateChange
from .users import User

__all__ = ["AccessLog", "Region", "ReportJob", "ReportStatus", "ScopeRule", "ScopedModel", "ScopedQuerySet", "StateChange", "User"]
