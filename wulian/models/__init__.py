from .access import AccessLog
from .attachments import Attachment, AttachmentKind, AttachmentsMixin
from .base import ScopedModel, ScopedQuerySet, ScopeRule
from .regions import Region
from .reports import ReportJob, ReportStatus
from .users import User

__all__ = ["AccessLog", "Attachment", "AttachmentKind", "AttachmentsMixin", "Region", "ReportJob", "ReportStatus", "ScopeRule", "ScopedModel", "ScopedQuerySet", "User"]
