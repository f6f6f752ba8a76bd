from django.db.models.signals import class_prepared

from wulian.validators import add_plausibility_validators

# Before any model of the portal is defined (the core's models load first): see wulian/validators.py.
class_prepared.connect(add_plausibility_validators, dispatch_uid="wulian-plausibility")

from .access import AccessLog  # noqa: E402
from .agency import Agency  # noqa: E402
from .attachments import Attachment, AttachmentKind, AttachmentsMixin  # noqa: E402
from .base import RemembersLoaded, ScopedModel, ScopedQuerySet, ScopeRule  # noqa: E402
from .notifications import Notification  # noqa: E402
from .regions import Region  # noqa: E402
from .reports import ReportJob, ReportSchedule, ReportStatus  # noqa: E402
from .sequences import Sequence, next_number  # noqa: E402
from .security import ApiToken, AuditArchive, AuditEvent, PasswordHistory, TOTPDevice, TwoFactorPolicy  # noqa: E402
from .summaries import AttainmentFigure, AttainmentStatus, DashboardFigure, SummaryRefresh  # noqa: E402
from .targets import (  # noqa: E402
    LeadingGroupMember,
    Phase,
    PolicyProfile,
    ProfileRegion,
    Target,
    TargetReport,
)
from .transitions import StateChange  # noqa: E402
from .users import User  # noqa: E402

__all__ = [
    "AccessLog", "Agency", "Attachment", "AttachmentKind", "AttachmentsMixin", "Notification", "Region", "ReportJob", "ReportSchedule", "ReportStatus", "RemembersLoaded", "ScopeRule", "ScopedModel",
    "ScopedQuerySet", "Sequence", "StateChange", "User", "next_number",
    "LeadingGroupMember", "Phase", "PolicyProfile", "ProfileRegion", "Target", "TargetReport",
    "AttainmentFigure", "AttainmentStatus", "DashboardFigure", "SummaryRefresh",
    "ApiToken", "AuditArchive", "AuditEvent", "PasswordHistory", "TOTPDevice", "TwoFactorPolicy",
]
