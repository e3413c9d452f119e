"""Reviews, visits and breaches: the case history kept beside the plan's versions."""

from __future__ import annotations

import datetime as dt

from pydantic import Field, model_validator

from .base import Id, LongText, Model, ShortText, new_id, raise_if, ui
from .enums import BreachOutcome, ReviewOutcome, ReviewTrigger, Team, VisitOutcome, VisitType

__all__ = ["Breach", "CaseHistory", "Review", "Visit"]


class Review(Model):
    """A compliance review of the plan."""

    id: Id = Field(default_factory=lambda: new_id("REV"), json_schema_extra=ui(hidden=True))
    due_on: dt.date = Field(title="Due")
    completed_on: dt.date | None = Field(None, title="Completed")
    reviewer: ShortText = Field("", title="Reviewer")
    trigger: ReviewTrigger = Field(ReviewTrigger.SCHEDULED, title="Trigger")
    outcome: ReviewOutcome | None = Field(None, title="Outcome")
    next_review_due: dt.date | None = Field(None, title="Next review due")
    notes: LongText = Field("", title="Notes")

    @model_validator(mode="after")
    def _done(self) -> Review:
        problems = []
        if self.completed_on and self.outcome is None:
            problems.append(("outcome", "A completed review needs an outcome."))
        if self.next_review_due and self.completed_on and self.next_review_due <= self.completed_on:
            problems.append(("next_review_due", "The next review must be after this one."))
        raise_if(problems)
        return self


class Visit(Model):
    """A planned or completed visit to the subject."""

    id: Id = Field(default_factory=lambda: new_id("VIS"), json_schema_extra=ui(hidden=True))
    planned_on: dt.date = Field(title="Planned for")
    visited_at: dt.datetime | None = Field(None, title="Visited at")
    visit_type: VisitType = Field(VisitType.UNANNOUNCED, title="Type")
    team: Team = Field(Team.ANCILLARY_ORDER_UNIT, title="Team")
    officer: ShortText = Field("", title="Officer")
    outcome: VisitOutcome | None = Field(None, title="Outcome")
    notes: LongText = Field("", title="Notes")

    @model_validator(mode="after")
    def _done(self) -> Visit:
        if self.visited_at and self.outcome is None:
            raise_if([("outcome", "A visit that took place needs an outcome.")])
        return self


class Breach(Model):
    """A breach (or suspected breach) of an order's condition."""

    id: Id = Field(default_factory=lambda: new_id("BRE"), json_schema_extra=ui(hidden=True))
    order_id: Id = Field(title="Order")
    condition_id: Id | None = Field(None, title="Condition contravened")
    occurred_on: dt.date = Field(title="Date of breach")
    crime_reference: ShortText = Field("", title="Crime reference")
    outcome: BreachOutcome = Field(BreachOutcome.UNDER_INVESTIGATION, title="Outcome")
    notes: LongText = Field("", title="Notes")


class CaseHistory(Model):
    """Everything that happened on the case, newest last."""

    reviews: list[Review] = Field(default_factory=list, title="Reviews")
    visits: list[Visit] = Field(default_factory=list, title="Visits")
    breaches: list[Breach] = Field(default_factory=list, title="Breaches")
