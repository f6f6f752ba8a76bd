from .access import AccessLog
from .base import ScopedModel, ScopedQuerySet, ScopeRule
from .regions import Region
from .users import User

__all__ = ["AccessLog", "Region", "ScopeRule", "ScopedModel", "ScopedQuerySet", "User"]
