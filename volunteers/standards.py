"""Volunteer targets in one place (淮南三社联动, seed 004 §二.2).

“所辖社区志愿者注册率不低于16%，每年开展志愿服务活动不少于10个，注册志愿者参与志愿服务活动比率不低于10%”.
"""

from decimal import Decimal

REGISTRATION_RATE_MIN = Decimal("0.16")  # registered volunteers / resident population
PARTICIPATION_RATE_MIN = Decimal("0.10")  # volunteers with ≥1 confirmed activity in the year / registered
ACTIVITIES_PER_YEAR_MIN = 10  # per community, a year
SOURCE = "淮府办〔2020〕8号 二.2"

# Self check-in opens this long before an activity starts; check-out is accepted this long after it ends.
CHECK_IN_OPENS_BEFORE_MINUTES = 30
CHECK_OUT_GRACE_MINUTES = 120
MAX_HOURS_PER_RECORD = Decimal("24")
