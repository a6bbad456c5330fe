"""The data model: one module per aggregate, all imported here for Alembic."""

from quiz.models.activity import ACTIVITY_KINDS, NETWORKS, OfflineActivity, SocialLink
from quiz.models.attempt import Answer, Attempt
from quiz.models.challenge import Challenge
from quiz.models.dashboard import (
    ANY_BAND,
    DashActivity,
    DashDay,
    DashDirty,
    DashItem,
    DashItemDistrict,
    DashLive,
    DashMask,
    DashTheme,
    DashWatermark,
)
from quiz.models.geo import District, Region, School
from quiz.models.klass import Assignment, Klass, band_of_grade
from quiz.models.live import LiveSession, PaperSession, PaperTally
from quiz.models.participant import Participant
from quiz.models.rollup import RollupClass, RollupSolo, RollupTaker
from quiz.models.user import ROLES, ApiToken, StaffSession, User

__all__ = [
    "ANY_BAND",
    "DashActivity",
    "DashDay",
    "DashDirty",
    "DashItem",
    "DashItemDistrict",
    "DashLive",
    "DashMask",
    "DashTheme",
    "DashWatermark",
    "ACTIVITY_KINDS",
    "NETWORKS",
    "ROLES",
    "Answer",
    "ApiToken",
    "Assignment",
    "Attempt",
    "Challenge",
    "District",
    "Klass",
    "LiveSession",
    "OfflineActivity",
    "PaperSession",
    "PaperTally",
    "Participant",
    "Region",
    "RollupClass",
    "RollupSolo",
    "RollupTaker",
    "School",
    "SocialLink",
    "StaffSession",
    "User",
    "band_of_grade",
]
