"""Section 4 of the plan: relationships the subject develops, the checks and the decision."""

from __future__ import annotations

import datetime as dt

from pydantic import Field, model_validator

from .base import Id, LongText, Model, ShortText, new_id, raise_if, ui
from .enums import CheckResult, DisclosureDecision, DvdsRoute, RelationshipCheckType, RelationshipSource

__all__ = ["Relationship", "RelationshipCheck"]


class RelationshipCheck(Model):
    """One check run on a new relationship (PNC, ViSOR, children's social care...)."""

    check_type: RelationshipCheckType = Field(title="Check")
    checked_on: dt.date | None = Field(None, title="Date run")
    result: CheckResult = Field(CheckResult.PENDING, title="Result")
    notes: LongText = Field("", title="Notes")


class Relationship(Model):
    """A relationship the subject disclosed or that was discovered. Partner details are restricted."""

    id: Id = Field(default_factory=lambda: new_id("REL"), json_schema_extra=ui(hidden=True))
    partner_name: ShortText = Field(min_length=1, title="Partner's name",
                                    json_schema_extra=ui(restricted=True))
    started_on: dt.date | None = Field(None, title="Relationship started")
    source: RelationshipSource = Field(title="How it became known")
    known_on: dt.date = Field(title="Date it became known")
    children_in_household: bool = Field(False, title="Children in the partner's household")
    checks: list[RelationshipCheck] = Field(default_factory=list, title="Checks run")
    decision: DisclosureDecision = Field(DisclosureDecision.PENDING, title="Decision")
    dvds_route: DvdsRoute = Field(DvdsRoute.NONE, title="DVDS route")
    decision_maker: ShortText = Field("", title="Decision maker")
    decided_on: dt.date | None = Field(None, title="Date of decision")
    rationale: LongText = Field("", title="Rationale")
    disclosed_on: dt.date | None = Field(None, title="Date disclosed")
    disclosed_to: ShortText = Field("", title="Disclosed to", json_schema_extra=ui(restricted=True))
    disclosed_in_person: bool = Field(False, title="Disclosed in person")
    safeguarding_actions: LongText = Field("", title="Safeguarding actions")

    @model_validator(mode="after")
    def _decision(self) -> Relationship:
        problems = []
        decided = self.decision is not DisclosureDecision.PENDING
        if decided and not self.rationale:
            problems.append(("rationale", "Record the rationale for the decision."))
        if decided and not self.decision_maker:
            problems.append(("decision_maker", "Record who made the decision."))
        if decided and not self.decided_on:
            problems.append(("decided_on", "Record the date of the decision."))
        if self.decided_on and self.decided_on < self.known_on:
            problems.append(("decided_on", "The decision is dated before the relationship became known."))
        if self.disclosed_on and self.decision is not DisclosureDecision.DISCLOSE:
            problems.append(("disclosed_on", "A disclosure date needs the decision 'Disclose'."))
        if self.disclosed_on and self.decided_on and self.disclosed_on < self.decided_on:
            problems.append(("disclosed_on", "The disclosure is dated before the decision."))
        if self.disclosed_on and not self.disclosed_to:
            problems.append(("disclosed_to", "Record who the disclosure was made to."))
        raise_if(problems)
        return self
