"""Facts the store keeps about each stored version of a plan (not part of the document)."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel

from .enums import PlanStatus, RiskLevel

__all__ = ["SignOff", "VersionInfo"]


class SignOff(BaseModel):
    """Who signed a version off, in what role, when, and why."""

    username: str
    display_name: str
    role: str
    signed_at: dt.datetime  # timezone-aware, UTC in the store
    rationale: str = ""
    sha256: str


class VersionInfo(BaseModel):
    """One stored version of a subject's plan."""

    subject_id: str
    version: int
    status: PlanStatus
    author: str  # username
    author_name: str  # display name
    saved_at: dt.datetime  # timezone-aware
    sha256: str  # of the document's canonical JSON
    sign_off: SignOff | None = None
    risk_level: RiskLevel
    next_review_due: dt.date | None = None
