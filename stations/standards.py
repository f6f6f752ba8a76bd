"""The station standards of 眉县 “五社联动” 2022 (seed 000 §三.一): the one place that says what a station needs.

One dict per tier, with the clause it comes from. A later issue moves these figures to the database
(``PolicyProfile``/``Target``); until then every check, list filter and report reads them from here.
"""

from decimal import Decimal

from .choices import Equipment, Post, Room, StationTier

STANDARDS: dict[str, dict] = {
    StationTier.COUNTY_HUB: {
        "clause": "眉县“五社联动”实施方案 三.（一）.1",
        "min_office_area": Decimal("100"),
        "rooms": [],
        "equipment": [Equipment.DESKS, Equipment.COMPUTERS, Equipment.PRINTERS, Equipment.CABINETS],
        "min_resident_staff": 3,
        "min_professional_social_workers": 2,
    },
    StationTier.TOWN_STATION: {
        "clause": "眉县“五社联动”实施方案 三.（一）.2",
        "min_office_area": Decimal("60"),
        "rooms": [Room.OFFICE, Room.CASE, Room.GROUP, Room.MEETING],
        "equipment": [],
        "min_resident_staff": 3,
        "min_professional_social_workers": 1,
    },
    StationTier.COMMUNITY_ROOM: {
        "clause": "眉县“五社联动”实施方案 三.（一）.3",
        "min_office_area": Decimal("30"),
        "rooms": [Room.CASE, Room.GROUP],
        "equipment": [],
        "min_resident_staff": 0,
        "min_professional_social_workers": 0,
    },
}

# Posts that count as resident staff (驻站人员) of a station; professional social workers are counted
# among them (“配备驻站社区专职工作人员不少于3人，其中，专业社工不少于…”).
RESIDENT_POSTS = [Post.RESIDENT_WORKER, Post.SOCIAL_WORKER]

# Class hours of training a social work agency should receive each year (seed 000 §三.（二）.2).
AGENCY_TRAINING_HOURS_PER_YEAR = Decimal("48")
AGENCY_TRAINING_CLAUSE = "眉县“五社联动”实施方案 三.（二）.2"
